// Helpers for the fill-in form and palette tests: saving snippets as the dashboard does, finding
// Rubrica's frame among the page's frames (Playwright reaches it through the browser, as the page's
// own scripts cannot), and reading what the page's own scripts can see.
import assert from 'node:assert/strict';
import { sendFromPage } from './browser.mjs';

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

/** Rubrica's frame in `page`, once it shows `selector`. */
export async function rubricaFrame(page, selector, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/overlay\/overlay\.html#/.test(f.url()));
    if (frame) {
      const ok = await frame
        .locator(selector)
        .waitFor({ state: 'visible', timeout: Math.max(100, until - Date.now()) })
        .then(() => true, () => false);
      if (ok) return frame;
    }
    if (Date.now() > until) throw new Error(`Rubrica's frame with ${selector} did not appear`);
    await page.waitForTimeout(50);
  }
}

/** Whether Rubrica's frame is gone from `page`. */
export async function frameGone(page, timeout = 4000) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (!page.frames().some((f) => f.url().includes('/overlay/overlay.html'))) return true;
    await page.waitForTimeout(50);
  }
  return false;
}

/** The id of the focused element inside Rubrica's frame. */
export function focusedIn(frame) {
  return frame.evaluate(() => document.activeElement?.id ?? null);
}

/** What the page's own scripts see of Rubrica's overlay (run in the page's main world). */
export function pageView(page) {
  return page.evaluate(() => {
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
  });
}

/** The justification box's value, caret and whether it has focus. */
export function fieldState(page, selector = '#justification') {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { value: el.value, caret: el.selectionStart, end: el.selectionEnd, focused: document.activeElement === el };
  }, selector);
}
