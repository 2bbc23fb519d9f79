// Text expansion in every kind of field a task form uses, on pages built from the real editor
// packages (tests/pages/editors/, bundled by build.sh): plain contenteditable, ProseMirror, Tiptap,
// Lexical, Slate, Quill, Draft.js, CodeMirror 6, React-controlled <input>/<textarea>, and fields in
// open shadow roots. Every assertion reads the EDITOR'S OWN MODEL (window.model() on each page:
// the ProseMirror doc, Lexical state, Slate value, Quill getText, Draft content, CodeMirror doc,
// React state), never just the DOM. The user types with the keyboard, as a trainer does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, waitUntil } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;

const SIG = 'Best regards';
const MULTI = 'Line one\nLine two\n\nLine four';

before(async () => {
  server = await startServer();
  browser = await launch();
  const page = await browser.extensionPage('dashboard/dashboard.html');
  for (const snippet of [
    { triggers: [';sig'], label: 'Signature', template: SIG },
    { triggers: [';cur'], label: 'Cursor stop', template: 'Hello {cursor}world' },
    { triggers: [';mlt'], label: 'Multi-line', template: MULTI },
    { triggers: [';mcu'], label: 'Multi-line with a cursor stop', template: 'First {cursor}line\nSecond line' },
    { triggers: ['dlm'], label: 'On delimiter', template: 'on delimiter', mode: 'delimiter' },
    { triggers: [], regex: ';score(?P<n>[1-5])', label: 'Score', template: 'Score {capture: n}/5.' },
  ]) {
    const saved = await sendFromPage(page, { type: 'snippet.save', payload: { snippet } });
    assert.equal(saved.ok, true, JSON.stringify(saved));
  }
  await page.close();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// name, page, the field to click (Playwright's CSS pierces open shadow roots), the model to read,
// whether the field holds several lines.
const FIELDS = [
  { name: 'contenteditable', path: '/editors/contenteditable.html', sel: '#editor' },
  { name: 'contenteditable (strict CSP page)', path: '/strict/editors/contenteditable.html', sel: '#editor' },
  { name: 'ProseMirror', path: '/editors/prosemirror.html', sel: '#editor' },
  { name: 'Tiptap', path: '/editors/tiptap.html', sel: '#editor' },
  { name: 'Lexical', path: '/editors/lexical.html', sel: '#editor' },
  { name: 'Slate', path: '/editors/slate.html', sel: '#editor' },
  { name: 'Quill', path: '/editors/quill.html', sel: '#editor' },
  { name: 'Quill (strict CSP page)', path: '/strict/editors/quill.html', sel: '#editor' },
  { name: 'Draft.js', path: '/editors/draft.html', sel: '#editor' },
  { name: 'CodeMirror 6', path: '/editors/codemirror.html', sel: '#editor' },
  { name: 'React-controlled input', path: '/editors/react-fields.html', sel: '#input', which: 'input', singleLine: true },
  { name: 'React-controlled textarea', path: '/editors/react-fields.html', sel: '#textarea', which: 'textarea' },
  { name: 'input in a shadow root', path: '/editors/shadow.html', sel: '#input', which: 'input', singleLine: true },
  { name: 'textarea in a shadow root', path: '/editors/shadow.html', sel: '#textarea', which: 'textarea' },
  { name: 'contenteditable in a shadow root', path: '/editors/shadow.html', sel: '#editor', which: 'editor' },
];

async function open(field) {
  const page = await browser.page(server.url(field.path));
  await waitUntil(page, 'the editor did not get ready', () => window.editorReady === true);
  await page.locator(field.sel).click();
  // The content script wakes the background and loads the trigger table on focus.
  await page.waitForTimeout(300);
  const model = () => page.evaluate((w) => window.model(w), field.which);
  /** Waits until the model holds `want` (a string or a predicate's source); returns the last model. */
  const modelIs = async (want, timeout = 4000) => {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      last = await model();
      if (typeof want === 'function' ? want(last) : last === want) return last;
      if (Date.now() > end) return last;
      await page.waitForTimeout(40);
    }
  };
  /** Waits until the model stops changing. */
  const settles = async () => {
    let last = null;
    for (let i = 0; i < 30; i++) {
      const v = await model();
      if (v === last) return v;
      last = v;
      await page.waitForTimeout(80);
    }
    return last;
  };
  const clear = async () => {
    await page.locator(field.sel).click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    assert.equal(await modelIs(''), '', `${field.name}: the field clears`);
    // Editors group edits made within ~500 ms into one undo step (ProseMirror's newGroupDelay):
    // start the next step in a group of its own.
    await page.waitForTimeout(600);
  };
  const type = (text) => page.keyboard.type(text, { delay: 25 });
  return { page, model, modelIs, settles, clear, type };
}

// RUBRICA_FIELDS=regex runs only the matching fields (while working on one editor).
const only = process.env.RUBRICA_FIELDS ? new RegExp(process.env.RUBRICA_FIELDS, 'i') : null;
for (const field of FIELDS.filter((f) => !only || only.test(f.name))) {
  test(`${field.name}: expands into the editor's model, with cursor stops, multi-line, Backspace-undo, Ctrl+Z and on-delimiter triggers`, async () => {
    const { page, modelIs, settles, clear, type } = await open(field);
    const errorsBefore = browser.errors.length;

    // A single-line immediate trigger after some text.
    await type('A ;sig');
    assert.equal(await modelIs(`A ${SIG}`), `A ${SIG}`, 'single-line expansion in the model');
    assert.equal(await settles(), `A ${SIG}`, 'and it stays');

    // One Ctrl+Z takes the expansion back and leaves a consistent model: the text as it was at
    // some point before the expansion (editors may group the trigger with it), never half of it.
    await page.keyboard.press('Control+Z');
    const undone = await settles();
    assert.ok(!undone.includes(SIG.slice(0, 4)) && 'A ;sig'.startsWith(undone), `after Ctrl+Z the model is “${undone}”`);
    // The editor's view shows what its model holds (a half-undone editor would not).
    const shown = await page.locator(field.sel).evaluate((el) =>
      ('value' in el && el.tagName !== 'DIV' ? el.value : el.innerText).replace(/\u00a0/g, ' ').replace(/[\n\u200b\ufeff]+$/, ''));
    assert.equal(shown, undone, 'the view matches the model after Ctrl+Z');
    // And the editor still works (undo may leave the restored text selected: End collapses it).
    await page.keyboard.press('End');
    await type('Z');
    assert.equal(await modelIs(`${undone}Z`), `${undone}Z`, 'the editor still takes typing after undo');

    // A cursor stop: the caret goes to {cursor}, so the next character lands there.
    await clear();
    await type(';cur');
    assert.equal(await modelIs('Hello world'), 'Hello world');
    // (Keys typed while an expansion is still being written are content/typing.js's concern.)
    await settles();
    await type('X');
    assert.equal(await modelIs('Hello Xworld'), 'Hello Xworld', 'the caret sits at the cursor stop');

    // Backspace right after an expansion restores exactly the trigger.
    await clear();
    await type('B ;sig');
    assert.equal(await modelIs(`B ${SIG}`), `B ${SIG}`);
    await page.keyboard.press('Backspace');
    assert.equal(await modelIs('B ;sig'), 'B ;sig', 'Backspace-undo restores the trigger');
    assert.equal(await settles(), 'B ;sig', 'and it stays');
    await type('!');
    assert.equal(await modelIs('B ;sig!'), 'B ;sig!', 'the caret is after the restored trigger');

    // An on-delimiter trigger: the delimiter (a space) is kept and the caret follows it.
    await clear();
    await type('x dlm ');
    assert.equal(await modelIs('x on delimiter '), 'x on delimiter ', 'on-delimiter expansion keeps the space');
    await settles();
    await type('y');
    assert.equal(await modelIs('x on delimiter y'), 'x on delimiter y');

    // In the middle of a line: the text after the caret stays after the expansion.
    await clear();
    await type('tail');
    await page.keyboard.press('Home');
    await type(';sig ');
    assert.equal(await modelIs(`${SIG} tail`), `${SIG} tail`, 'text after the caret is kept');

    // A multi-line expansion (a single-line input drops the line breaks, as the browser does);
    // one Ctrl+Z takes it back.
    await clear();
    await type('C ;mlt');
    // An <input> holds one line: line breaks (with the white space around them) become one space.
    const want = field.singleLine ? `C ${MULTI.replace(/\s*\n\s*/g, ' ')}` : `C ${MULTI}`;
    assert.equal(await modelIs(want), want, 'multi-line expansion in the model');
    await page.keyboard.press('Control+Z');
    const undoneMulti = await settles();
    assert.ok(!undoneMulti.includes('Line') && 'C ;mlt'.startsWith(undoneMulti), `after Ctrl+Z the model is “${undoneMulti}”`);
    // Typing after a multi-line expansion lands at its end.
    await clear();
    await type(';mlt');
    const bare = want.slice(2);
    assert.equal(await modelIs(bare), bare);
    await settles();
    await type('?');
    assert.equal(await modelIs(`${bare}?`), `${bare}?`, 'the caret is at the end of the expansion');

    // Backspace takes a multi-line expansion back too.
    await clear();
    await type(';mlt');
    assert.equal(await modelIs(bare), bare);
    await page.keyboard.press('Backspace');
    assert.equal(await modelIs(';mlt'), ';mlt', 'Backspace-undo of a multi-line expansion');

    // A cursor stop on the first line of a multi-line expansion.
    await clear();
    await type(';mcu');
    const lines = field.singleLine ? 'First line Second line' : 'First line\nSecond line';
    assert.equal(await modelIs(lines), lines);
    await settles();
    await type('X');
    assert.equal(await modelIs(lines.replace('First ', 'First X')), lines.replace('First ', 'First X'), 'the caret is at the stop on the first line');

    assert.deepEqual(browser.errors.slice(errorsBefore), [], 'no errors in the page or the extension');
    await page.close();
  });
}

test('an editor that puts back DOM changes it did not make gets the text through the paste fallback', async () => {
  // tests/pages/editors/model-editor.html: typing goes through beforeinput, pastes through the paste
  // event, and any other DOM change is reverted from the model. execCommand('insertText') fires no
  // beforeinput, so Rubrica's first write is reverted; the check after it sees the field unchanged
  // and the synthetic paste lands.
  const { page, modelIs, settles, clear, type } = await open({ name: 'model editor', path: '/editors/model-editor.html', sel: '#editor' });
  await type('A ;sig');
  assert.equal(await modelIs(`A ${SIG}`), `A ${SIG}`);
  assert.equal(await settles(), `A ${SIG}`, 'written once, not twice');
  assert.ok((await page.evaluate(() => window.reverted())) > 0, 'the first write was tried and reverted by the editor');
  await page.keyboard.press('Backspace');
  assert.equal(await modelIs('A ;sig'), 'A ;sig', 'Backspace-undo falls back the same way');
  await clear();
  await type(';cur');
  assert.equal(await modelIs('Hello world'), 'Hello world');
  await settles();
  await type('X');
  assert.equal(await modelIs('Hello Xworld'), 'Hello Xworld', 'the caret is at the cursor stop');
  await clear();
  await type(';mlt');
  assert.equal(await modelIs(MULTI), MULTI, 'multi-line through the paste');
  await page.close();
});

for (const field of FIELDS.filter((f) => ['Lexical', 'Slate', 'Draft.js', 'ProseMirror'].includes(f.name))) {
  test(`${field.name}: case propagation and a regex trigger`, async () => {
    const { modelIs, type } = await open(field);
    await type(';Sig');
    assert.equal(await modelIs(SIG), SIG, 'a capitalised trigger');
    await type(' ;SIG');
    assert.equal(await modelIs(`${SIG} ${SIG.toUpperCase()}`), `${SIG} ${SIG.toUpperCase()}`, 'upper case');
    await type(' ;score4 ');
    const want = `${SIG} ${SIG.toUpperCase()} Score 4/5. `;
    assert.equal(await modelIs(want), want, 'the regex trigger expands on the delimiter with its capture');
  });
}

test('the per-key read of the text before the caret agrees with the whole-field read at every caret position', async () => {
  // Detection walks backwards from the caret (cheap on every key); the write maps offsets through
  // the whole field's text. Both must see the same line, whatever shape the editor's DOM has.
  const page = await browser.page(server.url('/editors/probe.html'));
  await waitUntil(page, 'the editor did not get ready', () => window.editorReady === true);
  const result = await page.evaluate(() => {
    const { linearize, offsetOf, textBeforeCaretIn } = window.rubricaEditable;
    const host = document.querySelector('#editor');
    const shapes = [
      'ab<b>c<i>d</i></b>e', // inline marks
      '<p>one</p><p>two <b>x</b>y</p><p><br></p><p>four</p>', // ProseMirror, Quill: blocks, an empty line
      'top<div>a</div><div><br></div><div>b\u00a0c</div>', // plain contenteditable after Enter, NBSP
      '<p>a<br>b<br><br>c<br></p>', // Lexical plain text: one block, <br> lines, trailing placeholder
      '<div><span data-slate-zero-width="n">\ufeff<br></span></div><div><span>x\ufeffy</span></div>', // Slate placeholders
      '<ul><li>a</li><li>b<span contenteditable="false">W</span>c</li></ul>', // a non-editable island
    ];
    const mismatches = [];
    let checked = 0;
    for (const html of shapes) {
      host.innerHTML = html;
      const lin = linearize(host);
      const points = [];
      const walk = (node) => {
        if (node.nodeType === 3) for (let i = 0; i <= node.length; i++) points.push([node, i]);
        else {
          for (let i = 0; i <= node.childNodes.length; i++) {
            points.push([node, i]);
            if (i < node.childNodes.length) walk(node.childNodes[i]);
          }
        }
      };
      walk(host);
      for (const [node, offset] of points) {
        const el = node.nodeType === 3 ? node.parentElement : node;
        if (el.closest('[contenteditable=false]')) continue;
        // A caret right after a block, between two blocks, is normalised away by browsers.
        const prev = node.nodeType === 1 && offset > 0 ? node.childNodes[offset - 1] : null;
        if (prev?.nodeType === 1 && getComputedStyle(prev).display !== 'inline') continue;
        host.focus();
        document.getSelection().setBaseAndExtent(node, offset, node, offset);
        const at = offsetOf(lin, node, offset);
        const line = lin.text.slice(lin.text.lastIndexOf('\n', at - 1) + 1, at);
        const walked = textBeforeCaretIn(host, 1000);
        checked += 1;
        if (line !== walked) mismatches.push({ html, node: node.nodeName, offset, line, walked });
      }
    }
    return { checked, mismatches, texts: shapes.map((h) => ((host.innerHTML = h), linearize(host).text)) };
  });
  assert.ok(result.checked > 100, `${result.checked} caret positions checked`);
  assert.deepEqual(result.mismatches, []);
  // And the whole-field reading is the text a user sees, line by line.
  assert.deepEqual(result.texts, ['abcde', 'one\ntwo xy\n\nfour', 'top\na\n\nb c', 'a\nb\n\nc', '\nxy', 'a\nbc']);
  await page.close();
});

// Enter right after an on-delimiter trigger (newline is a delimiter) in rich editors: the expansion
// lands first, then Enter acts as the editor's own Enter (a new block), and typing goes on there.
for (const field of FIELDS.filter((f) => !f.singleLine && (!only || only.test(f.name)))) {
  test(`${field.name}: Enter right after a trigger expands it, then starts a new line`, async () => {
    const { page, modelIs, clear, type } = await open(field);
    await clear();
    await type('Seen dlm');
    await page.keyboard.press('Enter');
    await type('next');
    const want = 'Seen on delimiter\nnext';
    assert.equal(await modelIs(want), want, `${field.name}: the model`);
    await page.close();
  });
}

// Keys typed in one go after a trigger while the service worker is stopped (a cold expansion of
// about 70 ms): held back and replayed after the expansion, in order, in the editor's model.
for (const field of FIELDS.filter((f) => !f.name.includes('strict') && (!only || only.test(f.name)))) {
  test(`${field.name}: keys typed during a cold expansion land after it, in order`, async () => {
    const { page, modelIs, clear } = await open(field);
    await clear();
    await browser.stopServiceWorker();
    await page.keyboard.type('A ;sig and more', { delay: 0 });
    const want = `A ${SIG} and more`;
    assert.equal(await modelIs(want, 6000), want, `${field.name}: the model`);
    await page.close();
  });
}
