// The overlay (docs/palette.md): Rubrica's own extension page overlay/overlay.html, in one of its
// two modes — the fill-in form or the palette — shown in the web page inside a host element with
// a CLOSED shadow root. The page's scripts cannot reach into the shadow root (host.shadowRoot is
// null for them), and the overlay's frame is cross-origin to the page (its contentDocument is
// null), so they never see the fields, the choices, the search results or any snippet content.
// This script never sees them either: it knows a token, and later receives only the final text
// to write.
//
// It remembers the field, the caret and what was typed; on closing it puts focus and caret back
// in the field first and removes the frame a moment later; it writes nothing when the user
// clicked elsewhere or the field is gone.

import { TO_CONTENT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { caretTracker, important, place } from './overlay-place.js';

/**
 * How long a closed overlay stays in the page, invisible, after focus went back to the field. A
 * key being pressed in it at that moment (the Enter or Esc that closed it: its key-up follows) is
 * still delivered to a live frame, and the next keys already go to the field. (Chromium never
 * acknowledges a key event whose target frame was removed under it, which left automation that
 * waits for the acknowledgement hanging.)
 */
const REMOVE_AFTER_MS = 200;

/** The open overlay: {token, host, frame, adapter, el, caret, typed, keepAfter, loads, watch, follow}, or null. */
let current = null;
/** Height of the bar above the frame that moves the overlay. */
const GRIP_PX = 14;
/** Pixels one arrow key moves or resizes the overlay by (Ctrl: 1 pixel). */
const KEY_STEP_PX = 16;
/** The smallest size the overlay shrinks to (as its CSS min-width/min-height). */
const MIN_SIZE = { width: 260, height: 180 };
const GRIP_HINT = 'Arrows move \u00b7 Shift+arrows resize \u00b7 Tab back';

function viewport() {
  return { vw: document.documentElement.clientWidth || window.innerWidth, vh: document.documentElement.clientHeight || window.innerHeight };
}

/** Puts the host's top left corner at `left`, `top`, kept where its bar stays on screen. */
function moveHostTo(host, left, top) {
  const { vw, vh } = viewport();
  important(host, {
    left: `${Math.max(0, Math.min(left, vw - 60))}px`,
    top: `${Math.max(0, Math.min(top, vh - GRIP_PX))}px`,
  });
}

/**
 * The bar above the overlay's frame, a button (the "move or resize" handle): drag it to move the
 * overlay (pointer capture keeps the drag going over the frame); with the keyboard, arrows move
 * it and Shift+arrows resize it, Tab or Shift+Tab go back into the form, Esc closes. The form
 * reaches it with Shift+Tab from its first control (overlay/main.js). Inside the closed shadow
 * root, so the page cannot see or fake it. `onChange()` runs after every move or resize.
 */
function moveGrip(host, frame, { onChange, onEscape }) {
  const grip = document.createElement('button');
  grip.type = 'button';
  grip.title = 'Drag to move; drag the lower right corner to resize';
  grip.setAttribute('aria-label', 'Move or resize the Rubrica form: arrow keys move it, Shift with arrow keys resizes it');
  const bar = {
    all: 'initial', display: 'block', width: '100%', height: `${GRIP_PX}px`, cursor: 'move', 'touch-action': 'none',
    'box-sizing': 'border-box', margin: '0', padding: '0 8px', border: '0', 'border-radius': '10px 10px 0 0',
    font: '600 10px/14px system-ui, sans-serif', color: '#1b2233', 'text-align': 'center', 'white-space': 'nowrap',
    overflow: 'hidden', outline: 'none',
  };
  const idle = { background: 'repeating-linear-gradient(90deg, #8a93a6 0 2px, transparent 2px 5px) center / 40px 4px no-repeat, #e4e7ef' };
  important(grip, { ...bar, ...idle });
  grip.addEventListener('focus', () => {
    grip.textContent = GRIP_HINT;
    important(grip, { background: '#dbe4ff', outline: '2px solid #1d4ed8', 'outline-offset': '-2px' });
  });
  grip.addEventListener('blur', () => {
    grip.textContent = '';
    important(grip, { ...idle, outline: 'none' });
  });
  grip.addEventListener('keydown', (e) => {
    const dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (e.key === 'Escape') {
      e.preventDefault();
      onEscape();
      return;
    }
    if (e.key === 'Tab') {
      // Tab goes on into the form; Shift+Tab goes back into it too, never to the page behind.
      if (e.shiftKey) {
        e.preventDefault();
        frame.focus();
      }
      return;
    }
    const d = dirs[e.key];
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();
    const step = e.ctrlKey ? 1 : KEY_STEP_PX;
    const box = host.getBoundingClientRect();
    if (e.shiftKey) {
      // Only the dimension of the arrow changes; it grows only as far as the window has room.
      const { vw, vh } = viewport();
      const size = (now, delta, min, room) => Math.round(Math.max(min, Math.min(now + delta, Math.max(now, room))));
      if (d[0]) important(host, { width: `${size(box.width, d[0] * step, MIN_SIZE.width, Math.min(vw * 0.96, vw - box.left))}px` });
      if (d[1]) important(host, { height: `${size(box.height, d[1] * step, MIN_SIZE.height, Math.min(vh * 0.96, vh - box.top))}px` });
    } else {
      moveHostTo(host, Math.round(box.left + d[0] * step), Math.round(box.top + d[1] * step));
    }
    onChange();
  });
  grip.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    grip.setPointerCapture(e.pointerId);
    onChange();
    const box = host.getBoundingClientRect();
    const dx = e.clientX - box.left;
    const dy = e.clientY - box.top;
    // The frame would take the pointer's events while it passes over it (it is another document).
    important(frame, { 'pointer-events': 'none' });
    const move = (m) => moveHostTo(host, m.clientX - dx, m.clientY - dy);
    const up = () => {
      important(frame, { 'pointer-events': 'auto' });
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', up);
      grip.removeEventListener('pointercancel', up);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', up);
    grip.addEventListener('pointercancel', up);
  });
  return grip;
}

/** Hosts of closed overlays waiting for their removal. */
const leaving = new Set();
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

function removeHost(host) {
  leaving.delete(host);
  host.remove();
}

/**
 * Shows the overlay for the pending request `token`, near the caret of the field behind `adapter`
 * (content/adapters.js). `typed` and `keepAfter` are the text before the caret that the result may
 * replace (the trigger and its delimiter, or the word the palette was opened on). `title` names
 * the frame for screen readers.
 */
export function openOverlay({ token, adapter, typed, keepAfter, title = 'Rubrica' }) {
  const el = adapter.el;
  const caret = adapter.saveCaret();
  closeOverlay({ notify: true, restore: false, now: true });
  const host = document.createElement('div');
  important(host, {
    all: 'initial', position: 'fixed', 'z-index': '2147483647', display: 'block', margin: '0',
    padding: '0', border: '0', background: 'transparent', 'box-shadow': '0 8px 28px rgba(0,0,0,.28)',
    'border-radius': '10px', overflow: 'hidden', 'pointer-events': 'auto', transform: 'none',
    filter: 'none', opacity: '1', visibility: 'visible', contain: 'strict', resize: 'both',
    'min-width': '260px', 'min-height': '180px', 'max-width': '96vw', 'max-height': '96vh',
  });
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.title = title;
  frame.setAttribute('referrerpolicy', 'no-referrer');
  important(frame, {
    all: 'initial', display: 'block', width: '100%', height: `calc(100% - ${GRIP_PX}px)`, border: '0', margin: '0',
    padding: '0', 'color-scheme': 'normal', background: 'transparent',
  });
  frame.src = `${api.runtime.getURL('overlay/overlay.html')}#${token}`;
  const state = { token, host, frame, adapter, el, caret, typed, keepAfter, loads: 0, watch: 0, moved: false };
  // Once the user has moved or resized it (the bar, by pointer or keys; the bottom-right corner,
  // CSS resize), it stays where they put it.
  const grip = moveGrip(host, frame, {
    onChange: () => { state.moved = true; },
    onEscape: () => { if (current === state) closeOverlay({ notify: true, restore: true }); },
  });
  root.append(grip, frame);
  document.documentElement.append(host);
  const caretPoint = caretTracker(adapter, caret, root);
  place(host, caretPoint(), el.getBoundingClientRect());
  const placed = { w: host.offsetWidth, h: host.offsetHeight };
  state.resized = new ResizeObserver(() => {
    if (Math.abs(host.offsetWidth - placed.w) > 2 || Math.abs(host.offsetHeight - placed.h) > 2) state.moved = true;
  });
  state.resized.observe(host);
  // The frame takes focus as soon as it has loaded; a second load means someone navigated it
  // away from Rubrica's page: close it rather than show what it became. A frame closed before it
  // loaded never takes focus.
  frame.addEventListener('load', () => {
    if (current !== state) return;
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
    if (current === state && el.isConnected && !state.moved) {
      place(host, caretPoint(), el.getBoundingClientRect());
      placed.w = host.offsetWidth;
      placed.h = host.offsetHeight;
    }
  };
  window.addEventListener('scroll', state.follow, { capture: true, passive: true });
  window.addEventListener('resize', state.follow, { passive: true });
  current = state;
}

/**
 * Closes the overlay. `restore` puts focus and caret back where they were when it opened — before
 * the frame goes, so no key is ever aimed at a frame that is being removed; `notify` tells the
 * background. The frame turns invisible at once and is removed REMOVE_AFTER_MS later; `now`
 * removes it at once (the page is being left, or another overlay replaces it), with every frame
 * still waiting for its removal. Resolves to whether focus and caret are back in the field.
 */
export function closeOverlay({ notify = false, restore = true, now = false } = {}) {
  const x = current;
  if (now) for (const host of [...leaving]) removeHost(host);
  if (!x) return Promise.resolve(false);
  current = null;
  clearInterval(x.watch);
  x.resized?.disconnect();
  window.removeEventListener('scroll', x.follow, { capture: true });
  window.removeEventListener('resize', x.follow);
  if (now) x.host.remove();
  // Focus moves synchronously (adapters' restoreCaret focuses the field before anything async).
  const restored = restore ? Promise.resolve(x.adapter.restoreCaret(x.caret)).catch(() => false) : Promise.resolve(false);
  if (!now) {
    important(x.host, { opacity: '0', 'pointer-events': 'none' });
    leaving.add(x.host);
    restored.finally(() => setTimeout(() => removeHost(x.host), REMOVE_AFTER_MS));
  }
  if (notify) cancelled?.(x.token);
  return restored;
}

/**
 * `field.text` from the background (the palette's "Check this field"): the text of the field the
 * open palette `token` belongs to, for the background's checker. `{text}` or `{}`.
 */
export function fieldTextFor(message) {
  const x = current;
  if (!x || message?.token !== x.token || !x.el.isConnected) return {};
  const text = 'value' in x.el && typeof x.el.value === 'string' ? x.el.value : x.el.innerText;
  return { text: String(text ?? '').slice(0, 65536) };
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
  if (message.type === TO_CONTENT.OVERLAY_CLOSE) {
    closeOverlay({ restore: true });
    return { written: false };
  }
  if (!(await closeOverlay({ restore: true }))) return { written: false };
  const { text, cursors, replaceLen } = message;
  if (typeof text !== 'string' || !Array.isArray(cursors)) return { written: false };
  const result = { status: 'done', text, cursors, replaceLen: Number.isInteger(replaceLen) ? replaceLen : undefined };
  return { written: (await apply?.(x.adapter, x.typed, x.keepAfter, result)) === true };
}
