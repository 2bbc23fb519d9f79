// The popup's alert banners: the repeated-rejection alert (one criterion cited in N rejections of
// one task type within the window set in Settings), as the core names it (`alerts.get`), with a
// link to the rubric in the dashboard and Dismiss (`alert.dismiss`: raised once per pattern).
import { send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { $, h, replace } from '../shared/dom.js';
import { rejectionWords } from '../shared/alert-words.js';
import { announce } from './catalogue.js';

let openDashboard = () => {};

function banner(alert) {
  const { criterion } = alert.kind;
  const words = rejectionWords(alert);
  const titleId = `alert-${alert.id}-title`;
  const dismiss = h('button', { type: 'button', class: 'btn', 'aria-describedby': titleId }, 'Dismiss');
  const rubric = h('button', { type: 'button', class: 'btn', 'aria-describedby': titleId }, 'Open the rubric');
  const el = h('section', { class: 'alert alert-warn', 'aria-labelledby': titleId, dataset: { alertId: alert.id } },
    h('div', { class: 'grow stack-tight' },
      h('h3', { class: 'popup-alert-title', id: titleId }, words.title),
      h('p', { class: 'small' }, words.advice),
      h('div', { class: 'row wrap' }, rubric, dismiss)));
  // The dashboard opens the rubric with the cited criterion selected (rubrics.js).
  const link = alert.rubricId ? `#rubrics?${new URLSearchParams({ rubric: alert.rubricId, criterion })}` : '#rubrics';
  rubric.addEventListener('click', () => openDashboard(link));
  dismiss.addEventListener('click', async () => {
    try {
      await send(MSG.ALERT_DISMISS, { id: alert.id });
      const next = el.nextElementSibling ?? el.previousElementSibling;
      el.remove();
      $('alerts').hidden = $('alerts-list').childElementCount === 0;
      announce('Alert dismissed.');
      const fallback = $('session-start').hidden ? $('session-next') : $('session-start');
      (next?.querySelector('button') ?? fallback).focus();
    } catch (e) {
      announce(`The alert could not be dismissed: ${e.message}`);
    }
  });
  return el;
}

/** Shows the alerts not dismissed (repeated rejections; the other kinds live in the dashboard). */
export async function loadAlerts() {
  let alerts = [];
  try {
    alerts = (await send(MSG.ALERTS_GET)).filter((a) => a.kind?.type === 'repeatedRejection');
  } catch {
    alerts = [];
  }
  replace($('alerts-list'), alerts.map(banner));
  $('alerts').hidden = alerts.length === 0;
}

export function wireAlerts({ open }) {
  openDashboard = open;
}
