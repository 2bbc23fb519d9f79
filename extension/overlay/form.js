// The fill-in form mode: the template's fields, a live preview with the cursor stop marked, and
// Enter (Ctrl+Enter in a multi-line field) to insert. The background renders the preview and the
// final text; this page only collects the values (docs/palette.md).

import { MSG } from '../shared/contract.js';
import { send } from '../shared/runtime.js';
import { $, cancel, oneAtATime, showError, showKeys, token } from './common.js';
import { control, values } from './controls.js';

/** The field specs of the form on show. */
let fields = [];
let previewSeq = 0;
let previewTimer = 0;

function renderPreview({ text, cursors }) {
  const pre = $('fill-preview');
  const parts = [];
  let at = 0;
  for (const c of [...new Set(cursors)].sort((a, b) => a - b)) {
    if (c < at || c > text.length) continue;
    parts.push(document.createTextNode(text.slice(at, c)));
    const mark = document.createElement('span');
    mark.className = 'cursor-mark';
    mark.title = 'The caret goes here';
    parts.push(mark);
    at = c;
  }
  parts.push(document.createTextNode(text.slice(at)));
  pre.replaceChildren(...parts);
}

async function preview() {
  const seq = ++previewSeq;
  try {
    const r = await send(MSG.OVERLAY_PREVIEW, { token, values: values(fields) });
    if (seq === previewSeq) {
      renderPreview(r);
      showError('');
    }
  } catch (e) {
    if (seq === previewSeq) showError(e.message);
  }
}

/**
 * Shows the form for `{fields, preview}` (from `overlay.get`, or from a palette choice that needs
 * input, then titled after the snippet), with focus in the first field.
 */
export function showFill({ fields: specs, preview: shown }, title) {
  fields = specs;
  $('palette').hidden = true;
  $('fill').hidden = false;
  if (title) $('fill-title').textContent = `Fill in: ${title}`;
  $('fill-fields').replaceChildren(...specs.map(control));
  renderPreview(shown);
  showKeys([['Tab', 'next field'], ['Enter', 'insert'], ['Ctrl+Enter', 'insert from a multi-line field'], ['Esc', 'cancel'],
    ['Shift+Tab', 'on the first field: move/resize bar']]);
  const form = $('fill');
  form.addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 80);
  });
  form.addEventListener('change', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 10);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  form.addEventListener('keydown', onFillKey);
  $('fill-cancel').addEventListener('click', cancel);
  const first = form.querySelector('input:checked, input, textarea, button');
  (specs.length ? first : $('fill-insert')).focus();
}

function onFillKey(e) {
  if (e.key !== 'Enter' || e.isComposing) return;
  const t = e.target;
  if (t instanceof HTMLButtonElement) return; // Enter on a button presses it
  if (t instanceof HTMLTextAreaElement && !(e.ctrlKey || e.metaKey)) return; // a new line
  e.preventDefault();
  submit();
}

function submit() {
  return oneAtATime(async () => {
    $('fill-insert').disabled = true;
    try {
      await send(MSG.OVERLAY_SUBMIT, { token, values: values(fields) });
      // The background sent the text to the page's field; the content script removes this page.
    } catch (e) {
      showError(e.message);
      $('fill-insert').disabled = false;
    }
  });
}
