// The fill-in form (issue #4) in Chromium, keyboard only, on the sample task page and on the
// strict-CSP page: typing the trigger of a snippet with a text field and a choice opens the form at
// the caret with focus in the first field; Tab, arrows and Enter insert the rendered text with the
// caret at the cursor stop and focus back in the textarea; Esc leaves the trigger as typed; a click
// elsewhere closes it without writing; and the page's own scripts can see nothing of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, waitUntil } from './browser.mjs';
import { startServer } from './server.mjs';
import { fieldHolds, fieldState, focusedIn, overlayFrame, overlayGone, pageView, pressClosing, saveSnippets } from './overlay.mjs';

let server;
let browser;

const TEMPLATE = 'Because it {text: reason; label=Why is it better?}, response {choice: better; A | B | Both equal} wins.{cursor} Reviewed.';

before(async () => {
  server = await startServer();
  browser = await launch();
  await saveSnippets(browser, [
    { triggers: [';fx'], label: 'Pairwise verdict', template: TEMPLATE },
    { triggers: [';notes'], label: 'Notes', template: 'Notes:\n{paragraph: notes}\nEnd.' },
    { triggers: [], regex: ';grade(?P<n>[1-5])', label: 'Grade', template: 'Grade {capture: n}/5: {text: why}.' },
    {
      triggers: [';iss'],
      label: 'Issues',
      template: 'Issues: {multi: issues; factual errors | missing steps | verbosity}.{toggle: cite; label=Sources checked?} Sources checked.{end}',
    },
  ]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function typeTrigger(page, trigger, prefix = '') {
  await page.fill('#justification', '');
  await page.click('#justification');
  await page.keyboard.type(prefix + trigger, { delay: 10 });
}

for (const path of ['/task.html', '/strict/task.html']) {
  test(`keyboard-only form flow: type, Tab, choose with arrows, Enter (${path})`, async () => {
    const page = await browser.page(server.url(path));
    await typeTrigger(page, ';fx', 'Verdict: ');
    const frame = await overlayFrame(page, '#fill');
    await frame.locator('#field-0').waitFor();
    assert.equal(await focusedIn(frame), 'field-0', 'focus is in the first field');
    assert.equal(await frame.locator('label[for="field-0"]').innerText(), 'Why is it better?');
    // The preview shows the defaults, then follows what is typed.
    await frame.locator('#fill-preview', { hasText: 'response A wins.' }).waitFor();
    if (path === '/task.html') await browser.screenshot(page, 'fillin-form');
    await page.keyboard.type('cites its sources');
    await page.keyboard.press('Tab');
    assert.equal(await focusedIn(frame), 'field-1', 'Tab moves to the choice (its checked option)');
    await page.keyboard.press('ArrowRight');
    await frame.locator('#fill-preview', { hasText: 'Because it cites its sources, response B wins.' }).waitFor();
    await pressClosing(page, 'Enter');
    const want = 'Verdict: Because it cites its sources, response B wins. Reviewed.';
    await fieldHolds(page, want, { timeout: 4000 });
    assert.ok(await overlayGone(page), 'the form closed');
    const state = await fieldState(page);
    assert.equal(state.focused, true, 'focus is back in the textarea');
    assert.equal(state.caret, want.indexOf(' Reviewed.'), 'the caret sits at the cursor stop');
    assert.equal(state.end, state.caret);
    // Typing goes on where the caret is.
    await page.keyboard.type('!');
    assert.equal(await page.inputValue('#justification'), want.replace('wins.', 'wins.!'));
    await page.close();
  });
}

test('Esc cancels: the trigger stays as typed, focus and caret return', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';fx', 'Start ');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#field-0').waitFor();
  await page.keyboard.type('half an answer');
  await pressClosing(page, 'Escape');
  assert.ok(await overlayGone(page), 'the form closed');
  const state = await fieldState(page);
  assert.deepEqual(state, { value: 'Start ;fx', caret: 9, end: 9, focused: true });
  await page.keyboard.type(' more');
  assert.equal(await page.inputValue('#justification'), 'Start ;fx more');
  await page.close();
});

test('a multi-line field: Enter is a new line, Ctrl+Enter inserts; Tab stays in the form and its bar', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';notes');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('textarea#field-0').waitFor();
  assert.equal(await focusedIn(frame), 'field-0');
  // Shift+Tab from the first control reaches the form's top bar (its move/resize handle, in
  // Rubrica's closed shadow root: the page sees only the host), never the page behind; Shift+Tab
  // there comes back into the form.
  await page.keyboard.press('Shift+Tab');
  await waitUntil(frame, 'focus did not leave the form for its bar', () => !document.hasFocus());
  assert.equal(await page.evaluate(() => document.activeElement === document.documentElement.lastElementChild
    && document.activeElement.shadowRoot === null), true, 'focus is on the overlay host (its closed shadow root)');
  await page.keyboard.press('Shift+Tab');
  await waitUntil(frame, 'focus did not come back into the form', () => document.hasFocus());
  assert.equal(await focusedIn(frame), 'field-0');
  // Tab on the last control (Insert) wraps to the first.
  await frame.locator('#fill-insert').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focusedIn(frame), 'field-0');
  await page.keyboard.type('line one');
  await page.keyboard.press('Enter');
  await page.keyboard.type('line two');
  assert.equal(await frame.locator('#field-0').inputValue(), 'line one\nline two');
  await pressClosing(page, 'Control+Enter');
  const want = 'Notes:\nline one\nline two\nEnd.';
  await fieldHolds(page, want, { timeout: 4000 });
  const state = await fieldState(page);
  assert.equal(state.focused, true);
  assert.equal(state.caret, want.length);
  await page.close();
});

test('a regex trigger with a field: the form, then the match and its delimiter are replaced', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';grade4 ', 'Overall ');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#fill-preview', { hasText: 'Grade 4/5: .' }).waitFor();
  await page.keyboard.type('clear and correct');
  await pressClosing(page, 'Enter');
  const want = 'Overall Grade 4/5: clear and correct. ';
  await fieldHolds(page, want, { timeout: 4000 });
  const state = await fieldState(page);
  assert.equal(state.caret, want.length, 'the caret is after the kept delimiter');
  assert.equal(state.focused, true);
  await page.close();
});

test('multi-choice and toggle fields: Tab between options, Space ticks them', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';iss');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#field-0').waitFor();
  assert.equal(await focusedIn(frame), 'field-0', 'the first option has focus');
  await page.keyboard.press('Space'); // factual errors
  await page.keyboard.press('Tab'); // missing steps
  await page.keyboard.press('Tab'); // verbosity
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // the toggle
  assert.equal(await focusedIn(frame), 'field-1');
  assert.match(await frame.locator('#fill-fields').innerText(), /Sources checked\?/, 'the toggle shows its label');
  await page.keyboard.press('Space');
  await frame.locator('#fill-preview', { hasText: 'Issues: factual errors, verbosity. Sources checked.' }).waitFor();
  await pressClosing(page, 'Enter');
  const want = 'Issues: factual errors, verbosity. Sources checked.';
  await fieldHolds(page, want, { timeout: 4000 });
  await page.close();
});

test('the form outlives a stopped service worker (pending requests are in storage.session)', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';fx');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#field-0').waitFor();
  const { restarted } = await browser.stopServiceWorker();
  await page.keyboard.type('is shorter');
  await restarted; // the preview's message woke the worker
  await frame.locator('#fill-preview', { hasText: 'Because it is shorter, response A wins.' }).waitFor();
  await pressClosing(page, 'Enter');
  const want = 'Because it is shorter, response A wins. Reviewed.';
  await fieldHolds(page, want, { timeout: 6000 });
  await page.close();
});

test('a click elsewhere closes the form without writing', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';fx');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#field-0').waitFor();
  // The form opens below the caret line, over the left of the one-line summary: click its right end.
  const box = await page.locator('#summary').boundingBox();
  await page.mouse.click(box.x + box.width - 12, box.y + box.height / 2);
  assert.ok(await overlayGone(page), 'the form closed');
  assert.equal(await page.inputValue('#justification'), ';fx');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'summary', 'focus stays where the user clicked');
  await page.close();
});

test('the field going away (the page re-rendered it) closes the form without writing', async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';fx');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#field-0').waitFor();
  await page.evaluate(() => {
    const old = document.querySelector('#justification');
    const fresh = old.cloneNode();
    fresh.value = old.value;
    old.replaceWith(fresh);
  });
  assert.ok(await overlayGone(page), 'the form closed');
  assert.equal(await page.inputValue('#justification'), ';fx', 'nothing was written');
  await page.close();
});

test("privacy: the page's scripts cannot see the form or any snippet content", async () => {
  const page = await browser.page(server.url('/task.html'));
  await typeTrigger(page, ';fx');
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#fill-preview', { hasText: 'response A wins.' }).waitFor();
  const seen = await pageView(page);
  assert.equal(seen.hosts, 1, "Rubrica's host element is there");
  assert.deepEqual(seen.shadowRoots, [null], 'its shadow root is closed');
  assert.equal(seen.iframesInDom, 0, 'no iframe is reachable from the document');
  // Frames inside a shadow tree are not even in window.frames (only document-tree frames are).
  assert.equal(seen.frames, 0, 'window.frames does not list it');
  // Reaching the iframe element anyway (the test can, through the browser): it is cross-origin.
  const iframe = await frame.frameElement();
  assert.equal(await iframe.evaluate((el) => el.contentDocument), null, 'its contentDocument is null');
  assert.equal(
    await frame.evaluate(() => {
      try {
        return parent.document ? 'readable' : 'null';
      } catch {
        return 'blocked';
      }
    }),
    'blocked',
    'and the frame cannot read the page either',
  );
  for (const secret of ['Why is it better?', 'Both equal', 'response A wins', 'Reviewed', 'Pairwise verdict']) {
    assert.ok(!seen.html.includes(secret) && !seen.text.includes(secret), `the page sees “${secret}”`);
    assert.ok(!seen.storage.includes(secret));
  }
  // The frame itself does show it (the test can reach it through the browser; the page cannot).
  assert.match(await frame.locator('#fill').innerText(), /Both equal/);
  await pressClosing(page, 'Escape');
  assert.ok(await overlayGone(page));
  await page.close();
});

test('the form follows the theme setting (dark)', async () => {
  const settings = async (theme) => {
    const p = await browser.extensionPage('popup/popup.html');
    const reply = await sendFromPage(p, { type: 'settings.update', payload: { patch: { theme } } });
    assert.equal(reply.ok, true, JSON.stringify(reply.error));
    await p.close();
  };
  await settings('dark');
  try {
    const page = await browser.page(server.url('/task.html'));
    await typeTrigger(page, ';fx');
    const frame = await overlayFrame(page, '#fill');
    assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
    const bg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(255, 255, 255)', 'a dark surface');
    await browser.screenshot(page, 'fillin-form-dark');
    await pressClosing(page, 'Escape');
    assert.ok(await overlayGone(page));
    await page.close();
  } finally {
    await settings('system');
  }
});

test('the form stays inside the viewport when the window is small or the page scrolls', async () => {
  const page = await browser.page(server.url('/task.html'));
  await page.setViewportSize({ width: 520, height: 420 });
  await typeTrigger(page, ';fx', 'x '.repeat(200));
  const frame = await overlayFrame(page, '#fill');
  await frame.locator('#field-0').waitFor();
  const box = async () => (await frame.frameElement()).boundingBox();
  const inside = (b) => b.x >= 0 && b.y >= 0 && b.x + b.width <= 520 && b.y + b.height <= 420;
  const first = await box();
  assert.ok(inside(first), JSON.stringify(first));
  // Scrolling the page (the field moves): the form follows and stays inside the viewport.
  await page.evaluate(() => window.scrollBy(0, 120));
  await page.waitForTimeout(100);
  const moved = await box();
  assert.ok(inside(moved), JSON.stringify(moved));
  await pressClosing(page, 'Escape');
  assert.ok(await overlayGone(page));
  await page.close();
});

// The form writes through the same field adapters as typed triggers (content/adapters.js): in
// contenteditable and rich editors the editor's own model holds the text, and focus and caret go
// back into the editor.
for (const [name, path] of [
  ['contenteditable', '/editors/contenteditable.html'],
  ['ProseMirror', '/editors/prosemirror.html'],
  ['Lexical', '/editors/lexical.html'],
  ['Slate', '/editors/slate.html'],
  ['Quill', '/editors/quill.html'],
  ['Draft.js', '/editors/draft.html'],
  ['CodeMirror 6', '/editors/codemirror.html'],
]) {
  test(`the form inserts into ${name}'s model; focus and caret return to the editor`, async () => {
    const page = await browser.page(server.url(path));
    await waitUntil(page, 'the editor did not get ready', () => window.editorReady === true);
    await page.click('#editor');
    await page.keyboard.type('Verdict: ;fx', { delay: 20 });
    const frame = await overlayFrame(page, '#fill');
    await frame.locator('#field-0').waitFor();
    await page.keyboard.type('is sourced');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await frame.locator('#fill-preview', { hasText: 'response B wins.' }).waitFor();
    await pressClosing(page, 'Enter');
    const want = 'Verdict: Because it is sourced, response B wins. Reviewed.';
    await page.waitForFunction((w) => window.model() === w, want, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.evaluate(() => window.model()), want, "the editor's model");
    assert.ok(await overlayGone(page), 'the form closed');
    // The caret is at the cursor stop, in the editor: typing goes there.
    await page.waitForTimeout(150);
    await page.keyboard.type('!', { delay: 20 });
    const typed = want.replace('wins.', 'wins.!');
    await page.waitForFunction((w) => window.model() === w, typed, { timeout: 3000 }).catch(() => {});
    assert.equal(await page.evaluate(() => window.model()), typed, 'typing goes on at the cursor stop');
    await page.close();
  });
}
