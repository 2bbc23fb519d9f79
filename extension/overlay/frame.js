// Rubrica's in-page frame: the search palette and the fill-in form (docs/palette.md). This page is
// an extension page shown inside a web page, in a closed shadow root; it talks only to the
// background (`frame.*` messages naming the token in its URL's fragment) and never to the page.
// When the user inserts, the background renders the text and sends it to the content script of
// the field; this frame then disappears.

import { MSG } from '../shared/contract.js';
import { send } from '../shared/runtime.js';
import { applyTheme } from '../shared/theme.js';

const token = location.hash.slice(1);
const $ = (id) => document.getElementById(id);

let mode = null; // 'palette' | 'fill'
let fields = [];
let results = [];
let active = -1;
let busy = false;

function showError(message) {
  const box = $('frame-error');
  box.textContent = message;
  box.hidden = !message;
}

function keys(html) {
  $('frame-keys').replaceChildren(
    ...html.map(([k, what]) => {
      const span = document.createElement('span');
      const kbd = document.createElement('kbd');
      kbd.textContent = k;
      span.append(kbd, ` ${what}  `);
      return span;
    }),
  );
}

function cancel() {
  send(MSG.FRAME_CANCEL, { token }).catch((e) => showError(e.message));
}

// ---- palette ---------------------------------------------------------------------------------

let searchSeq = 0;
let searchTimer = 0;

function showPalette(query) {
  mode = 'palette';
  $('palette').hidden = false;
  $('fill').hidden = true;
  const input = $('palette-query');
  input.value = query;
  keys([['↑↓', 'choose'], ['Enter', 'insert'], ['Esc', 'close']]);
  input.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 60);
  });
  input.addEventListener('keydown', onPaletteKey);
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
  search();
}

async function search() {
  const seq = ++searchSeq;
  const query = $('palette-query').value.slice(0, 128);
  let hits;
  try {
    hits = await send(MSG.FRAME_SEARCH, { token, query });
  } catch (e) {
    showError(e.message);
    return;
  }
  if (seq !== searchSeq) return; // a newer search is on its way
  showError('');
  results = hits;
  renderResults(query);
}

function renderResults(query) {
  const list = $('palette-results');
  const items = results.map((hit, i) => {
    const li = document.createElement('li');
    li.id = `result-${i}`;
    li.setAttribute('role', 'option');
    li.dataset.index = String(i);
    const head = document.createElement('div');
    head.className = 'result-head';
    const label = document.createElement('span');
    label.className = 'result-label';
    label.textContent = hit.label || hit.trigger;
    const trigger = document.createElement('span');
    trigger.className = 'result-trigger';
    trigger.textContent = hit.trigger;
    head.append(label, trigger);
    if (hit.needsInput) {
      const form = document.createElement('span');
      form.className = 'result-form';
      form.textContent = 'form';
      form.title = 'Asks for input before inserting';
      head.append(form);
    }
    const excerpt = document.createElement('div');
    excerpt.className = 'result-excerpt';
    excerpt.textContent = hit.excerpt;
    li.append(head, excerpt);
    li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the search box
    li.addEventListener('click', () => choose(i));
    return li;
  });
  list.replaceChildren(...items);
  list.dataset.query = query; // what these results are for (tests wait on it)
  const empty = $('palette-empty');
  empty.hidden = results.length > 0;
  empty.textContent = results.length ? '' : `No snippet matches “${query}”.`;
  setActive(results.length ? 0 : -1);
}

function setActive(i) {
  active = i;
  const input = $('palette-query');
  for (const li of $('palette-results').children) {
    li.setAttribute('aria-selected', String(Number(li.dataset.index) === i));
  }
  if (i >= 0) {
    input.setAttribute('aria-activedescendant', `result-${i}`);
    $(`result-${i}`)?.scrollIntoView({ block: 'nearest' });
  } else input.removeAttribute('aria-activedescendant');
}

function onPaletteKey(e) {
  const n = results.length;
  if (e.key === 'ArrowDown' && n) setActive((active + 1) % n);
  else if (e.key === 'ArrowUp' && n) setActive((active - 1 + n) % n);
  else if (e.key === 'PageDown' && n) setActive(Math.min(n - 1, active + 5));
  else if (e.key === 'PageUp' && n) setActive(Math.max(0, active - 5));
  else if (e.key === 'Enter' && !e.isComposing) {
    if (active >= 0) choose(active);
  } else return;
  e.preventDefault();
}

async function choose(i) {
  const hit = results[i];
  if (!hit || busy) return;
  busy = true;
  try {
    const reply = await send(MSG.FRAME_CHOOSE, { token, snippetId: hit.snippetId });
    if (reply.status === 'needsInput') showFill(reply, hit.label || hit.trigger);
    // 'done': the background sent the text to the page's field; this frame is being removed.
  } catch (e) {
    showError(e.message);
  } finally {
    busy = false;
  }
}

// ---- fill-in form ------------------------------------------------------------------------------

let previewSeq = 0;
let previewTimer = 0;

function control(spec, i) {
  const wrap = document.createElement('div');
  wrap.className = 'fill-field';
  const id = `field-${i}`;
  const title = spec.label || spec.name;
  const labelFor = (el) => {
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = title;
    el.id = id;
    el.dataset.field = spec.name;
    wrap.append(label, el);
  };
  if (spec.kind === 'text') {
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'input';
    input.value = typeof spec.default === 'string' ? spec.default : '';
    input.autocomplete = 'off';
    labelFor(input);
  } else if (spec.kind === 'paragraph') {
    const area = document.createElement('textarea');
    area.className = 'input';
    area.rows = 3;
    area.value = typeof spec.default === 'string' ? spec.default : '';
    area.setAttribute('aria-describedby', 'frame-keys');
    labelFor(area);
  } else if (spec.kind === 'toggle') {
    const label = document.createElement('label');
    label.className = 'option';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.dataset.field = spec.name;
    box.checked = spec.default === true;
    label.append(box, ` ${title}`);
    wrap.append(label);
  } else {
    // choice: radio buttons (arrows move the choice); multi: checkboxes (Space ticks).
    const set = document.createElement('fieldset');
    set.dataset.field = spec.name;
    const legend = document.createElement('legend');
    legend.textContent = title;
    set.append(legend);
    const chosen = Array.isArray(spec.default) ? spec.default : [spec.default];
    spec.options.forEach((option, j) => {
      const label = document.createElement('label');
      label.className = 'option';
      const input = document.createElement('input');
      input.type = spec.kind === 'choice' ? 'radio' : 'checkbox';
      input.name = id;
      input.value = option;
      input.id = j === 0 ? id : `${id}-${j}`;
      input.checked = chosen.includes(option);
      label.append(input, ` ${option}`);
      set.append(label);
    });
    wrap.append(set);
  }
  return wrap;
}

function values() {
  const out = {};
  for (const spec of fields) {
    const i = fields.indexOf(spec);
    const el = $(`field-${i}`);
    if (spec.kind === 'text' || spec.kind === 'paragraph') out[spec.name] = el.value;
    else if (spec.kind === 'toggle') out[spec.name] = el.checked;
    else {
      const boxes = [...document.querySelectorAll(`input[name="field-${i}"]`)];
      const picked = boxes.filter((b) => b.checked).map((b) => b.value);
      if (spec.kind === 'choice') {
        if (picked.length) out[spec.name] = picked[0];
      } else out[spec.name] = picked;
    }
  }
  return out;
}

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
    const r = await send(MSG.FRAME_PREVIEW, { token, values: values() });
    if (seq === previewSeq) {
      renderPreview(r);
      showError('');
    }
  } catch (e) {
    if (seq === previewSeq) showError(e.message);
  }
}

function showFill({ fields: specs, preview: shown }, title) {
  mode = 'fill';
  fields = specs;
  $('palette').hidden = true;
  $('fill').hidden = false;
  if (title) $('fill-title').textContent = `Fill in: ${title}`;
  $('fill-fields').replaceChildren(...specs.map(control));
  renderPreview(shown);
  keys([['Tab', 'next field'], ['Enter', 'insert'], ['Ctrl+Enter', 'insert from a multi-line field'], ['Esc', 'cancel']]);
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

async function submit() {
  if (busy) return;
  busy = true;
  $('fill-insert').disabled = true;
  try {
    await send(MSG.FRAME_SUBMIT, { token, values: values() });
    // The background sent the text to the page's field; this frame is being removed.
  } catch (e) {
    showError(e.message);
    $('fill-insert').disabled = false;
  } finally {
    busy = false;
  }
}

// ---- keys that apply everywhere in the frame ----------------------------------------------------

/** Focusable controls, in order, for keeping Tab inside the frame. */
function focusables() {
  return [...document.querySelectorAll('input, textarea, button, [tabindex]:not([tabindex="-1"])')].filter(
    (el) => !el.disabled && el.offsetParent !== null && !(el.type === 'radio' && !el.checked && radioGroupHasChecked(el)),
  );
}

function radioGroupHasChecked(radio) {
  return [...document.querySelectorAll(`input[name="${radio.name}"]`)].some((r) => r.checked);
}

document.addEventListener(
  'keydown',
  (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
      return;
    }
    if (e.key !== 'Tab') return;
    // Tab never leaves the frame for the page behind it: it wraps around.
    const list = focusables();
    if (!list.length) return;
    const i = list.indexOf(document.activeElement);
    if (e.shiftKey && i <= 0) {
      e.preventDefault();
      list[list.length - 1].focus();
    } else if (!e.shiftKey && i === list.length - 1) {
      e.preventDefault();
      list[0].focus();
    }
  },
  true,
);

async function start() {
  if (!/^[0-9a-f]{32}$/.test(token)) {
    showError('This frame was opened without a request.');
    return;
  }
  try {
    const data = await send(MSG.FRAME_GET, { token });
    applyTheme(data.theme);
    $('loading').hidden = true;
    if (data.mode === 'palette') showPalette(data.query ?? '');
    else showFill(data);
  } catch (e) {
    $('loading').hidden = true;
    showError(e.message);
    keys([['Esc', 'close']]);
  } finally {
    $('app').removeAttribute('aria-busy');
  }
}

start();
