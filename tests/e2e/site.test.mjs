// The site index (`actionplan site`) in a real browser: quiet and
// accessible, every link resolving to a file of the site, no horizontal
// scroll down to 320 px, the invalid plan listed, and the search, filters and
// sorting working (and the page complete without JavaScript).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertQuiet, axe, launch, open, overflow, screenshotDir, siteFiles } from './pages.mjs';

const site = siteFiles();

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The plan rows as the reader sees them, in the order shown. */
function rows(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('tr[data-search]')];
    return {
      total: all.length,
      visible: all.filter((r) => r.checkVisibility()).map((r) => ({
        title: r.querySelector('th').textContent.trim().split('\n')[0],
        owner: r.dataset.owner,
        status: r.dataset.status,
        overdue: r.hasAttribute('data-overdue'),
        search: r.dataset.search,
        ranks: { title: Number(r.dataset.rankTitle), status: Number(r.dataset.rankStatus) },
      })),
      groups: [...document.querySelectorAll('#plans tbody')].filter((t) => t.checkVisibility())
        .map((t) => t.querySelector('.group-row th')?.textContent ?? null),
      announced: document.getElementById('filter-count').textContent,
      noMatch: document.getElementById('no-match').checkVisibility(),
    };
  });
}

describe('site index', () => {
  test('loads quietly: no outside request, error or CSP violation; our script ran', async () => {
    const { page, log } = await open(browser.context, site.index);
    const facts = await page.evaluate(() => ({
      scripts: document.scripts.length,
      styles: document.querySelectorAll('style').length,
      styleAttributes: document.querySelectorAll('[style]').length,
      formShown: !document.getElementById('filter').hidden,
      lang: document.documentElement.lang,
      landmarks: ['header', 'main', 'footer'].map((t) => document.querySelectorAll(t).length),
      h1: document.querySelectorAll('h1').length,
      loads: document.querySelectorAll('link, img, iframe, object, embed, video, audio, source').length,
      csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
    }));
    await assertQuiet(page, log);
    assert.deepEqual(facts, {
      scripts: 1, styles: 1, styleAttributes: 0, formShown: true, lang: 'sv-SE',
      landmarks: [1, 1, 1], h1: 1, loads: 0, csp: facts.csp,
    });
    assert.match(facts.csp, /default-src 'none'/);
    await page.close();
  });

  test('axe-core: no WCAG 2.1 A/AA violations, as loaded, filtered and sorted', async () => {
    const { page, log } = await open(browser.context, site.index);
    assert.deepEqual(await axe(page), []);
    await page.fill('#filter-q', 'plan');
    await page.selectOption('#filter-sort', 'status');
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
    await assertQuiet(page, log);
    await page.close();
  });

  test('every link resolves to a file of the site', async () => {
    const { page, log } = await open(browser.context, site.index);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => ({ raw: a.getAttribute('href'), url: a.href })));
    const files = hrefs.filter((h) => !h.raw.startsWith('#'));
    // four plans built (the examples, the one in kultur/, the hostile one): title, page, PDF, json, csv, ics each
    assert.equal(files.length, 24, JSON.stringify(files));
    for (const { raw, url } of files) {
      assert.ok(url.startsWith('file:'), `${raw} stays on the site`);
      const file = fileURLToPath(url);
      assert.ok(file.startsWith(site.dir + path.sep), `${raw} stays in the site's folder`);
      assert.ok(fs.existsSync(file) && fs.statSync(file).isFile(), `${raw} resolves to a file`);
    }
    assert.ok(files.some((f) => f.raw.startsWith('kultur/') && f.raw.includes('%C3%A5')), 'a plan in a subfolder, with å');
    await assertQuiet(page, log);
    await page.close();
  });

  test('the invalid plan is listed with its errors; the overdue plan is marked in words', async () => {
    const { page, log } = await open(browser.context, site.index);
    const st = await page.evaluate(() => ({
      notBuilt: document.querySelector('.not-built')?.innerText ?? '',
      overdueRows: document.querySelectorAll('tr[data-overdue]').length,
      marks: [...document.querySelectorAll('.overdue')].map((e) => [e.textContent, e.closest('tr').hasAttribute('data-overdue')]),
      titles: [...document.querySelectorAll('tr[data-search] th a')].map((a) => a.textContent),
    }));
    assert.match(st.notBuilt, /broken-plan\.yaml/);
    assert.match(st.notBuilt, /2 fel/);
    assert.match(st.notBuilt, /E107 rad 11, kolumn 10: no body with id `tn` is declared/);
    assert.ok(st.overdueRows > 0);
    assert.deepEqual(st.marks, Array(st.overdueRows).fill(['Revidering försenad', true]), 'a mark in words on every overdue row, and only there');
    assert.ok(!st.titles.some((t) => /Trafiksäkerhet/.test(t)), 'the invalid plan has no row');
    // the hostile plan's title is text, not markup
    assert.ok(st.titles.some((t) => t.startsWith('<script>alert(1)</script> Plan <img src=x onerror=alert(1)>')), JSON.stringify(st.titles));
    await assertQuiet(page, log);
    await page.close();
  });

  test('search, filters and sorting; reset shows all', async () => {
    const { page, log } = await open(browser.context, site.index);
    const start = await rows(page);
    assert.equal(start.visible.length, start.total);
    assert.ok(start.total >= 4);
    assert.equal(start.announced, '');

    // search: every word must occur, any case
    await page.fill('#filter-q', 'VÅLD handlingsplan');
    let st = await rows(page);
    const expected = start.visible.filter((r) => r.search.includes('våld') && r.search.includes('handlingsplan'));
    assert.ok(expected.length > 0 && expected.length < start.total);
    assert.deepEqual(st.visible.map((r) => r.title), expected.map((r) => r.title));
    assert.match(st.announced, new RegExp(`Visar ${expected.length} av ${start.total} styrdokument`));
    await page.fill('#filter-q', 'ingenting-som-finns');
    st = await rows(page);
    assert.equal(st.visible.length, 0);
    assert.ok(st.noMatch, 'says that nothing matches');
    assert.deepEqual(st.groups, [], 'no empty group heading left');
    await page.click('#filter button[type="reset"]');
    await page.waitForFunction(() => document.getElementById('filter-q').value === '' &&
      [...document.querySelectorAll('tr[data-search]')].every((r) => !r.hidden));

    // owner
    const owners = await page.$$eval('#filter-owner option', (os) => os.map((o) => o.value).filter(Boolean));
    for (const owner of owners) {
      await page.selectOption('#filter-owner', owner);
      st = await rows(page);
      assert.deepEqual(st.visible.map((r) => r.title), start.visible.filter((r) => r.owner === owner).map((r) => r.title));
      assert.deepEqual(st.groups, [owner]);
    }
    await page.selectOption('#filter-owner', '');

    // status
    const statuses = await page.$$eval('#filter-status option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(statuses.length >= 2);
    for (const status of statuses) {
      await page.selectOption('#filter-status', status);
      st = await rows(page);
      assert.deepEqual(st.visible.map((r) => r.title), start.visible.filter((r) => r.status === status).map((r) => r.title));
    }
    await page.selectOption('#filter-status', '');

    // only overdue revisions
    await page.check('#filter-overdue');
    st = await rows(page);
    assert.ok(st.visible.length > 0 && st.visible.every((r) => r.overdue));
    assert.equal(st.visible.length, start.visible.filter((r) => r.overdue).length);
    await page.uncheck('#filter-overdue');

    // sort by title: one list, in the computed order
    await page.selectOption('#filter-sort', 'title');
    st = await rows(page);
    assert.deepEqual(st.visible.map((r) => r.ranks.title), [...Array(start.total).keys()]);
    assert.deepEqual(st.groups, [null], 'no headings');
    // sort by status: grouped under the status's name
    await page.selectOption('#filter-sort', 'status');
    st = await rows(page);
    assert.deepEqual(st.visible.map((r) => r.ranks.status), [...Array(start.total).keys()]);
    assert.ok(st.groups.includes('Antagen') && st.groups.includes('Utkast'), JSON.stringify(st.groups));
    await page.screenshot({ path: path.join(screenshotDir, 'site-sorted-by-status.png'), fullPage: true });

    await page.click('#filter button[type="reset"]');
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-search]')]
      .every((r, i) => Number(r.dataset.rankOwner) === i && r.checkVisibility()));
    st = await rows(page);
    assert.deepEqual(st.visible.map((r) => r.title), start.visible.map((r) => r.title), 'back in the first order');
    await assertQuiet(page, log);
    await page.close();
  });

  test('without JavaScript every plan is shown, grouped by owner, and the form stays hidden', async () => {
    const { page } = await open(browser.context, site.index, { javaScript: false });
    const st = await page.evaluate(() => ({
      formHidden: document.getElementById('filter').hidden,
      hidden: document.querySelectorAll('tr[data-search][hidden]').length,
      rows: document.querySelectorAll('tr[data-search]').length,
      groups: [...document.querySelectorAll('#plans .group-row th')].map((th) => th.textContent),
      owners: [...new Set([...document.querySelectorAll('tr[data-search]')].map((r) => r.dataset.owner))],
    }));
    assert.equal(st.formHidden, true);
    assert.equal(st.hidden, 0);
    assert.ok(st.rows >= 4);
    assert.deepEqual(st.groups, st.owners, 'one heading per owner, rows together under it');
    await page.close();
  });

  for (const width of [1200, 360, 320]) {
    test(`no horizontal scroll at ${width} px`, async () => {
      const { page, log } = await open(browser.context, site.index, { width, height: 900 });
      const o = await overflow(page);
      assert.ok(o.scrollWidth <= o.clientWidth, `page overflows: ${JSON.stringify(o)}`);
      const boxes = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')]
        .filter((w) => w.scrollWidth > w.clientWidth + 1).length);
      assert.equal(boxes, 0, 'the table fits without scrolling sideways');
      if (width !== 320) {
        await page.screenshot({ path: path.join(screenshotDir, `site-${width}.png`), fullPage: true });
      } else {
        const violations = await axe(page);
        assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      }
      await assertQuiet(page, log);
      await page.close();
    });
  }
});
