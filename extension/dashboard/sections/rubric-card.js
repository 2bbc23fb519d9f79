// One criterion of the rubric notebook: key, name, definition, weight, disqualifying, the phrases
// {criterion: key} cites, notes, annotations and linked snippets; move up/down buttons, Alt+↑/↓,
// and a drag handle to reorder; underlines and findings of the rubric checker on its name and
// definition.
import { h } from '../../shared/dom.js';
import { underlines } from '../checker-view.js';

let uid = 0;

const lines = (text) => String(text ?? '').split('\n').map((p) => p.trim()).filter(Boolean);

/**
 * The card of criterion `c` at `index` of `total`; `actions` are `{move(i, d), remove(i),
 * dragStart(i), dropOn(i)}`; `snippets` are the library's snippets (for the links).
 */
export function criterionCard(c, index, total, actions, snippets = []) {
  const n = (uid += 1);
  const id = (part) => `crit-${part}-${n}`;
  const input = (part, value, attrs = {}) => h('input', { class: 'input', id: id(part), value: value ?? '', autocomplete: 'off', ...attrs });
  const area = (part, value, rows) => {
    const a = h('textarea', { class: 'input textarea', id: id(part), rows: String(rows), dataset: { part } });
    a.value = value ?? '';
    return a;
  };
  const key = input('key', c.key, { class: 'input mono', spellcheck: 'false', dataset: { part: 'key' } });
  const name = input('name', c.name, { dataset: { part: 'name' } });
  const definition = area('definition', c.definition, 2);
  const phrases = area('phrases', (c.phrases ?? []).join('\n'), 3);
  const notes = area('notes', c.notes, 2);
  const annotations = area('annotations', (c.annotations ?? []).join('\n'), 2);
  const weight = input('weight', c.weight ?? '', { type: 'number', min: '0', step: 'any', dataset: { part: 'weight' } });
  const disq = h('input', { type: 'checkbox', id: id('disq'), checked: !!c.disqualifying, dataset: { part: 'disqualifying' } });
  const linked = new Set(c.snippetIds ?? []);
  const links = h('div', { class: 'row wrap', dataset: { part: 'snippets' } }, snippets.map((s) => h('label', { class: 'row small' },
    h('input', { type: 'checkbox', value: s.id, checked: linked.has(s.id) }), s.label || s.triggers?.[0] || s.id)));
  const nameMarks = underlines(name);
  const defMarks = underlines(definition);
  const findings = h('ul', { class: 'chk-findings', dataset: { part: 'findings' }, 'aria-live': 'polite' });
  const label = c.name || `criterion ${index + 1}`;
  const btn = (text, title, run, disabled) => {
    const b = h('button', { type: 'button', class: 'btn btn-ghost btn-icon', 'aria-label': `${title} ${label}`, title, disabled }, text);
    b.addEventListener('click', run);
    return b;
  };
  const handle = h('span', { class: 'drag-handle badge', draggable: 'true', title: 'Drag to reorder (or Alt+↑ / Alt+↓)' }, '⠿');
  const fieldBox = (part, text, control) => h('div', { class: 'field' }, h('label', { class: 'field-label', for: id(part) }, text), control);
  const li = h('li', { class: 'criterion card', dataset: { index: String(index) } },
    h('div', { class: 'row-between' },
      h('span', { class: 'row' }, handle, h('span', { class: 'badge badge-accent' }, `Priority ${index + 1}`)),
      h('div', { class: 'row' },
        btn('↑', 'Move up', () => actions.move(index, -1), index === 0),
        btn('↓', 'Move down', () => actions.move(index, 1), index === total - 1),
        btn('✕', 'Remove', () => actions.remove(index)))),
    h('div', { class: 'form-grid' }, fieldBox('key', 'Key', key), fieldBox('name', 'Name', nameMarks.box)),
    fieldBox('definition', 'Definition', defMarks.box),
    findings,
    h('div', { class: 'form-grid' },
      fieldBox('weight', 'Weight (optional)', weight),
      h('label', { class: 'row small', for: id('disq') }, disq, 'Disqualifying: failing it fails the response')),
    fieldBox('phrases', 'Phrases (one per line)', phrases),
    h('details', { class: 'more' }, h('summary', {}, 'Notes, annotations and linked snippets'),
      h('div', { class: 'stack' },
        fieldBox('notes', 'Notes', notes),
        fieldBox('annotations', 'Annotations (one per line)', annotations),
        snippets.length ? h('fieldset', { class: 'field' }, h('legend', { class: 'field-label' }, 'Linked snippets'), links) : null)));
  li.addEventListener('keydown', (e) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    const d = e.key === 'ArrowUp' ? -1 : 1;
    if (index + d < 0 || index + d >= total) return;
    e.preventDefault();
    actions.move(index, d, e.target?.dataset?.part);
  });
  handle.addEventListener('dragstart', (e) => {
    e.dataTransfer?.setData('text/plain', String(index));
    li.classList.add('is-dragging');
    actions.dragStart(index);
  });
  handle.addEventListener('dragend', () => li.classList.remove('is-dragging'));
  li.addEventListener('dragover', (e) => { e.preventDefault(); li.classList.add('drop-before'); });
  li.addEventListener('dragleave', () => li.classList.remove('drop-before'));
  li.addEventListener('drop', (e) => { e.preventDefault(); li.classList.remove('drop-before'); actions.dropOn(index); });
  li.checker = { nameMarks, defMarks, findings, name, definition };
  return li;
}

/** Reads the criteria back from the editor's DOM, in their current order. */
export function readCriteria(listEl) {
  return [...listEl.querySelectorAll('li.criterion')].map((li, i) => {
    const part = (p) => li.querySelector(`[data-part="${p}"]`);
    const c = {
      key: part('key').value, name: part('name').value, definition: part('definition').value,
      priority: i + 1, disqualifying: part('disqualifying').checked, notes: part('notes').value,
      phrases: lines(part('phrases').value), annotations: lines(part('annotations').value),
      snippetIds: [...li.querySelectorAll('[data-part="snippets"] input:checked')].map((b) => b.value),
    };
    const w = part('weight').value.trim();
    if (w !== '' && Number.isFinite(Number(w))) c.weight = Number(w);
    return c;
  });
}
