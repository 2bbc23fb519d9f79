// "Paste a rubric": text copied from a platform's page, split by the core's paste parser into a
// draft the user reviews in the editor before saving (nothing is saved until they press Save).
import { h, replace, plural } from '../../shared/dom.js';
import { pageCore } from '../../shared/page-core.js';

/** The draft rubric (as the editor takes it) and a notice describing what was found. */
export function draftFromPaste(parsed) {
  const criteria = parsed.criteria.map((c) => {
    const out = { key: c.key, name: c.name, definition: c.definition, priority: c.priority,
      disqualifying: c.disqualifying, notes: c.notes, phrases: [] };
    if (c.weight !== undefined) out.weight = c.weight;
    return out;
  });
  const rubric = { name: parsed.name || 'Pasted rubric', idealResponse: parsed.idealResponse, criteria };
  const found = [plural(criteria.length, 'criterion', 'criteria')];
  if (parsed.scale) found.push(`a ${parsed.scale[0]}–${parsed.scale[1]} scale`);
  if (parsed.idealResponse) found.push('an ideal-response description');
  const notice = h('div', { class: 'alert', id: 'rubric-paste-notice', role: 'status' },
    h('p', {}, `Found ${found.join(', ')}. Check the names, keys and definitions, then save.`),
    parsed.unplaced.length ? h('details', {}, h('summary', {}, `${plural(parsed.unplaced.length, 'line')} not placed`),
      h('ul', { class: 'small' }, parsed.unplaced.map((l) => h('li', {}, l)))) : null);
  return { rubric, notice };
}

/** The paste form; `onDraft({rubric, notice})` opens the editor on the result. */
export function pasteForm({ onDraft, onClose }) {
  const text = h('textarea', { class: 'input textarea', id: 'rubric-paste-text', rows: '10',
    placeholder: '1. Accuracy: every claim is correct…\n2. Instruction following - …' });
  const status = h('div', { role: 'status', 'aria-live': 'polite' });
  const split = h('button', { type: 'submit', class: 'btn btn-primary', id: 'rubric-paste-split' }, 'Split into criteria');
  const close = h('button', { type: 'button', class: 'btn', id: 'rubric-paste-cancel' }, 'Cancel');
  const form = h('form', { class: 'card card-lg stack', id: 'rubric-paste', 'aria-labelledby': 'rubric-paste-title' },
    h('h2', { id: 'rubric-paste-title', tabindex: '-1' }, 'Paste a rubric'),
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'rubric-paste-text' }, 'Rubric text, as copied from the task page'), text,
      h('p', { class: 'field-hint' }, 'Numbered or bulleted lists, headings, “Criterion: description” lines and scales such as 1–5 are recognised. The text stays on this computer.')),
    status,
    h('div', { class: 'row' }, split, close));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const { wasm } = await pageCore();
      const parsed = wasm.parseRubricText(text.value);
      if (!parsed.criteria.length) {
        replace(status, h('p', { class: 'status-error' }, 'No criteria found: paste a list of criteria, one per line or item.'));
        return;
      }
      onDraft(draftFromPaste(parsed));
    } catch (err) {
      replace(status, h('p', { class: 'status-error' }, `Could not read the rubric: ${err.message}`));
    }
  });
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') onClose(); });
  close.addEventListener('click', onClose);
  return form;
}
