// Literal expansions answered while the service worker starts (extension/background/literal.js):
// a trigger typed into a stopped worker is answered from the list the engine left in memory-only
// storage, exactly as the core would answer it; an edit is never answered from a stale list; what
// depends on the clock or a field is left to the core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, until } from './browser.mjs';
import { startServer } from './server.mjs';
import { fieldHolds, fieldState, saveSnippets } from './overlay.mjs';

let server;
let browser;
let task;

before(async () => {
  server = await startServer();
  browser = await launch();
  task = await browser.page(server.url('/task.html'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const worker = () => browser.worker();

/** Whether the running worker answered its first expansion from the list. */
const answeredFromList = async () => (await worker().evaluate(() => performance.getEntriesByName('rubrica:literal').length)) > 0;

/** The list's entry for `typed`, or null (read in the worker: content scripts cannot read it). */
async function listed(typed) {
  return worker().evaluate(async (t) => {
    const all = await chrome.storage.session.get(null);
    if (!all['rubrica.literal.head']) return null;
    for (const [k, v] of Object.entries(all)) if (k.startsWith('rubrica.literal.') && v[t]) return v[t];
    return null;
  }, typed);
}

/**
 * Types `typed` into the box with the worker stopped just before the last key, as a user whose
 * worker went to sleep would: all but the last key first (no trigger yet), then the last one.
 */
async function typeCold(typed) {
  await task.fill('#justification', typed.slice(0, -1));
  await task.focus('#justification');
  await task.evaluate(() => {
    const el = document.querySelector('#justification');
    el.setSelectionRange(el.value.length, el.value.length);
  });
  const { restarted } = await browser.stopServiceWorker();
  await task.keyboard.type(typed.slice(-1));
  await restarted;
}

test('a literal snippet typed into a stopped worker comes from the list, as the core writes it', async () => {
  await saveSnippets(browser, [{ triggers: [';lit'], template: 'literal text{cursor} here.', propagateCase: true }]);
  await until(async () => (await listed(';Lit')) !== null, 10_000, 'the list was not rebuilt after the save');

  await typeCold(';Lit');
  await fieldHolds(task, 'Literal text here.');
  assert.equal((await fieldState(task)).caret, 'Literal text'.length, 'the caret at the cursor stop');
  assert.ok(await answeredFromList(), 'the cold worker answered from the list');

  // The same trigger through the core (warm) writes the same text.
  await task.fill('#justification', '');
  await task.focus('#justification');
  await task.keyboard.type(';LIT');
  await fieldHolds(task, 'LITERAL TEXT HERE.');
});

test('an edited snippet is never answered from the list it had before', async () => {
  const [id] = await saveSnippets(browser, [{ triggers: [';ed'], template: 'first version' }]);
  await until(async () => (await listed(';ed'))?.text === 'first version', 10_000, 'the list did not get ;ed');
  // Save a new text and stop the worker at once, before the list is rebuilt.
  await saveSnippets(browser, [{ id, triggers: [';ed'], template: 'second version' }]);
  await typeCold(';ed');
  await fieldHolds(task, 'second version');
});

test('what reads the clock or asks for a field is left to the core', async () => {
  await saveSnippets(browser, [
    { triggers: [';when'], template: 'Checked {date: YYYY}.' },
    { triggers: [';pick'], template: 'Response {choice: better; A | B} wins.' },
  ]);
  await until(async () => (await listed(';lit')) !== null, 10_000, 'the list was not rebuilt');
  assert.equal(await listed(';when'), null);
  assert.equal(await listed(';pick'), null);
  await typeCold(';when');
  await fieldHolds(task, `Checked ${new Date().getFullYear()}.`);
  assert.equal(await answeredFromList(), false, 'the core answered');
});

test('a session with its own rubric changes the list: a cold worker answers with that rubric', async () => {
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const send = async (type, payload) => {
    const reply = await page.evaluate((m) => chrome.runtime.sendMessage(m), payload === undefined ? { type } : { type, payload });
    assert.equal(reply.ok, true, JSON.stringify(reply));
    return reply.data;
  };
  const rubric = await send('rubric.save', {
    rubric: { name: 'Falcon', criteria: [{ key: 'tone', name: 'Tone', priority: 1, phrases: ['the Falcon house tone'] }] },
  });
  const platform = await send('platform.create', { name: 'Falcon platform' });
  const taskType = await send('taskType.create', { taskType: { platformId: platform.id, name: 'Falcon review', rubricId: rubric.id } });
  await saveSnippets(browser, [{ triggers: [';ft'], template: 'Tone: {criterion: tone}.' }]);
  const text = async () => (await listed(';ft'))?.text ?? '';
  await until(async () => (await text()).startsWith('Tone: '), 10_000, 'the list did not get ;ft');
  assert.ok(!(await text()).includes('Falcon'), 'no session: the default rubric');

  await send('session.command', { command: { type: 'start', platformId: platform.id, taskTypeId: taskType.id } });
  await until(async () => (await text()).includes('Falcon'), 10_000, 'the list did not follow the session');
  await task.bringToFront();
  await typeCold(';ft');
  await fieldHolds(task, 'Tone: the Falcon house tone.');
  assert.ok(await answeredFromList(), 'the cold worker answered from the list');

  await send('session.command', { command: { type: 'stop' } });
  await until(async () => (await text()).startsWith('Tone: ') && !(await text()).includes('Falcon'), 10_000, 'the list did not follow the stop');
  await typeCold(';ft');
  await until(async () => {
    const v = await task.inputValue('#justification');
    return v.startsWith('Tone: ') && !v.includes('Falcon');
  }, 10_000, 'after the session: the default rubric again');
  await page.close();
});
