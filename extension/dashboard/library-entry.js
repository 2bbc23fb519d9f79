// The library entry form: new entry or edit — text, platform, task type, criteria, outcome, tags,
// notes. Save sends `justification.save`; before that the page's own index runs the
// near-duplicate guard and shows the closest earlier entry, if any, beside the button.
import { send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { h, replace } from '../shared/dom.js';
import { longDate } from '../shared/format.js';
import { splitList } from './library-data.js';

function field(id, label, control, hint) {
  if (hint) control.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    control,
    hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null);
}

export const OUTCOMES = [['', 'Unknown'], ['approved', 'Approved'], ['rejected', 'Rejected']];

/** "87 % like your entry of 12 March 2026, task type Ranking". */
export function nearSentence(m, names) {
  const type = m.taskTypeId ? names.taskTypes?.[m.taskTypeId] : null;
  return `${Math.round(m.similarity * 100)} % like your entry of ${longDate(m.createdAt)}${type ? `, task type ${type}` : ''}`;
}

/**
 * The form. `entry` is the record to edit or null; `catalogue` the catalogue view; `lib` the
 * page's library (near-duplicate check); `threshold` 0–1; `onSaved(record)`, `onClose()`.
 */
export function entryForm({ entry, catalogue, lib, threshold, onSaved, onClose }) {
  const e = entry ?? { text: '', criteria: [], tags: [], notes: '', outcome: null };
  const names = catalogue?.names ?? { platforms: {}, taskTypes: {} };
  const text = h('textarea', { class: 'input textarea', id: 'entry-text', rows: '6' });
  text.value = e.text;
  const platform = h('select', { class: 'input select', id: 'entry-platform' },
    h('option', { value: '' }, 'No platform'),
    (catalogue?.platforms ?? []).map((p) => h('option', { value: p.id, selected: p.id === e.platformId }, p.name)));
  const taskType = h('select', { class: 'input select', id: 'entry-task-type' },
    h('option', { value: '' }, 'No task type'),
    (catalogue?.platforms ?? []).flatMap((p) => p.taskTypes.map((t) =>
      h('option', { value: t.id, selected: t.id === e.taskTypeId }, `${p.name} · ${t.name}`))));
  const criteria = h('input', { class: 'input', id: 'entry-criteria', value: (e.criteria ?? []).join(', '), autocomplete: 'off' });
  const outcome = h('select', { class: 'input select', id: 'entry-outcome' },
    OUTCOMES.map(([v, label]) => h('option', { value: v, selected: (e.outcome ?? '') === v }, label)));
  const tags = h('input', { class: 'input', id: 'entry-tags', value: (e.tags ?? []).join(', '), autocomplete: 'off' });
  const notes = h('textarea', { class: 'input textarea', id: 'entry-notes', rows: '2' });
  notes.value = e.notes ?? '';
  const warning = h('div', { id: 'entry-near', 'aria-live': 'polite' });
  const error = h('p', { class: 'status-error small', id: 'entry-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'entry-save' }, entry ? 'Save changes' : 'Save entry');
  const cancel = h('button', { type: 'button', class: 'btn', id: 'entry-cancel' }, 'Cancel');

  function checkNear() {
    const found = lib?.index.nearDuplicates(text.value, threshold) ?? [];
    const others = found.filter((m) => m.id !== entry?.id);
    replace(warning, others.length
      ? h('div', { class: 'alert alert-warn', id: 'entry-near-warning' },
        h('p', {}, `Careful: ${nearSentence(others[0], names)}. Platforms ban reused text; reword it before you submit it anywhere.`))
      : null);
  }
  text.addEventListener('change', checkNear);

  const form = h('form', { class: 'card card-lg stack', id: 'entry-form', 'aria-labelledby': 'entry-form-title' },
    h('h2', { class: 'card-title', id: 'entry-form-title', tabindex: '-1' }, entry ? 'Edit entry' : 'New library entry'),
    field('entry-text', 'Justification', text, 'The text to keep. It stays on this device.'),
    h('div', { class: 'grid-2' },
      field('entry-platform', 'Platform', platform),
      field('entry-task-type', 'Task type', taskType)),
    h('div', { class: 'grid-2' },
      field('entry-criteria', 'Criteria', criteria, 'Criterion keys, separated by commas (accuracy, helpfulness).'),
      field('entry-outcome', 'Outcome', outcome)),
    field('entry-tags', 'Tags', tags, 'Separated by commas.'),
    field('entry-notes', 'Notes', notes),
    warning,
    error,
    h('div', { class: 'row' }, save, cancel));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    checkNear();
    const draft = {
      text: text.value,
      criteria: splitList(criteria.value, { spaces: false }),
      tags: splitList(tags.value, { spaces: false }),
      notes: notes.value,
    };
    if (entry) draft.id = entry.id;
    if (platform.value) draft.platformId = platform.value;
    if (taskType.value) draft.taskTypeId = taskType.value;
    if (outcome.value) draft.outcome = outcome.value;
    save.disabled = true;
    try {
      onSaved(await send(MSG.JUSTIFICATION_SAVE, { entry: draft }));
    } catch (err) {
      error.textContent = err.message;
      text.focus();
    } finally {
      save.disabled = false;
    }
  });
  cancel.addEventListener('click', onClose);
  form.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') onClose(); });
  return form;
}
