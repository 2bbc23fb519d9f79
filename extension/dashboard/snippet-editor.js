// The snippet editor panel: triggers, label, folder, tags, behaviour, template with a live
// preview from the page's own core and parse errors shown inline while typing; Save sends
// `snippet.save`, Delete sends `snippet.delete` (the caller offers Undo).
import { send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { h, icon, replace } from '../shared/dom.js';
import { ICONS } from '../shared/icons.js';
import { loadedCore, previewContext, splitList } from './library-data.js';
import { justificationCheck } from './justification-check.js';

const PREVIEW_DELAY_MS = 180;
let uid = 0;

function field(id, label, control, hint) {
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { class: 'field-label', for: id }, label),
    control,
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null);
}

function toggle(id, label, hint, checked) {
  const input = h('input', { type: 'checkbox', role: 'switch', class: 'switch', id, checked: !!checked,
    'aria-describedby': `${id}-hint` });
  return {
    input,
    el: h('div', { class: 'toggle-row' },
      h('div', {}, h('label', { class: 'field-label', for: id }, label),
        h('p', { class: 'field-hint', id: `${id}-hint` }, hint)),
      input),
  };
}

function modePicker(mode) {
  const name = `snip-mode-${(uid += 1)}`;
  const option = (value, text) => h('label', {},
    h('input', { type: 'radio', name, value, id: `snip-mode-${value}`, checked: mode === value }),
    h('span', {}, text));
  const group = h('div', { class: 'segmented', role: 'radiogroup', 'aria-labelledby': 'snip-mode-label' },
    option('immediate', 'As soon as typed'), option('delimiter', 'After space or punctuation'));
  return {
    get value() { return group.querySelector('input:checked')?.value ?? 'immediate'; },
    el: h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'snip-mode-label' }, 'Expand'), group),
  };
}

/** The rendered preview text with a visible marker at each cursor offset (UTF-16 offsets). */
function previewNodes(text, cursors) {
  const out = [];
  let at = 0;
  for (const c of [...(cursors ?? [])].sort((a, b) => a - b)) {
    out.push(text.slice(at, c), h('span', { class: 'cursor-mark', title: 'The cursor lands here' }, '|'));
    at = c;
  }
  out.push(text.slice(at));
  return out;
}

function fieldList(fields) {
  if (!fields?.length) return h('p', { class: 'small muted' }, 'No fill-in fields: the text is typed as shown.');
  return h('ul', { class: 'field-chips', 'aria-label': 'Fill-in fields' }, fields.map((f) => {
    const def = Array.isArray(f.default) ? f.default.join(', ') : String(f.default ?? '');
    return h('li', { class: 'badge' }, h('span', { class: 'mono' }, f.name), h('span', { class: 'muted' }, f.kind),
      def ? h('span', {}, `= ${def}`) : null);
  }));
}

export function templateErrorView(e) {
  const where = e.line ? `Line ${e.line}${e.column ? `, column ${e.column}` : ''}` : null;
  return h('div', { class: 'alert alert-danger' }, icon(ICONS.alert),
    h('div', { class: 'stack grow' },
      h('p', {}, where ? h('strong', { class: 'error-where' }, `${where}: `) : null, e.message),
      e.excerpt ? h('pre', { class: 'code-excerpt', 'aria-label': 'Where the problem is' }, e.excerpt) : null));
}

/**
 * opts: {snippet (null for new), rubrics, activeRubricId, notice (a status line to start with),
 * onSaved(record) (the caller re-opens the editor on the saved record), onDelete(snippet), onClose()}.
 * Returns the panel element.
 */
export function snippetEditor({ snippet, rubrics, activeRubricId, notice, onSaved, onDelete, onClose }) {
  const s = snippet ?? { triggers: [], label: '', folder: '', tags: [], template: '', mode: 'immediate',
    wordBoundary: false, propagateCase: true, regex: '', criteria: [] };
  const triggers = h('input', { class: 'input mono', id: 'snip-triggers', value: s.triggers.join(', '),
    autocomplete: 'off', spellcheck: 'false', placeholder: ';acc' });
  const label = h('input', { class: 'input', id: 'snip-label', value: s.label, autocomplete: 'off', placeholder: 'Accuracy phrase' });
  const folder = h('input', { class: 'input', id: 'snip-folder', value: s.folder, autocomplete: 'off', placeholder: 'Rubric/Accuracy' });
  const tags = h('input', { class: 'input', id: 'snip-tags', value: (s.tags ?? []).join(', '), autocomplete: 'off' });
  const regex = h('input', { class: 'input mono', id: 'snip-regex', value: s.regex ?? '', autocomplete: 'off', spellcheck: 'false' });
  const template = h('textarea', { class: 'input textarea mono', id: 'snip-template', rows: '7', spellcheck: 'false',
    'aria-describedby': 'snip-template-hint snip-template-error' });
  template.value = s.template;
  const mode = modePicker(s.mode);
  const wb = toggle('snip-word-boundary', 'Only at the start of a word', 'Ignore the trigger when it follows a letter or digit.', s.wordBoundary);
  const pc = toggle('snip-propagate-case', 'Keep the case you type', ';Acc gives Capitalised text, ;ACC gives CAPITALS.', s.propagateCase);
  const rubricPick = h('select', { class: 'input select', id: 'snip-rubric' },
    rubrics.map((r) => h('option', { value: r.id, selected: r.id === activeRubricId }, r.name)));
  const errorBox = h('div', { id: 'snip-template-error', 'aria-live': 'polite' });
  const previewText = h('pre', { class: 'preview-text', id: 'snip-preview' });
  const fields = h('div', { id: 'snip-fields' });
  const status = h('div', { id: 'snip-status', role: 'status', 'aria-live': 'polite' },
    notice ? h('p', { class: 'small status-ok' }, notice) : null);
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'snip-save' }, icon(ICONS.check), 'Save snippet');
  const cancel = h('button', { type: 'button', class: 'btn', id: 'snip-cancel' }, 'Close');
  const del = snippet ? h('button', { type: 'button', class: 'btn btn-danger-ghost', id: 'snip-delete' }, 'Delete') : null;

  // One load of the page core per editor: the library snapshot as it was when the editor opened.
  const ready = loadedCore();
  let timer = null;
  let seq = 0;
  async function renderPreview() {
    const mine = (seq += 1);
    let result;
    let error = null;
    try {
      const { core } = await ready;
      result = core.preview(template.value, previewContext(), rubricPick.value || undefined);
    } catch (e) {
      error = e;
    }
    if (mine !== seq) return;
    if (error && error.kind === 'template') {
      template.setAttribute('aria-invalid', 'true');
      replace(errorBox, templateErrorView(error));
      previewText.classList.add('is-stale');
      return;
    }
    template.removeAttribute('aria-invalid');
    replace(errorBox);
    previewText.classList.remove('is-stale');
    if (error) {
      replace(previewText, h('span', { class: 'muted' }, `No preview: ${error.message}`));
      replace(fields);
      return;
    }
    if (!result.text && !result.cursors.length) replace(previewText, h('span', { class: 'muted' }, 'The preview appears here as you type.'));
    else replace(previewText, previewNodes(result.text, result.cursors));
    replace(fields, fieldList(result.fields));
  }
  const schedule = () => { clearTimeout(timer); timer = setTimeout(renderPreview, PREVIEW_DELAY_MS); };
  template.addEventListener('input', schedule);
  rubricPick.addEventListener('change', schedule);
  // The justification checker on the template's text: a snippet is part of a justification, so
  // the length window stays quiet, and its fill-in fields are meant to be there.
  const check = justificationCheck(template, {
    rubric: () => rubrics.find((r) => r.id === rubricPick.value) ?? null,
    whole: false, alsoOff: ['unfilled-field', 'criterion-not-addressed', 'disqualifying-ignored'], id: 'snip-findings',
  });
  rubricPick.addEventListener('change', () => check.refresh());

  function draft() {
    const d = {
      triggers: splitList(triggers.value, { spaces: false }), label: label.value, folder: folder.value, tags: splitList(tags.value, { spaces: false }),
      template: template.value, mode: mode.value, wordBoundary: wb.input.checked, propagateCase: pc.input.checked,
      criteria: s.criteria ?? [],
    };
    if (regex.value.trim()) d.regex = regex.value.trim();
    if (snippet?.id) d.id = snippet.id;
    return d;
  }

  const form = h('form', { class: 'card card-lg stack-lg editor', id: 'snippet-editor', 'aria-labelledby': 'snip-editor-title', novalidate: true },
    h('div', { class: 'row-between' },
      h('h2', { id: 'snip-editor-title', tabindex: '-1' }, snippet ? `Edit ${snippet.label || snippet.triggers[0] || 'snippet'}` : 'New snippet'),
      snippet?.builtin ? h('span', { class: 'badge' }, 'Starter snippet — saving makes it yours') : null),
    h('div', { class: 'form-grid' },
      field('snip-triggers', 'Triggers', triggers, 'What you type, such as ;acc. Separate several with commas; a space is part of a trigger, as in espanso (“a bas”).'),
      field('snip-label', 'Label', label, 'Shown in lists and search.'),
      field('snip-folder', 'Folder', folder, 'Use / for sub-folders.'),
      field('snip-tags', 'Tags', tags, 'Separate with commas.')),
    h('div', { class: 'editor-columns' },
      h('div', { class: 'stack' },
        h('div', { class: 'field' },
          h('label', { class: 'field-label', for: 'snip-template' }, 'Template'),
          check.box,
          h('p', { class: 'field-hint', id: 'snip-template-hint' }, 'Fill-in fields: {text: name}, {choice: name; A | B}. {cursor} places the cursor, {date} the date, {criterion: key} a rubric phrase.')),
        errorBox,
        h('section', { class: 'stack', 'aria-labelledby': 'snip-check-title' },
          h('h3', { class: 'card-title', id: 'snip-check-title' }, 'Checker'), check.el)),
      h('section', { class: 'preview-panel stack', 'aria-labelledby': 'snip-preview-title' },
        h('div', { class: 'row-between' }, h('h3', { class: 'card-title', id: 'snip-preview-title' }, 'Preview'),
          rubrics.length ? h('label', { class: 'row small' }, h('span', { class: 'muted' }, 'Rubric'), rubricPick) : null),
        previewText, fields)),
    h('details', { class: 'more' }, h('summary', {}, 'Behaviour'),
      h('div', { class: 'stack' }, mode.el, wb.el, pc.el,
        field('snip-regex', 'Regex trigger (optional)', regex, 'Named groups such as (?P<n>\\d+) can be used in the template.'))),
    status,
    h('div', { class: 'row-between wrap' }, h('div', { class: 'row' }, save, cancel), del));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    save.disabled = true;
    replace(status);
    try {
      const record = await send(MSG.SNIPPET_SAVE, { snippet: draft() });
      onSaved?.(record);
    } catch (err) {
      if (err.kind === 'template') {
        template.setAttribute('aria-invalid', 'true');
        replace(errorBox, templateErrorView(err));
      }
      replace(status, h('div', { class: 'alert alert-danger', role: 'alert', id: 'snip-save-error' }, icon(ICONS.alert),
        h('p', {}, h('strong', {}, 'Not saved. '), err.message)));
    } finally {
      save.disabled = false;
    }
  });
  cancel.addEventListener('click', () => onClose?.());
  del?.addEventListener('click', () => onDelete?.(snippet));
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && e.target.tagName !== 'SELECT') onClose?.();
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); form.requestSubmit(); }
  });
  renderPreview();
  return form;
}
