// Opening the Library section with 20,000 entries stored (issue 11: first results under 500 ms),
// in the real dashboard page of the release build in Chromium.
//
// The library is written into `storage.local` as the store keeps it: 20,000 entries of about 300
// words (the same seeded Zipf generator as tests/bench/library.mjs) in their month shards
// (`justifications/YYYY-MM`, 24 months), with the `shards` index's live counts. Then the dashboard
// is opened at `#library`, each time in a new tab, and the page itself reports, from its own
// clock (`performance.now()`, from the navigation's start):
// - first results: the first entry shown in `#library-results` (after the newest two months);
// - everything indexed: the status counts every entry;
// - a search typed after that (`"<word> <prefix>"`), input event → results redrawn.
// Run alone: `node tests/bench/library-open.mjs` (after ./build.sh).
import { runAlone } from './alone.mjs';

const DOCS = Number(process.env.LIBRARY_DOCS ?? 20_000);
const RUNS = Number(process.env.LIBRARY_OPEN_RUNS ?? 5);
const TARGET_MS = 500;

/** Writes `n` generated entries into storage (runs in an extension page). */
async function seed(n) {
  let seed = 11;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const SYL = ['ra', 'to', 'me', 'ni', 'ka', 'lu', 'se', 'po', 'di', 'fa', 've', 'qui', 'stra', 'ble', 'ment', 'ion', 'é', 'or', 'an', 'el'];
  const VOCAB = 30_000;
  const vocab = Array.from({ length: VOCAB }, (_, i) => {
    let w = '';
    let k = i + 7;
    do {
      w += SYL[k % SYL.length];
      k = Math.floor(k / SYL.length);
    } while (k > 0);
    return w;
  });
  const cum = [];
  let acc = 0;
  for (let i = 0; i < VOCAB; i++) cum.push((acc += 1 / (i + 1)));
  const zipf = () => {
    const x = rand() * acc;
    let lo = 0;
    let hi = VOCAB - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo];
  };
  // 24 months ending now, entries spread evenly (newest month last).
  const now = Date.now();
  const span = 730 * 86_400_000;
  const shards = {};
  const counts = {};
  for (let i = 0; i < n; i++) {
    const at = now - span + Math.floor((span * i) / n);
    const month = new Date(at).toISOString().slice(0, 7);
    const id = `jst_bench${String(i).padStart(6, '0')}`;
    const words = Array.from({ length: 280 + Math.floor(rand() * 40) }, zipf).join(' ');
    (shards[`justifications/${month}`] ??= {})[id] = { id, createdAt: at, updatedAt: at, text: words, criteria: [], notes: '', tags: [] };
    counts[month] = (counts[month] ?? 0) + 1;
  }
  const { shards: index = {} } = await chrome.storage.local.get('shards');
  await chrome.storage.local.set({ ...shards, shards: { ...index, justifications: counts } });
  return { bytes: JSON.stringify(shards).length, months: Object.keys(shards).length, query: `${vocab[40]} ${vocab[900].slice(0, 3)}` };
}

export async function libraryOpenBench(line, { browser }) {
  console.log(`\n# Library section opened with ${DOCS.toLocaleString('en')} entries stored (dashboard page, Chromium, release build)`);
  const writer = await browser.extensionPage('dashboard/dashboard.html#snippets');
  const seeded = await writer.evaluate(seed, DOCS);
  await writer.close();
  line('  stored', `${(seeded.bytes / 1024 / 1024).toFixed(1)} MB`, `${seeded.months} month shards`);
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const page = await browser.ctx.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/dashboard/dashboard.html#library`);
    const first = await page.waitForFunction(
      () => document.querySelector('#library-results .entry') && performance.now(), null, { polling: 5, timeout: 60_000 });
    // Every entry indexed: the status counts them all ("20,000 entries, newest first.").
    const all = await page.waitForFunction(
      (n) => Number((document.querySelector('#library-status')?.textContent ?? '').split(' ')[0].replace(/\D/g, '')) === n && performance.now(),
      DOCS, { polling: 5, timeout: 120_000 });
    const query = await page.evaluate(async (q) => {
      const search = document.querySelector('#library-search');
      const list = document.querySelector('#library-results');
      const changed = new Promise((resolve) => new MutationObserver((_, o) => { o.disconnect(); resolve(performance.now()); })
        .observe(list, { childList: true, subtree: true }));
      const t = performance.now();
      search.value = q;
      search.dispatchEvent(new Event('input', { bubbles: true }));
      return (await changed) - t;
    }, seeded.query);
    runs.push({ first: await first.jsonValue(), all: await all.jsonValue(), query });
    await page.close();
  }
  const med = (k) => [...runs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const ms = (x) => `${x.toFixed(0)} ms`;
  const list = (k) => runs.map((x) => x[k].toFixed(0)).join(' / ');
  line('  first results shown (median of runs)', ms(med('first')), `target < ${TARGET_MS} ms: ${med('first') < TARGET_MS ? 'met' : 'MISSED'}; runs ${list('first')}`);
  line('  every month indexed (median)', ms(med('all')), `runs ${list('all')}`);
  line(`  a search after that ("${seeded.query}"), input → results drawn`, `${med('query').toFixed(1)} ms`, `runs ${list('query')}`);
  return runs;
}

await runAlone(import.meta.url, libraryOpenBench);
