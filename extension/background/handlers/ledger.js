// The task ledger's messages from extension pages (docs/ledger.md): one task's outcome and pay
// (the popup's quick-log, the ledger's editor), a task added by hand, the quick-log's list of
// recent tasks, the alerts, the Outlier (tasks) and Toggl (sessions) CSV imports, and packs
// written again for the dashboard (docs/ledger.md, Packs). The core checks every field and plans every write
// (crate/src/ledger/); a change that may complete a pattern of rejections is followed by the
// alert check (ledger-alerts.js).

import { MSG, STORAGE } from '../../shared/contract.js';
import {
  ledgerAddKeys, ledgerAlertViewKeys, ledgerAlertViews, ledgerPacks, ledgerPlanDismiss, ledgerRecent, ledgerRecentKeys, ledgerTaskKeys, outlierImportKeys,
  togglImportKeys,
} from '@rubrica/full';
import { ShardJson, writesJson } from '../../shared/month-shards.js';
import { zoneOffsets } from '../../shared/zone.js';
import { engine } from '../engine.js';
import { checkRejections } from '../ledger-alerts.js';
import * as store from '../store.js';

const now = () => Date.now();

/** Reads the shards index inside a transaction, then the keys `keysOf(shards)` names. */
async function readWith(read, keysOf) {
  const { [STORAGE.SHARDS]: shards } = await read([STORAGE.SHARDS]);
  return read([STORAGE.SHARDS, ...keysOf(shards ?? null)]);
}

/**
 * The core's import writes: each month shard as its JSON text (ShardJson: compressed as it is,
 * never 50,000 objects) with the other keys in one `set`, each shard's pack written empty ("read
 * the shard") in that same `set`. The packs follow in the next `set`, before any other write
 * (store.transact's `after`, `packs(shards)`): the import is answered once its records are stored.
 */
function importWrites({ shardTexts, values }, packs) {
  const shards = Object.fromEntries(Object.entries(shardTexts).map(([k, json]) => [k, new ShardJson(json)]));
  const empty = Object.fromEntries(Object.keys(shardTexts).map((k) => [`${STORAGE.LEDGER_PACK}${k}`, '']));
  return { writes: { ...values, ...shards, ...empty }, after: () => packs(shards, values[STORAGE.SHARDS] ?? null) };
}

/** Plans (and with `commit`, writes) an Outlier earnings CSV import in one transaction. */
async function outlierImport(text, commit) {
  const full = await engine.full();
  const t = now();
  const zone = zoneOffsets(t - 3 * 365 * 86_400_000, t);
  return store.transact(async (read) => {
    const stored = await readWith(read, (shards) => outlierImportKeys(shards));
    const { writes, ...counts } = full.outlierPlan(stored, text, zone, t, commit);
    return commit ? { ...importWrites(writes, () => full.outlierPacks()), result: counts } : { writes: {}, result: counts };
  });
}

/**
 * Plans (and with `commit`, writes) a Toggl detailed CSV import into sessions in one transaction;
 * `dayFirst` reads dates that read either way day first.
 */
async function togglImport(text, commit, dayFirst = false) {
  const full = await engine.full();
  const t = now();
  // Local dates and times over the years a time-tracking export may span.
  const zone = zoneOffsets(t - 10 * 365 * 86_400_000, t + 86_400_000);
  return store.transact(async (read) => {
    const stored = await readWith(read, (shards) => togglImportKeys(shards));
    const { writes, ...counts } = full.togglPlan(stored, text, zone, t, dayFirst === true, commit);
    // The sessions' packs, made from the shards' texts as written.
    const packs = (shards, index) => ledgerPacks(new TextEncoder().encode(writesJson(shards)), index);
    return commit ? { ...importWrites(writes, packs), result: counts } : { writes: {}, result: counts };
  });
}

export const ledgerHandlers = {
  [MSG.TASK_UPDATE]: async ({ id, outcome }) => {
    const full = await engine.full();
    const t = now();
    const task = await store.transact(async (read) => {
      let stored = await readWith(read, (shards) => ledgerTaskKeys(id, shards));
      let plan;
      try {
        plan = full.ledgerPlanUpdate(stored, id, outcome, t);
      } catch (e) {
        if (e?.kind !== 'notFound') throw e;
        // Not in the shard its id names (an imported record): look in every task shard once.
        stored = await readWith(read, (shards) => ledgerTaskKeys('', shards));
        plan = full.ledgerPlanUpdate(stored, id, outcome, t);
      }
      return { writes: plan.writes, result: plan.task };
    });
    return { task, alerts: await checkRejections(t) };
  },

  [MSG.TASK_ADD]: async ({ task: draft }) => {
    const full = await engine.full();
    const t = now();
    const task = await store.transact(async (read) => {
      const stored = await read(ledgerAddKeys(t));
      const plan = full.ledgerPlanAdd(stored, draft, t);
      return { writes: plan.writes, result: plan.task };
    });
    return { task, alerts: await checkRejections(t) };
  },

  [MSG.TASK_RECENT]: async ({ limit }) => {
    await engine.full();
    const stored = await readWith(store.read, (shards) => ledgerRecentKeys(shards, now()));
    return ledgerRecent(stored, Math.min(limit ?? 20, 200));
  },

  [MSG.ALERTS_GET]: async () => {
    await engine.full();
    return ledgerAlertViews(await store.read(ledgerAlertViewKeys()));
  },

  [MSG.ALERT_DISMISS]: async ({ id }) => {
    await engine.full();
    return store.transact(async (read) => ({
      writes: ledgerPlanDismiss(await read([STORAGE.ALERTS]), id, now()),
      result: { id },
    }));
  },

  [MSG.OUTLIER_PREVIEW]: ({ text }) => outlierImport(text, false),

  [MSG.OUTLIER_COMMIT]: ({ text }) => outlierImport(text, true),

  [MSG.TOGGL_PREVIEW]: ({ text, dayFirst }) => togglImport(text, false, dayFirst),

  [MSG.TOGGL_COMMIT]: ({ text, dayFirst }) => togglImport(text, true, dayFirst),

  // The dashboard found these shards' packs missing (storage older than packs, or written by
  // something else) or stale: write them again from the shards, packs only, in the write queue.
  [MSG.LEDGER_REPACK]: async ({ keys }) => {
    await engine.full();
    return store.transact(async (read) => {
      const stored = await read([STORAGE.SHARDS, ...keys]);
      const shards = Object.fromEntries(keys.filter((k) => stored[k] !== undefined).map((k) => [k, stored[k]]));
      const writes = ledgerPacks(new TextEncoder().encode(JSON.stringify(shards)), stored[STORAGE.SHARDS] ?? null);
      return { writes, result: { packed: Object.keys(writes).length } };
    });
  },
};
