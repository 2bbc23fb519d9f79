// Rubrics: the list (the default one marked), a plain editor for the name and the criteria in
// priority order, delete with Undo, and "Use as default rubric".
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, icon, replace, plural } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { sectionHead } from './coming.js';
import { fetchLibrary } from '../library-data.js';
import { toast } from '../toast.js';

let uid = 0;

function criterionCard(c, index, total, actions) {
  const n = (uid += 1);
  const id = (part) => `crit-${part}-${n}`;
  const input = (part, value, attrs = {}) => h('input', { class: 'input', id: id(part), value: value ?? '', autocomplete: 'off', ...attrs });
  const key = input('key', c.key, { class: 'input mono', spellcheck: 'false', dataset: { part: 'key' } });
  const name = input('name', c.name, { dataset: { part: 'name' } });
  const definition = h('textarea', { class: 'input textarea', id: id('definition'), rows: '2', dataset: { part: 'definition' } });
  definition.value = c.definition ?? '';
  const phrases = h('textarea', { class: 'input textarea', id: id('phrases'), rows: '3', dataset: { part: 'phrases' } });
  phrases.value = (c.phrases ?? []).join('\n');
  const disq = h('input', { type: 'checkbox', id: id('disq'), checked: !!c.disqualifying, dataset: { part: 'disqualifying' } });
  const btn = (label, text, run, disabled) => {
    const b = h('button', { type: 'button', class: 'btn btn-ghost btn-icon', 'aria-label': `${label} ${c.name || `criterion ${index + 1}`}`, title: label, disabled }, text);
    b.addEventListener('click', run);
    return b;
  };
  const fieldBox = (part, label, control) => h('div', { class: 'field' }, h('label', { class: 'field-label', for: id(part) }, label), control);
  return h('li', { class: 'criterion card', dataset: { weight: c.weight ?? '', notes: c.notes ?? '' } },
    h('div', { class: 'row-between' },
      h('span', { class: 'badge badge-accent' }, `Priority ${index + 1}`),
      h('div', { class: 'row' },
        btn('Move up', '↑', () => actions.move(index, -1), index === 0),
        btn('Move down', '↓', () => actions.move(index, 1), index === total - 1),
        btn('Remove', '✕', () => actions.remove(index)))),
    h('div', { class: 'form-grid' }, fieldBox('key', 'Key', key), fieldBox('name', 'Name', name)),
    fieldBox('definition', 'Definition', definition),
    fieldBox('phrases', 'Phrases (one per line)', phrases),
    h('label', { class: 'row small', for: id('disq') }, disq, 'Disqualifying: failing it fails the response'));
}

/** Reads the criteria back from the editor's DOM, in their current order. */
function readCriteria(listEl) {
  return [...listEl.querySelectorAll('li.criterion')].map((li, i) => {
    const part = (p) => li.querySelector(`[data-part="${p}"]`);
    const c = {
      key: part('key').value, name: part('name').value, definition: part('definition').value,
      priority: i + 1, disqualifying: part('disqualifying').checked, notes: li.dataset.notes ?? '',
      phrases: part('phrases').value.split('\n').map((p) => p.trim()).filter(Boolean),
    };
    if (li.dataset.weight !== '') c.weight = Number(li.dataset.weight);
    return c;
  });
}

function rubricEditor(rubric, lib, { onSaved, onDelete, onDefault, onClose }) {
  const name = h('input', { class: 'input', id: 'rubric-name', value: rubric?.name ?? '', autocomplete: 'off' });
  const list = h('ol', { class: 'criteria-list', id: 'rubric-criteria' });
  const status = h('div', { id: 'rubric-status', role: 'status', 'aria-live': 'polite' });
  let criteria = structuredClone(rubric?.criteria ?? []).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  const actions = {
    move(i, d) {
      criteria = readCriteria(list);
      const [c] = criteria.splice(i, 1);
      criteria.splice(i + d, 0, c);
      draw();
      list.querySelectorAll('li.criterion')[i + d]?.querySelector(`[aria-label^="${d < 0 ? 'Move up' : 'Move down'}"]:not([disabled])`)?.focus();
    },
    remove(i) {
      criteria = readCriteria(list);
      criteria.splice(i, 1);
      draw();
      add.focus();
    },
  };
  function draw() {
    replace(list, criteria.map((c, i) => criterionCard(c, i, criteria.length, actions)));
  }
  const add = h('button', { type: 'button', class: 'btn', id: 'rubric-add-criterion' }, '+ Add criterion');
  add.addEventListener('click', () => {
    criteria = readCriteria(list);
    criteria.push({ key: '', name: '', definition: '', phrases: [], disqualifying: false, notes: '' });
    draw();
    list.lastElementChild?.querySelector('[data-part="key"]')?.focus();
  });
  draw();
  const isDefault = rubric && rubric.id === lib.activeRubricId;
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'rubric-save' }, icon(ICONS.check), 'Save rubric');
  const close = h('button', { type: 'button', class: 'btn', id: 'rubric-cancel' }, 'Close');
  const makeDefault = rubric ? h('button', { type: 'button', class: 'btn', id: 'rubric-default', disabled: isDefault },
    isDefault ? 'Default rubric' : 'Use as default rubric') : null;
  const del = rubric ? h('button', { type: 'button', class: 'btn btn-danger-ghost', id: 'rubric-delete' }, 'Delete') : null;
  const form = h('form', { class: 'card card-lg stack-lg editor', id: 'rubric-editor', 'aria-labelledby': 'rubric-editor-title', novalidate: true },
    h('div', { class: 'row-between' },
      h('h2', { id: 'rubric-editor-title', tabindex: '-1' }, rubric ? `Edit ${rubric.name}` : 'New rubric'),
      isDefault ? h('span', { class: 'badge badge-on' }, 'Default') : null),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'rubric-name' }, 'Name'), name),
    h('div', { class: 'stack' }, h('h3', { class: 'card-title' }, 'Criteria, most important first'), list, h('div', {}, add)),
    status,
    h('div', { class: 'row-between wrap' }, h('div', { class: 'row' }, save, makeDefault, close), del));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      const draft = { name: name.value, criteria: readCriteria(list) };
      if (rubric?.id) draft.id = rubric.id;
      const record = await send(MSG.RUBRIC_SAVE, { rubric: draft });
      onSaved(record);
    } catch (err) {
      replace(status, h('div', { class: 'alert alert-danger', role: 'alert', id: 'rubric-error' }, icon(ICONS.alert),
        h('p', {}, h('strong', {}, 'Not saved. '), err.message)));
    } finally {
      save.disabled = false;
    }
  });
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') onClose(); });
  close.addEventListener('click', onClose);
  del?.addEventListener('click', () => onDelete(rubric));
  makeDefault?.addEventListener('click', () => onDefault(rubric));
  return form;
}

export default {
  id: 'rubrics',
  title: 'Rubrics',
  icon: 'rubrics',
  countKey: 'rubrics',
  render(ctx) {
    let lib = { rubrics: [], activeRubricId: null };
    let openId = undefined; // undefined: closed; null: new
    const list = h('ul', { class: 'rubric-list', id: 'rubric-list' });
    const slot = h('div', { id: 'rubric-editor-slot' });
    const newBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'rubric-new' }, '+ New rubric');

    function open(r) {
      openId = r?.id ?? null;
      replace(slot, rubricEditor(r, lib, {
        onSaved: async (record) => { await refresh(); open(record); toast(`Saved ${record.name}.`); },
        onDelete: remove,
        onDefault: setDefault,
        onClose: () => { openId = undefined; replace(slot); newBtn.focus(); },
      }));
      slot.querySelector('#rubric-editor-title')?.focus();
    }

    async function setDefault(r) {
      try {
        const settings = await send(MSG.SETTINGS_UPDATE, { patch: { defaultRubricId: r.id } });
        ctx.setSettings?.(settings);
        await refresh();
        if (openId === r.id) open(lib.rubrics.find((x) => x.id === r.id) ?? r);
        toast(`${r.name} is now the default rubric.`);
      } catch (e) {
        toast(`Could not change the default: ${e.message}`);
      }
    }

    async function remove(r) {
      try {
        await send(MSG.RUBRIC_DELETE, { id: r.id });
        openId = undefined;
        replace(slot);
        await refresh();
        newBtn.focus();
        toast(`Deleted ${r.name}.`, { label: 'Undo', id: 'rubric-undo', run: async () => {
          await send(MSG.RUBRIC_RESTORE, { id: r.id });
          await refresh();
          toast(`Restored ${r.name}.`);
        } });
      } catch (e) {
        toast(`Could not delete: ${e.message}`);
      }
    }

    async function refresh() {
      try {
        lib = await fetchLibrary();
      } catch (e) {
        replace(list, h('li', { class: 'alert alert-danger', role: 'alert' }, `Could not load rubrics: ${e.message}`));
        return;
      }
      if (!lib.rubrics.length) {
        replace(list, h('li', { class: 'card empty', id: 'rubric-empty' }, h('h3', {}, 'No rubrics yet'),
          h('p', {}, 'Write down a project’s rubric once, then cite its criteria from every justification with {criterion: key}.')));
      } else {
        replace(list, lib.rubrics.map((r) => {
          const isDefault = r.id === lib.activeRubricId;
          const b = h('button', { type: 'button', class: 'rubric-open card', dataset: { id: r.id }, 'aria-current': openId === r.id ? 'true' : false },
            h('span', { class: 'row-between' }, h('strong', {}, r.name), isDefault ? h('span', { class: 'badge badge-on rubric-default-badge' }, 'Default') : null),
            h('span', { class: 'small muted' }, `${plural(r.criteria.length, 'criterion', 'criteria')}${r.builtin ? ' · starter' : ''}`),
            h('span', { class: 'row wrap' }, r.criteria.slice().sort((a, b2) => a.priority - b2.priority).slice(0, 4)
              .map((c) => h('code', { class: 'chip' }, c.key))));
          b.addEventListener('click', () => open(r));
          return h('li', {}, b);
        }));
      }
    }
    newBtn.addEventListener('click', () => open(null));
    this.update = () => refresh();
    refresh();
    return h('div', { class: 'stack-lg', id: 'section-rubrics' },
      h('div', { class: 'row-between wrap section-head-row' },
        sectionHead('Library', 'Rubrics', 'The rubrics you work with: criteria in priority order, with the phrases you cite.'),
        newBtn),
      slot,
      list);
  },
};
