// The search palette (issue #4) in Chromium, on the test build: the open-palette shortcut's handler
// (called through the test hook, since automation cannot press browser shortcuts) opens the palette
// pre-filled with the word before the caret; the search runs in the core (a typo-ish subsequence
// finds the snippet); arrows and Enter insert at the caret, replacing the word when it starts the
// chosen snippet's trigger; a snippet with fields goes through the form; the page sees nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, RELEASE, TEST_BUILD, until, waitUntil, within, WAIT_MS } from './browser.mjs';
import { startServer } from './server.mjs';
import { fieldHolds, fieldState, focusedIn, overlayFrame, overlayFrames, overlayGone, pageView, pressClosing, saveSnippets } from './overlay.mjs';

let server;
let browser;

const SIGNOFF = 'Thanks for the careful review of both responses.';

before(async () => {
  server = await startServer();
  browser = await launch({ dir: TEST_BUILD });
  await saveSnippets(browser, [
    { triggers: [';signoff'], label: 'Polite sign-off', template: SIGNOFF, tags: ['closing'] },
    { triggers: [';sigma'], label: 'Statistics note', template: 'One standard deviation.' },
    { triggers: [';fx'], label: 'Pairwise verdict', template: 'Response {choice: better; A | B} wins.{cursor} Done.' },
  ]);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The open-palette shortcut, through the test build's hook (the command's own handler). */
async function shortcut() {
  const sw = await browser.serviceWorker();
  return within(sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the open-palette hook did not answer');
}

async function typeInField(page, text, path = '/task.html') {
  await page.goto(server.url(path));
  await page.click('#justification');
  await page.keyboard.type(text, { delay: 5 });
}

async function resultTriggers(frame) {
  return frame.locator('#palette-results .result-trigger').allInnerTexts();
}

test('the manifest declares open-palette (4 suggested keys at most) and the overlay resource', async () => {
  const m = JSON.parse(await readFile(join(RELEASE, 'manifest.json'), 'utf8'));
  assert.equal(m.commands['open-palette'].suggested_key.default, 'Alt+Shift+Space');
  assert.match(m.commands['open-palette'].description, /search snippets/i);
  const suggested = Object.values(m.commands).filter((c) => c.suggested_key);
  assert.ok(suggested.length <= 4, 'Chromium accepts at most 4 suggested keys');
  const keys = suggested.map((c) => c.suggested_key.default);
  assert.equal(new Set(keys).size, keys.length, 'no two commands share a key');
  const war = m.web_accessible_resources;
  assert.deepEqual(war.map((w) => w.resources), [['overlay/overlay.html']], 'only the overlay is web-accessible');
  assert.equal(war[0].use_dynamic_url, true);
  // Chromium registered the command with its key.
  const sw = await browser.serviceWorker();
  const commands = await within(sw.evaluate(() => __rubricaTest.commands()), WAIT_MS, 'the commands hook did not answer');
  const palette = commands.find((c) => c.name === 'open-palette');
  assert.equal(palette?.shortcut, 'Alt+Shift+Space');
});

test('pre-filled with the word before the caret; Enter replaces the partial trigger', async () => {
  const page = await browser.page();
  await typeInField(page, 'Overall: ;sig');
  assert.equal(await shortcut(), true);
  const frame = await overlayFrame(page, '#palette-query');
  assert.equal(await frame.locator('#palette-query').inputValue(), ';sig');
  assert.equal(await focusedIn(frame), 'palette-query', 'focus is in the search box');
  await frame.locator('#palette-results li').first().waitFor();
  assert.deepEqual((await resultTriggers(frame)).slice(0, 2).sort(), [';sigma', ';signoff']);
  await frame.locator('#palette-results li', { hasText: 'Polite sign-off' }).waitFor();
  await browser.screenshot(page, 'palette');
  // Arrows pick the sign-off, wherever it ranks.
  const order = await resultTriggers(frame);
  for (let i = 0; i < order.indexOf(';signoff'); i++) await page.keyboard.press('ArrowDown');
  assert.equal(await frame.locator('[aria-selected="true"] .result-trigger').innerText(), ';signoff');
  await pressClosing(page, 'Enter');
  const want = `Overall: ${SIGNOFF}`;
  await fieldHolds(page, want, { timeout: 4000 });
  assert.ok(await overlayGone(page));
  const state = await fieldState(page);
  assert.equal(state.focused, true, 'focus is back in the field');
  assert.equal(state.caret, want.length, 'the caret is after the inserted text');
  await page.close();
});

test('fuzzy search in the core: a typo-ish subsequence finds the snippet; inserted at the caret', async () => {
  const page = await browser.page();
  await typeInField(page, 'Closing words ');
  await shortcut();
  const frame = await overlayFrame(page, '#palette-query');
  assert.equal(await frame.locator('#palette-query').inputValue(), '', 'no word before the caret');
  await page.keyboard.type('crfl rviw');
  await frame.locator('#palette-results[data-query="crfl rviw"]').waitFor({ state: 'attached' });
  assert.deepEqual(await resultTriggers(frame), [';signoff'], 'only the snippet whose content matches');
  await pressClosing(page, 'Enter');
  const want = `Closing words ${SIGNOFF}`;
  await fieldHolds(page, want, { timeout: 4000 });
  assert.equal((await fieldState(page)).focused, true);
  await page.close();
});

test('a word that does not start the trigger stays; a snippet with fields goes through the form', async () => {
  const page = await browser.page();
  await typeInField(page, 'So verdict');
  await shortcut();
  const frame = await overlayFrame(page, '#palette-query');
  assert.equal(await frame.locator('#palette-query').inputValue(), 'verdict');
  await frame.locator('#palette-results li', { hasText: 'Pairwise verdict' }).waitFor();
  assert.equal(await frame.locator('#palette-results li').first().locator('.result-form').count(), 1, 'marked as a form');
  await pressClosing(page, 'Enter');
  await frame.locator('#fill').waitFor();
  assert.equal(await frame.locator('#fill-title').textContent(), 'Fill in: Pairwise verdict');
  assert.equal(await focusedIn(frame), 'field-0', 'focus is in the first field');
  await page.keyboard.press('ArrowRight');
  await frame.locator('#fill-preview', { hasText: 'Response B wins.' }).waitFor();
  await pressClosing(page, 'Enter');
  const want = 'So verdictResponse B wins. Done.';
  await fieldHolds(page, want, { timeout: 4000 });
  const state = await fieldState(page);
  assert.equal(state.caret, want.indexOf(' Done.'), 'the caret is at the cursor stop');
  assert.equal(state.focused, true);
  await page.close();
});

test('Esc closes the palette and leaves the text; the page sees no results (strict CSP page)', async () => {
  const page = await browser.page();
  await typeInField(page, 'Draft ;si', '/strict/task.html');
  await shortcut();
  const frame = await overlayFrame(page, '#palette-query');
  await frame.locator('#palette-results li', { hasText: 'Polite sign-off' }).waitFor();
  const seen = await pageView(page);
  assert.deepEqual(seen.shadowRoots, [null]);
  assert.equal(seen.iframesInDom, 0);
  for (const secret of ['Polite sign-off', 'careful review', 'Statistics note', 'standard deviation', ';signoff']) {
    assert.ok(!seen.html.includes(secret) && !seen.text.includes(secret), `the page sees “${secret}”`);
  }
  await pressClosing(page, 'Escape');
  assert.ok(await overlayGone(page));
  assert.deepEqual(await fieldState(page), { value: 'Draft ;si', caret: 9, end: 9, focused: true });
  await page.close();
});

test('the shortcut does nothing without a focused field', async () => {
  const page = await browser.page(server.url('/task.html'));
  await page.click('h1');
  await shortcut();
  await page.waitForTimeout(400);
  assert.ok(await overlayGone(page, 200), 'no palette without a field');
  await page.close();
});

test('what a content script gets: a token, never fields; frame messages need the frame and its tab', async () => {
  const sw = await browser.serviceWorker();
  const out = await within(sw.evaluate(async () => {
    const content = { id: chrome.runtime.id, origin: 'http://127.0.0.1:9', tab: { id: 4242 }, frameId: 0 };
    const own = new URL(chrome.runtime.getURL('')).origin;
    const frame = (tabId) => ({ id: chrome.runtime.id, origin: own, tab: { id: tabId }, frameId: 3 });
    const route = (m, s) => __rubricaTest.route(m, s);
    const expand = await route({ type: 'expand', payload: { trigger: ';fx' } }, content);
    // Another frame of the tab (one pending request per frame: a second one would replace the first).
    const palette = await route({ type: 'palette.open', payload: { word: ';sig' } }, { ...content, frameId: 1 });
    const token = expand.data.token;
    return {
      expand,
      palette,
      senderOfFrame: __rubricaTest.senderKind(frame(4242)),
      fromContent: await route({ type: 'overlay.get', payload: { token } }, content),
      otherTab: await route({ type: 'overlay.get', payload: { token } }, frame(1)),
      sameTab: await route({ type: 'overlay.get', payload: { token } }, frame(4242)),
      libraryFromFrame: await route({ type: 'library.get' }, frame(4242)),
      searchOnAForm: await route({ type: 'overlay.search', payload: { token, query: 'x' } }, frame(4242)),
      cancel: await route({ type: 'overlay.forget', payload: { token } }, content),
      afterCancel: await route({ type: 'overlay.get', payload: { token } }, frame(4242)),
    };
  }), WAIT_MS, 'the routing hook did not answer');
  assert.equal(out.expand.data.status, 'needsInput');
  assert.deepEqual(Object.keys(out.expand.data).sort(), ['status', 'tableRevision', 'token'], 'no fields, no snippet id');
  assert.match(out.expand.data.token, /^[0-9a-f]{32}$/);
  assert.deepEqual(Object.keys(out.palette.data), ['token']);
  assert.equal(out.senderOfFrame, 'overlay');
  assert.equal(out.fromContent.error.kind, 'forbidden', 'a content script cannot read the form');
  assert.equal(out.otherTab.error.kind, 'notFound', 'a frame in another tab cannot either');
  assert.equal(out.sameTab.data?.mode, 'fill', JSON.stringify(out.sameTab));
  assert.deepEqual(out.sameTab.data.fields.map((f) => f.name), ['better']);
  assert.equal(out.libraryFromFrame.error.kind, 'forbidden', 'the overlay may send overlay.* only');
  assert.equal(out.searchOnAForm.error.kind, 'invalidMessage');
  assert.equal(out.cancel.ok, true);
  assert.equal(out.afterCancel.error.kind, 'notFound', 'cancelled: forgotten');
});

test('in a frame of the page: only the focused frame opens the palette, and the text lands there', async () => {
  const page = await browser.page(server.url('/palette-frame.html'));
  const task = page.frameLocator('#task-frame');
  await task.locator('#justification').click();
  await page.keyboard.type('Inner ;signo', { delay: 5 });
  await shortcut();
  const inner = page.frames().find((f) => f.url().endsWith('/task.html'));
  // Rubrica's overlay is a child of the task frame, not of the top page.
  const palette = await until(
    () => overlayFrames(page).find((f) => f.parentFrame() === inner),
    5000,
    'the palette did not open inside the focused frame',
  );
  await palette.locator('#palette-query').waitFor();
  assert.equal(await palette.locator('#palette-query').inputValue(), ';signo');
  await palette.locator('#palette-results li', { hasText: 'Polite sign-off' }).waitFor();
  await pressClosing(page, 'Enter');
  await fieldHolds(inner, `Inner ${SIGNOFF}`, { timeout: 4000 });
  assert.equal(await page.inputValue('#outer'), '', 'the top page is untouched');
  assert.ok(await overlayGone(page), 'the palette closed');
  await page.close();
});

// The palette inserts through the field adapters too: a rich editor's model holds the text and
// the partial trigger it was opened on is replaced.
for (const [name, path] of [
  ['contenteditable', '/editors/contenteditable.html'],
  ['ProseMirror', '/editors/prosemirror.html'],
  ['Lexical', '/editors/lexical.html'],
]) {
  test(`in ${name}: pre-filled from the editor, the choice lands in its model`, async () => {
    const page = await browser.page(server.url(path));
    await waitUntil(page, 'the editor did not get ready', () => window.editorReady === true);
    await page.click('#editor');
    await page.keyboard.type('Overall: ;signo', { delay: 20 });
    assert.equal(await shortcut(), true);
    const frame = await overlayFrame(page, '#palette-query');
    assert.equal(await frame.locator('#palette-query').inputValue(), ';signo');
    await frame.locator('#palette-results li', { hasText: 'Polite sign-off' }).waitFor();
    const order = await resultTriggers(frame);
    for (let i = 0; i < order.indexOf(';signoff'); i++) await page.keyboard.press('ArrowDown');
    await pressClosing(page, 'Enter');
    const want = `Overall: ${SIGNOFF}`;
    await page.waitForFunction((w) => window.model() === w, want, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.evaluate(() => window.model()), want);
    assert.ok(await overlayGone(page));
    await page.close();
  });
}
