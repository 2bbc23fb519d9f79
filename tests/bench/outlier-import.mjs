// The Outlier earnings CSV import of 50,000 rows into an empty ledger (issue #10: under 1 s with
// the write), in the release build in Chromium, as the Data section does it: `outlier.commit`
// from an extension page, timed from the message to its answer. The answer comes after the
// background planned the import in its full core and `chrome.storage.local.set` wrote every
// month shard (compressed), the catalogue and the `shards` index in one call (store.transact);
// the ledger packs follow in the next write, timed too. Then the same file again: planned,
// nothing written (every row is a duplicate).
// Run alone: `node tests/bench/outlier-import.mjs` (after ./build.sh).
import { runAlone } from './alone.mjs';
import { outlierFile } from './ledger.mjs';

const TARGET_MS = 1000;
const ROWS = 50_000;
const RUNS = 3;

/** Sends `outlier.preview` (the plan alone, nothing written) from `page`: ms. */
async function preview(page, text) {
  return page.evaluate(async (text) => {
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ type: 'outlier.preview', payload: { text, fileName: 'outlier-earnings.csv' } });
    if (!reply?.ok) throw new Error(`outlier.preview failed: ${JSON.stringify(reply?.error)}`);
    return performance.now() - t;
  }, text);
}

/**
 * Sends `outlier.commit` from `page`: `{ms, packsMs, added, duplicates, bytes}`. `ms` is the
 * answer, given once the records (compressed month shards, the index, the catalogue) are stored;
 * `packsMs` is when every written month's ledger pack is stored too (the write right after, which
 * the dashboard's first render reads; till then it reads the shards); bytes: storage in use after.
 */
async function commit(page, text) {
  return page.evaluate(async (text) => {
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ type: 'outlier.commit', payload: { text, fileName: 'outlier-earnings.csv' } });
    const ms = performance.now() - t;
    if (!reply?.ok) throw new Error(`outlier.commit failed: ${JSON.stringify(reply?.error)}`);
    const { shards } = await chrome.storage.local.get('shards');
    const packKeys = Object.keys(shards?.tasks ?? {}).map((month) => `ledgerPack/tasks/${month}`);
    const packed = async () => {
      for (const key of packKeys) if ((await chrome.storage.local.getBytesInUse(key)) < 64) return false;
      return true;
    };
    while (!(await packed())) {
      if (performance.now() - t > 60_000) throw new Error('the packs were not written within a minute');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const packsMs = performance.now() - t;
    return { ms, packsMs, added: reply.data.added, duplicates: reply.data.duplicates, bytes: await chrome.storage.local.getBytesInUse(null) };
  }, text);
}

export async function outlierImportBench(line, { browser }) {
  console.log(`\n# Outlier import with its write: ${ROWS.toLocaleString()} rows into an empty ledger (release build, Chromium)`);
  const text = outlierFile(ROWS);
  const page = await browser.extensionPage('dashboard/dashboard.html#data');
  const xs = [];
  const packs = [];
  let last = null;
  let again = null;
  let planned = 0;
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => chrome.storage.local.clear());
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'state.get' })); // the background reloads its state
    if (i === 0) planned = await preview(page, text);
    last = await commit(page, text);
    xs.push(last.ms);
    packs.push(last.packsMs);
    if (i === 0) again = await commit(page, text);
  }
  xs.sort((a, b) => a - b);
  packs.sort((a, b) => a - b);
  const med = xs[Math.floor(xs.length / 2)];
  line(`  import: plan + one write (${(text.length / 1024 / 1024).toFixed(1)} MB file), median of ${RUNS}`, `${med.toFixed(0)} ms`,
    `target < ${TARGET_MS} ms: ${med < TARGET_MS ? 'met' : 'MISSED'}; range ${xs[0].toFixed(0)}–${xs[xs.length - 1].toFixed(0)} ms; ${last.added.toLocaleString()} tasks added, ${(last.bytes / 1024 / 1024).toFixed(1)} MB stored`);
  line('  …and its ledger packs stored (the write right after)', `${packs[Math.floor(packs.length / 2)].toFixed(0)} ms`, `range ${packs[0].toFixed(0)}–${packs[packs.length - 1].toFixed(0)} ms; read by the dashboard's first render`);
  line('  of which the plan alone (outlier.preview: read, plan, answer)', `${planned.toFixed(0)} ms`, 'the rest: compressing the month shards and their one write');
  line('  the same file again (all duplicates, nothing written)', `${again.ms.toFixed(0)} ms`, `${again.added} added, ${again.duplicates.toLocaleString()} duplicates`);
  // Beside it: the same month shards written as `storage.local` took them before this encoding
  // (objects: one value per record and field) and as they are stored now (compressed), under
  // scratch keys nothing reads.
  const storing = await page.evaluate(async () => {
    const { decodeStored, encodeWrites } = await import('../shared/month-shards.js');
    const stored = await chrome.storage.local.get(null);
    const months = await decodeStored(Object.fromEntries(Object.entries(stored).filter(([k]) => k.startsWith('tasks/'))));
    const scratch = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`benchScratch/${k}`, v]));
    const time = async (values) => {
      const t = performance.now();
      await chrome.storage.local.set(values);
      const ms = performance.now() - t;
      await chrome.storage.local.remove(Object.keys(values));
      return ms;
    };
    const objects = await time(scratch(months));
    let t = performance.now();
    const compressed = await encodeWrites(months);
    const encodeMs = performance.now() - t;
    const packed = await time(scratch(compressed));
    t = performance.now();
    await decodeStored(compressed);
    const decodeMs = performance.now() - t;
    return { objects, encodeMs, packed, decodeMs };
  });
  line('  comparison: those month shards set as objects (as before)', `${storing.objects.toFixed(0)} ms`,
    `compressed as now: ${storing.encodeMs.toFixed(0)} ms to compress + ${storing.packed.toFixed(0)} ms to set; read back: ${storing.decodeMs.toFixed(0)} ms to inflate and parse`);
  await page.evaluate(() => chrome.storage.local.clear());
  await page.close();
}

await runAlone(import.meta.url, outlierImportBench);
