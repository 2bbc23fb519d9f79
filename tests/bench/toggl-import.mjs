// The Toggl detailed CSV import of 50,000 entries into sessions, in the release build in
// Chromium, as the Data section does it: `toggl.preview` (read, plan, the counts) and
// `toggl.commit` (planned again, then every session month shard, the catalogue and the `shards`
// index in one write), each timed from the message to its answer, into an empty store; then the
// same file again (all duplicates, nothing written). No target in the issues: a time tracker's
// history of years is this size, and the preview says "Reading…" while it runs.
// Run alone: `node tests/bench/toggl-import.mjs` (after ./build.sh).
import { runAlone } from './alone.mjs';

const ROWS = 50_000;

/** A Toggl detailed CSV of `rows` entries, four a day from 2023 on, dates day first. */
export function togglFile(rows) {
  const out = ['User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)'];
  const two = (n) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const d = new Date(Date.UTC(2023, 0, 1) + Math.floor(i / 4) * 86_400_000);
    const day = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
    const h = 8 + (i % 4) * 3;
    const m = 30 + (i % 30);
    out.push(`Sam,sam@example.com,Client ${i % 3},Project ${i % 12},,entry ${i},Yes,${day},${two(h)}:00:00,${day},${two(h + 1)}:${two(m)}:00,01:${two(m)}:00,,`);
  }
  return `${out.join('\n')}\n`;
}

/** Sends `type` with the file from `page`: `{ms, added, duplicates}`. */
async function send(page, type, text) {
  return page.evaluate(async ({ type, text }) => {
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ type, payload: { text, fileName: 'toggl.csv' } });
    if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply?.error)}`);
    return { ms: performance.now() - t, added: reply.data.added, duplicates: reply.data.duplicates };
  }, { type, text });
}

export async function togglImportBench(line, { browser }) {
  console.log(`\n# Toggl import: ${ROWS.toLocaleString()} entries into sessions (release build, Chromium)`);
  const text = togglFile(ROWS);
  const page = await browser.extensionPage('dashboard/dashboard.html#data');
  await page.evaluate(() => chrome.storage.local.clear());
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'state.get' })); // the background reloads its state
  const preview = await send(page, 'toggl.preview', text);
  const commit = await send(page, 'toggl.commit', text);
  const again = await send(page, 'toggl.preview', text);
  const mb = (text.length / 1024 / 1024).toFixed(1);
  line(`  preview: read, plan, counts (${mb} MB file)`, `${preview.ms.toFixed(0)} ms`, `${preview.added.toLocaleString()} sessions to add; no target`);
  line('  import: plan again + one write', `${commit.ms.toFixed(0)} ms`, `${commit.added.toLocaleString()} sessions added; no target`);
  line('  the same file again (preview: every entry a duplicate)', `${again.ms.toFixed(0)} ms`, `${again.added} to add, ${again.duplicates.toLocaleString()} duplicates`);
  await page.evaluate(() => chrome.storage.local.clear());
  await page.close();
}

await runAlone(import.meta.url, togglImportBench);
