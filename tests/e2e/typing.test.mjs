// Enter right after a trigger, a chat-style box whose Enter sends, an <input> in a form, and keys
// typed while an expansion is in flight (with the service worker stopped first, so the expansion
// waits for a cold start). Every assertion reads what the page holds or sent (tests/pages/typing.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, waitUntil } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
let page;

const SNIPPETS = [
  { triggers: ['btw'], label: 'By the way', template: 'by the way', mode: 'delimiter', wordBoundary: true },
  { triggers: [';ml'], label: 'Three lines', template: 'Line one\nLine two\n\nLine three' },
  { triggers: [';rb'], label: 'Better', template: 'Response {cursor} is better.' },
  { triggers: [';tn'], label: 'Tone', template: 'Tone is fine.' },
];
const MULTI = 'Line one\nLine two\n\nLine three';

before(async () => {
  server = await startServer();
  browser = await launch();
  const dash = await browser.extensionPage('dashboard/dashboard.html');
  for (const snippet of SNIPPETS) {
    const saved = await sendFromPage(dash, { type: 'snippet.save', payload: { snippet } });
    assert.equal(saved.ok, true, JSON.stringify(saved));
  }
  await dash.close();
  page = await browser.page(server.url('/typing.html'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Reloads the page (fresh model), focuses `selector` and waits for the table to be loaded. */
async function fresh(selector) {
  await page.reload();
  await page.click(selector);
  // The content script loads the trigger table when a field gains focus: an immediate trigger
  // expanding proves it is there (then the field is cleared the way a user would).
  await page.keyboard.type(';tn', { delay: 10 });
  await waitUntil(page, 'the field does not hold “Tone is fine.”', (s) => document.querySelector(s).value === 'Tone is fine.', selector);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.evaluate(() => {
    window.sent.length = 0;
    window.submitted.length = 0;
    window.keydowns.length = 0;
  });
}

const model = (key) => page.evaluate((k) => window.model[k], key);
const value = (selector) => page.inputValue(selector);

async function settled(fn) {
  let last = Symbol('none');
  for (let i = 0; i < 40; i++) {
    const v = JSON.stringify(await fn());
    if (v === last) return JSON.parse(v);
    last = v;
    await page.waitForTimeout(60);
  }
  return JSON.parse(last);
}

test('Enter right after an on-delimiter trigger in a textarea: the expansion, then a new line', async () => {
  await fresh('#plain');
  await page.keyboard.type('Note btw', { delay: 10 });
  await page.keyboard.press('Enter');
  await page.keyboard.type('next', { delay: 10 });
  await waitUntil(page, '#plain does not hold “Note by the way⏎next”', () => document.querySelector('#plain').value === 'Note by the way\nnext');
  assert.equal(await model('plain'), 'Note by the way\nnext', 'the page model holds it too');

  // Ctrl+Z takes back the typing and the line break, and the field stays consistent.
  await page.keyboard.press('Control+Z');
  const undone = await value('#plain');
  assert.ok('Note by the way\nnext'.startsWith(undone), JSON.stringify(undone));

  // Enter with no trigger before the caret is the browser's own Enter.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('plain', { delay: 10 });
  await page.keyboard.press('Enter');
  assert.equal(await value('#plain'), 'plain\n');
});

test('chat box: Enter after a trigger sends the expansion, not the trigger', async () => {
  await fresh('#chat');
  await page.keyboard.type('Thanks btw', { delay: 10 });
  await page.keyboard.press('Enter');
  await waitUntil(page, 'the chat box sent nothing', () => window.sent.length === 1);
  assert.deepEqual(await page.evaluate(() => window.sent), ['Thanks by the way']);
  assert.equal(await value('#chat'), '', 'sent and cleared: no stray line break');
  const enter = (await page.evaluate(() => window.keydowns)).filter((k) => k.key === 'Enter');
  assert.deepEqual(enter, [{ key: 'Enter', keyCode: 13, shift: false, value: 'Thanks by the way', trusted: false }],
    'the page saw one Enter keydown, after the expansion (Rubrica re-dispatched it)');

  // Enter with no trigger before the caret is not intercepted: the page gets the browser's own key.
  await page.keyboard.type('plain message', { delay: 10 });
  await page.keyboard.press('Enter');
  await waitUntil(page, 'the chat box did not send a second message', () => window.sent.length === 2);
  assert.deepEqual((await page.evaluate(() => window.keydowns)).filter((k) => k.key === 'Enter').map((k) => [k.value, k.trusted]),
    [['Thanks by the way', false], ['plain message', true]]);

  // Shift+Enter after a trigger: the expansion, then the box's own new line; nothing is sent.
  await page.keyboard.type('PS btw', { delay: 10 });
  await page.keyboard.press('Shift+Enter');
  await waitUntil(page, 'the chat box does not hold “PS by the way⏎”', () => document.querySelector('#chat').value === 'PS by the way\n');
  assert.deepEqual(await settled(() => page.evaluate(() => window.sent)), ['Thanks by the way', 'plain message']);
});

test('chat box: a multi-line expansion lands whole and nothing is sent until Enter', async () => {
  await fresh('#chat');
  await page.keyboard.type('Summary: ;ml', { delay: 10 });
  await waitUntil(page, 'the chat box does not hold the multi-line expansion', (m) => document.querySelector('#chat').value === `Summary: ${m}`, MULTI);
  assert.deepEqual(await settled(() => page.evaluate(() => window.sent)), [], 'nothing sent early');
  assert.equal(await model('chat'), `Summary: ${MULTI}`);
  await page.keyboard.press('Enter');
  assert.deepEqual(await page.evaluate(() => window.sent), [`Summary: ${MULTI}`]);

  // Enter pressed while the expansion is still in flight (worker stopped first) waits for it.
  const { restarted } = await browser.stopServiceWorker();
  await page.click('#chat');
  await page.keyboard.type(';ml', { delay: 0 });
  await page.keyboard.press('Enter');
  await restarted;
  await waitUntil(page, 'the chat box did not send a second message', () => window.sent.length === 2);
  assert.deepEqual(await page.evaluate(() => window.sent), [`Summary: ${MULTI}`, MULTI], 'sent once, whole');
  assert.equal(await settled(() => value('#chat')), '');
});

test('fast typing with the service worker stopped: keys typed during the expansion land after it', async () => {
  await fresh('#plain');
  let { restarted } = await browser.stopServiceWorker();
  await page.keyboard.type(';tn more words, typed fast', { delay: 0 });
  await restarted;
  await waitUntil(page, 'the trigger did not expand', () => document.querySelector('#plain').value !== ';tn');
  assert.equal(await settled(() => value('#plain')), 'Tone is fine. more words, typed fast');
  assert.equal(await model('plain'), 'Tone is fine. more words, typed fast');
  // The replayed keys went through the field's editing: Ctrl+Z takes them back, then the expansion.
  await page.keyboard.press('Control+Z');
  assert.equal(await value('#plain'), 'Tone is fine.');
  await page.keyboard.press('Control+Z');
  assert.equal(await value('#plain'), ';tn');
  assert.equal(await model('plain'), ';tn');

  // At the first cursor stop, with an Enter and a Backspace among the held-back keys.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  ({ restarted } = await browser.stopServiceWorker());
  await page.keyboard.type(';rbA wins!', { delay: 0 });
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await page.keyboard.type('(clear)', { delay: 0 });
  await restarted;
  const want = 'Response A wins\n(clear) is better.';
  // The worker runs again before its core is loaded: wait for the expansion, then for the keys.
  await waitUntil(page, '#plain does not end with “ is better.”', () => document.querySelector('#plain').value.endsWith(' is better.'));
  assert.equal(await settled(() => value('#plain')), want);
  assert.equal(await model('plain'), want);

  // A trigger among the held-back keys expands too, once its turn comes.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  ({ restarted } = await browser.stopServiceWorker());
  await page.keyboard.type(';tn and ;tn again', { delay: 0 });
  await restarted;
  await waitUntil(page, '#plain does not end with “ again”', () => document.querySelector('#plain').value.endsWith(' again'));
  assert.equal(await settled(() => value('#plain')), 'Tone is fine. and Tone is fine. again');
});

test('<input> in a form: Enter after a trigger expands, then submits; multi-line text joins with spaces', async () => {
  await fresh('#subject');
  await page.keyboard.type('Re btw', { delay: 10 });
  await page.keyboard.press('Enter');
  await waitUntil(page, 'the form was not submitted', () => window.submitted.length === 1);
  assert.deepEqual(await page.evaluate(() => window.submitted), [{ subject: 'Re by the way', note: '', submitter: 'Save' }]);
  assert.equal(await value('#subject'), 'Re by the way');

  await page.click('#note');
  await page.keyboard.type('Intro ;ml', { delay: 10 });
  await waitUntil(page, '#note does not start with “Intro Line one”', () => document.querySelector('#note').value.startsWith('Intro Line one'));
  assert.equal(await settled(() => value('#note')), 'Intro Line one Line two Line three');
  assert.equal(await model('note'), 'Intro Line one Line two Line three');
  assert.equal(await page.evaluate(() => window.submitted.length), 1, 'an expansion alone never submits');

  // A form whose only field is this input, with no button: Enter submits it too (implicit submission).
  await page.click('#q');
  await page.keyboard.type('docs btw', { delay: 10 });
  await page.keyboard.press('Enter');
  await waitUntil(page, 'the search form was not submitted', () => window.searched.length === 1);
  assert.deepEqual(await page.evaluate(() => window.searched), ['docs by the way']);
});

// Last: once a regex trigger exists, Enter after a word asks the background first.
test('chat box: Enter right after a regex trigger sends its expansion; other Enters still send', async () => {
  const dash = await browser.extensionPage('dashboard/dashboard.html');
  const saved = await sendFromPage(dash, {
    type: 'snippet.save',
    payload: { snippet: { triggers: [], regex: ';score(?P<n>[1-5])', label: 'Score', template: 'Score {capture: n}/5.' } },
  });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  await dash.close();
  await fresh('#chat');
  await page.keyboard.type('Overall ;score4', { delay: 10 });
  await page.keyboard.press('Enter');
  await waitUntil(page, 'the chat box sent nothing', () => window.sent.length === 1);
  assert.deepEqual(await page.evaluate(() => window.sent), ['Overall Score 4/5.']);
  await page.keyboard.type('no trigger here', { delay: 10 });
  await page.keyboard.press('Enter');
  await waitUntil(page, 'the chat box did not send a second message', () => window.sent.length === 2);
  assert.deepEqual(await page.evaluate(() => window.sent), ['Overall Score 4/5.', 'no trigger here']);
  assert.equal(await settled(() => value('#chat')), '');

  await page.click('#plain');
  await page.keyboard.type('word', { delay: 10 });
  await page.keyboard.press('Enter');
  await page.keyboard.type('next', { delay: 10 });
  await waitUntil(page, '#plain does not hold “word⏎next”', () => document.querySelector('#plain').value === 'word\nnext');
  assert.deepEqual(browser.errors, []);
});
