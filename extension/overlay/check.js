// The palette's two actions (docs/checkers.md): "Check this field" — the background reads the
// field's text from its frame and runs the justification checker; this page shows the text with
// the flagged words underlined and each finding's suggestion (nothing is shown in the page) — and
// "Open scoring worksheet" beside the task.

import { MSG } from '../shared/contract.js';
import { send } from '../shared/runtime.js';
import { $, cancel, showError, showKeys, token } from './common.js';

/** The palette's actions: shown when the search is empty or starts one of their words. */
export const ACTIONS = [
  { action: 'check', label: 'Check this field', excerpt: 'Vague judgements, criteria not addressed, length, unfilled fields, near-duplicates of your library', words: ['check', 'checker', 'justification'] },
  { action: 'worksheet', label: 'Open scoring worksheet', excerpt: 'Score A and B per criterion beside this task', words: ['open', 'worksheet', 'score', 'scoring', 'rank'] },
];

/** The actions that match `query`. */
export function actionsFor(query) {
  const q = query.trim().toLowerCase();
  if (!q) return ACTIONS;
  if (q.length < 2) return [];
  return ACTIONS.filter((a) => a.words.some((w) => w.startsWith(q)) || a.label.toLowerCase().startsWith(q));
}

function showCheck({ text, findings, rules }) {
  $('palette').hidden = true;
  $('check').hidden = false;
  const titles = new Map((rules ?? []).map((r) => [r.id, r.title]));
  const parts = [];
  let at = 0;
  for (const f of [...findings].filter((x) => x.span).sort((a, b) => a.span.start - b.span.start)) {
    if (f.span.start < at) continue;
    parts.push(document.createTextNode(text.slice(at, f.span.start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(f.span.start, f.span.end);
    mark.dataset.rule = f.rule;
    parts.push(mark);
    at = f.span.end;
  }
  parts.push(document.createTextNode(text.slice(at)));
  $('check-text').replaceChildren(...parts);
  $('check-summary').textContent = findings.length
    ? `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} in this field.`
    : 'Nothing to flag in this field.';
  $('check-findings').replaceChildren(...findings.map((f) => {
    const li = document.createElement('li');
    li.dataset.rule = f.rule;
    const title = document.createElement('strong');
    title.textContent = titles.get(f.rule) ?? f.rule;
    const message = document.createElement('p');
    message.textContent = f.message;
    const suggestion = document.createElement('p');
    suggestion.className = 'muted';
    suggestion.textContent = f.suggestion;
    li.append(title, message, suggestion);
    return li;
  }));
  showKeys([['Esc', 'close']]);
  $('check-text').focus();
}

/** Runs palette action `action`. */
export async function runAction(action) {
  try {
    if (action === 'check') {
      showCheck(await send(MSG.OVERLAY_CHECK, { token }));
    } else if (action === 'worksheet') {
      const { opened } = await send(MSG.WORKSHEET_OPEN);
      if (opened) cancel();
      else showError('The browser did not open the side panel from here: press Alt+Shift+W on the task page.');
    }
  } catch (e) {
    showError(e.message);
  }
}
