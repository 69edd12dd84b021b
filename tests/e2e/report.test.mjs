// The follow-up report's page (`actionplan report`) in a real browser:
// loads quietly, axe-core at desktop and phone width, every chart an image
// with a text alternative followed by the table of its values, no
// horizontal scroll down to 320 px, screenshots at 1280 and 360 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertQuiet, axe, launch, open, overflow, reportFiles, screenshotDir } from './pages.mjs';

const files = reportFiles();

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [name, file] of Object.entries(files)) {
  describe(`page ${name}`, () => {
    test('loads quietly, with no script and one style element', async () => {
      const { page, log } = await open(browser.context, file);
      const facts = await page.evaluate(() => ({
        scripts: document.scripts.length,
        styles: document.querySelectorAll('style').length,
        styleAttributes: document.querySelectorAll('[style]').length,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
        landmarks: ['header', 'nav', 'main', 'footer'].map((t) => document.querySelectorAll(t).length),
        h1: document.querySelectorAll('h1').length,
      }));
      await assertQuiet(page, log);
      assert.deepEqual(facts.scripts, 0);
      assert.equal(facts.styles, 1);
      assert.equal(facts.styleAttributes, 0);
      assert.match(facts.csp, /script-src 'none'/);
      assert.deepEqual(facts.landmarks, [1, 1, 1, 1]);
      assert.equal(facts.h1, 1);
      await page.close();
    });

    test('axe-core: no WCAG 2.1 A/AA violations', async () => {
      const { page, log } = await open(browser.context, file);
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      await assertQuiet(page, log);
      await page.close();
    });

    test('every chart has a text alternative and a table of its values', async () => {
      const { page } = await open(browser.context, file);
      const charts = await page.evaluate(() => [...document.querySelectorAll('svg.line-chart')].map((svg) => {
        const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
        const named = ids.map((id) => document.getElementById(id)?.textContent.trim() ?? '');
        const box = svg.closest('.indicator-report');
        const table = box?.querySelector('table');
        return {
          role: svg.getAttribute('role'),
          named: named.length === 2 && named.every((t) => t.length > 0),
          values: svg.querySelectorAll('text.value').length,
          rows: table ? table.querySelectorAll('tbody tr').length : 0,
          caption: table?.querySelector('caption')?.textContent.trim() ?? '',
        };
      }));
      assert.ok(charts.length > 0, 'no chart');
      for (const c of charts) {
        assert.equal(c.role, 'img');
        assert.ok(c.named, 'a chart without a title and description');
        assert.ok(c.caption.length > 0, 'a values table without a caption');
        // the table has every point of the chart (and the target)
        assert.ok(c.rows >= c.values, `table rows ${c.rows} < values drawn ${c.values}`);
      }
      // the status chart: bars are decoration beside the numbers
      const bars = await page.evaluate(() => [...document.querySelectorAll('.status-table svg')].every((s) => s.getAttribute('aria-hidden') === 'true'));
      assert.ok(bars);
      await page.close();
    });

    for (const width of [1280, 360, 320]) {
      test(`no horizontal scroll at ${width} px`, async () => {
        const { page, log } = await open(browser.context, file, { width, height: 900 });
        const o = await overflow(page);
        assert.ok(o.scrollWidth <= o.clientWidth, `page overflows: ${JSON.stringify(o)}`);
        if (width !== 320) {
          await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true });
        }
        if (width < 640) {
          const violations = await axe(page);
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        }
        await assertQuiet(page, log);
        await page.close();
      });
    }
  });
}
