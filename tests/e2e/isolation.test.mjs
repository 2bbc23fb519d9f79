// Page isolation (issue 13), on the test build: a script of the task page itself (its main world,
// installed before any other) records every DOM mutation outside the field, every `message`
// event (postMessage), the properties added to `window`, and `localStorage`/`sessionStorage`,
// while Rubrica does 100 uses — literal expansions, fill-in forms, palette insertions, library
// entries opened in the palette's frame and fields saved to the library. None of what it saw holds
// any snippet, rubric or library text (the inserted text lands in the field's value, which is the
// user's own, and so is a field the user saves). Then Rubrica's content-script world is asked to read storage.local,
// which Chromium refuses (setAccessLevel TRUSTED_CONTEXTS: docs/privacy.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { contentWorld, launch, TEST_BUILD, until, within, WAIT_MS } from './browser.mjs';
import { startServer } from './server.mjs';
import { overlayFrame, overlayFrames, pressClosing } from './overlay.mjs';

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

/** Runs in the page's main world before its scripts: the page's own observer. */
function recorder() {
  const seen = [];
  const startKeys = new Set(Object.getOwnPropertyNames(window));
  const field = () => document.querySelector('#justification');
  const inField = (n) => {
    const f = field();
    return f && (n === f || f.contains(n));
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (inField(r.target)) continue;
      if (r.type === 'childList') {
        for (const n of [...r.addedNodes, ...r.removedNodes]) seen.push(`node: ${n.outerHTML ?? n.textContent ?? ''}`);
      } else if (r.type === 'attributes') {
        seen.push(`attr ${r.attributeName}: ${r.target.getAttribute?.(r.attributeName) ?? ''} (was ${r.oldValue ?? ''})`);
      } else {
        seen.push(`text: ${r.target.data ?? ''}`);
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
  window.addEventListener('message', (e) => {
    let data;
    try {
      data = JSON.stringify(e.data);
    } catch {
      data = String(e.data);
    }
    seen.push(`message from ${e.origin}: ${data}`);
  }, true);
  Object.defineProperty(window, '__pageRecorder', {
    value: () => ({
      seen,
      messages: seen.filter((s) => s.startsWith('message')).length,
      mutations: seen.filter((s) => !s.startsWith('message')).length,
      newWindowProperties: Object.getOwnPropertyNames(window).filter((k) => !startKeys.has(k) && k !== '__pageRecorder'),
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
      title: document.title,
      cookie: document.cookie,
    }),
  });
}

/** Library entries saved before the uses (through the context menu's handler), never inserted. */
const LIBRARY = [
  'Quokka check: Response A quotes the municipal zoning ordinance, paragraph four, word for word.',
  'Quokka check: Response B skips the second constraint about the marmalade budget entirely.',
  'Quokka check: both responses misread the tide table; neither gives the corrected harbour time.',
];

/** Literal pieces (12+ characters) of every snippet template, rubric phrase and library entry stored. */
async function secrets(savedFromFields) {
  const stored = await within(browser.sw.evaluate(() => __rubricaTest.readStorage(null)), WAIT_MS, 'no storage');
  const out = new Set();
  for (const [key, shard] of Object.entries(stored)) {
    if (!key.startsWith('justifications/')) continue;
    for (const e of Object.values(shard)) {
      // A field the user saved was on the page already: it is theirs, not a secret.
      if (savedFromFields.has(e.text)) continue;
      for (const piece of e.text.split(/[.;:]/)) if (piece.trim().length >= 12) out.add(piece.trim());
    }
  }
  for (const s of Object.values(stored.snippets ?? {})) {
    for (const piece of s.template.split(/\{[^}]*\}/)) if (piece.trim().length >= 12) out.add(piece.trim());
  }
  for (const r of Object.values(stored.rubrics ?? {})) {
    for (const c of r.criteria ?? []) {
      for (const p of c.phrases ?? []) if (p.length >= 12) out.add(p);
      if ((c.definition ?? '').length >= 12) out.add(c.definition);
    }
  }
  return [...out];
}

async function use(page, kind, i, savedFromFields) {
  await page.fill('#justification', '');
  await page.click('#justification');
  if (kind === 'library entry') {
    // Opened in the frame for reference (first action) and closed: nothing is inserted.
    await within(browser.sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the palette hook did not answer');
    const frame = await overlayFrame(page, '#palette-query');
    await page.keyboard.type('quokka');
    const entry = frame.locator('#palette-results li.result-entry').nth(i % LIBRARY.length);
    await entry.click();
    await frame.locator('#entry-body').filter({ hasText: 'Quokka check' }).waitFor();
    await pressClosing(page, 'Escape');
    await until(async () => overlayFrames(page).length === 0, 8000, `use ${i}: the overlay stayed`);
    assert.equal(await page.inputValue('#justification'), '', `use ${i}: a library entry was inserted without asking`);
    return;
  }
  if (kind === 'library save') {
    const text = `My own note ${i}: the second response ignores the word limit the prompt set.`;
    savedFromFields.add(text);
    await page.fill('#justification', text);
    await page.click('#justification');
    await within(browser.sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the palette hook did not answer');
    const frame = await overlayFrame(page, '#palette-query');
    await frame.locator('#palette-save-field').click();
    await frame.locator('#palette-save-field', { hasText: 'Saved to your library' }).waitFor();
    await pressClosing(page, 'Escape');
    await until(async () => overlayFrames(page).length === 0, 8000, `use ${i}: the overlay stayed`);
    return;
  }
  if (kind === 'palette') {
    await within(browser.sw.evaluate(() => __rubricaTest.openPalette()), WAIT_MS, 'the palette hook did not answer');
    const frame = await overlayFrame(page, '#palette-query');
    await page.keyboard.type('tone');
    await frame.locator('#palette-results[data-query="tone"] li').first().waitFor();
    await pressClosing(page, 'Enter');
  } else {
    await page.keyboard.type(kind, { delay: 5 });
  }
  let v = '';
  let accepted = false;
  await until(async () => {
    v = await page.inputValue('#justification');
    if (v.length > 12 && !v.includes(kind)) return true;
    // A snippet with fields opens its fill-in form: Enter accepts the defaults, as a user would.
    const form = overlayFrames(page).at(-1);
    if (!accepted && form && (await form.locator('#fill').isVisible().catch(() => false))) {
      accepted = true;
      await pressClosing(page, 'Enter');
    }
    return false;
  }, 8000, () => `use ${i} (${kind}) inserted nothing: the field holds ${JSON.stringify(v)}`);
  await until(async () => overlayFrames(page).length === 0, 8000, `use ${i}: the overlay stayed`);
}

test('100 uses: the page observes no snippet or library text outside its field, no message, no storage', async () => {
  for (const text of LIBRARY) {
    await within(browser.sw.evaluate((t) => __rubricaTest.librarySaveSelection(t), text), WAIT_MS, 'the library save hook did not answer');
  }
  const page = await browser.page();
  await page.addInitScript(recorder);
  await page.goto(server.url('/task.html'));
  const kinds = [';tone', ';verb', ';acc', 'palette', ';safe', ';pair', 'library entry', 'library save'];
  const counts = {};
  const savedFromFields = new Set();
  for (let i = 0; i < 100; i++) {
    const kind = kinds[i % kinds.length];
    counts[kind] = (counts[kind] ?? 0) + 1;
    await use(page, kind, i, savedFromFields);
  }
  const seen = await page.evaluate(() => window.__pageRecorder());
  const needles = await secrets(savedFromFields);
  assert.ok(needles.length >= 10, `only ${needles.length} secrets to look for`);
  for (const text of LIBRARY) assert.ok(needles.some((n) => text.includes(n)), `the library entry is looked for: ${text}`);
  const leaks = needles.filter((n) => seen.seen.some((s) => s.includes(n)) || seen.storage.includes(n) || seen.title.includes(n) || seen.cookie.includes(n));
  assert.deepEqual(leaks, [], 'snippet, rubric or library text reached the page outside its field');
  assert.equal(seen.messages, 0, 'no postMessage reached the page');
  assert.deepEqual(seen.newWindowProperties, [], 'nothing was added to window');
  assert.equal(seen.storage, '{}{}', 'localStorage and sessionStorage are untouched');
  // The recorder can fail: text and a message the test puts in the page on purpose show up in it.
  await page.evaluate((t) => {
    const d = document.createElement('div');
    d.textContent = t;
    document.body.append(d);
    window.postMessage({ probe: t }, '*');
  }, needles[0]);
  await until(async () => (await page.evaluate(() => window.__pageRecorder())).messages === 1, 5000, 'the probe message was not recorded');
  const probe = await page.evaluate(() => window.__pageRecorder());
  assert.ok(probe.seen.some((x) => x.startsWith('node:') && x.includes(needles[0])), 'the recorder sees text added to the page');
  console.log(`# isolation: ${JSON.stringify(counts)}; ${seen.mutations} mutations and ${seen.messages} messages seen, ${needles.length} secrets looked for, ${leaks.length} found`);
  await page.close();
});

test('Rubrica\'s content script cannot read storage.local (Chromium: trusted contexts only)', async () => {
  const { page, cdp, run } = await contentWorld(browser, server.url('/task.html'));
  const value = await run(`(async () => {
    try {
      if (!chrome.storage?.local?.get) return 'no storage.local';
      const v = await chrome.storage.local.get(null);
      return 'read ' + Object.keys(v).length + ' keys';
    } catch (e) { return 'refused: ' + e.message; }
  })()`);
  assert.doesNotMatch(String(value), /^read/, `the content script read storage: ${value}`);
  console.log(`# content script asking for storage.local: ${value}`);
  await cdp.detach();
  await page.close();
});
