// The HTML page in a real browser (Chromium through playwright-core):
// accessibility, no outside requests, filtering, anchors, layout at desktop
// and phone width, print media, and a plan full of hostile text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { assertQuiet, axe, launch, open, overflow, pageFiles, screenshotDir } from './pages.mjs';

const files = pageFiles();

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Measures as the reader sees them. */
function measureState(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('[data-responsible]')];
    const visible = all.filter((e) => e.checkVisibility());
    return {
      total: all.length,
      visible: visible.map((e) => ({ id: e.id, responsible: e.dataset.responsible, status: e.dataset.status })),
      all: all.map((e) => ({ id: e.id, responsible: e.dataset.responsible, status: e.dataset.status })),
      announced: document.getElementById('filter-count')?.textContent ?? null,
    };
  });
}

async function allShownAgain(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('[data-responsible]')].every((e) => e.checkVisibility()));
}


for (const [name, file] of Object.entries(files)) {
  describe(`page ${name}`, () => {
    test('loads quietly: no outside request, console error, page error, dialog or CSP violation', async () => {
      const { page, log } = await open(browser.context, file);
      const facts = await page.evaluate(() => ({
        scripts: document.scripts.length,
        styles: document.querySelectorAll('style').length,
        styleAttributes: document.querySelectorAll('[style]').length,
        filterShown: !document.getElementById('filter').hidden,
        lang: document.documentElement.lang,
        title: document.title,
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '',
        landmarks: ['header', 'nav', 'main', 'footer'].map((t) => document.querySelectorAll(t).length),
        h1: document.querySelectorAll('h1').length,
        links: [...document.querySelectorAll('link, img, iframe, object, embed, video, audio, source')].length,
      }));
      await assertQuiet(page, log);
      assert.equal(facts.scripts, 1, 'exactly one script element (ours)');
      assert.equal(facts.styles, 1, 'exactly one style element (ours)');
      assert.equal(facts.styleAttributes, 0, 'no style attributes');
      assert.ok(facts.filterShown, 'the script ran (its CSP hash matches) and showed the filter');
      assert.match(facts.lang, /^(sv|en)(-[A-Z]{2})?$/);
      assert.ok(facts.title.length > 0);
      assert.match(facts.csp, /default-src 'none'/);
      assert.deepEqual(facts.landmarks, [1, 1, 1, 1], 'one header, nav, main, footer');
      assert.equal(facts.h1, 1);
      assert.equal(facts.links, 0, 'no element that could load anything');
      await page.close();
    });

    test('axe-core: no WCAG 2.1 A/AA violations', async () => {
      const { page, log } = await open(browser.context, file);
      const violations = await axe(page);
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
      // and again with every <details> open and a filter applied
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const body = await page.$eval('#filter-responsible option:nth-child(2)', (o) => o.value);
      await page.selectOption('#filter-responsible', body);
      const violations2 = await axe(page);
      assert.deepEqual(violations2, [], JSON.stringify(violations2, null, 2));
      await assertQuiet(page, log);
      await page.close();
    });

    test('structure: skip link first, heading order, captions, header scopes, anchors', async () => {
      const { page, log } = await open(browser.context, file);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({
        className: document.activeElement.className,
        href: document.activeElement.getAttribute('href'),
        inView: (() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && r.width > 1; })(),
      }));
      assert.deepEqual(first, { className: 'skip-link', href: '#main', inView: true });
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), '#main');

      const s = await page.evaluate(() => {
        const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
        const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1).length;
        const tables = [...document.querySelectorAll('table:not(.md-table)')];
        const measures = [...document.querySelectorAll('article.measure')];
        return {
          firstLevel: levels[0],
          skips,
          tablesWithoutCaption: tables.filter((t) => !t.caption || !t.caption.textContent.trim()).length,
          headerCellsWithoutScope: [...document.querySelectorAll('th')].filter((th) => !th.hasAttribute('scope')).length,
          measures: measures.length,
          badMeasures: measures.filter((m) => {
            const link = m.querySelector('a.permalink');
            const id = m.id.replace(/^measure-/, '');
            return !/^measure-/.test(m.id) || !link || link.getAttribute('href') !== `#${m.id}` ||
              !link.textContent.includes(id) || !m.querySelector('.status');
          }).map((m) => m.id),
          goals: [...document.querySelectorAll('section.goal')].filter((g) => /^goal-/.test(g.id) &&
            g.querySelector(`a.permalink[href="#${CSS.escape(g.id)}"]`)).length,
          goalSections: document.querySelectorAll('section.goal').length,
          svg: (() => {
            const svg = document.querySelector('#timeline svg[role="img"]');
            return svg ? { title: !!svg.querySelector('title')?.textContent, labelled: svg.hasAttribute('aria-labelledby') } : null;
          })(),
          timelineTableRows: document.querySelectorAll('#timeline table tbody tr').length,
          timelineSvgRows: document.querySelectorAll('#timeline svg .tl-id').length,
        };
      });
      assert.equal(s.firstLevel, 1);
      assert.equal(s.skips, 0, 'no skipped heading level');
      assert.equal(s.tablesWithoutCaption, 0, 'every table of ours has a caption');
      assert.equal(s.headerCellsWithoutScope, 0, 'every th has scope');
      assert.ok(s.measures > 0);
      assert.deepEqual(s.badMeasures, [], 'measures with id, permalink and status text');
      assert.equal(s.goals, s.goalSections, 'every goal has an id and a permalink');
      assert.deepEqual(s.svg, { title: true, labelled: true });
      assert.equal(s.timelineTableRows, s.timelineSvgRows, 'the timeline has a text alternative row for every bar');
      assert.equal(s.timelineSvgRows, s.measures);
      await assertQuiet(page, log);
      await page.close();
    });

    test('filter by responsible body and by status; reset shows all', async () => {
      const { page, log } = await open(browser.context, file);
      const start = await measureState(page);
      assert.equal(start.visible.length, start.total, 'all measures shown at first');

      const bodies = await page.$$eval('#filter-responsible option', (os) => os.map((o) => o.value).filter(Boolean));
      assert.ok(bodies.length > 0);
      for (const body of bodies) {
        await page.selectOption('#filter-responsible', body);
        const st = await measureState(page);
        const expected = st.all.filter((m) => m.responsible === body).map((m) => m.id);
        assert.ok(expected.length > 0, `${body} is responsible for something`);
        assert.deepEqual(st.visible.map((m) => m.id), expected, `only ${body}'s measures are visible`);
        assert.match(st.announced, new RegExp(`\\b${expected.length}\\b.*\\b${st.total}\\b`), 'the live region says how many');
      }
      await page.click('#filter button[type="reset"]');
      await allShownAgain(page);

      const statuses = await page.$$eval('#filter-status option', (os) => os.map((o) => o.value).filter(Boolean));
      for (const status of statuses) {
        await page.selectOption('#filter-status', status);
        const st = await measureState(page);
        const expected = st.all.filter((m) => m.status === status).map((m) => m.id);
        assert.deepEqual(st.visible.map((m) => m.id), expected, `only ${status} measures are visible`);
      }
      // both at once
      await page.selectOption('#filter-status', statuses[0]);
      await page.selectOption('#filter-responsible', bodies[0]);
      const both = await measureState(page);
      assert.deepEqual(both.visible.map((m) => m.id),
        both.all.filter((m) => m.status === statuses[0] && m.responsible === bodies[0]).map((m) => m.id));
      // a goal left without visible measures says so
      const notes = await page.evaluate(() => [...document.querySelectorAll('.measures')].every((g) =>
        g.querySelector('.no-match').hidden === !![...g.querySelectorAll('[data-responsible]')].find((m) => !m.hidden)));
      assert.ok(notes, 'the "no measures" note follows the filter');

      await page.click('#filter button[type="reset"]');
      await allShownAgain(page);
      assert.equal(await page.$eval('#filter-responsible', (s) => s.value), '');

      // following a link to a measure that the filter hides shows it
      const target = both.all.find((m) => m.responsible !== bodies[0]);
      if (target) {
        await page.selectOption('#filter-responsible', bodies[0]);
        await page.evaluate((id) => { location.hash = `#${id}`; }, target.id);
        await page.waitForFunction((id) => document.getElementById(id).checkVisibility(), target.id);
      }
      await assertQuiet(page, log);
      await page.close();
    });

    test('without JavaScript every measure is shown and the filter stays hidden', async () => {
      const { page } = await open(browser.context, file, { javaScript: false });
      const st = await page.evaluate(() => ({
        filterHidden: document.getElementById('filter').hidden,
        hiddenMeasures: document.querySelectorAll('[data-responsible][hidden]').length,
        measures: document.querySelectorAll('[data-responsible]').length,
      }));
      assert.deepEqual(st, { filterHidden: true, hiddenMeasures: 0, measures: st.measures });
      await page.close();
    });

    // 375: a common phone; 360: the narrowest we promise; 320: WCAG 2.1 reflow.
    for (const width of [1280, 375, 360, 320]) {
      test(`no horizontal scroll at ${width} px`, async () => {
        const { page, log } = await open(browser.context, file, { width, height: 900 });
        const closed = await overflow(page);
        assert.ok(closed.scrollWidth <= closed.clientWidth, `page overflows: ${JSON.stringify(closed)}`);
        if (width === 1280 || width === 375) {
          await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true });
        }
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
        const open_ = await overflow(page);
        assert.ok(open_.scrollWidth <= open_.clientWidth, `page overflows with details open: ${JSON.stringify(open_)}`);
        // a table box that scrolls is a tab stop, so keyboard users can scroll it
        await page.waitForTimeout(100);
        const unreachable = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')]
          .filter((w) => w.checkVisibility() && w.scrollWidth > w.clientWidth + 1 && w.tabIndex !== 0)
          .map((w) => w.querySelector('caption')?.textContent ?? w.className));
        assert.deepEqual(unreachable, []);
        if (width < 640) {
          const violations = await axe(page);
          assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
        }
        await assertQuiet(page, log);
        await page.close();
      });
    }

    test('print: no navigation, filter or link buttons; every measure shown; screenshot', async () => {
      const { page, log } = await open(browser.context, file, { width: 794, height: 1123 });
      // a filter left on must not hide measures on paper
      const body = await page.$eval('#filter-responsible option:nth-child(2)', (o) => o.value);
      await page.selectOption('#filter-responsible', body);
      await page.emulateMedia({ media: 'print' });
      const st = await page.evaluate(() => ({
        nav: getComputedStyle(document.querySelector('nav')).display,
        filter: getComputedStyle(document.getElementById('filter')).display,
        permalinks: [...document.querySelectorAll('.permalink')].filter((a) => a.checkVisibility()).length,
        skip: getComputedStyle(document.querySelector('.skip-link')).display,
        hiddenMeasures: [...document.querySelectorAll('[data-responsible]')].filter((m) => !m.checkVisibility()).length,
        breakInside: getComputedStyle(document.querySelector('article.measure')).breakInside,
      }));
      assert.deepEqual(st, { nav: 'none', filter: 'none', permalinks: 0, skip: 'none', hiddenMeasures: 0, breakInside: 'avoid' });
      await page.screenshot({ path: path.join(screenshotDir, `${name}-print.png`), fullPage: true });
      await assertQuiet(page, log);
      await page.close();
    });
  });
}

describe('hostile plan', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '" onmouseover="alert(1)',
    '</style>',
    '</script>',
    '{{ 7*7 }}',
    '{% raw %}',
    '#set page(width: 1pt)',
    '$x$',
    '@ref',
    '<label>',
    '] \\ //',
  ];

  test('shows every hostile string as text and runs none of it', async () => {
    const { page, log } = await open(browser.context, files.injection);
    // give any injected handler a chance to fire
    await page.mouse.move(200, 200);
    await page.mouse.move(600, 400);
    for (const h of await page.$$('h1, h2, h3, h4, .measure-title')) await h.hover().catch(() => {});
    const st = await page.evaluate(() => {
      const attrs = [];
      for (const e of document.querySelectorAll('*')) {
        for (const a of e.attributes) if (/^on/i.test(a.name)) attrs.push(`${e.tagName} ${a.name}`);
      }
      return {
        text: document.body.innerText,
        title: document.title,
        scripts: document.querySelectorAll('script').length,
        styles: document.querySelectorAll('style').length,
        labels: document.querySelectorAll('label').length,
        fromPlan: document.querySelectorAll('img, iframe, b, i, form:not(#filter), svg[onload], a[href^="javascript" i], a[href^="data" i], a[href^="vbscript" i], div[onclick]').length,
        handlers: attrs,
        links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !h.startsWith('#')),
        bodyVisible: getComputedStyle(document.body).display !== 'none' && document.querySelector('main').checkVisibility(),
      };
    });
    await assertQuiet(page, log);
    for (const h of hostile) assert.ok(st.text.includes(h), `visible as text: ${h}`);
    assert.ok(st.title.includes('<script>alert(1)</script>'), 'the title keeps the text');
    assert.ok(st.text.includes('javascript link'), 'the text of a javascript: link stays');
    assert.equal(st.scripts, 1, 'only our script');
    assert.equal(st.styles, 1, 'only our style');
    assert.equal(st.labels, 2, 'only the filter form\'s labels');
    assert.equal(st.fromPlan, 0, 'no element came from the plan');
    assert.deepEqual(st.handlers, [], 'no on… attribute');
    assert.ok(st.links.every((h) => /^https:/.test(h)), `only https links: ${st.links.join(' ')}`);
    assert.ok(st.bodyVisible, 'an injected style did not hide the page');
    await page.close();
  });
});
