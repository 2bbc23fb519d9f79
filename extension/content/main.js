// Rubrica's content script: a classic script (bundled by esbuild from this entry), no WebAssembly —
// Chromium applies the page's CSP to WebAssembly in content scripts. It holds only the trigger
// table and asks the background to render; the only library text it ever holds is the one
// expansion it writes. This file wires the parts to the page's events and the background's notices:
//
//   link.js          the background: messages, the trigger table, waking the service worker
//   input.js         typing seen (input events) → detector.js → expansion.js; typing.js's wiring
//   editor-watch.js  rich editors that do not fire `input` for typing
//   expansion.js     the background's answer → the field (adapters.js), or the fill-in form
//   backspace-undo.js  Backspace right after an expansion puts the trigger back
//   overlay.js       the fill-in form and the palette: Rubrica's page in a closed shadow root
//   palette.js       the open-palette shortcut
//   worksheet-target.js  the field the scoring worksheet's draft goes into

import { MSG, TO_CONTENT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { adapterFor } from './adapters.js';
import { forgetExpansion, onUndoKey } from './backspace-undo.js';
import { deepActiveElement } from './dom-text.js';
import { observe, onEditorKey, watchEditors } from './editor-watch.js';
import { applyExpansion, initExpansion } from './expansion.js';
import { countKey, detect, onInput, typing } from './input.js';
import { keepWarm, refresh, send } from './link.js';
import { closeOverlay, fieldTextFor, initOverlay, onOverlayMessage } from './overlay.js';
import { openPalette } from './palette.js';
import { initWorksheetTarget, onWorksheetInsert } from './worksheet-target.js';

// --- one copy per frame (docs/sites.md) ---
// "Enable on this site" injects this script into an open page; the background injects only into
// frames without this mark, and a second copy that slips through stops here, before it listens.
// The mark lives in the extension's isolated world: page scripts can neither see nor set it (an
// element with that id shows up on window, but is never `true`).
if (globalThis.__rubricaContent === true) throw new Error('Rubrica already runs in this frame');
globalThis.__rubricaContent = true;
// --- end one copy per frame ---

/** Focus on an editable field: the user is about to type, so the worker should be warm. */
function onFocus(event) {
  const adapter = adapterFor(event.composedPath?.()[0] ?? event.target);
  if (adapter) {
    keepWarm();
    refresh();
  }
  observe(adapter);
}

/** Coming back to the tab (e.g. after changing settings in the popup) refreshes the table. */
function onReturn() {
  if (document.visibilityState === 'visible' && adapterFor(deepActiveElement())) refresh();
}

function onKeydown(event) {
  countKey();
  onEditorKey(event);
  onUndoKey(event);
}

watchEditors(detect);
// The fill-in form takes the keyboard: keys held back for its expansion are dropped (docs/typing.md).
initExpansion({ onFormOpening: () => typing.discard() });

// typing.js: first in line for keys (window, capturing), registered at load.
window.addEventListener('keydown', typing.onKeydown, true);
window.addEventListener('pointerdown', typing.onPointerDown, true);
document.addEventListener('focusin', onFocus, true);
document.addEventListener('keydown', onKeydown, true);
document.addEventListener('mousedown', forgetExpansion, true);
window.addEventListener('focus', onReturn);
document.addEventListener('visibilitychange', onReturn);
document.addEventListener('input', onInput, true);

// The scoring worksheet writes its confirmed draft into the field last used (worksheet-target.js).
initWorksheetTarget();

// The overlay writes its result through the same function as a typed trigger; closed without a
// result, it tells the background to forget the request.
initOverlay({
  write: applyExpansion,
  onCancel: (token) => send(MSG.OVERLAY_FORGET, { token }).catch(() => {}),
});

// The background's notices (no data but the overlay's final text). Only Rubrica's background can
// send them (`tabs.sendMessage`: no `sender.tab`); anything else is ignored. The overlay checks
// the token of the one it is showing.
api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender?.id !== api.runtime.id || sender.tab) return undefined;
  switch (message?.type) {
    case TO_CONTENT.TABLE_CHANGED:
      refresh();
      return undefined;
    case TO_CONTENT.PALETTE_SHOW:
      openPalette();
      return undefined;
    case TO_CONTENT.FIELD_TEXT:
      sendResponse(fieldTextFor(message));
      return undefined;
    case TO_CONTENT.WORKSHEET_INSERT:
      // The top frame only (the background sends it there): the worksheet's confirmed draft.
      if (window !== window.top) return undefined;
      onWorksheetInsert(message).then(sendResponse, () => sendResponse({ written: false }));
      return true;
    case TO_CONTENT.OVERLAY_INSERT:
    case TO_CONTENT.OVERLAY_CLOSE:
      onOverlayMessage(message).then(sendResponse, () => sendResponse({ written: false }));
      return true; // the reply is asynchronous
    default:
      return undefined;
  }
});

// Leaving the page (bfcache, navigation) closes the overlay; the background forgets the request.
window.addEventListener('pagehide', () => closeOverlay({ notify: true, restore: false, now: true }));
