// WASM benchmark of the work-session exports the extension calls (issue #5), timed as the
// background calls them: the storage snapshot goes in as it was read, the answer comes out as JS
// values, so every figure includes the JSON crossing into and out of WASM.
//
// The data: 20,000 sessions and 100,000 tasks from `timing::fixtures::generate` (the data of
// `cargo run --release --example bench_timing`, which times the pure totals natively), printed as
// stored month shards by `cargo run --release --example gen_sessions`.
// - the largest calls the dashboard can make: `sessionReport` over 400 days (the longest range
//   `session.report` accepts) and `sessionList` of 1,000 sessions (the most `session.list`
//   returns), each reading only the shards `sessionRangeKeys` names, median of 9 vs the 50 ms target;
// - the same exports over all of it (totals and tasks of every session; days and weeks of every
//   session), median of 5, beside a JSON round trip of the same snapshot in JS: what crossing the
//   boundary costs at least.
// In an extension page of the release build (Chromium) and in Node.
// Run alone: `node tests/bench/timing.mjs` (after ./build.sh).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from '../e2e/browser.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SESSIONS = 20_000;
const TASKS = 100_000;
const RUNS = 9;
const RUNS_ALL = 5;
const TARGET_MS = 50;
const DAY = 86_400_000;
/** 2020-01-01T00:00:00Z: the generator's first session (as in bench_timing). */
const FIRST = Date.UTC(2020, 0, 1);
/** After the last generated session (as in bench_timing). */
const NOW = FIRST + 20 * 365 * DAY;
/** The 400-day range of the largest report (within the generated years). */
const FROM = Date.UTC(2025, 0, 1);
const TO = FROM + 400 * DAY;

const line = (label, ms, compared) =>
  console.log(`${label.padEnd(64)} ${`${ms.toFixed(1)} ms`.padStart(12)}   ${compared}`);
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
 * Times the exports of an initialised full module `mod`. Self-contained, so that it also runs in
 * the extension page (installed there as a global).
 */
function timeExports(mod, text, zone, o) {
  const stored = JSON.parse(text);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (runs, f, check) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const out = f();
      xs.push(performance.now() - t);
      check(out);
    }
    return median(xs);
  };
  const fail = (what) => {
    throw new Error(what);
  };
  // What the background reads for a range: the shards sessionRangeKeys names.
  const range = {};
  for (const key of mod.sessionRangeKeys(stored.shards, o.from, o.to)) range[key] = stored[key];
  const inRange = mod.sessionList(range, o.from, o.to, o.sessions, o.now).length;
  const report = time(
    o.runs,
    () => mod.sessionReport(range, o.from, o.to, o.now, zone),
    (r) => r.days.length >= 400 || fail(`a report of ${r.days.length} days`),
  );
  const list = time(
    o.runs,
    () => mod.sessionList(range, o.from, o.to, 1000, o.now),
    (rows) => rows.length === Math.min(1000, inRange) || fail(`listed ${rows.length} sessions`),
  );
  const listAll = time(
    o.runsAll,
    () => mod.sessionList(stored, o.first, o.now, o.sessions, o.now),
    (rows) => {
      const n = rows.reduce((sum, r) => sum + r.tasks.length, 0);
      if (rows.length !== o.sessions || n !== o.tasks) fail(`listed ${rows.length} sessions, ${n} tasks`);
    },
  );
  const reportAll = time(
    o.runsAll,
    () => mod.sessionReport(stored, o.first, o.now, o.now, zone),
    (r) => r.weeks.length > 0 || fail('an empty report'),
  );
  const json = time(
    o.runsAll,
    () => JSON.parse(JSON.stringify(stored)),
    () => {},
  );
  return { inRange, report, list, listAll, reportAll, json };
}

const OPTS = {
  sessions: SESSIONS, tasks: TASKS, first: FIRST, now: NOW, from: FROM, to: TO, runs: RUNS, runsAll: RUNS_ALL,
};

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

function print(where, r) {
  line(`${where}: sessionReport, 400 days (${r.inRange.toLocaleString('en')} sessions)`, r.report, target(r.report));
  line(`${where}: sessionList, 1,000 sessions with their tasks`, r.list, target(r.list));
  line(`${where}: sessionList, all sessions (median of ${RUNS_ALL})`, r.listAll,
    `${(r.listAll / r.json).toFixed(1)}x the JSON round trip`);
  line(`${where}: sessionReport, all sessions (median of ${RUNS_ALL})`, r.reportAll,
    `${(r.reportAll / r.json).toFixed(1)}x the JSON round trip`);
  line(`${where}: JSON round trip of all of it in JS (median of ${RUNS_ALL})`, r.json,
    'what crossing the boundary costs at least');
}

export async function timingBench() {
  const text = generated();
  const mb = (Buffer.byteLength(text) / 1024 / 1024).toFixed(1);
  console.log(
    `\n# session exports in WASM, JSON crossing included: ${SESSIONS.toLocaleString('en')} sessions / ` +
      `${TASKS.toLocaleString('en')} tasks (${mb} MB stored), median of ${RUNS} unless noted`,
  );
  print('Chromium', await inChromium(text));
  print('Node', await inNode(text));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await timingBench();
