// Rubrica in Firefox ESR: the same build loads as a temporary add-on (background script, not a
// service worker) and expands a trigger in a textarea, on a normal and a strict-CSP page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { firefox } from './webdriver.mjs';
import { startServer } from '../e2e/server.mjs';

const RELEASE = fileURLToPath(new URL('../../dist/rubrica', import.meta.url));
const DEMO = 'Rubrica is working: this text was rendered by its core, on this machine.';

let ff;
let server;

before(async () => {
  server = await startServer();
  ff = await firefox();
  await ff.installAddon(RELEASE);
});

after(async () => {
  await ff?.close();
  await server?.close();
});

for (const [name, path] of [
  ['a normal page', '/task.html'],
  ['a page with Content-Security-Policy: script-src \'self\'', '/strict/task.html'],
]) {
  test(`Firefox: the demo trigger expands in a textarea on ${name}`, async () => {
    await ff.goto(server.url(path));
    const box = await ff.find('#justification');
    await ff.click(box);
    // Let the content script wake the background script and fetch the trigger table.
    await new Promise((r) => setTimeout(r, 500));
    await ff.type(box, 'Note: ;rubrica');
    const ok = await ff.waitFor((want) => document.querySelector('#justification').value === want, [`Note: ${DEMO}`]);
    assert.ok(ok, `textarea holds “${await ff.script(() => document.querySelector('#justification').value)}”`);
  });
}

test('Firefox: the starter pack expands (;acc)', async () => {
  await ff.goto(server.url('/task.html'));
  const box = await ff.find('#justification');
  await ff.click(box);
  await ff.type(box, ';acc');
  const ok = await ff.waitFor(() => document.querySelector('#justification').value.startsWith('Accuracy: '));
  assert.ok(ok, await ff.script(() => document.querySelector('#justification').value));
});

test('Firefox: Backspace right after an expansion restores the trigger', async () => {
  await ff.goto(server.url('/task.html'));
  const box = await ff.find('#justification');
  await ff.click(box);
  await ff.type(box, ';tone');
  assert.ok(await ff.waitFor(() => document.querySelector('#justification').value.startsWith('Tone: ')));
  await ff.type(box, '\uE003'); // Backspace
  const ok = await ff.waitFor(() => document.querySelector('#justification').value === ';tone', [], 3000);
  assert.ok(ok, await ff.script(() => document.querySelector('#justification').value));
});

test('Firefox: keys typed in one go after a trigger land after its expansion', async () => {
  await ff.goto(server.url('/typing.html'));
  const box = await ff.find('#plain');
  await ff.click(box);
  await new Promise((r) => setTimeout(r, 500));
  await ff.type(box, ';tone and more words');
  const ok = await ff.waitFor(() => {
    const v = document.querySelector('#plain').value;
    return v.startsWith('Tone: ') && v.endsWith(' and more words') && window.model.plain === v;
  });
  assert.ok(ok, await ff.script(() => document.querySelector('#plain').value));
});

test('Firefox: a multi-line expansion in a chat box whose Enter sends is sent whole, on Enter', async () => {
  await ff.goto(server.url('/typing.html'));
  const box = await ff.find('#chat');
  await ff.click(box);
  await new Promise((r) => setTimeout(r, 500));
  await ff.type(box, ';pair');
  assert.ok(await ff.waitFor(() => document.querySelector('#chat').value.includes('Response A')));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await ff.script(() => window.sent), [], 'nothing sent before Enter');
  const expanded = await ff.script(() => document.querySelector('#chat').value);
  assert.ok(expanded.split('\n').length > 3, expanded);
  await ff.type(box, '\uE007'); // Enter
  assert.ok(await ff.waitFor(() => window.sent.length === 1));
  assert.deepEqual(await ff.script(() => window.sent), [expanded]);
});

test('Firefox: Enter typed with a trigger, in one go, sends the expansion', async () => {
  await ff.goto(server.url('/typing.html'));
  const box = await ff.find('#chat');
  await ff.click(box);
  await new Promise((r) => setTimeout(r, 500));
  await ff.type(box, 'Note ;tone\uE007');
  assert.ok(await ff.waitFor(() => window.sent.length === 1), JSON.stringify(await ff.script(() => window.keydowns)));
  const [sent] = await ff.script(() => window.sent);
  assert.ok(sent.startsWith('Note Tone: ') && !sent.includes(';tone'), sent);
  const enters = await ff.script(() => window.keydowns.filter((k) => k.key === 'Enter'));
  assert.deepEqual(enters.map((k) => [k.keyCode, k.value]), [[13, sent]], 'one Enter, with keyCode 13, after the expansion');
  console.log(`# Firefox: the Enter the page saw was ${enters[0].trusted ? 'the browser\'s own (the expansion was already written)' : 're-dispatched by Rubrica (held back during the expansion)'}`);
});
