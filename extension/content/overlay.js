// The in-page overlay of the fill-in form and the search palette (docs/palette.md): a host element
// with a CLOSED shadow root holding one <iframe> of Rubrica's extension page overlay/overlay.html.
// The page's scripts cannot reach into the shadow root (host.shadowRoot is null for them), and the
// frame is cross-origin to the page (its contentDocument is null), so they never see the fields,
// the choices, the search results or any snippet content. This script never sees them either: it
// knows a token, and later receives only the final text to write.
//
// It remembers the field, the caret and what was typed, puts focus and caret back when the frame
// closes, and writes nothing when the user clicked elsewhere or the field is gone.

const api = globalThis.browser ?? globalThis.chrome;

const WIDTH = 440;
const HEIGHT = 360;
const MARGIN = 8;

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

function important(el, styles) {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v, 'important');
}

/**
 * Where the caret of an input or textarea `el` is on screen, `{x, y, height}` in viewport pixels,
 * measured with a hidden copy of the field's text inside Rubrica's own shadow root (never in the
 * page's DOM).
 */
function inputCaretRect(el, caret, root) {
  const rect = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3 || 18;
  try {
    const mirror = document.createElement('div');
    const copy = [
      'boxSizing', 'width', 'height', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
      'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
      'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'letterSpacing', 'wordSpacing',
      'lineHeight', 'textTransform', 'textIndent', 'tabSize', 'direction',
    ];
    for (const p of copy) mirror.style[p] = style[p];
    const multiLine = el instanceof HTMLTextAreaElement;
    Object.assign(mirror.style, {
      position: 'absolute', top: '0', left: '-99999px', visibility: 'hidden', overflow: 'hidden',
      whiteSpace: multiLine ? 'pre-wrap' : 'pre', overflowWrap: multiLine ? 'break-word' : 'normal',
    });
    mirror.textContent = el.value.slice(0, caret);
    const mark = document.createElement('span');
    mark.textContent = '\u200b';
    mirror.append(mark);
    root.append(mirror);
    const x = rect.left + mark.offsetLeft - el.scrollLeft;
    const y = rect.top + mark.offsetTop - el.scrollTop;
    mirror.remove();
    // Keep the point inside the field's box (a long single line scrolls horizontally).
    return {
      x: Math.min(Math.max(x, rect.left), rect.right),
      y: Math.min(Math.max(y, rect.top), rect.bottom - lineHeight),
      height: lineHeight,
    };
  } catch {
    return { x: rect.left, y: rect.bottom - lineHeight, height: lineHeight };
  }
}

/** Puts the host below the caret, or above it when there is no room, inside the viewport. */
function place(host, point) {
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = document.documentElement.clientHeight || window.innerHeight;
  const width = Math.min(WIDTH, vw - 2 * MARGIN);
  const height = Math.min(HEIGHT, vh - 2 * MARGIN);
  let top = point.y + point.height + 4;
  if (top + height > vh - MARGIN) top = point.y - height - 4;
  top = Math.max(MARGIN, Math.min(top, vh - height - MARGIN));
  const left = Math.max(MARGIN, Math.min(point.x, vw - width - MARGIN));
  important(host, { left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px` });
}

/**
 * A function giving the caret's place on screen now. Editable fields measure their caret once
 * (the selection moves into the frame afterwards) and follow their field's box from there.
 */
function caretTracker(adapter, caret, root) {
  const el = adapter.el;
  const at = adapter.caretRect?.();
  if (!at) return () => inputCaretRect(el, caret, root);
  const box = el.getBoundingClientRect();
  const dx = at.x - box.left;
  const dy = at.y - box.top;
  return () => {
    const now = el.getBoundingClientRect();
    return { x: now.left + dx, y: now.top + dy, height: at.height };
  };
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
