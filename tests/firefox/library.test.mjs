// The justification library in Firefox ESR (issue 11), on the test build: a selection saved
// through the context menu's path (the background's save, reached by a test hook: automation
// cannot open a context menu) is found in the dashboard's Library section with the words
// highlighted, and saving a near copy warns about the first entry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { firefox } from './webdriver.mjs';

const TEST_BUILD = fileURLToPath(new URL('../../dist/rubrica-test', import.meta.url));
const ID = 'rubrica@rubrica.invalid';
const UUID = '6a1d3c8f-4e2b-4d7f-8c3a-9b0e5f2d1a74';
const DASHBOARD = `moz-extension://${UUID}/dashboard/dashboard.html`;
const TEXT = 'Response A explains Rayleigh scattering correctly: sunlight holds every colour, and blue light scatters most in the atmosphere.';

let ff;

before(async () => {
  ff = await firefox({ prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [ID]: UUID }) }, systemAccess: true });
  await ff.installAddon(TEST_BUILD);
});

after(async () => {
  await ff?.close();
});

/** Calls a test hook in the background page (Firefox's background is a page). */
const hook = (name, ...args) =>
  ff.script(async (n, a) => (await browser.runtime.getBackgroundPage()).__rubricaTest[n](...a), name, args);

test('Firefox: a saved selection is found in the Library section, highlighted; a near copy warns', async () => {
  await ff.openExtensionPage(`${DASHBOARD}#library`);
  assert.ok(await ff.waitFor(() => document.querySelector('#library-search') !== null, [], 15_000), 'the Library section opened');
  const saved = await hook('librarySaveSelection', TEXT);
  assert.match(saved?.record?.id ?? '', /^jst_/, JSON.stringify(saved));

  // The section follows the background's save (storage.onChanged) and searches its own index.
  const search = await ff.find('#library-search');
  await ff.click(search);
  await ff.type(search, 'SUNLIGHT colo');
  const found = await ff.waitFor(() => document.querySelectorAll('#library-results .entry').length === 1, [], 15_000);
  assert.ok(found, await ff.script(() => document.querySelector('#section-library')?.innerText ?? 'no section'));
  const marks = await ff.script(() => [...document.querySelectorAll('#library-results .entry mark')].map((m) => m.textContent.toLowerCase()));
  assert.deepEqual(marks.slice(0, 2), ['sunlight', 'colour']);
  assert.match(await ff.script(() => document.querySelector('#library-status').textContent), /1 entry of 1 match/);

  // A near copy saved the same way names the first entry.
  const again = await hook('librarySaveSelection', TEXT.replace('every colour', 'all the colours'));
  assert.equal(again?.near?.[0]?.id, saved.record.id, JSON.stringify(again));
});
