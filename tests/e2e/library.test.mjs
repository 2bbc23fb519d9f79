// The justification library (issue 11), as a trainer uses it, in Chromium with the test build
// (automation cannot open a context menu: the test hook calls the very handler the menu's click
// calls, with the selection read from the page as the browser would give it):
// save a selection from a task page → the notification confirms it → find it in the Library
// section with the match highlighted → save a near copy and get the warning naming the earlier
// entry → add, edit, delete and undo an entry in the dashboard → reuse an entry from the palette in
// a textarea (shown first, inserted on the second action), get the guard's warning on that field
// in the overlay frame, and save a field from the palette. Screenshots in tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, TEST_BUILD, waitUntil, within, WAIT_MS } from './browser.mjs';
import { fieldHolds, overlayFrame, overlayGone } from './overlay.mjs';
import { startServer } from './server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch({ dir: TEST_BUILD });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const hook = (name, ...args) =>
  browser.sw.evaluate(([n, a]) => globalThis.__rubricaTest[n](...a), [name, args]);

async function dashboard() {
  const d = await browser.extensionPage('dashboard/dashboard.html#library');
  await d.locator('#section-library').waitFor();
  return d;
}

test('save a selection from a task page, find it highlighted, and get the near-duplicate warning', async () => {
  const task = await browser.page(server.url('/task.html'));
  // The user selects the good answer's first sentences on the task page.
  const selection = await task.evaluate(() => {
    const p = document.querySelector('p:not(.prompt)');
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString();
  });
  assert.match(selection, /Sunlight has every colour/);
  const saved = await hook('librarySaveSelection', selection);
  assert.match(saved.record.id, /^jst_/);
  assert.equal(saved.near.length, 0, 'nothing like it yet');
  const notes = await hook('notifications');
  assert.match(notes.at(-1).title, /Saved to your Rubrica library/);
  assert.match(notes.at(-1).message, /Sunlight has every colour/);

  // Find it in the Library section, as typed, with the matches highlighted.
  const d = await dashboard();
  await d.locator('#library-results .entry').first().waitFor();
  await d.locator('#library-search').fill('SUNLIGHT colo');
  await waitUntil(d, 'the search did not narrow to the entry', () =>
    document.querySelectorAll('#library-results .entry').length === 1);
  const marks = await d.locator('#library-results .entry mark').allInnerTexts();
  assert.deepEqual(marks.slice(0, 2).map((m) => m.toLowerCase()), ['sunlight', 'colour']);
  assert.match(await d.locator('#library-status').innerText(), /1 entry of 1 match/);
  await browser.screenshot(d, 'library-search');

  // Saving a near copy warns, naming the earlier entry by its date.
  const copy = selection.replace('every colour', 'all the colours');
  const again = await hook('librarySaveSelection', copy);
  assert.equal(again.near[0]?.id, saved.record.id);
  const warning = (await hook('notifications')).at(-1).message;
  assert.match(warning, /Careful: \d+ % like your entry of /);
  // The dashboard follows the background's save without a reload.
  await d.locator('#library-search').fill('');
  await waitUntil(d, 'the second entry did not appear', () =>
    document.querySelectorAll('#library-results .entry').length === 2);
  await task.close();
  await d.close();
});

test('add, edit, delete and undo an entry in the dashboard; a phrase search and filters', async () => {
  const d = await dashboard();
  await d.locator('#library-new').click();
  await d.locator('#entry-text').fill('Response B follows the instructions step by step and keeps the requested format.');
  await d.locator('#entry-outcome').selectOption('approved');
  await d.locator('#entry-tags').fill('format, pairwise');
  await d.locator('#entry-save').click();
  await d.locator('#toast').filter({ hasText: 'Saved to your library' }).waitFor();
  await d.locator('#library-search').fill('"step by step"');
  await waitUntil(d, 'the phrase search did not find the entry', () =>
    document.querySelectorAll('#library-results .entry').length === 1);
  await d.locator('#library-search').fill('"by step step"');
  await d.locator('#library-empty').waitFor();
  await d.locator('#library-search').fill('');
  await d.locator('#library-outcome').selectOption('approved');
  await waitUntil(d, 'the outcome filter did not apply', () =>
    document.querySelectorAll('#library-results .entry').length === 1);
  // edit: the new wording is found, the old is not
  await d.locator('#library-results button[data-action="edit"]').click();
  await d.locator('#entry-text').fill('Response B keeps the requested table format throughout.');
  await d.locator('#entry-save').click();
  await d.locator('#library-search').fill('table');
  await waitUntil(d, 'the edited entry was not found', () =>
    document.querySelectorAll('#library-results .entry').length === 1);
  // delete with undo
  await d.locator('#library-results button[data-action="delete"]').click();
  await d.locator('#library-empty').waitFor();
  await d.locator('#library-undo').click();
  await waitUntil(d, 'undo did not bring the entry back', () =>
    document.querySelectorAll('#library-results .entry').length === 1);
  const stored = await hook('readStorage', null);
  const all = Object.entries(stored).filter(([k]) => k.startsWith('justifications/')).flatMap(([, v]) => Object.values(v));
  assert.equal(all.length, 3);
  assert.equal(all.filter((e) => e.deletedAt).length, 0);
  await browser.screenshot(d, 'library-entries');
  assert.deepEqual(browser.errors, []);
  await d.close();
});

test('reuse an entry from the palette: shown first, inserted on the second action, then the guard warns', async () => {
  const page = await browser.page(server.url('/task.html'));
  await page.click('#justification');
  await page.keyboard.type('Why: ', { delay: 5 });
  const sw = await browser.serviceWorker();
  await within(sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the open-palette hook did not answer');
  let frame = await overlayFrame(page, '#palette-query');
  await page.keyboard.type('sunlight blu');
  const entry = frame.locator('#palette-results li.result-entry').first();
  await entry.waitFor();
  assert.match(await entry.locator('.result-library').innerText(), /Library/);
  assert.match((await entry.locator('mark').allInnerTexts()).join(' ').toLowerCase(), /sunlight/);
  // First action: the entry is shown in the frame, nothing is inserted yet.
  await entry.click();
  await frame.locator('#entry-body').filter({ hasText: 'Sunlight has every colour' }).waitFor();
  assert.equal(await page.inputValue('#justification'), 'Why: ');
  await browser.screenshot(page, 'library-palette-entry');
  // Second, explicit action: Insert.
  await frame.locator('#entry-insert').click();
  await waitUntil(page, 'the entry was not inserted', () =>
    document.querySelector('#justification').value.startsWith('Why: Sunlight has every colour'));
  assert.ok(await overlayGone(page));
  // The guard on that field, shown in the overlay frame.
  await within(sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the open-palette hook did not answer');
  frame = await overlayFrame(page, '#palette-query');
  const warning = frame.locator('#palette-near');
  await warning.filter({ hasText: /This field is \d+ % like your entry of / }).waitFor();
  await browser.screenshot(page, 'library-palette-warning');
  await page.keyboard.press('Escape');
  await overlayGone(page);
  // Save this field, from the palette.
  await page.fill('#justification', 'A fresh justification about rayleigh scattering and wavelengths.');
  await page.click('#justification');
  await within(sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the open-palette hook did not answer');
  frame = await overlayFrame(page, '#palette-query');
  await frame.locator('#palette-save-field').click();
  await frame.locator('#palette-save-field', { hasText: 'Saved to your library' }).waitFor();
  const stored = await hook('readStorage', null);
  const texts = Object.entries(stored).filter(([k]) => k.startsWith('justifications/')).flatMap(([, v]) => Object.values(v)).map((e) => e.text);
  assert.ok(texts.includes('A fresh justification about rayleigh scattering and wavelengths.'));
  await fieldHolds(page, 'A fresh justification about rayleigh scattering and wavelengths.');
  assert.deepEqual(browser.errors, []);
  await page.close();
});
