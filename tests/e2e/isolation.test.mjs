// Page isolation (issue 13), on the test build: a script of the task page itself (its main world,
// installed before any other) records every DOM mutation outside the field, every `message`
// event (postMessage), the properties added to `window`, and `localStorage`/`sessionStorage`,
// while Rubrica does 100 uses — literal expansions, fill-in forms and palette insertions. None of
// what it saw holds any snippet or rubric text (the inserted text lands in the field's value,
// which is the user's own). Then Rubrica's content-script world is asked to read storage.local,
// which Chromium refuses (setAccessLevel TRUSTED_CONTEXTS: docs/privacy.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, TEST_BUILD, until, within, WAIT_MS } from './browser.mjs';
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

/** Literal pieces (12+ characters) of every snippet template and every rubric phrase stored. */
async function secrets() {
  const stored = await within(browser.sw.evaluate(() => __rubricaTest.readStorage(['snippets', 'rubrics'])), WAIT_MS, 'no storage');
  const out = new Set();
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

async function use(page, kind, i) {
  await page.fill('#justification', '');
  await page.click('#justification');
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

test('100 uses: the page observes no snippet text outside its field, no message, no storage', async () => {
  const page = await browser.page();
  await page.addInitScript(recorder);
  await page.goto(server.url('/task.html'));
  const kinds = [';tone', ';verb', ';acc', 'palette', ';safe', ';pair'];
  const counts = {};
  for (let i = 0; i < 100; i++) {
    const kind = kinds[i % kinds.length];
    counts[kind] = (counts[kind] ?? 0) + 1;
    await use(page, kind, i);
  }
  const seen = await page.evaluate(() => window.__pageRecorder());
  const needles = await secrets();
  assert.ok(needles.length >= 10, `only ${needles.length} secrets to look for`);
  const leaks = needles.filter((n) => seen.seen.some((s) => s.includes(n)) || seen.storage.includes(n) || seen.title.includes(n) || seen.cookie.includes(n));
  assert.deepEqual(leaks, [], 'snippet or rubric text reached the page outside its field');
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
  const page = await browser.page();
  const cdp = await page.context().newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await page.goto(server.url('/task.html'));
  await page.click('#justification'); // the content script is there once the field answers
  const ctx = await until(() => contexts.find((c) => c.auxData?.type === 'isolated' && /Rubrica/.test(c.name)), WAIT_MS,
    'no content-script world of Rubrica in the page');
  const { result } = await cdp.send('Runtime.evaluate', {
    contextId: ctx.id, awaitPromise: true, returnByValue: true,
    expression: `(async () => {
      try {
        if (!chrome.storage?.local?.get) return 'no storage.local';
        const v = await chrome.storage.local.get(null);
        return 'read ' + Object.keys(v).length + ' keys';
      } catch (e) { return 'refused: ' + e.message; }
    })()`,
  });
  assert.doesNotMatch(String(result.value), /^read/, `the content script read storage: ${result.value}`);
  console.log(`# content script asking for storage.local: ${result.value}`);
  await cdp.detach();
  await page.close();
});
