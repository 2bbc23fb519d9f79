// Reading the text of contenteditable elements and of the rich editors built on them
// (ProseMirror/Tiptap, Lexical, Slate, Quill, Draft.js, CodeMirror 6), also inside open shadow
// roots: the caret, the text as the user sees it (one line per block) with a map back to DOM
// positions, the text before the caret on every key, and selecting a range of that text.
// Writing into them is editable-write.js; docs/editors.md explains both.

/** Zero-width characters editors keep as placeholders (Slate's U+FEFF in empty leaves, etc.). */
const ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF]/;

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT',
  'TH', 'THEAD', 'TR', 'UL',
]);

const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'IMG',
  'INS', 'KBD', 'LABEL', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP',
  'TIME', 'U', 'VAR', 'WBR',
]);

/** Block-level: by tag for the usual elements (no style recalculation on the keystroke path), else by style. */
function isBlock(el) {
  if (BLOCK_TAGS.has(el.tagName)) return true;
  if (INLINE_TAGS.has(el.tagName)) return false;
  const display = el.ownerDocument.defaultView?.getComputedStyle(el).display ?? 'inline';
  return !display.startsWith('inline') && display !== 'contents' && display !== 'none';
}

/** The deepest focused element, through open shadow roots. */
export function deepActiveElement(doc = document) {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** The editing host of `el` (the outermost contenteditable element), or null. */
export function editingHost(el) {
  if (!el || el.nodeType !== 1 || !el.isContentEditable) return null;
  let host = el;
  for (let p = host.parentElement; p?.isContentEditable; p = p.parentElement) host = p;
  return host;
}

/** The Selection object that sees inside `node`'s shadow root (Chromium's `ShadowRoot.getSelection`). */
function selectionFor(node) {
  const root = node.getRootNode?.();
  if (root && root !== node.ownerDocument && typeof root.getSelection === 'function') return root.getSelection();
  return (node.ownerDocument ?? document).getSelection();
}

/**
 * The collapsed caret inside `host` as `{node, offset}`, or null when there is a selection or the
 * caret is elsewhere. Inside shadow roots, `getComposedRanges` (standard) or Chromium's
 * `ShadowRoot.getSelection()` give the real position.
 */
export function caretIn(host) {
  const sel = selectionFor(host);
  if (!sel || sel.rangeCount === 0) return null;
  let node = sel.focusNode;
  let offset = sel.focusOffset;
  let collapsed = sel.isCollapsed;
  const root = host.getRootNode();
  if (root !== host.ownerDocument && !host.contains(node) && typeof sel.getComposedRanges === 'function') {
    const [r] = sel.getComposedRanges({ shadowRoots: [root] });
    if (r) {
      node = r.endContainer;
      offset = r.endOffset;
      collapsed = r.collapsed;
    }
  }
  if (!collapsed || !node || !host.contains(node)) return null;
  return { node, offset };
}

/**
 * The text of `root` as the user sees it, one line per block (and per `<br>` that is not a block's
 * trailing placeholder), without zero-width placeholders, with a map back to DOM positions:
 * `pieces` are runs of characters of one text node, `lines` where each line starts.
 */
export function linearize(root) {
  const pieces = []; // {node, start, end, at}: node.data.slice(start, end) is text.slice(at, at + end - start)
  // {at, node, offset}: a DOM point at the start of the line; or {at, br, after} for a line that
  // starts at a <br> (its index among its siblings is found only when needed: O(1) per <br> here).
  const lines = [];
  let text = '';
  let lineHasContent = false;
  let breakPending = false;
  const newLine = (node, offset, br = null, after = false) => {
    text += '\n';
    lines.push(br ? { at: text.length, br, after } : { at: text.length, node, offset });
    lineHasContent = false;
    breakPending = false;
  };
  lines.push({ at: 0, node: root, offset: 0 });

  const visit = (node) => {
    if (node.nodeType === 3) {
      const data = node.data;
      if (data.length > 0 && !ZERO_WIDTH.test(data)) {
        // The common case: no placeholder characters, the whole run is one piece.
        if (breakPending) newLine(node, 0);
        pieces.push({ node, start: 0, end: data.length, at: text.length });
        text += data.includes('\u00A0') ? data.replace(/\u00A0/g, ' ') : data;
        lineHasContent = true;
        return;
      }
      let i = 0;
      while (i < data.length) {
        while (i < data.length && ZERO_WIDTH.test(data[i])) i++;
        let j = i;
        while (j < data.length && !ZERO_WIDTH.test(data[j])) j++;
        if (j > i) {
          if (breakPending) newLine(node, i);
          pieces.push({ node, start: i, end: j, at: text.length });
          text += data.slice(i, j).replace(/\u00A0/g, ' '); // contenteditable keeps spaces as NBSP
          lineHasContent = true;
        }
        i = j;
      }
      return;
    }
    if (node.nodeType !== 1) return;
    if (node.tagName === 'BR') {
      if (breakPending) newLine(null, 0, node, false);
      if (!isTrailingBr(node, root)) newLine(null, 0, node, true);
      else lineHasContent = true;
      return;
    }
    if (node.tagName === 'STYLE' || node.tagName === 'SCRIPT' || node.getAttribute('contenteditable') === 'false') {
      return;
    }
    const block = node !== root && isBlock(node);
    if (block && (breakPending || lineHasContent)) newLine(node, 0);
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
    if (block) breakPending = true;
  };
  visit(root);
  return { root, text, pieces, lines };
}

function indexOf(node) {
  let i = 0;
  for (let s = node.previousSibling; s; s = s.previousSibling) i++;
  return i;
}

function hasContent(node) {
  if (node.nodeType === 3) return node.data.replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '').length > 0;
  if (node.nodeType !== 1) return false;
  if (node.tagName === 'BR' || node.tagName === 'IMG') return true;
  for (let c = node.firstChild; c; c = c.nextSibling) if (hasContent(c)) return true;
  return false;
}

/** A `<br>` with nothing after it in its block is the placeholder browsers need to show an empty line. */
function isTrailingBr(br, root) {
  let n = br;
  while (n && n !== root) {
    for (let s = n.nextSibling; s; s = s.nextSibling) if (hasContent(s)) return false;
    n = n.parentNode;
    if (n === root || (n?.nodeType === 1 && isBlock(n))) return true;
  }
  return true;
}

/** The offset in `lin.text` of the DOM point (node, offset) inside `lin.root`. */
export function offsetOf(lin, node, offset) {
  for (const p of lin.pieces) {
    if (p.node === node) {
      if (offset <= p.start) return p.at;
      if (offset <= p.end) return p.at + offset - p.start;
    }
  }
  const range = lin.root.ownerDocument.createRange();
  range.setStart(node, offset);
  // The last mark (piece end or line start) at or before the point.
  let best = 0;
  for (const p of lin.pieces) {
    if (p.node === node) {
      if (offset > p.end) best = Math.max(best, p.at + p.end - p.start);
      continue;
    }
    const cmp = range.comparePoint(p.node, p.end);
    if (cmp <= 0) best = Math.max(best, p.at + p.end - p.start);
    else if (range.comparePoint(p.node, p.start) <= 0) best = Math.max(best, p.at);
  }
  for (const l of lin.lines) {
    if (l.at <= best) continue;
    try {
      // (br, 0) sorts between the points before and after the <br>; the caret is never inside it.
      const cmp = l.br ? range.comparePoint(l.br, 0) : range.comparePoint(l.node, l.offset);
      if (cmp < 0 || (cmp === 0 && !l.br)) best = l.at;
    } catch {
      // a detached line start
    }
  }
  return best;
}

/** The DOM point for offset `at` in `lin.text` (`preferEnd`: the end of the run before, not the start of the next). */
export function pointAt(lin, at, preferEnd = true) {
  let line = lin.lines[0];
  for (const l of lin.lines) if (l.at <= at) line = l;
  let found = null;
  for (const p of lin.pieces) {
    if (p.at < line.at) continue;
    if (p.at > at) break;
    const len = p.end - p.start;
    if (at > p.at + len) continue;
    found = { node: p.node, offset: p.start + (at - p.at) };
    if (preferEnd || at < p.at + len) break;
  }
  if (found) return found;
  if (line.br) return { node: line.br.parentNode, offset: indexOf(line.br) + (line.after ? 1 : 0) };
  return { node: line.node, offset: line.offset };
}

const STOP = 1;

function clean(data) {
  let t = ZERO_WIDTH.test(data) ? data.replace(/[\u200B\u200C\u200D\u2060\uFEFF]/g, '') : data;
  if (t.includes('\u00A0')) t = t.replace(/\u00A0/g, ' ');
  return t;
}

/**
 * Text before the caret in the caret's line, at most `limit` UTF-16 units; null without a caret.
 * This runs on every key, so it walks backwards from the caret and stops at the start of the line
 * (a block boundary or a `<br>` that breaks the line) or once it has `limit` units: the work does
 * not grow with the document. Same reading rules as `linearize`.
 */
export function textBeforeCaretIn(host, limit = 256) {
  const caret = caretIn(host);
  if (!caret) return null;
  let out = '';
  const visitBack = (n) => {
    if (n.nodeType === 3) {
      out = clean(n.data) + out;
      return out.length >= limit ? STOP : 0;
    }
    if (n.nodeType !== 1) return 0;
    if (n.tagName === 'BR') return isTrailingBr(n, host) ? 0 : STOP;
    if (n.tagName === 'STYLE' || n.tagName === 'SCRIPT' || n.getAttribute('contenteditable') === 'false') return 0;
    if (isBlock(n)) return STOP;
    for (let c = n.lastChild; c; c = c.previousSibling) if (visitBack(c) === STOP) return STOP;
    return 0;
  };
  let cur;
  if (caret.node.nodeType === 3) {
    out = clean(caret.node.data.slice(0, caret.offset));
    cur = caret.node;
  } else if (caret.offset > 0) {
    cur = caret.node.childNodes[caret.offset - 1];
    if (visitBack(cur) === STOP) return out.slice(-limit);
  } else {
    cur = caret.node;
    if (cur === host || isBlock(cur)) return '';
  }
  while (out.length < limit) {
    let stopped = false;
    for (let sib = cur.previousSibling; sib; sib = sib.previousSibling) {
      if (visitBack(sib) === STOP) {
        stopped = true;
        break;
      }
    }
    if (stopped) break;
    cur = cur.parentNode;
    if (!cur || cur === host || (cur.nodeType === 1 && isBlock(cur))) break;
  }
  return out.slice(-limit);
}

/** Whole-host text and the caret's offset in it (for verification and cursor stops). */
export function hostState(host) {
  const caret = caretIn(host);
  const lin = linearize(host);
  return { lin, caret: caret ? offsetOf(lin, caret.node, caret.offset) : null };
}

/** Selects the DOM points `from`..`to` in `host`; `announce` tells the editor at once. */
export function select(host, from, to, announce = true) {
  const sel = selectionFor(host);
  sel.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
  // Editors (Lexical, Slate, Draft.js, Quill, CodeMirror) track the DOM selection through
  // `selectionchange`, which the browser fires a task later: tell them now.
  if (announce) host.ownerDocument.dispatchEvent(new Event('selectionchange'));
}

/** Selects `from`..`to` (offsets into the whole host's text). */
export function selectOffsets(host, from, to) {
  const lin = linearize(host);
  select(host, pointAt(lin, from, false), pointAt(lin, to, true));
}
