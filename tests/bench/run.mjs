// `./build.sh bench`: every benchmark, each printed beside what it is compared with.
// Browser figures come from headless Chromium with the built extension; native ones from
// `cargo run --release --example …`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, TEST_BUILD } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
import { keystrokeBench } from './keystroke.mjs';
import { startupBench } from './startup.mjs';
import { checkerBench } from './checker.mjs';
import { previewBench, scaleBench } from './espanso.mjs';
import { ledgerRenderBench } from './ledger-render.mjs';
import { upgradeBench } from './upgrade.mjs';
import { outlierImportBench } from './outlier-import.mjs';
import { togglImportBench } from './toggl-import.mjs';
import { libraryOpenBench } from './library-open.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KB = 1024;
const BUDGET_GZ = 200 * KB;

function line(label, figure, comparison = '') {
  console.log(`${label.padEnd(58)} ${String(figure).padStart(14)}   ${comparison}`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}

function wasmSize() {
  console.log('\n# WASM modules (dist/rubrica/core/)');
  for (const [file, what, budget] of [
    ['rubrica_core_bg.wasm', 'background module (loaded at service-worker start)', BUDGET_GZ],
    ['rubrica_full_bg.wasm', 'full module (pages; background on demand)', null],
    ['rubrica_book_bg.wasm', 'ledger book module (Ledger & reports, Data export)', null],
  ]) {
    const wasm = readFileSync(`${ROOT}dist/rubrica/core/${file}`);
    const gz = gzipSync(wasm, { level: 9 }).length;
    line(`${what}: raw`, `${(wasm.length / KB).toFixed(1)} KB`);
    line(`${what}: gzip -9`, `${(gz / KB).toFixed(1)} KB`,
      budget ? `budget ${(budget / KB).toFixed(1)} KB: ${gz <= budget ? 'within' : 'OVER'}` : 'no budget (loaded on demand)');
  }
}

function nativeBenches() {
  const examples = ['bench_triggers', 'bench_timing', 'bench_templates', 'bench_checker', 'bench_library'].filter((e) =>
    existsSync(`${ROOT}crate/examples/${e}.rs`),
  );
  for (const example of examples) {
    console.log(`\n# native: cargo run --release --example ${example}`);
    const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'rubrica-core', '--example', example], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    process.stdout.write(out);
  }
}

/** Startup and history load times: chrome.storage.local (chosen) vs IndexedDB, same data. */
async function storageLoad(browser) {
  console.log('\n# storage load in the service worker: one heavy year (12 month shards × 1,500 tasks, 400 snippets)');
  const figures = await browser.sw.evaluate(async () => {
    const task = (m, i) => ({
      id: `tsk_${m}_${i}`, createdAt: 1.7e12 + i, updatedAt: 1.7e12 + i, startedAt: 1.7e12 + i,
      status: 'approved', payConfirmed: { minor: 1250, currency: 'USD' }, criteriaCited: ['accuracy'],
      feedback: 'Good catch on the factual error, but cite the rubric criterion explicitly next time.',
    });
    const data = {};
    for (let m = 1; m <= 12; m++) {
      const shard = {};
      for (let i = 0; i < 1500; i++) shard[`tsk_${m}_${i}`] = task(m, i);
      data[`tasks/2025-${String(m).padStart(2, '0')}`] = shard;
    }
    const snippets = {};
    for (let i = 0; i < 400; i++) {
      snippets[`snp_${i}`] = { id: `snp_${i}`, createdAt: 1, updatedAt: 1, triggers: [`;s${i}`], template: 'x'.repeat(600) };
    }
    const small = { meta: { schema: 1 }, settings: {}, snippets, rubrics: {}, shards: {} };
    const bytes = JSON.stringify({ ...data, ...small }).length;
    await chrome.storage.local.clear();
    await chrome.storage.local.set({ ...data, ...small });

    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('rubrica-bench', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('kv');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const idbDo = (mode, fn) => new Promise((resolve, reject) => {
      const tx = db.transaction('kv', mode);
      const out = fn(tx.objectStore('kv'));
      tx.oncomplete = () => resolve(out.result ?? out);
      tx.onerror = () => reject(tx.error);
    });
    await idbDo('readwrite', (s) => { for (const [k, v] of Object.entries({ ...data, ...small })) s.put(v, k); return {}; });
    const idbGetMany = (keys) => Promise.all(keys.map((k) => idbDo('readonly', (s) => s.get(k))));

    const time = async (fn, n = 15) => {
      const xs = [];
      for (let i = 0; i < n; i++) { const t = performance.now(); await fn(); xs.push(performance.now() - t); }
      xs.sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)];
    };
    const startKeys = ['meta', 'settings', 'snippets', 'rubrics', 'shards'];
    const out = {
      bytes,
      localStart: await time(() => chrome.storage.local.get(startKeys)),
      idbStart: await time(() => idbGetMany(startKeys)),
      localMonth: await time(() => chrome.storage.local.get(['tasks/2025-06'])),
      idbMonth: await time(() => idbGetMany(['tasks/2025-06'])),
      localAll: await time(() => chrome.storage.local.get(null), 5),
      idbAll: await time(() => idbDo('readonly', (s) => s.getAll()), 5),
    };
    db.close();
    indexedDB.deleteDatabase('rubrica-bench');
    await chrome.storage.local.clear();
    return out;
  });
  line('data set size (JSON)', `${(figures.bytes / 1024 / 1024).toFixed(1)} MB`);
  const ms = (x) => `${x.toFixed(1)} ms`;
  line('start-up read (meta, settings, snippets, rubrics, shards)', ms(figures.localStart), `IndexedDB ${ms(figures.idbStart)}`);
  line('one month shard (1,500 tasks)', ms(figures.localMonth), `IndexedDB ${ms(figures.idbMonth)}`);
  line('everything (what one big blob would cost at start-up)', ms(figures.localAll), `IndexedDB ${ms(figures.idbAll)}`);
}

/** The same starter templates as `bench_templates`, parsed + rendered by the full module in a page. */
async function templatesInWasm(browser) {
  console.log('\n# WASM: parse + render (defaults) of each starter template, in the dashboard page (Chromium)');
  const page = await browser.extensionPage('dashboard/dashboard.html');
  const rows = await page.evaluate(async () => {
    const { pageCore } = await import('../shared/page-core.js');
    const { core } = await pageCore();
    const stored = await chrome.storage.local.get(['meta', 'settings', 'snippets', 'rubrics', 'shards']);
    core.load(stored);
    const ctx = { now: 1795685400000, tzOffsetMin: 0 };
    const out = [];
    for (const s of Object.values(stored.snippets).filter((x) => x.folder === 'Starter')) {
      // performance.now() is coarsened in pages that are not cross-origin isolated: time batches.
      const batches = [];
      for (let b = 0; b < 10; b++) {
        const t = performance.now();
        for (let i = 0; i < 200; i++) core.preview(s.template, ctx);
        batches.push(((performance.now() - t) * 1000) / 200);
      }
      batches.sort((a, b) => a - b);
      out.push({ trigger: s.triggers.join(' '), bytes: s.template.length, us: batches[5] });
    }
    return out;
  });
  let total = 0;
  for (const r of rows) {
    total += r.us;
    line(`  ${r.trigger} (${r.bytes} bytes)`, `${r.us.toFixed(1)} µs`);
  }
  line(`  all ${rows.length} starter templates`, `${total.toFixed(1)} µs`, 'native figure above (bench_templates)');
  await page.close();
}

wasmSize();
nativeBenches();
const server = await startServer();
const release = await launch();
await startupBench(line, { runs: 30, server, browser: release });
await templatesInWasm(release);
// Content-script work per keystroke, 10,000 triggers, vs a naive scan (tests/bench/keystroke.mjs).
await keystrokeBench(line, { browser: release });
// The justification checker on 500 words, every rule on (tests/bench/checker.mjs).
await checkerBench(line, { browser: release });
await release.close();
// espanso files at any size (issue 14): a fresh profile, since the preview imports 100,000 snippets.
await scaleBench(line);
const espansoBrowser = await launch();
await previewBench(line, { browser: espansoBrowser });
await espansoBrowser.close();
// The Ledger & reports section's first render with 100,000 tasks stored (tests/bench/ledger-render.mjs).
const ledgerBrowser = await launch();
await ledgerRenderBench(line, { browser: ledgerBrowser });
await ledgerBrowser.close();
// The first start after an upgrade that migrates 100,000 tasks (tests/bench/upgrade.mjs).
const upgradeBrowser = await launch();
await upgradeBench(line, { browser: upgradeBrowser });
await upgradeBrowser.close();
// The Outlier import of 50,000 rows with its write (tests/bench/outlier-import.mjs): a fresh profile.
const outlierBrowser = await launch();
await outlierImportBench(line, { browser: outlierBrowser });
await outlierBrowser.close();
// The Toggl import of 50,000 entries into sessions (tests/bench/toggl-import.mjs): a fresh profile.
const togglBrowser = await launch();
await togglImportBench(line, { browser: togglBrowser });
await togglBrowser.close();
// Opening the Library section with 20,000 entries stored (tests/bench/library-open.mjs): a fresh
// profile, since it stores 37 MB of entries.
const libraryBrowser = await launch();
await libraryOpenBench(line, { browser: libraryBrowser });
await libraryBrowser.close();
const testBuild = await launch({ dir: TEST_BUILD });
await storageLoad(testBuild);
await testBuild.close();
await server.close();

// Work sessions: totals of 20k sessions / 100k tasks in WASM (tests/bench/timing.mjs).
const { timingBench } = await import('./timing.mjs');
await timingBench();

// The ledger: overview figures, table page, Outlier import plan (tests/bench/ledger.mjs).
const { ledgerBench } = await import('./ledger.mjs');
await ledgerBench();
// The justification library: Rubrica's WASM index vs MiniSearch vs FlexSearch, one Node process
// (tests/bench/library.mjs).
const { libraryBench } = await import('./library.mjs');
await libraryBench();
