// The rubric notebook's editor: name, the ideal-response description, the criteria in priority
// order (cards: rubric-card.js), Save / Use as default / Delete, and the rubric checker live on
// every edit (underlines in the fields, findings with suggestions under each).
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, icon, replace, plural } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { pageCore } from '../../shared/page-core.js';
import { findingsList, liveCheck, ruleTitles, underlines } from '../checker-view.js';
import { checkerSettings } from '../justification-check.js';
import { criterionCard, readCriteria } from './rubric-card.js';

/**
 * The editor for `rubric` (a saved record, or a draft: no id, e.g. from a pasted rubric);
 * `notice` is shown above the criteria (what the paste parser found).
 */
export function rubricEditor(rubric, lib, { notice, onSaved, onDelete, onDefault, onClose }) {
  const saved = rubric?.id ? rubric : null;
  const name = h('input', { class: 'input', id: 'rubric-name', value: rubric?.name ?? '', autocomplete: 'off' });
  const ideal = h('textarea', { class: 'input textarea', id: 'rubric-ideal', rows: '3',
    placeholder: 'What the ideal response to this task contains, in a few sentences.' });
  ideal.value = rubric?.idealResponse ?? '';
  const idealMarks = underlines(ideal);
  const idealFindings = h('ul', { class: 'chk-findings', id: 'rubric-ideal-findings', 'aria-live': 'polite' });
  const list = h('ol', { class: 'criteria-list', id: 'rubric-criteria' });
  const status = h('div', { id: 'rubric-status', role: 'status', 'aria-live': 'polite' });
  const summary = h('p', { class: 'small muted', id: 'rubric-check-summary', 'aria-live': 'polite' });
  let criteria = structuredClone(rubric?.criteria ?? []).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  let dragging = -1;
  const snippets = lib.snippets ?? [];
  const actions = {
    move(i, d, part) {
      criteria = readCriteria(list);
      const [c] = criteria.splice(i, 1);
      criteria.splice(i + d, 0, c);
      draw();
      const card = list.querySelectorAll('li.criterion')[i + d];
      (part ? card?.querySelector(`[data-part="${part}"]`) : null)?.focus()
        ?? card?.querySelector(`[aria-label^="${d < 0 ? 'Move up' : 'Move down'}"]:not([disabled])`)?.focus()
        ?? card?.querySelector('[data-part="key"]')?.focus();
    },
    remove(i) {
      criteria = readCriteria(list);
      criteria.splice(i, 1);
      draw();
      add.focus();
    },
    dragStart(i) { dragging = i; },
    dropOn(i) {
      if (dragging < 0 || dragging === i) return;
      criteria = readCriteria(list);
      const [c] = criteria.splice(dragging, 1);
      criteria.splice(i, 0, c);
      dragging = -1;
      draw();
    },
  };
  function draw() {
    replace(list, criteria.map((c, i) => criterionCard(c, i, criteria.length, actions, snippets)));
    check?.schedule();
  }
  const add = h('button', { type: 'button', class: 'btn', id: 'rubric-add-criterion' }, '+ Add criterion');
  add.addEventListener('click', () => {
    criteria = readCriteria(list);
    criteria.push({ key: '', name: '', definition: '', phrases: [], disqualifying: false, notes: '' });
    draw();
    list.lastElementChild?.querySelector('[data-part="key"]')?.focus();
  });
  let check = null;
  draw();
  const isDefault = saved && saved.id === lib.activeRubricId;
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'rubric-save' }, icon(ICONS.check), 'Save rubric');
  const close = h('button', { type: 'button', class: 'btn', id: 'rubric-cancel' }, 'Close');
  const makeDefault = saved ? h('button', { type: 'button', class: 'btn', id: 'rubric-default', disabled: isDefault },
    isDefault ? 'Default rubric' : 'Use as default rubric') : null;
  const del = saved ? h('button', { type: 'button', class: 'btn btn-danger-ghost', id: 'rubric-delete' }, 'Delete') : null;
  const form = h('form', { class: 'card card-lg stack-lg editor', id: 'rubric-editor', 'aria-labelledby': 'rubric-editor-title', novalidate: true },
    h('div', { class: 'row-between' },
      h('h2', { id: 'rubric-editor-title', tabindex: '-1' }, saved ? `Edit ${saved.name}` : rubric ? 'Review the pasted rubric' : 'New rubric'),
      isDefault ? h('span', { class: 'badge badge-on' }, 'Default') : null),
    notice ?? null,
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'rubric-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'rubric-ideal' }, 'Ideal response'), idealMarks.box,
      h('p', { class: 'field-hint' }, 'Good rubrics start from the ideal response; the criteria say how a response can fall short of it.')),
    idealFindings,
    h('div', { class: 'stack' },
      h('div', { class: 'row-between' }, h('h3', { class: 'card-title' }, 'Criteria, most important first'), summary),
      list, h('div', {}, add)),
    status,
    h('div', { class: 'row-between wrap' }, h('div', { class: 'row' }, save, makeDefault, close), del));

  // The rubric checker, live.
  const ready = Promise.all([pageCore(), checkerSettings()]);
  let titles = new Map();
  check = liveCheck(form, async () => {
    const [page, settings] = await ready;
    if (!titles.size) titles = ruleTitles(page.wasm);
    const cs = readCriteria(list);
    return page.wasm.checkRubric({
      name: name.value, idealResponse: ideal.value, offRules: settings.offRules,
      criteria: cs.map((c) => ({ key: c.key, name: c.name, definition: c.definition })),
    });
  }, (findings) => {
    const titleOf = (rule) => titles.get(rule)?.title ?? rule;
    const cards = [...list.querySelectorAll('li.criterion')];
    const forIdeal = findings.filter((f) => f.target.part === 'idealResponse');
    idealMarks.set(forIdeal);
    findingsList(idealFindings, forIdeal, { fieldOf: () => ideal, titleOf, empty: '' });
    if (!forIdeal.length) replace(idealFindings);
    cards.forEach((li, i) => {
      const mine = findings.filter((f) => f.target.index === i);
      const { nameMarks, defMarks, findings: ul, name: nameEl, definition } = li.checker;
      nameMarks.set(mine.filter((f) => f.target.part === 'criterionName'));
      defMarks.set(mine.filter((f) => f.target.part === 'criterionDefinition'));
      if (mine.length) findingsList(ul, mine, { fieldOf: (f) => (f.target.part === 'criterionName' ? nameEl : definition), titleOf });
      else replace(ul);
    });
    summary.textContent = findings.length ? `Checker: ${plural(findings.length, 'finding')}` : 'Checker: nothing to flag';
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      const draft = { name: name.value, idealResponse: ideal.value, criteria: readCriteria(list) };
      if (saved?.id) draft.id = saved.id;
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
  del?.addEventListener('click', () => onDelete(saved));
  makeDefault?.addEventListener('click', () => onDefault(saved));
  return form;
}
