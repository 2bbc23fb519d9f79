// The repeated-rejection alert (docs/ledger.md): after a task's outcome changes, the core checks
// the rejections inside the settings' window and plans the new alerts (crate/src/ledger/alert.rs);
// they are written to the `alerts` key in the same queue and shown as a notification. The popup
// and the dashboard show the stored alerts (`alerts.get`) until they are dismissed.

import { STORAGE } from '../shared/contract.js';
import { engine } from './engine.js';
import { notify } from './notify.js';
import * as store from './store.js';

/** Words of one raised alert, for the notification. */
function words(alert, names) {
  const { criterion, count, taskTypeId } = alert.kind;
  const type = names[taskTypeId] ?? 'one task type';
  return `${count} rejections of ${type} cite “${criterion}”. Consider pausing this task type and re-reading that criterion.`;
}

/**
 * Checks for repeated rejections at `t` and stores any new alert; returns the new alerts. Runs in
 * the write queue, so two outcomes logged together never raise the same pattern twice.
 */
export async function checkRejections(t) {
  const full = await engine.full();
  const raised = await store.transact(async (read) => {
    const { [STORAGE.SHARDS]: shards } = await read([STORAGE.SHARDS]);
    const stored = await read(full.ledgerAlertKeys(shards ?? null, t));
    const plan = full.ledgerCheckAlerts(stored, t);
    return { writes: plan.writes, result: plan.raised };
  });
  if (raised.length) {
    const { [STORAGE.TASK_TYPES]: types } = await store.read([STORAGE.TASK_TYPES]);
    const names = Object.fromEntries(Object.values(types ?? {}).map((tt) => [tt.id, tt.name]));
    for (const alert of raised) {
      await notify(`rubrica-alert-${alert.id}`, 'Repeated rejections', words(alert, names));
    }
  }
  return raised;
}
