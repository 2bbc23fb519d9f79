// Rubrica in Firefox ESR: the same build loads as a temporary add-on (background script, not a
// service worker) and expands a trigger in a textarea and in a contenteditable, on a normal and a
// strict-CSP page; the fill-in form works with the keyboard alone.
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

test('Firefox: the starter pack expands (;acc, through its fill-in form)', async () => {
  await ff.goto(server.url('/task.html'));
  const box = await ff.find('#justification');
  await ff.click(box);
  await ff.type(box, ';acc');
  // ;acc has a fill-in field: the form takes focus; Enter inserts with the defaults.
  assert.ok(await ff.waitFor(() => document.activeElement !== document.querySelector('#justification')));
  await new Promise((r) => setTimeout(r, 500));
  await ff.keys('\uE007');
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

test('Firefox: the fill-in form, keyboard only (;pair): arrows choose, Enter inserts, focus returns', async () => {
  await ff.goto(server.url('/task.html'));
  const box = await ff.find('#justification');
  await ff.click(box);
  await new Promise((r) => setTimeout(r, 300));
  await ff.type(box, 'Verdict: ;pair');
  // The overlay's host appears; the page sees no shadow root and no iframe.
  const shown = await ff.waitFor(() => {
    const hosts = [...document.documentElement.children].filter((e) => !['HEAD', 'BODY'].includes(e.tagName));
    return hosts.length === 1 && hosts[0].shadowRoot === null && document.querySelectorAll('iframe').length === 0;
  });
  assert.ok(shown, 'the form host appeared, closed to the page');
  // Wait until the overlay has focus (the page's document no longer holds it).
  assert.ok(await ff.waitFor(() => document.activeElement !== document.querySelector('#justification')));
  await new Promise((r) => setTimeout(r, 500)); // the overlay asks the background for its fields
  await ff.keys('\uE014'); // ArrowRight: the choice moves to “Response B”
  await new Promise((r) => setTimeout(r, 200));
  await ff.keys('\uE007'); // Enter inserts
  const ok = await ff.waitFor(() => document.querySelector('#justification').value.startsWith('Verdict: Response B is the better response.'));
  assert.ok(ok, await ff.script(() => document.querySelector('#justification').value));
  const html = await ff.script(() => document.documentElement.outerHTML);
  assert.ok(!html.includes('Harmlessness'), 'no snippet content in the page DOM besides the inserted text');
  assert.equal(await ff.script(() => document.activeElement.id), 'justification', 'focus is back in the textarea');
  assert.ok(await ff.waitFor(() => document.documentElement.children.length === 2), 'the form closed');
});

test('Firefox: Esc closes the form and leaves the trigger', async () => {
  await ff.goto(server.url('/task.html'));
  const box = await ff.find('#justification');
  await ff.click(box);
  await new Promise((r) => setTimeout(r, 300));
  await ff.type(box, ';pair');
  assert.ok(await ff.waitFor(() => document.documentElement.children.length === 3));
  assert.ok(await ff.waitFor(() => document.activeElement !== document.querySelector('#justification')));
  await new Promise((r) => setTimeout(r, 500));
  await ff.keys('\uE00C'); // Escape
  assert.ok(await ff.waitFor(() => document.documentElement.children.length === 2), 'the form closed');
  assert.equal(await ff.script(() => document.querySelector('#justification').value), ';pair');
  assert.equal(await ff.script(() => document.activeElement.id), 'justification');
});

for (const [name, path] of [
  ['a normal page', '/editors/contenteditable.html'],
  ['a page with Content-Security-Policy: script-src \'self\'', '/strict/editors/contenteditable.html'],
]) {
  test(`Firefox: a trigger expands in a contenteditable on ${name}, and Backspace takes it back`, async () => {
    await ff.goto(server.url(path));
    assert.ok(await ff.waitFor(() => window.editorReady === true));
    const box = await ff.find('#editor');
    await ff.click(box);
    await new Promise((r) => setTimeout(r, 500));
    await ff.type(box, 'Note: ;rubrica');
    const ok = await ff.waitFor((want) => window.model() === want, [`Note: ${DEMO}`]);
    assert.ok(ok, `the page's model holds “${await ff.script(() => window.model())}”`);
    // Typing on lands after the expansion.
    await ff.type(box, '!');
    assert.ok(await ff.waitFor((want) => window.model() === want, [`Note: ${DEMO}!`]), await ff.script(() => window.model()));
    // A fresh expansion, then Backspace restores the trigger.
    await ff.type(box, ' ;tone');
    assert.ok(await ff.waitFor(() => window.model().includes('Tone: ')), await ff.script(() => window.model()));
    await ff.type(box, '\uE003'); // Backspace
    const restored = await ff.waitFor((want) => window.model() === want, [`Note: ${DEMO}! ;tone`], 3000);
    assert.ok(restored, await ff.script(() => window.model()));
  });
}

for (const [name, path] of [
  ['ProseMirror', '/editors/prosemirror.html'],
  ['Lexical', '/editors/lexical.html'],
  ['Slate', '/editors/slate.html'],
  ['Quill', '/editors/quill.html'],
  ['Draft.js', '/editors/draft.html'],
  ['CodeMirror 6', '/editors/codemirror.html'],
]) {
  test(`Firefox: a trigger expands into ${name}'s model`, async () => {
    await ff.goto(server.url(path));
    assert.ok(await ff.waitFor(() => window.editorReady === true));
    const box = await ff.find('#editor');
    await ff.click(box);
    await new Promise((r) => setTimeout(r, 500));
    await ff.keys('Note: ;rubrica');
    const ok = await ff.waitFor((want) => window.model() === want, [`Note: ${DEMO}`]);
    assert.ok(ok, `the model holds “${await ff.script(() => window.model())}”`);
  });
}

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
  // ;pair has fill-in fields: its form takes focus; Enter there takes the defaults (an Enter in
  // Rubrica's overlay, which the page's chat box never sees).
  assert.ok(await ff.waitFor(() => document.activeElement !== document.querySelector('#chat')));
  await new Promise((r) => setTimeout(r, 500));
  await ff.keys('\uE007');
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
