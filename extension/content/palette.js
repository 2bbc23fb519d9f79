// The open-palette shortcut (docs/palette.md): the background sends `palette.show` to every frame
// of the tab; the one that has focus and a focused field Rubrica types into asks for a palette
// pre-filled with the word before the caret, and shows the overlay on the token it gets back.

import { MSG } from '../shared/contract.js';
import { adapterFor } from './adapters.js';
import { deepActiveElement } from './dom-text.js';
import { send } from './link.js';
import { openOverlay } from './overlay.js';

/** Longest word the palette is pre-filled with (UTF-16 units), as messages.rs accepts. */
const MAX_WORD = 64;

/** Longest field text sent with the palette (characters), as messages.rs accepts. */
const MAX_FIELD = 20_000;

/** The focused field's text, for "Save this field" and the near-duplicate check ('' when too long). */
function fieldText(el) {
  const text = typeof el.value === 'string' ? el.value : (el.innerText ?? '');
  return text.length <= MAX_FIELD ? text : '';
}

/** The word before the caret: the run of non-space characters, at most MAX_WORD units. */
function wordBefore(before) {
  const word = /\S*$/u.exec(before)?.[0] ?? '';
  let start = Math.max(0, word.length - MAX_WORD);
  const code = word.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start += 1; // never split a surrogate pair
  return word.slice(start);
}

/** `palette.show` reached this frame: open the palette if this frame has focus and a field. */
export async function openPalette() {
  if (!document.hasFocus()) return;
  const adapter = adapterFor(deepActiveElement());
  if (!adapter) return;
  const before = adapter.textBefore(MAX_WORD + 1);
  if (before === null) return; // a selection: nothing to search with or insert at
  const word = wordBefore(before);
  let token;
  try {
    const field = fieldText(adapter.el);
    ({ token } = await send(MSG.PALETTE_OPEN, field.trim() ? { word, field } : { word }));
  } catch (e) {
    console.warn('Rubrica: the palette could not open —', e.message);
    return;
  }
  // The user moved on while the background answered: forget the request.
  if (adapterFor(deepActiveElement())?.el !== adapter.el || adapter.textBefore(MAX_WORD + 1) !== before) {
    send(MSG.OVERLAY_FORGET, { token }).catch(() => {});
    return;
  }
  openOverlay({ token, adapter, typed: word, keepAfter: '', title: 'Rubrica snippet search' });
}
