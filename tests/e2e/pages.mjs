// The pages under test and the browser they are opened in; shared by the tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

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
