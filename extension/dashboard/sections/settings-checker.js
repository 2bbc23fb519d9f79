// Settings → Checkers: the justification length window and a switch per rule of the rubric and
// justification checkers (the rule table comes from the core, so a new rule shows up here).
import { h } from '../../shared/dom.js';
import { pageCore } from '../../shared/page-core.js';

function statusEl(id) {
  return h('p', { class: 'field-status', id: `${id}-status`, role: 'status', 'aria-live': 'polite' });
}

function row(id, label, hint, control) {
  return h('div', { class: 'field-row' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: id }, label),
      h('p', { class: 'field-hint', id: `${id}-hint` }, hint)),
    h('div', { class: 'field-control' }, control),
    statusEl(id));
}

/** The card; `save(id, patch)` saves a settings patch and shows its status on row `id`. */
export function checkerCard({ save, show }) {
  let settings = {};
  const number = (id, get, key) => {
    const input = h('input', { type: 'number', class: 'input', id, min: '0', max: '5000', step: '10', inputmode: 'numeric',
      'aria-describedby': `${id}-hint ${id}-status` });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (!Number.isInteger(v) || v < 0) show(id, 'error', 'Use a whole number of words, 0 or more.');
      else save(id, { checker: { [key]: v } });
    });
    return { input, get };
  };
  const min = number('set-checker-min', (s) => s.checker?.minWords ?? 300, 'minWords');
  const max = number('set-checker-max', (s) => s.checker?.maxWords ?? 500, 'maxWords');
  const rulesBox = h('div', { id: 'set-checker-rules' });
  const switches = new Map();
  pageCore().then(({ wasm }) => {
    const rules = wasm.checkerRules();
    const groupOf = (checker, title) => h('div', { class: 'stack' }, h('h3', { class: 'card-title' }, title),
      rules.filter((r) => r.checker === checker).map((r) => {
        const id = `set-rule-${r.id}`;
        const input = h('input', { type: 'checkbox', role: 'switch', class: 'switch', id, 'aria-describedby': `${id}-hint` });
        input.addEventListener('change', () => {
          const off = new Set(settings.checker?.offRules ?? []);
          if (input.checked) off.delete(r.id);
          else off.add(r.id);
          settings = { ...settings, checker: { ...settings.checker, offRules: [...off] } };
          save(id, { checker: { offRules: [...off] } });
        });
        switches.set(r.id, input);
        return row(id, r.title, `Flags ${r.looksFor}.`, input);
      }));
    rulesBox.replaceChildren(groupOf('justification', 'Justification checker'), groupOf('rubric', 'Rubric checker'));
    sync(settings);
  }).catch((e) => rulesBox.replaceChildren(h('p', { class: 'status-error' }, `The rules could not be listed: ${e.message}`)));

  function sync(s) {
    settings = s ?? {};
    for (const f of [min, max]) {
      if (document.activeElement !== f.input && f.input.getAttribute('aria-invalid') !== 'true') f.input.value = String(f.get(settings));
    }
    const off = new Set(settings.checker?.offRules ?? []);
    for (const [id, input] of switches) input.checked = !off.has(id);
  }

  const el = h('section', { class: 'card card-lg', 'aria-labelledby': 'settings-checker' },
    h('h2', { id: 'settings-checker', class: 'settings-group' }, 'Checkers'),
    row('set-checker-min', 'Shortest justification', 'The justification checker flags a text with fewer words. 0: no minimum.',
      [min.input, h('span', { class: 'unit', 'aria-hidden': 'true' }, 'words')]),
    row('set-checker-max', 'Longest justification', 'Pairwise ranking guides ask for 300–500 words. 0: no maximum.',
      [max.input, h('span', { class: 'unit', 'aria-hidden': 'true' }, 'words')]),
    rulesBox);
  return { el, sync };
}
