// What both modes of the overlay page share: the token of the pending request (the URL's
// fragment), the error line, the key hints, cancelling, and one request to the background at a time.

import { MSG } from '../shared/contract.js';
import { send } from '../shared/runtime.js';
import { $, oneAtATime as actions } from '../shared/dom.js';

/** The pending request this page shows: 32 hex digits, set by the content script in the URL. */
export const token = location.hash.slice(1);

export { $ };

/** Shows `message` on the error line (an empty message hides it). */
export function showError(message) {
  const box = $('overlay-error');
  box.textContent = message;
  box.hidden = !message;
}

/** The key hints at the bottom: `[[key, what it does], …]`. */
export function showKeys(hints) {
  $('overlay-keys').replaceChildren(
    ...hints.map(([k, what]) => {
      const span = document.createElement('span');
      const kbd = document.createElement('kbd');
      kbd.textContent = k;
      span.append(kbd, ` ${what}  `);
      return span;
    }),
  );
}

/** Closes without a result: the background tells the content script, which removes this page. */
export function cancel() {
  send(MSG.OVERLAY_DISMISS, { token }).catch((e) => showError(e.message));
}

/**
 * Runs `fn` (a choice or a submission sent to the background) unless another one is on its way;
 * a second Enter while the first is answered does nothing (shared/dom.js `oneAtATime`, with no
 * buttons to mark: each mode disables its own).
 */
export const oneAtATime = actions([]);
