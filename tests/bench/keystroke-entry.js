// Bundled by tests/bench/keystroke.mjs (esbuild, IIFE) into the benchmark page: the content
// script's real per-keystroke code (detector.js, fields.js), and the naive scan it is compared with.
import { compileTable, detectAtCaret } from '../../extension/content/detector.js';
import { isExpandable, textBeforeCaret } from '../../extension/content/fields.js';

/**
 * What `onInput` in extension/content/main.js does synchronously on every keystroke once the table
 * is loaded: is the field expandable, text before the caret, does the last character start a
 * trigger (wake the worker), and the trigger / delimiter / regex checks.
 */
export function keystroke(table, el) {
  if (!isExpandable(el)) return null;
  const before = textBeforeCaret(el);
  if (before === null || before.length === 0) return null;
  table.starts.has(before.slice(-1));
  return detectAtCaret(table, before);
}

const WORD = /[\p{L}\p{N}_]/u;

/** The obvious algorithm over the same table: every trigger against the end of the text. */
export function naiveTable(table) {
  return Array.from(table.entries, ([key, e]) => ({ key, d: e.m === 'd', c: e.c === 1, w: e.w === 1 }));
}

export function naiveKeystroke(table, all, el) {
  if (!isExpandable(el)) return null;
  const before = textBeforeCaret(el);
  if (before === null || before.length === 0) return null;
  const scan = (text, delimiter) => {
    const lower = text.toLowerCase();
    let best = null;
    for (const t of all) {
      if (t.d !== (delimiter !== null)) continue;
      const exact = text.endsWith(t.key);
      if (!exact && !(t.c && lower.endsWith(t.key))) continue;
      const start = text.length - t.key.length;
      if (t.w && start > 0 && WORD.test(text[start - 1])) continue;
      // Longest wins; at equal length an exact key beats a case-folded one.
      if (!best || t.key.length > best.len || (t.key.length === best.len && exact && !best.exact)) {
        best = { len: t.key.length, exact, typed: text.slice(start) };
      }
    }
    return best;
  };
  const hit = scan(before, null);
  if (hit) return { kind: 'trigger', typed: hit.typed, keepAfter: '' };
  const last = before[before.length - 1];
  if (!table.delimiters.has(last)) return null;
  const rest = before.slice(0, -1);
  const onDelimiter = scan(rest, last);
  if (onDelimiter) return { kind: 'trigger', typed: onDelimiter.typed, keepAfter: last };
  return null;
}

export { compileTable };
