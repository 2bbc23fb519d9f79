// The palette mode: a search box pre-filled with the word before the caret, results from the
// core's fuzzy search (asked of the background), arrows to choose, Enter to insert. A snippet with
// fields goes on to the fill-in form in this same page (docs/palette.md).

import { MSG } from '../shared/contract.js';
import { send } from '../shared/runtime.js';
import { $, oneAtATime, showError, showKeys, token } from './common.js';
import { showFill } from './form.js';
import { actionsFor, runAction } from './check.js';
import { libraryRow, showEntry, showField } from './library.js';

let results = [];
let active = -1;
let searchSeq = 0;
let searchTimer = 0;

/** Shows the palette searching for `query`, with focus in the search box. */
export function showPalette(query, field) {
  $('palette').hidden = false;
  showField(field);
  $('fill').hidden = true;
  const input = $('palette-query');
  input.value = query;
  showKeys([['↑↓', 'choose'], ['Enter', 'insert'], ['Esc', 'close']]);
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
    hits = await send(MSG.OVERLAY_SEARCH, { token, query });
  } catch (e) {
    showError(e.message);
    return;
  }
  if (seq !== searchSeq) return; // a newer search is on its way
  showError('');
  results = [...hits, ...actionsFor(query)];
  renderResults(query);
}

function renderResults(query) {
  const list = $('palette-results');
  const items = results.map((hit, i) => {
    const li = document.createElement('li');
    li.id = `result-${i}`;
    li.setAttribute('role', 'option');
    li.dataset.index = String(i);
    li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the search box
    li.addEventListener('click', () => choose(i));
    if (hit.library) {
      li.classList.add('result-entry');
      li.append(...libraryRow(hit));
      return li;
    }
    const head = document.createElement('div');
    head.className = 'result-head';
    const label = document.createElement('span');
    label.className = 'result-label';
    label.textContent = hit.label || hit.trigger;
    if (hit.action) {
      const tag = document.createElement('span');
      tag.className = 'result-action';
      tag.textContent = 'action';
      head.append(label, tag);
    } else {
      const trigger = document.createElement('span');
      trigger.className = 'result-trigger';
      trigger.textContent = hit.trigger;
      head.append(label, trigger);
    }
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
    return li;
  });
  list.replaceChildren(...items);
  list.dataset.query = query; // what these results are for (tests wait on it)
  const empty = $('palette-empty');
  const found = results.filter((r) => !r.action).length;
  empty.hidden = found > 0;
  empty.textContent = found ? '' : `Nothing in your snippets or library matches “${query}”.`;
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

function choose(i) {
  const hit = results[i];
  if (!hit) return undefined;
  if (hit.action) return oneAtATime(() => runAction(hit.action));
  if (hit.library) {
    showEntry(hit, () => {
      showKeys([['↑↓', 'choose'], ['Enter', 'insert'], ['Esc', 'close']]);
      $('palette-query').focus();
    });
    return undefined;
  }
  return oneAtATime(async () => {
    try {
      const reply = await send(MSG.OVERLAY_CHOOSE, { token, snippetId: hit.snippetId });
      if (reply.status === 'needsInput') showFill(reply, hit.label || hit.trigger);
      // 'done': the background sent the text to the page's field; the content script removes this page.
    } catch (e) {
      showError(e.message);
    }
  });
}
