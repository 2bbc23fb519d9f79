// The palette's library part (docs/library.md): entries after the snippets, marked "Library";
// choosing one shows it here for reference, and inserting it is a second, explicit action. Above
// the search: what the near-duplicate guard says about the field the palette was opened from,
// and "Save this field".

import { MSG } from '../shared/contract.js';
import { longDate } from '../shared/format.js';
import { send } from '../shared/runtime.js';
import { $, oneAtATime, showError, showKeys, token } from './common.js';

/** The excerpt with its highlight ranges (UTF-16 offsets) as <mark>s. */
export function marked(excerpt, ranges = []) {
  const out = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push(document.createTextNode(excerpt.slice(at, s)));
    const m = document.createElement('mark');
    m.textContent = excerpt.slice(s, e);
    out.push(m);
    at = e;
  }
  out.push(document.createTextNode(excerpt.slice(at)));
  return out;
}

/** A result row's content for a library entry. */
export function libraryRow(hit) {
  const head = document.createElement('div');
  head.className = 'result-head';
  const label = document.createElement('span');
  label.className = 'result-label';
  label.textContent = hit.label;
  const badge = document.createElement('span');
  badge.className = 'result-form result-library';
  badge.textContent = 'Library';
  head.append(label, badge);
  const excerpt = document.createElement('div');
  excerpt.className = 'result-excerpt';
  excerpt.append(...marked(hit.excerpt, hit.highlights));
  return [head, excerpt];
}

/** The near-duplicate result for the field and the "Save this field" button. */
export function showField(field) {
  const box = $('palette-field');
  box.replaceChildren();
  if (!field?.chars) return;
  const near = field.near?.[0];
  const note = document.createElement('p');
  note.id = 'palette-near';
  note.className = near ? 'alert alert-warn small' : 'muted small';
  note.textContent = near
    ? `This field is ${near.sentence}. Reword it before you submit.`
    : 'This field is not like any entry of your library.';
  const save = document.createElement('button');
  save.type = 'button';
  save.className = 'btn btn-sm';
  save.id = 'palette-save-field';
  save.textContent = 'Save this field';
  save.addEventListener('click', () => oneAtATime(async () => {
    try {
      const { near: like } = await send(MSG.OVERLAY_SAVE_FIELD, { token });
      save.disabled = true;
      save.textContent = 'Saved to your library';
      if (like[0]) note.textContent = `Saved. It is ${like[0].sentence}.`;
    } catch (e) {
      showError(e.message);
    }
  }));
  box.append(note, save);
}

/** Shows one library entry for reference; Insert puts it in the field, Back returns to the list. */
export function showEntry(hit, back) {
  $('palette').hidden = true;
  const view = $('entry');
  view.hidden = false;
  $('entry-when').textContent = `· ${longDate(hit.createdAt)}`;
  $('entry-body').textContent = hit.text;
  showKeys([['Enter', 'insert'], ['Esc', 'close']]);
  const insert = $('entry-insert');
  const onInsert = () => oneAtATime(async () => {
    try {
      await send(MSG.OVERLAY_ENTRY, { token, entryId: hit.entryId });
      // 'done': the text went to the page's field; the content script removes this page.
    } catch (e) {
      showError(e.message);
    }
  });
  insert.onclick = onInsert;
  $('entry-back').onclick = () => {
    view.hidden = true;
    $('palette').hidden = false;
    back();
  };
  insert.focus();
}
