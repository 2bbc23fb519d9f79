// The in-page overlay of the fill-in form and the search palette (docs/palette.md): a host element
// with a CLOSED shadow root holding one <iframe> of Rubrica's extension page overlay/overlay.html.
// The page's scripts cannot reach into the shadow root (host.shadowRoot is null for them), and the
// frame is cross-origin to the page (its contentDocument is null), so they never see the fields,
// the choices, the search results or any snippet content. This script never sees them either: it
// knows a token, and later receives only the final text to write.
//
// It remembers the field, the caret and what was typed, puts focus and caret back when the frame
// closes, and writes nothing when the user clicked elsewhere or the field is gone.

import { api } from '../shared/runtime.js';
import { caretTracker, important, place } from './overlay-place.js';

/** The open overlay: {token, host, frame, adapter, el, caret, typed, keepAfter, loads, watch, follow}, or null. */
let current = null;
/** Set by main.js: `apply(adapter, typed, keepAfter, result)` writes an expansion (resolves true when it landed). */
let apply = null;
/** Set by main.js: tells the background the overlay closed without a result. */
let cancelled = null;

export function initOverlay({ write, onCancel }) {
  apply = write;
  cancelled = onCancel;
  document.addEventListener('mousedown', onPointer, true);
  document.addEventListener('touchstart', onPointer, true);
}

/**
 * Shows the frame for the pending request `token`, near the caret of the field behind `adapter`
 * (content/adapters.js). `typed` and `keepAfter`
 * are the text before the caret that the result may replace (the trigger and its delimiter, or the
 * word the palette was opened on). `title` names the frame for screen readers.
 */
export function openOverlay({ token, adapter, typed, keepAfter, title = 'Rubrica' }) {
  const el = adapter.el;
  const caret = adapter.saveCaret();
  closeOverlay({ notify: true, restore: false });
  const host = document.createElement('div');
  important(host, {
    all: 'initial', position: 'fixed', 'z-index': '2147483647', display: 'block', margin: '0',
    padding: '0', border: '0', background: 'transparent', 'box-shadow': '0 8px 28px rgba(0,0,0,.28)',
    'border-radius': '10px', overflow: 'hidden', 'pointer-events': 'auto', transform: 'none',
    filter: 'none', opacity: '1', visibility: 'visible', contain: 'strict',
  });
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.setAttribute('referrerpolicy', 'no-referrer');
  important(frame, {
    all: 'initial', display: 'block', width: '100%', height: '100%', border: '0', margin: '0',
    padding: '0', 'color-scheme': 'normal', background: 'transparent',
  });
  frame.src = `${api.runtime.getURL('overlay/overlay.html')}#${token}`;
  root.append(frame);
  document.documentElement.append(host);
  const caretPoint = caretTracker(adapter, caret, root);
  place(host, caretPoint());
  const state = { token, host, frame, adapter, el, caret, typed, keepAfter, loads: 0, watch: 0 };
  // The frame takes focus as soon as it has loaded; a second load means someone navigated it
  // away from Rubrica's page: close it rather than show what it became.
  frame.addEventListener('load', () => {
    state.loads += 1;
    if (state.loads > 1) closeOverlay({ notify: true, restore: true });
    else frame.focus();
  });
  // The field went away (the page re-rendered it): close without writing.
  state.watch = setInterval(() => {
    if (!el.isConnected) closeOverlay({ notify: true, restore: false });
  }, 400);
  // Keep it at the caret (and in the viewport) when the page scrolls or the window resizes.
  state.follow = () => {
    if (current === state && el.isConnected) place(host, caretPoint());
  };
  window.addEventListener('scroll', state.follow, { capture: true, passive: true });
  window.addEventListener('resize', state.follow, { passive: true });
  current = state;
}

/** Puts focus and the caret back where they were when the overlay opened. */
function restoreCaret(x) {
  return x.adapter.restoreCaret(x.caret);
}

/** Removes the overlay. `restore` puts focus and caret back; `notify` tells the background. */
export function closeOverlay({ notify = false, restore = true } = {}) {
  const x = current;
  if (!x) return;
  current = null;
  clearInterval(x.watch);
  window.removeEventListener('scroll', x.follow, { capture: true });
  window.removeEventListener('resize', x.follow);
  x.host.remove();
  if (restore) restoreCaret(x);
  if (notify) cancelled?.(x.token);
}

/** A click or touch outside the overlay: the user moved on; close without writing. */
function onPointer(event) {
  if (!current) return;
  const path = event.composedPath?.() ?? [];
  if (path.includes(current.host)) return;
  closeOverlay({ notify: true, restore: false });
}

/**
 * `overlay.insert` / `overlay.close` from the background, already checked to come from it. Only
 * the open overlay's token counts. Returns `{written}` for the background.
 */
export async function onOverlayMessage(message) {
  const x = current;
  if (!x || typeof message?.token !== 'string' || message.token !== x.token) return { written: false };
  if (message.type === 'overlay.close') {
    closeOverlay({ restore: true });
    return { written: false };
  }
  closeOverlay({ restore: false });
  if (!(await restoreCaret(x))) return { written: false };
  const { text, cursors, replaceLen } = message;
  if (typeof text !== 'string' || !Array.isArray(cursors)) return { written: false };
  const result = { status: 'done', text, cursors, replaceLen: Number.isInteger(replaceLen) ? replaceLen : undefined };
  return { written: (await apply?.(x.adapter, x.typed, x.keepAfter, result)) === true };
}
