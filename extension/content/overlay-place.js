// Where the overlay goes on screen: below the caret of the field it was opened from (above it when
// there is no room), inside the viewport, following the field when the page scrolls.

const WIDTH = 440;
const HEIGHT = 360;
const MARGIN = 8;

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

/** Puts the host below the caret `point`, or above it when there is no room, inside the viewport. */
export function place(host, point) {
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
