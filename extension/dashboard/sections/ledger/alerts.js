// The repeated-rejection alerts, as a banner at the top of the ledger: what happened, what to
// do (pause that task type, re-read the criterion, with a link to the rubric), and Dismiss. The
// background stores them (crate/src/ledger/alert.rs); `alerts.get` lists the ones not dismissed.
import { send } from '../../../shared/runtime.js';
import { MSG } from '../../../shared/contract.js';
import { h, icon, replace } from '../../../shared/dom.js';
import { ICONS } from '../../../shared/icons.js';
import { rejectionWords } from '../../../shared/alert-words.js';

/** The rubric with the cited criterion selected (rubrics.js reads `rubric` and `criterion`). */
export const rubricLink = (a) => `#rubrics?${new URLSearchParams({ rubric: a.rubricId, criterion: a.kind.criterion })}`;

/** Fills `box` with the alerts not dismissed; `onChange` after a dismiss. */
export async function refreshAlerts(box, onChange) {
  const alerts = (await send(MSG.ALERTS_GET)).filter((a) => a.kind?.type === 'repeatedRejection');
  replace(box, alerts.map((a) => {
    const { title, advice, criterion } = rejectionWords(a);
    return h('div', { class: 'alert alert-warn ledger-alert', role: 'alert', dataset: { alertId: a.id } },
      icon(ICONS.alert),
      h('div', { class: 'stack-tight' },
        h('p', {}, h('strong', {}, `${title}.`)),
        h('p', { class: 'small' }, `${advice} `,
          a.rubricId ? h('a', { href: rubricLink(a), class: 'ledger-alert-rubric', dataset: { rubricId: a.rubricId, criterion: a.kind.criterion } }, `Open “${criterion}” in Rubrics`) : null)),
      h('button', { class: 'btn btn-ghost', type: 'button', 'aria-label': `Dismiss the alert about ${criterion}`, on: { click: async () => {
        await send(MSG.ALERT_DISMISS, { id: a.id });
        onChange?.();
      } } }, 'Dismiss'));
  }));
}
