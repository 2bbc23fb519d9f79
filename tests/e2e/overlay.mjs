// Helpers for the overlay tests (the fill-in form and the palette): saving snippets as the
// dashboard does, finding Rubrica's overlay among the page's frames (Playwright reaches it through
// the browser, as the page's own scripts cannot), pressing the key that closes it, and reading what
// the page's own scripts can see.
import assert from 'node:assert/strict';
import { sendFromPage, until, WAIT_MS, within } from './browser.mjs';

/** The overlay page's address: chrome-extension://<dynamic id>/overlay/overlay.html#<token>. */
export const OVERLAY_URL = /^chrome-extension:\/\/[^/]+\/overlay\/overlay\.html#/;

/** Saves snippets through an extension page (the dashboard's message); returns their ids. */
export async function saveSnippets(browser, snippets) {
  const page = await browser.extensionPage('popup/popup.html');
  const ids = [];
  for (const snippet of snippets) {
    const reply = await sendFromPage(page, { type: 'snippet.save', payload: { snippet } });
    assert.equal(reply.ok, true, JSON.stringify(reply.error));
    ids.push(reply.data.meta?.id ?? reply.data.id);
  }
  await page.close();
  return ids;
}

/**
 * Rubrica's overlay frames in `page` (at any depth) that are still attached, oldest first. A
 * closed overlay stays attached, invisible, for a moment after focus went back to the field.
 */
export function overlayFrames(page) {
  return page.frames().filter((f) => !f.isDetached() && OVERLAY_URL.test(f.url()));
}

/** Rubrica's newest overlay in `page`, once it shows `selector`. */
export async function overlayFrame(page, selector, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = overlayFrames(page).at(-1);
    if (frame) {
      const ok = await frame
        .locator(selector)
        .waitFor({ state: 'visible', timeout: Math.max(100, deadline - Date.now()) })
        .then(() => true, () => false);
      if (ok) return frame;
    }
    if (Date.now() > deadline) throw new Error(`Rubrica's overlay with ${selector} did not appear (within ${timeout} ms)`);
    await page.waitForTimeout(50);
  }
}

/** Whether Rubrica's overlay is gone from `page` within `timeout` ms. */
export async function overlayGone(page, timeout = 4000) {
  return until(() => overlayFrames(page).length === 0, timeout, 'the overlay is still there').then(
    () => true,
    () => false,
  );
}

/**
 * Presses `key` ('Enter', 'Escape', 'Control+Enter', …) where focus is, for a press that may close
 * Rubrica's overlay. Resolves when Chromium acknowledged the press, or when every overlay frame
 * that was there is gone: Chromium never acknowledges a key event whose target frame was removed
 * under it (Playwright's `keyboard.press` would wait forever), and the key has done its work by
 * then. A key-down left unacknowledged is released with a key-up (to the field, which has focus
 * again), so the next press is not taken for a repeat. Fails, saying so, when neither happens
 * within `timeout` ms.
 */
export async function pressClosing(page, key, timeout = 10_000) {
  const kb = page.keyboard;
  const frames = overlayFrames(page);
  const parts = key.split('+');
  const main = parts.pop();
  const step = (promise, what) => within(promise, timeout, `pressing ${key}: ${what}`);
  for (const m of parts) await step(kb.down(m), `${m} was not acknowledged`);
  let downDone = false;
  const press = kb.down(main).then(() => {
    downDone = true;
    return kb.up(main);
  });
  press.catch(() => {});
  let onDetached = null;
  const gone = new Promise((resolve) => {
    onDetached = () => {
      if (frames.length > 0 && frames.every((f) => f.isDetached())) resolve('gone');
    };
    page.on('framedetached', onDetached);
    onDetached();
  });
  let outcome;
  try {
    outcome = await step(
      Promise.race([press.then(() => 'acknowledged'), gone]),
      frames.length ? 'not acknowledged, and the overlay is still there' : 'not acknowledged',
    );
  } finally {
    page.off('framedetached', onDetached);
  }
  if (outcome === 'gone' && !downDone) await step(kb.up(main), 'the key-up after the overlay closed was not acknowledged');
  for (const m of parts.reverse()) await step(kb.up(m), `${m} was not released`);
}

/** Waits until the field `selector` of `page` (a Page or a Frame) holds `want`; fails saying what it holds. */
export async function fieldHolds(page, want, { selector = '#justification', timeout = WAIT_MS } = {}) {
  let value;
  await until(
    async () => (value = await page.inputValue(selector, { timeout })) === want,
    timeout,
    () => `${selector} holds ${JSON.stringify(value)}, not ${JSON.stringify(want)}`,
  );
}

/** The id of the focused element inside Rubrica's overlay. */
export function focusedIn(frame) {
  return within(frame.evaluate(() => document.activeElement?.id ?? null), 5000, 'the overlay did not answer');
}

/** What the page's own scripts see of Rubrica's overlay (run in the page's main world). */
export function pageView(page) {
  return within(page.evaluate(() => {
    const hosts = [...document.documentElement.children].filter((el) => !['HEAD', 'BODY'].includes(el.tagName));
    let frameDocument = 'no frame';
    if (window.length > 0) {
      try {
        frameDocument = window.frames[0].document ? 'readable' : 'null';
      } catch {
        frameDocument = 'blocked';
      }
    }
    return {
      hosts: hosts.length,
      shadowRoots: hosts.map((h) => h.shadowRoot),
      iframesInDom: document.querySelectorAll('iframe').length,
      html: document.documentElement.outerHTML,
      text: document.documentElement.innerText,
      frames: window.length,
      frameDocument,
      storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    };
  }), 5000, 'the page did not answer');
}

/** The justification box's value, caret and whether it has focus. */
export function fieldState(page, selector = '#justification') {
  return within(page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { value: el.value, caret: el.selectionStart, end: el.selectionEnd, focused: document.activeElement === el };
  }, selector), 5000, 'the page did not answer');
}
