// The justification library (issue 11), as a trainer uses it, in Chromium with the test build
// (automation cannot open a context menu: the test hook calls the very handler the menu's click
// calls, with the selection read from the page as the browser would give it):
// save a selection from a task page → the notification confirms it → find it in the Library
// section with the match highlighted → save a near copy and get the warning naming the earlier
// entry → add, edit, delete and undo an entry in the dashboard. Screenshots in tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, TEST_BUILD, waitUntil } from './browser.mjs';
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
