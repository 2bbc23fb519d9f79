// A scoring worksheet saved with a task ("Save with the task" in the side panel), shown read-only
// in the task's editor: the rubric, per criterion the scores of A and B and the evidence note, the
// ranking the core computed, and the final draft justification.
import { h } from '../../../shared/dom.js';
import { dateTime } from '../../../shared/format.js';
import { verdictText } from '../../../shared/verdict.js';

/** The view of `ws` (a task's `worksheet`). */
export function worksheetView(ws) {
  const nameOf = (key) => ws.scores.find((s) => s.key === key)?.name || key;
  const score = (v) => (v === undefined || v === null ? '—' : String(v));
  return h('section', { class: 'stack ledger-worksheet', id: 'led-worksheet', 'aria-labelledby': 'led-worksheet-title' },
    h('h3', { class: 'field-label', id: 'led-worksheet-title' }, 'Scoring worksheet'),
    h('p', { class: 'small muted' },
      `Saved ${dateTime(ws.savedAt)}${ws.rubricName ? ` under the rubric “${ws.rubricName}”` : ''}, scores ${ws.scale[0]}–${ws.scale[1]}.`),
    h('p', { id: 'led-worksheet-verdict' }, verdictText(ws, nameOf)),
    h('table', { class: 'table small', id: 'led-worksheet-scores' },
      h('caption', { class: 'sr-only' }, 'Scores of Response A and B per criterion, most important first'),
      h('thead', {}, h('tr', {}, ['Criterion', 'A', 'B', 'Evidence'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ws.scores.map((s) => h('tr', { dataset: { key: s.key } },
        h('th', { scope: 'row' }, s.name || s.key), h('td', {}, score(s.a)), h('td', {}, score(s.b)), h('td', {}, s.evidence ?? ''))))),
    h('details', { class: 'ledger-worksheet-draft' },
      h('summary', {}, 'Draft justification'),
      h('p', { class: 'ledger-draft', id: 'led-worksheet-draft' }, ws.draft || '(empty)')));
}
