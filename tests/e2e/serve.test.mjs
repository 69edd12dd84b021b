// `actionplan serve` in a real browser: the page reloads by itself after an
// edit and keeps the reader's place; axe-core and vnu are clean on the served
// page with and without the error overlay, and on the page of a plan that
// never built. The only requests allowed go to the server itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = process.env.ACTIONPLAN;
const PLAN = path.join(root, 'plans/umea-handlingsplan-mot-vald.yaml');
const OVERLAY = 'section.ap-live-errors';

/** Polls `check` every 50 ms until it is truthy, for at most 20 s. */
async function eventually(what, check) {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() - start < 20000, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The plan in a folder of its own, served on a free port. */
async function serve(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionplan-serve-'));
  const plan = path.join(dir, 'plan.yaml');
  fs.writeFileSync(plan, text);
  const child = spawn(binary, ['serve', '--port', '0', '--today', '2018-09-01', 'plan.yaml'],
    { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await eventually('the server address', () => stderr.match(/at (http:\/\/[^ ]+\/)/)?.[1]);
  return {
    url,
    plan,
    write: (t) => fs.writeFileSync(plan, t),
    stop() { child.kill('SIGINT'); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

const original = fs.readFileSync(PLAN, 'utf8');
const retitled = (title) => original.replace(/^ {2}title: .*$/m, `  title: ${title}`);
const broken = `${original}\n"<b>oops</b>": 1\n`;

async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

/** Leaves the page first: closing it while its event stream is open can hang. */
async function closePage(page) {
  await page.waitForLoadState('load').catch(() => {});
  await page.goto('about:blank').catch(() => page.goto('about:blank'));
  await page.close();
}

let context;
let profile;
before(async () => {
  assert.ok(binary, 'ACTIONPLAN is not set: run tests/e2e/run');
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'actionplan-e2e-serve-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  // Only the preview server (loopback) may be reached.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
    });
  });
});
after(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('serve', () => {
  test('the page reloads by itself after an edit and keeps the reader\'s place', async () => {
    const server = await serve(original);
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url, { waitUntil: 'load' });
      await eventually('the plan', () => page.evaluate(() => document.title.includes('Handlingsplan mot våld')).catch(() => false));
      // Wait for the event stream, then mark this document and scroll down.
      await page.waitForLoadState('networkidle').catch(() => {});
      await page.evaluate(() => { window.__before = true; window.scrollTo(0, 1500); });
      const y = await page.evaluate(() => window.scrollY);
      assert.ok(y > 1000, `scrolled to ${y}`);

      server.write(retitled('Handlingsplan, omskriven'));
      await eventually('the reloaded page', () => page.evaluate(
        () => !window.__before && document.title.includes('omskriven')).catch(() => false));
      const after = await page.evaluate(() => window.scrollY);
      assert.ok(Math.abs(after - y) < 50, `scroll position ${y} became ${after}`);
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      assert.deepEqual(errors, [], 'page errors');
      await closePage(page);
    } finally {
      server.stop();
    }
  });

  test('axe-core and vnu: clean with and without the error overlay', async () => {
    const server = await serve(original);
    const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'actionplan-served-'));
    try {
      const page = await context.newPage();
      await page.goto(server.url, { waitUntil: 'load' });
      await eventually('the plan', () => page.evaluate(() => document.title.includes('Handlingsplan')).catch(() => false));
      assert.equal(await page.locator(OVERLAY).count(), 0);
      let violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      fs.writeFileSync(path.join(saved, 'served.html'), await (await fetch(server.url)).text());

      server.write(broken);
      await eventually('the overlay', () => page.locator(OVERLAY).count().catch(() => 0));
      const overlay = await page.locator(OVERLAY).innerText();
      assert.match(overlay, /E003/);
      assert.match(overlay, /plan\.yaml:\d+:1/);
      assert.match(overlay, /<b>oops<\/b>/, 'the key is shown as text');
      assert.equal(await page.locator(`${OVERLAY} b`).count(), 0, 'and not as markup');
      violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      fs.writeFileSync(path.join(saved, 'served-errors.html'), await (await fetch(server.url)).text());

      server.write(original);
      await eventually('the overlay to go', () => page.evaluate((overlay) => document.readyState === 'complete'
        && document.title.includes('Handlingsplan') && !document.querySelector(overlay), OVERLAY).catch(() => false));
      await closePage(page);
    } finally {
      server.stop();
    }

    // A plan that never built: a page of our own.
    const never = await serve(broken);
    try {
      const page = await context.newPage();
      await page.goto(never.url, { waitUntil: 'load' });
      await eventually('the overlay', () => page.locator(OVERLAY).count().catch(() => 0));
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      fs.writeFileSync(path.join(saved, 'never-built.html'), await (await fetch(never.url)).text());
      await closePage(page);
    } finally {
      never.stop();
    }

    const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
    const files = fs.readdirSync(saved).map((f) => path.join(saved, f));
    const run = spawnSync('java', ['-jar', jar, '--errors-only', ...files], { encoding: 'utf8' });
    const report = `${run.stdout}${run.stderr}`.trim();
    fs.rmSync(saved, { recursive: true, force: true });
    assert.equal(run.status, 0, `vnu found errors:\n${report}`);
  });
});
