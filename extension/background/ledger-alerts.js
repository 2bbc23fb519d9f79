// The repeated-rejection alert (docs/ledger.md): after a task's outcome changes, the core checks
// the rejections inside the settings' window and plans the new alerts (crate/src/ledger/alert.rs);
// they are written to the `alerts` key in the same queue and shown as a notification. The popup
// and the dashboard show the stored alerts (`alerts.get`) until they are dismissed.

import { ledgerAlertViewKeys, ledgerAlertViews } from '@rubrica/full';
import { STORAGE } from '../shared/contract.js';
import { rejectionWords } from '../shared/alert-words.js';
import { engine } from './engine.js';
import { notify } from './notify.js';
import * as store from './store.js';

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
    // Named as the popup and the dashboard name them (the task type's and the criterion's names).
    const views = new Map(ledgerAlertViews(await store.read(ledgerAlertViewKeys())).map((v) => [v.id, v]));
    for (const alert of raised) {
      const { title, advice } = rejectionWords(views.get(alert.id) ?? alert);
      await notify(`rubrica-alert-${alert.id}`, 'Repeated rejections', `${title}. ${advice}`);
    }
  }
  return raised;
}
