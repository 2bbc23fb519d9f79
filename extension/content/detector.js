// Spots a trigger at the caret using the trigger table from the core (docs/trigger-table.md).
// Work per keystroke is one Map look-up per distinct trigger length: it does not grow with the
// number of snippets. The table holds triggers and modes only, never snippet content.

/** Compiles the table the background sent into Maps for fast look-ups. */
export function compileTable(table) {
  if (!table || table.version !== 1) return null;
  const starts = new Set();
  for (const [key, entry] of Object.entries(table.entries ?? {})) {
    const first = String.fromCodePoint(key.codePointAt(0) ?? 0);
    starts.add(first);
    if (entry.c === 1) starts.add(first.toUpperCase());
  }
  const delimiters = new Set(Array.from(table.delimiters ?? ' \n'));
  // A space typed in contenteditable is often a no-break space (U+00A0) until the next character:
  // it ends a word and matches a space in a trigger (see `keyOf`).
  if (delimiters.has(' ')) delimiters.add(NBSP);
  const lengths = table.lengths ?? [];
  const firstUnits = new Set();
  for (const key of Object.keys(table.entries ?? {})) firstUnits.add(key.charCodeAt(0));
  return {
    /** First characters of every trigger: typing one may start a trigger. */
    starts,
    /** First UTF-16 unit of every key: a cheap filter before slicing (see `mayStartAt`). */
    firstUnits,
    enabled: table.enabled !== false,
    lengths,
    entries: new Map(Object.entries(table.entries ?? {})),
    delimiters,
    hasRegex: table.hasRegex === true,
    backspaceUndo: table.backspaceUndo !== false,
    lookback: Math.min(Number(table.lookback) || 64, 256),
    /** How much text before the caret to read: the longest trigger or the regex window, and a margin. */
    reach: Math.max(Math.min(Number(table.lookback) || 64, 256), lengths[0] ?? 0) + 64,
    revision: table.revision,
  };
}

const NBSP = '\u00a0';

/** The table key for typed text: a no-break space counts as a space (same length, so the cut is the same). */
function keyOf(typed) {
  return typed.includes(NBSP) ? typed.replaceAll(NBSP, ' ') : typed;
}

function isWordChar(ch) {
  return /[\p{L}\p{N}_]/u.test(ch);
}

/**
 * Whether a key could start at `before[at]`: for an ASCII unit, some key must start with it or
 * (for case-folded keys) with its lower case; anything else is looked up in full. This skips the
 * slice and the Map look-ups for most lengths on most keystrokes, since triggers usually start
 * with a sigil (`;`, `//`) that ordinary text rarely has at that distance from the caret.
 */
function mayStartAt(compiled, before, at) {
  const u = before.charCodeAt(at);
  if (u >= 128) return true;
  return compiled.firstUnits.has(u) || (u >= 65 && u <= 90 && compiled.firstUnits.has(u + 32));
}

/**
 * Finds the trigger that `before` (text before the caret) ends with. `delimiter` is the character
 * just typed when it is a delimiter (then `before` excludes it). Returns `{typed, entry}` or null.
 */
export function findTrigger(compiled, before, delimiter = null) {
  if (!compiled || !compiled.enabled) return null;
  // Whether the longest tail has anything lower-casing changes; when not, no shorter tail has
  // either, and the case-folded look-up is skipped at every length (one allocation, not eleven).
  let folds;
  for (const len of compiled.lengths) {
    if (len > before.length || !mayStartAt(compiled, before, before.length - len)) continue;
    const typed = before.slice(before.length - len);
    const key = keyOf(typed);
    let entry = compiled.entries.get(key);
    if (!entry) {
      if (folds === undefined) {
        const tail = before.slice(before.length - Math.min(compiled.lengths[0], before.length));
        folds = tail.toLowerCase() !== tail;
      }
      if (!folds) continue;
      const lower = key.toLowerCase();
      const candidate = lower !== key ? compiled.entries.get(lower) : undefined;
      if (candidate && candidate.c === 1) entry = candidate;
    }
    if (!entry) continue;
    if (entry.m === 'd' && delimiter === null) continue;
    if (entry.m === 'i' && delimiter !== null) continue;
    if (entry.w === 1) {
      const prev = before.slice(0, before.length - len).slice(-1);
      if (prev && isWordChar(prev)) continue;
    }
    return { typed, entry };
  }
  return null;
}

/**
 * The text to send for regex triggers: at most `lookback` UTF-16 units before the caret, cut so a
 * surrogate pair is never split.
 */
export function regexWindow(compiled, before) {
  let start = Math.max(0, before.length - compiled.lookback);
  const code = before.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start += 1; // a low surrogate: its pair is outside the window
  return before.slice(start);
}

/**
 * Everything the content script decides on one keystroke, given `before` (the text before the
 * caret, including the character just typed): an immediate trigger, else an on-delimiter trigger
 * when that character is a delimiter, else a regex window to send when regex triggers exist.
 * Returns `{kind: 'trigger' | 'regex', typed, keepAfter}` or null. `typed` is what an expansion
 * replaces (for `regex`, the window sent to the background, which says how much of it matched);
 * `keepAfter` is the delimiter that stays after the expansion ('' for immediate triggers).
 */
export function detectAtCaret(compiled, before) {
  if (!compiled || !compiled.enabled || before.length === 0) return null;
  const hit = findTrigger(compiled, before);
  if (hit) return { kind: 'trigger', typed: hit.typed, keepAfter: '' };
  const last = before[before.length - 1];
  if (!compiled.delimiters.has(last)) return null;
  const rest = before.slice(0, -1);
  const onDelimiter = findTrigger(compiled, rest, last);
  if (onDelimiter) return { kind: 'trigger', typed: onDelimiter.typed, keepAfter: last };
  if (compiled.hasRegex && rest.length > 0) return { kind: 'regex', typed: regexWindow(compiled, rest), keepAfter: last };
  return null;
}
