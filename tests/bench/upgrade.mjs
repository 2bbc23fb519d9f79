// The background's first start after an upgrade that migrates the store, with 100,000 tasks and
// 20,000 sessions stored (the ledger bench's data set over 12 months): the migration reads every
// month shard, works out each shard's reach (schema 4) and writes the index. Timed from an
// extension page as a user meets it: the service worker is stopped, then the page's first message
// (`state.get`) waits for the engine, which migrates before it answers. Compared with the same
// start when the store is already at the current schema (nothing to migrate).
// Alone: `node tests/bench/upgrade.mjs` after ./build.sh; part of `./build.sh bench`.
import { runAlone } from './alone.mjs';
import { store } from './ledger-render.mjs';
import { SCHEMA } from '../e2e/schema.mjs';

const RUNS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Stops the worker with the store at `schema`; ms from then to the first state.get's answer. */
async function firstAnswer(browser, page, schema) {
  await page.evaluate(async (s) => {
    const { meta } = await chrome.storage.local.get('meta');
    await chrome.storage.local.set({ meta: { ...meta, schema: s } });
  }, schema);
  await browser.stopServiceWorker();
  const ms = await page.evaluate(async () => {
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ type: 'state.get' });
    if (!reply?.ok) throw new Error(`state.get: ${JSON.stringify(reply?.error)}`);
    return performance.now() - t;
  });
  const after = await page.evaluate(async () => (await chrome.storage.local.get('meta')).meta.schema);
  if (after !== SCHEMA) throw new Error(`the store is at schema ${after} after the start, not ${SCHEMA}`);
  return ms;
}

export async function upgradeBench(line, { browser }) {
  console.log('\n# Upgrade: the first start after a migration, 100,000 tasks stored (release build, Chromium)');
  const page = await browser.extensionPage('dashboard/dashboard.html#data');
  await page.evaluate(async () => {
    const { meta, settings } = await chrome.storage.local.get(['meta', 'settings']);
    await chrome.storage.local.clear();
    await chrome.storage.local.set({ meta, settings });
  });
  const d = await store(page, 12);
  // Stored as the background stores month shards: compressed (docs/data-model.md).
  await page.evaluate(async () => {
    const { encodeWrites } = await import('../shared/month-shards.js');
    const all = await chrome.storage.local.get(null);
    const shards = Object.fromEntries(Object.entries(all).filter(([k]) => /^(tasks|sessions)\//.test(k)));
    await chrome.storage.local.set(await encodeWrites(shards));
  });
  // Let the background settle after the direct write (it follows the index and the catalogue).
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'state.get' }));
  const current = [];
  const migrated = [];
  for (let i = 0; i < RUNS; i++) {
    current.push(await firstAnswer(browser, page, SCHEMA));
    migrated.push(await firstAnswer(browser, page, SCHEMA - 1));
  }
  const { shards } = await page.evaluate(() => chrome.storage.local.get('shards'));
  line(`  first answer, nothing to migrate (${d.tasks.toLocaleString('en')} tasks, ${d.shards} shards), median of ${RUNS}`,
    `${median(current).toFixed(0)} ms`, `runs ${current.map((x) => x.toFixed(0)).join(', ')} ms`);
  line(`  first answer after migrating from schema ${SCHEMA - 1}, median of ${RUNS}`, `${median(migrated).toFixed(0)} ms`,
    `runs ${migrated.map((x) => x.toFixed(0)).join(', ')} ms; +${(median(migrated) - median(current)).toFixed(0)} ms, once per upgrade; reach noted: ${JSON.stringify(shards.reach ?? {})}`);
  await page.close();
}

await runAlone(import.meta.url, upgradeBench);
