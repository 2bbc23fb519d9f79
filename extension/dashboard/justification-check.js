// The justification checker on a text field of the dashboard: the snippet editor's template, the
// library's justification editor (which reuses this), anything a user writes a justification in.
// Underlines and a findings list, live as the user types; rules and the length window come from
// Settings (`checker`), the criteria from the rubric the caller names.
//
//   const check = justificationCheck(textarea, { rubric: () => rubric, whole: true });
//   form.append(check.box, check.el);   // the field (inside its underline box), the findings;
//   check.refresh() after the rubric changes
import { h } from '../shared/dom.js';
import { api } from '../shared/runtime.js';
import { STORAGE } from '../shared/contract.js';
import { pageCore } from '../shared/page-core.js';
import { findingsList, liveCheck, ruleTitles, underlines } from './checker-view.js';

/** The checker's settings (`settings.checker`) as stored, or the defaults. */
export async function checkerSettings() {
  try {
    const got = await api.storage.local.get(STORAGE.SETTINGS);
    const c = got?.[STORAGE.SETTINGS]?.checker;
    if (c && typeof c === 'object') {
      return { minWords: c.minWords ?? 300, maxWords: c.maxWords ?? 500, offRules: Array.isArray(c.offRules) ? c.offRules : [] };
    }
  } catch {
    // Defaults below.
  }
  return { minWords: 300, maxWords: 500, offRules: [] };
}

/** A rubric's criteria as the checker reads them. */
export function criteriaOf(rubric) {
  return (rubric?.criteria ?? []).map((c, i) => ({
    key: String(c.key ?? ''), name: String(c.name ?? ''), disqualifying: !!c.disqualifying,
    phrases: (c.phrases ?? []).map(String), priority: Number.isFinite(c.priority) ? c.priority : i + 1,
  }));
}

/**
 * Checks `field` live. `rubric()` gives the active rubric (or null); `whole` says whether the text
 * is a whole justification (the length window applies) or a part (a snippet); `alsoOff` lists
 * rules that make no sense for this field (template fields in a snippet's template).
 */
export function justificationCheck(field, { rubric = () => null, whole = true, alsoOff = [], id = 'justification-findings' } = {}) {
  const marks = underlines(field);
  const list = h('ul', { class: 'chk-findings', id, 'aria-live': 'polite', 'aria-label': 'Checker findings' });
  const ready = Promise.all([pageCore(), checkerSettings()]).then(([page, settings]) => ({ page, settings, titles: ruleTitles(page.wasm) }));
  const live = liveCheck(field, async () => {
    const { page, settings, titles } = await ready;
    const input = {
      text: field.value, criteria: criteriaOf(rubric()), whole,
      settings: { ...settings, offRules: [...settings.offRules, ...alsoOff] },
    };
    return { findings: page.wasm.checkJustification(input), titles };
  }, (r) => {
    const findings = r?.findings ?? [];
    marks.set(findings);
    findingsList(list, findings, { fieldOf: () => field, titleOf: (rule) => r?.titles?.get(rule)?.title ?? rule });
  });
  return { el: list, box: marks.box, refresh: live.now };
}
