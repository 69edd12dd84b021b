// The change-marked draft (`build --compare`) in a real browser: the
// summary's links land on the changed items, every mark is in words as well
// as in colour, and the filter "only what changed" works (as progressive
// enhancement). axe-core, vnu and the 320 px reflow run on this page with
// the others (html.test.mjs, vnu.test.mjs).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertQuiet, launch, open, pageFiles } from './pages.mjs';

const file = pageFiles().compared;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

describe('change-marked page', () => {
  test('the summary is near the top and each of its links lands on a visible changed item', async () => {
    const { page, log } = await open(browser.context, file);
    const links = await page.$$eval('#changes a[href^="#"]', (as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 10, `links: ${links.length}`);
    const order = await page.evaluate(() => {
      const main = document.getElementById('main');
      return main.querySelector('section.chapter').id;
    });
    assert.equal(order, 'changes', 'the summary is the first chapter');
    for (const href of new Set(links)) {
      await page.click(`#changes a[href="${href}"]`);
      const st = await page.evaluate((id) => {
        const e = document.getElementById(id);
        if (!e) return { exists: false };
        const r = e.getBoundingClientRect();
        // At the top of the view, or (near the end of the page) wherever it could scroll to.
        const atEnd = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight;
        return { exists: true, visible: e.checkVisibility(), top: atEnd ? 0 : Math.round(r.top), inView: r.top >= -2 && r.top < innerHeight - 20, hash: location.hash };
      }, href.slice(1));
      assert.ok(st.exists, `${href} exists`);
      assert.ok(st.visible, `${href} is visible`);
      assert.equal(st.hash, href);
      assert.ok(st.inView, `${href} is in view`);
      assert.ok(st.top >= -2 && st.top < 200, `${href} is scrolled to the top of the view (${st.top})`);
    }
    // The measures the summary names are marked where they stand, in words.
    const marks = await page.evaluate(() => ({
      tag11: document.querySelector('#measure-1\\.1 .change-tag')?.textContent,
      tag26: document.querySelector('#measure-2\\.6 .change-tag')?.textContent,
      removed36: document.querySelector('#measure-3\\.6 del')?.textContent,
      removedTag: document.querySelector('#measure-3\\.6 .change-tag')?.textContent,
      ins13: document.querySelector('#measure-1\\.3 ins')?.textContent,
      unmarked12: document.querySelector('#measure-1\\.2 .change-tag'),
      was14: document.querySelector('#measure-1\\.4 .change-was')?.textContent,
    }));
    assert.equal(marks.tag11, 'Ändrad');
    assert.equal(marks.tag26, 'Ny');
    assert.match(marks.removed36, /^borttaget: Informationskampanj/);
    assert.equal(marks.removedTag, 'Borttagen');
    assert.equal(marks.ins13, 'inlagt: och med sex mot ersättning');
    assert.equal(marks.unmarked12, null, 'an unchanged measure has no mark');
    assert.match(marks.was14, /tidigare: borttaget: KS/);
    await assertQuiet(page, log);
    await page.close();
  });

  test('inserted and deleted words are not told by colour alone', async () => {
    const { page, log } = await open(browser.context, file);
    const st = await page.evaluate(() => {
      const all = [...document.querySelectorAll('ins, del')];
      return {
        count: all.length,
        withoutWords: all.filter((e) => !e.querySelector('.vh')).length,
        decorations: [...new Set(all.map((e) => `${e.tagName}:${getComputedStyle(e).textDecorationLine}`))].sort(),
      };
    });
    assert.ok(st.count > 5);
    assert.equal(st.withoutWords, 0, 'each <ins>/<del> carries its hidden word');
    assert.deepEqual(st.decorations, ['DEL:line-through', 'INS:underline']);
    await assertQuiet(page, log);
    await page.close();
  });

  test('"only what changed" hides the rest; the summary links still land', async () => {
    const { page, log } = await open(browser.context, file);
    assert.equal(await page.$eval('#change-filter', (f) => f.hidden), false, 'the script showed the filter');
    const before = await page.$$eval('article.measure', (ms) => ms.filter((m) => m.checkVisibility()).length);
    await page.check('#only-changed');
    const st = await page.evaluate(() => ({
      measures: [...document.querySelectorAll('article.measure')].filter((m) => m.checkVisibility()).map((m) => m.id),
      unchanged: [...document.querySelectorAll('article.measure:not(.is-changed)')].filter((m) => m.checkVisibility()).length,
      goals: [...document.querySelectorAll('section.goal')].filter((g) => g.checkVisibility()).map((g) => g.id),
      targets: [...document.querySelectorAll('#changes a[href^="#"]')]
        .map((a) => document.getElementById(a.getAttribute('href').slice(1)))
        .filter((e) => !e.checkVisibility()).map((e) => e.id),
    }));
    assert.ok(st.measures.length > 0 && st.measures.length < before, `${st.measures.length} of ${before}`);
    assert.equal(st.unchanged, 0);
    assert.deepEqual(st.goals, ['goal-M1', 'goal-M2', 'goal-M3']);
    assert.deepEqual(st.targets, [], 'every link of the summary lands on something shown');
    await page.uncheck('#only-changed');
    assert.equal(await page.$$eval('article.measure', (ms) => ms.filter((m) => m.checkVisibility()).length), before);
    await assertQuiet(page, log);
    await page.close();
  });

  test('without JavaScript everything is shown and the filter stays hidden', async () => {
    const { page } = await open(browser.context, file, { javaScript: false });
    const st = await page.evaluate(() => ({
      filterHidden: document.getElementById('change-filter').hidden,
      hidden: [...document.querySelectorAll('article.measure')].filter((m) => !m.checkVisibility()).length,
    }));
    assert.deepEqual(st, { filterHidden: true, hidden: 0 });
    await page.close();
  });
});
