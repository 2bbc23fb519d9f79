// Names pasted into a field that holds at most `maxlength` characters (platform and task type
// names: 80). The browser would cut a long paste at the limit, mid-word and without a word; here a
// paste is made one line, then kept whole when it fits, cut at the last word that fits (with a note
// saying so), or refused when not even its first word fits (with a note saying why).
//
// `fitName` is pure (tested in tests/unit/name-fit.test.mjs); `guardNamePaste` wires it to an input.

/** Line breaks and tabs become one space: a name is one line. */
const oneLine = (text) => String(text).replace(/[\r\n\t]+/g, ' ');

/**
 * What of `pasted` to insert when `room` characters are left:
 * `{text, status}` with status `whole` (all of it), `cut` (up to the last whole word that fits,
 * trailing spaces dropped) or `refused` (not one whole word fits: `text` is '').
 */
export function fitName(pasted, room) {
  const text = oneLine(pasted);
  const space = Math.max(0, Math.floor(room));
  if (text.length <= space) return { text, status: 'whole' };
  const head = text.slice(0, space);
  // The cut falls between words when the next character is a space.
  let kept = /\s/.test(text[space]) ? head : head.slice(0, Math.max(0, head.search(/\s\S*$/)));
  kept = kept.trimEnd();
  return kept.trim() === '' ? { text: '', status: 'refused' } : { text: kept, status: 'cut' };
}

/** What the note beside the field says after a paste of `status` into a field of `limit`. */
export function fitNote(status, limit) {
  if (status === 'cut') return `A name has at most ${limit} characters: the pasted text was cut after its last whole word that fits.`;
  if (status === 'refused') return `Nothing was pasted: a name has at most ${limit} characters and the pasted text's first word does not fit.`;
  return '';
}

/**
 * Pastes into `input` through `fitName`. `onPaste(status)` hears `whole`, `cut` or `refused`
 * after each paste (the caller shows `fitNote`). Inserts with `insertText`, which keeps the
 * browser's undo, or `setRangeText` where that is refused.
 */
export function guardNamePaste(input, onPaste) {
  input.addEventListener('paste', (e) => {
    const pasted = e.clipboardData?.getData('text/plain');
    if (typeof pasted !== 'string') return;
    e.preventDefault();
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    const limit = input.maxLength > 0 ? input.maxLength : Infinity;
    const room = limit - (input.value.length - (end - start));
    const { text, status } = fitName(pasted, room);
    if (text !== '' && !document.execCommand('insertText', false, text)) {
      input.setRangeText(text, start, end, 'end');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    onPaste(status);
  });
}
