// The pages under test and the browser they are opened in; shared by the tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** name → path of the built page, from the directory `run` built them into. */
export function pageFiles() {
  const dir = process.env.E2E_PAGES;
  assert.ok(dir, 'E2E_PAGES is not set: run tests/e2e/run, which builds the pages');
  const files = {
    umea: path.join(dir, 'umea-handlingsplan-mot-vald.html'),
    en: path.join(dir, 'example-en.html'),
    injection: path.join(dir, 'injection.html'),
    compared: path.join(dir, 'umea-handlingsplan-mot-vald.changes.html'),
  };
  for (const f of Object.values(files)) assert.ok(fs.existsSync(f), `missing page ${f}`);
  return files;
}

/** name → path of the built follow-up reports (`actionplan report`), from the same directory. */
export function reportFiles() {
  const dir = process.env.E2E_PAGES;
  assert.ok(dir, 'E2E_PAGES is not set: run tests/e2e/run, which builds the pages');
  const files = {
    'report-umea': path.join(dir, 'umea-handlingsplan-mot-vald-followup-2020-02-25.html'),
    'report-umea-first': path.join(dir, 'umea-handlingsplan-mot-vald-followup-2019-02-26.html'),
    'report-en': path.join(dir, 'example-en-followup-2026-02-27.html'),
  };
  for (const f of Object.values(files)) assert.ok(fs.existsSync(f), `missing page ${f}`);
  return files;
}

export const screenshotDir = process.env.E2E_SCREENSHOTS || path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** A fresh Chromium profile; the context records what every page does. */
export async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'actionplan-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Nothing may leave the machine: anything but file: is recorded by the
  // page listeners below and aborted here.
  await context.route((url) => url.protocol !== 'file:', (route) => route.abort());
  // Count Content-Security-Policy violations (a style="" or an injected script would be one).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
    });
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `file` in a new page; `log` collects requests, console errors, page errors, dialogs. */
export async function open(context, file, { width = 1280, height = 900, javaScript = true, hash = '' } = {}) {
  const page = await context.newPage();
  const log = { requests: [], console: [], errors: [], dialogs: [] };
  page.on('request', (r) => { if (!r.url().startsWith('file:')) log.requests.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') log.console.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => { log.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  await page.setViewportSize({ width, height });
  if (!javaScript) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  }
  await page.goto(pathToFileURL(file).href + hash, { waitUntil: 'load' });
  return { page, log };
}

/** Asserts that the page did nothing it should not. */
export async function assertQuiet(page, log) {
  const csp = await page.evaluate(() => window.__cspViolations || []);
  assert.deepEqual(log.requests, [], 'requests to outside the file');
  assert.deepEqual(log.console, [], 'console errors');
  assert.deepEqual(log.errors, [], 'page errors');
  assert.deepEqual(log.dialogs, [], 'dialogs');
  assert.deepEqual(csp, [], 'Content-Security-Policy violations');
}

/** axe-core on the page as it is; returns readable violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not
  // govern (a <script> tag would be refused, as it should be).
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

/** What sticks out of the page sideways (not counting what scrolls in a box of its own). */
export function overflow(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        // only elements that stick out of the page, not those inside a scroll container
        let p = e.parentElement;
        while (p && p !== document.body) {
          const s = getComputedStyle(p);
          if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') return false;
          p = p.parentElement;
        }
        return r.right > document.documentElement.clientWidth + 1 && e.checkVisibility();
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
}

/** The site `run` built with `actionplan site`: its folder and its index. */
export function siteFiles() {
  const dir = path.join(process.env.E2E_PAGES || '', 'site');
  const index = path.join(dir, 'index.html');
  assert.ok(fs.existsSync(index), `missing site index ${index}`);
  return { dir, index };
}
