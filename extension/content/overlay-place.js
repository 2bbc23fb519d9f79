// Where the overlay goes on screen: below the caret line of the field it was opened from, else
// beside the field, else where it covers the least of the page — never over the task's content
// above the field when there is another place — inside the viewport, following the field when the
// page scrolls (until the user moves it).

const WIDTH = 460;
const HEIGHT = 420;
/** Below the caret line only when at least this much height fits there. */
const MIN_HEIGHT = 240;
/** Beside the field only when at least this much width fits there. */
const MIN_WIDTH = 300;
const MARGIN = 8;
const GAP = 6;

/** Sets inline styles with `!important`, so the page's CSS can neither change nor hide them. */
export function important(el, styles) {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v, 'important');
}

/**
 * Where the caret of an input or textarea `el` is on screen, `{x, y, height}` in viewport pixels,
 * measured with a hidden copy of the field's text inside Rubrica's own shadow root `root` (never
 * in the page's DOM).
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

/** Area of the overlap of two rects `{left, top, width, height}`. */
function overlap(a, b) {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where the overlay goes, `{left, top, width, height}` in viewport pixels, for the caret `point`
 * of the field whose box is `field`, in a viewport `vw` × `vh`, at `size` `{width, height}`.
 * Below the caret line when it fits there (what the justification is about — the task's
 * responses — is above the field); else beside the field (right, then left); else wherever it
 * covers the least of the page above the caret line and of the field.
 */
export function chooseRect(point, field, vw, vh, size = { width: WIDTH, height: HEIGHT }) {
  const width = Math.min(size.width, vw - 2 * MARGIN);
  const height = Math.min(size.height, vh - 2 * MARGIN);
  const clampX = (x) => Math.max(MARGIN, Math.min(x, vw - width - MARGIN));
  const clampY = (y, h) => Math.max(MARGIN, Math.min(y, vh - h - MARGIN));
  const lineBottom = point.y + point.height + GAP;
  const roomBelow = vh - MARGIN - lineBottom;
  if (roomBelow >= Math.min(MIN_HEIGHT, height)) {
    return { left: clampX(point.x), top: lineBottom, width, height: Math.min(height, roomBelow) };
  }
  const candidates = [];
  const roomRight = vw - MARGIN - (field.right + GAP);
  if (roomRight >= Math.min(MIN_WIDTH, width)) {
    const w = Math.min(width, roomRight);
    candidates.push({ left: field.right + GAP, top: clampY(point.y - height / 3, height), width: w, height });
  }
  const roomLeft = field.left - GAP - MARGIN;
  if (roomLeft >= Math.min(MIN_WIDTH, width)) {
    const w = Math.min(width, roomLeft);
    candidates.push({ left: field.left - GAP - w, top: clampY(point.y - height / 3, height), width: w, height });
  }
  if (candidates.length) return candidates[0];
  // No room beside: compare below (shrunk or pushed up), above, and over the field.
  const above = { left: clampX(point.x), top: clampY(point.y - GAP - height, height), width, height };
  const below = { left: clampX(point.x), top: clampY(lineBottom, height), width, height };
  const content = { left: 0, top: 0, width: vw, height: Math.max(0, point.y) };
  const fieldBox = { left: field.left, top: field.top, width: field.width, height: field.height };
  const cost = (r) => overlap(r, content) * 2 + overlap(r, fieldBox);
  return [below, above].reduce((best, r) => (cost(r) < cost(best) ? r : best));
}

/**
 * Puts the host where it covers the least of the page (see `chooseRect`), at `size` (the size
 * the user resized it to, if any).
 */
export function place(host, point, field, size) {
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = document.documentElement.clientHeight || window.innerHeight;
  const box = field ?? { left: point.x, right: point.x, top: point.y, width: 0, height: point.height };
  const r = chooseRect(point, box, vw, vh, size);
  important(host, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
}

/**
 * A function giving the caret's place on screen now, for the field behind `adapter` whose caret
 * was saved as `caret`. Editable fields measure their caret once (the selection moves into the
 * overlay afterwards) and follow their field's box from there.
 */
export function caretTracker(adapter, caret, root) {
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
