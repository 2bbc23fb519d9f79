// WASM benchmark of the work-session exports the extension calls (issue #5), on 20,000 sessions
// and 100,000 tasks: `sessionList` (every session's totals with its tasks; natively that is
// `totals_all`, see `cargo run --release --example bench_timing`) and `sessionReport` (local-day
// and ISO-week buckets in a DST-observing zone). The data is `timing::fixtures::generate`'s (the
// same as bench_timing), printed as the storage snapshot the background reads by
// `cargo run --release --example gen_sessions` and passed to the production export as it is: the
// figure includes the JSON crossing in and out of WASM, so a JSON round trip of the same snapshot
// in JS is measured beside it. In an extension page of the release build (Chromium) and in Node,
// median of 9 runs vs the 50 ms target.
// Run alone: `node tests/bench/timing.mjs` (after ./build.sh).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../e2e/browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SESSIONS = 20_000;
const TASKS = 100_000;
const RUNS = 9;
const TARGET_MS = 50;
const DAY = 86_400_000;
/** 2020-01-01T00:00:00Z: the generator's first session (as in bench_timing). */
const FIRST = Date.UTC(2020, 0, 1);
/** After the last generated session (as in bench_timing). */
const NOW = FIRST + 20 * 365 * DAY;

const line = (label, ms, compared) =>
  console.log(`${label.padEnd(58)} ${`${ms.toFixed(1)} ms`.padStart(14)}   ${compared}`);
const target = (ms) => `target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'MISSED'}`;

/** The generated storage snapshot as JSON text. */
function generated() {
  return execFileSync(
    'cargo',
    ['run', '-q', '--release', '-p', 'rubrica-core', '--example', 'gen_sessions', '--', `${SESSIONS}`, `${TASKS}`],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** New York-like offsets for every year covered, as bench_timing builds them. */
function zone() {
  const transitions = [];
  for (let year = 0; year < 15; year++) {
    const base = FIRST + year * 31_556_952_000; // mean Gregorian year
    transitions.push({ from: base + 67 * DAY, offsetMin: -240 }, { from: base + 305 * DAY, offsetMin: -300 });
  }
  return { transitions };
}

/**
 * Times the exports of an initialised full module `mod` (median of `runs`); self-contained, so it
 * also runs in the extension page (installed there as a global).
 */
function timeExports(mod, text, zone, { sessions, tasks, first, now, runs }) {
  const stored = JSON.parse(text);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (f, check) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const out = f();
      xs.push(performance.now() - t);
      check(out);
    }
    return median(xs);
  };
  const list = time(
    () => mod.sessionList(stored, first, now, sessions, now),
    (rows) => {
      const n = rows.reduce((sum, r) => sum + r.tasks.length, 0);
      if (rows.length !== sessions || n !== tasks) throw new Error(`listed ${rows.length} sessions, ${n} tasks`);
    },
  );
  const report = time(
    () => mod.sessionReport(stored, first, now, now, zone),
    (r) => {
      if (r.days.length === 0 || r.weeks.length === 0) throw new Error('an empty report');
    },
  );
  const json = time(
    () => JSON.parse(JSON.stringify(stored)),
    () => {},
  );
  return { list, report, json };
}

const OPTS = { sessions: SESSIONS, tasks: TASKS, first: FIRST, now: NOW, runs: RUNS };

async function inNode(text) {
  const mod = await import(pathToFileURL(`${ROOT}dist/rubrica/core/rubrica_full.js`).href);
  await mod.default({ module_or_path: readFileSync(`${ROOT}dist/rubrica/core/rubrica_full_bg.wasm`) });
  return timeExports(mod, text, zone(), OPTS);
}

async function inChromium(text) {
  const browser = await launch();
  try {
    const page = await browser.extensionPage('popup/popup.html');
    await page.evaluate(`globalThis.timeExports = ${timeExports}`);
    return await page.evaluate(async ({ text, zone, opts }) => {
      const mod = await import(chrome.runtime.getURL('core/rubrica_full.js'));
      await mod.default({ module_or_path: chrome.runtime.getURL('core/rubrica_full_bg.wasm') });
      return globalThis.timeExports(mod, text, zone, opts);
    }, { text, zone: zone(), opts: OPTS });
  } finally {
    await browser.close();
  }
}

function print(where, { list, report, json }) {
  line(`${where}: sessionList (totals and tasks of all)`, list, target(list));
  line(`${where}: sessionReport (days and weeks)`, report, target(report));
  line(`${where}: JSON round trip of the snapshot in JS`, json, 'what crossing the boundary costs at least');
}

export async function timingBench() {
  const text = generated();
  const mb = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
  console.log(
    `\n# session exports in WASM: ${SESSIONS.toLocaleString('en')} sessions / ${TASKS.toLocaleString('en')} tasks ` +
      `(${mb} MB of stored JSON, passed as the background reads it), median of ${RUNS}`,
  );
  print('Chromium extension page', await inChromium(text));
  print('Node (same module)', await inNode(text));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await timingBench();
