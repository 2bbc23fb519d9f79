// Rubrica's overlay page: the search palette and the fill-in form (docs/palette.md). It is an
// extension page shown inside a web page, in a closed shadow root; it talks only to the
// background (`overlay.*` messages naming the token in its URL's fragment) and never to the page.
// When the user inserts, the background renders the text and sends it to the content script of
// the field, which puts focus back in the field and then removes this page.

import { MSG } from '../shared/contract.js';
import { send } from '../shared/runtime.js';
import { applyTheme } from '../shared/theme.js';
import { $, cancel, showError, showKeys, token } from './common.js';
import { showFill } from './form.js';
import { showPalette } from './palette.js';

/** Focusable controls, in order, for keeping Tab inside the overlay. */
function focusables() {
  return [...document.querySelectorAll('input, textarea, button, [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !el.disabled && el.offsetParent !== null && !(el.type === 'radio' && !el.checked && radioGroupHasChecked(el)),
  );
}

function radioGroupHasChecked(radio) {
  return [...document.querySelectorAll(`input[name="${radio.name}"]`)].some((r) => r.checked);
}

// Keys that apply in both modes: Esc closes; Tab never leaves for the page behind: it wraps
// around, except that Shift+Tab on the first control reaches the overlay's top bar, its move and
// resize handle (content/overlay.js, outside this frame; Tab and Shift+Tab there come back here).
document.addEventListener(
  'keydown',
  (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const list = focusables();
    if (!list.length) return;
    const i = list.indexOf(document.activeElement);
    if (e.shiftKey && i === 0) {
      // The browser moves focus to the handle, just before this frame in Rubrica's shadow root.
      return;
    }
    if (e.shiftKey && i < 0) {
      e.preventDefault();
      list[list.length - 1].focus();
    } else if (!e.shiftKey && i === list.length - 1) {
      e.preventDefault();
      list[0].focus();
    }
  },
  true,
);

// Coming back from the top bar (its Shift+Tab focuses this frame): focus returns to the control
// that had it, else the first one.
let lastFocused = null;
document.addEventListener('focusin', (e) => { lastFocused = e.target; });
window.addEventListener('focus', () => {
  if (document.activeElement && document.activeElement !== document.body) return;
  (lastFocused?.isConnected && lastFocused.offsetParent !== null ? lastFocused : focusables()[0])?.focus();
});

async function start() {
  if (!/^[0-9a-f]{32}$/.test(token)) {
    showError('This overlay was opened without a request.');
    return;
  }
  try {
    const data = await send(MSG.OVERLAY_GET, { token });
    applyTheme(data.theme);
    $('loading').hidden = true;
    if (data.mode === 'palette') showPalette(data.query ?? '', data.field);
    else showFill(data);
  } catch (e) {
    $('loading').hidden = true;
    showError(e.message);
    showKeys([['Esc', 'close']]);
  } finally {
    $('app').removeAttribute('aria-busy');
  }
}

start();
