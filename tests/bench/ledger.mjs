// Ledger benchmarks (issue #10), in Node on the built full module (dist/rubrica/core):
// - every figure of the overview (LedgerBook.report: totals, weeks, groups, the trend per
//   platform, rejections, caps, earnings per minute) over 100,000 tasks and 20,000 sessions
//   already loaded in the handle, median of 9, beside the same basic aggregates (counts, approval,
//   confirmed/bonus/expected sums, wall time) written plainly in JS over the same records; over
//   the section's longest range (400 days of the 20 years the data spans) and, with the same
//   records folded into those 400 days, over all of them at once;
// - loading the handle with all of it (the JSON crossing, once per range);
// - one page of the task table sorted by pay (what a click on a column costs);
// - planning a 50,000-row Outlier earnings CSV import (parse, deduplicate, plan the writes).
// Target: overview < 20 ms; import < 1 s. The first render in the dashboard page (< 300 ms) is
// tests/bench/ledger-render.mjs.
// Run alone: `node tests/bench/ledger.mjs` (after ./build.sh); `node tests/bench/ledger.mjs DIR…`
// runs the same on each built core directory in turn (an A/B in one process: e.g. a copy of an
// earlier dist/rubrica/core, then dist/rubrica/core).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SESSIONS = 20_000;
const TASKS = 100_000;
const DAY = 86_400_000;
const FIRST = Date.UTC(2020, 0, 1);
const NOW = FIRST + 20 * 365 * DAY;

const line = (label, ms, compared) =>
  console.log(`${label.padEnd(64)} ${`${ms.toFixed(1)} ms`.padStart(12)}   ${compared}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(runs, f) {
  const xs = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    out = f();
    xs.push(performance.now() - t);
  }
  return { ms: median(xs), out };
}

/** The generated shards (tests/bench/timing.mjs's data), with outcomes and pay on every task. */
function data() {
  const text = execFileSync('cargo', ['run', '-q', '--release', '-p', 'rubrica-core', '--example', 'gen_sessions', '--', `${SESSIONS}`, `${TASKS}`],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  const stored = JSON.parse(text);
  let i = 0;
  for (const [key, shard] of Object.entries(stored)) {
    if (!key.startsWith('tasks/')) continue;
    for (const t of Object.values(shard)) {
      i += 1;
      t.status = ['approved', 'approved', 'approved', 'rejected', 'submitted', 'revision'][i % 6];
      if (t.status === 'approved') t.payConfirmed = { minor: 1000 + (i % 900), currency: 'USD' };
      else t.payExpected = { minor: 1200, currency: 'USD' };
      if (t.status === 'rejected') t.criteriaCited = [['accuracy', 'tone', 'verbosity'][i % 3]];
      t.isBonus = i % 50 === 0;
      t.payStatus = ['pending', 'approved', 'paid'][i % 3];
      t.taskTypeId = `tty_${i % 12}`;
    }
  }
  return stored;
}

/** The same basic aggregates in plain JS. */
function plainJs(tasks, sessions) {
  const a = { tasks: 0, approved: 0, rejected: 0, confirmed: 0, bonus: 0, expected: 0, wall: 0 };
  for (const t of tasks) {
    if (!t.isBonus) {
      a.tasks += 1;
      if (t.status === 'approved') a.approved += 1;
      else if (t.status === 'rejected') a.rejected += 1;
    }
    a.confirmed += t.payConfirmed?.minor ?? 0;
    if (t.isBonus) a.bonus += t.payConfirmed?.minor ?? 0;
    a.expected += t.payExpected?.minor ?? 0;
  }
  for (const s of sessions) a.wall += (s.endedAt ?? NOW) - s.startedAt;
  a.approval = a.approved / (a.approved + a.rejected);
  return a;
}

/**
 * The same records folded into one 400-day range starting at `from`: each session with its tasks
 * (tasks without one, alone) moves back by whole 400-day periods, every `…At` time and event
 * time with it; so all 100,000 tasks and 20,000 sessions fall in the range (sessions may overlap).
 */
function folded(stored, from) {
  const W = 400 * DAY;
  const shiftOf = (t) => from - FIRST - Math.floor((t - FIRST) / W) * W;
  const move = (rec, d) => {
    for (const [k, v] of Object.entries(rec)) if (k.endsWith('At') && typeof v === 'number') rec[k] = v + d;
    for (const e of rec.events ?? []) if (typeof e.at === 'number') e.at += d;
  };
  const out = structuredClone(stored);
  const bySession = new Map();
  for (const [key, shard] of Object.entries(out)) {
    if (!key.startsWith('sessions/')) continue;
    for (const s of Object.values(shard)) {
      const d = shiftOf(s.startedAt);
      bySession.set(s.id, d);
      move(s, d);
    }
  }
  for (const [key, shard] of Object.entries(out)) {
    if (!key.startsWith('tasks/')) continue;
    for (const t of Object.values(shard)) move(t, bySession.get(t.sessionId) ?? shiftOf(t.startedAt));
  }
  return out;
}

/** An Outlier earnings CSV of `rows` rows over 2025 (also tests/bench/outlier-import.mjs's). */
export function outlierFile(rows) {
  const out = ['workDate,itemID,duration,rateApplied,payout,payType,projectName,status'];
  for (let i = 0; i < rows; i++) {
    const d = new Date(Date.UTC(2025, 0, 1) + (i % 365) * DAY).toISOString().slice(0, 10);
    out.push(`"${d}","item${i}","${i % 3}h ${i % 60}m ${i % 60}s","$25.00/hr","$${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}","${i % 40 === 0 ? 'missionReward' : 'prod'}","Project ${i % 7}","paid"`);
  }
  return `${out.join('\n')}\n`;
}

export async function ledgerBench(dir = `${ROOT}dist/rubrica/core/`, stored = data()) {
  console.log(`\n# Ledger (Node, built full module ${dir}; 100,000 tasks, 20,000 sessions; the machine is shared, figures vary)`);
  const mod = await import(pathToFileURL(`${dir}rubrica_full.js`).href);
  await mod.default({ module_or_path: readFileSync(`${dir}rubrica_full_bg.wasm`) });
  const book = new mod.LedgerBook();
  const t0 = performance.now();
  // What the dashboard does (ledger/book.js): the snapshot as UTF-8 JSON bytes when the module
  // has loadJson, else (an earlier build) the object.
  const [tasks, sessions] = book.loadJson ? book.loadJson(new TextEncoder().encode(JSON.stringify(stored)), NOW) : book.load(stored, NOW);
  line(`load the handle (${tasks.toLocaleString()} tasks, ${sessions.toLocaleString()} sessions)`, performance.now() - t0, 'once per range');
  // The longest range the section offers (400 days), and all 20 years of the data.
  const FROM = Date.UTC(2025, 0, 1);
  const zone = { transitions: [{ from: 0, offsetMin: -300 }] };
  const wasm = time(9, () => book.report({ from: FROM, to: FROM + 400 * DAY, zone, groupBy: 'platform', currency: 'USD' }));
  const whole = time(5, () => book.report({ from: FIRST, to: NOW, zone, groupBy: 'platform', currency: 'USD' }));
  const all = Object.entries(stored);
  const jsTasks = all.filter(([k]) => k.startsWith('tasks/')).flatMap(([, m]) => Object.values(m));
  const jsSessions = all.filter(([k]) => k.startsWith('sessions/')).flatMap(([, m]) => Object.values(m));
  const js = time(9, () => plainJs(jsTasks, jsSessions));
  line('overview: every figure (LedgerBook.report), 400 days', wasm.ms, `target < 20 ms: ${wasm.ms < 20 ? 'met' : 'MISSED'}`);
  line('overview: every figure, all 20 years (1,000+ weeks)', whole.ms, 'beyond what the section asks (at most 400 days)');
  line('  the basic aggregates in plain JS (all records)', js.ms, 'comparison: counts, sums, approval, wall only');
  // All 100,000 tasks and 20,000 sessions within the 400 days: every figure over all of them.
  const dense = new mod.LedgerBook();
  const [denseTasks] = dense.loadJson(new TextEncoder().encode(JSON.stringify(folded(stored, FROM))), NOW);
  const full = time(9, () => dense.report({ from: FROM, to: FROM + 400 * DAY, zone, groupBy: 'platform', currency: 'USD' }));
  line(`overview: every figure, all ${denseTasks.toLocaleString()} tasks within the 400 days`, full.ms,
    `target < 20 ms: ${full.ms < 20 ? 'met' : 'MISSED'} (the same records, folded into the range)`);
  dense.free();
  const sorted = time(9, () => book.page({ sort: 'pay', desc: true, offset: 0, limit: 100 }));
  line('task table: first page of 100, sorted by pay', sorted.ms, `of ${sorted.out.total.toLocaleString()} tasks`);
  const core = new mod.Core(new Uint8Array(16).fill(7));
  const file = outlierFile(50_000);
  const plan = time(3, () => core.outlierPlan({}, file, { transitions: [] }, NOW));
  line(`Outlier import plan, 50,000 rows (${(file.length / 1024 / 1024).toFixed(1)} MB)`, plan.ms, `target < 1,000 ms (the write is extra): ${plan.ms < 1000 ? 'met' : 'MISSED'}; ${plan.out.added.toLocaleString()} added`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dirs = process.argv.slice(2).map((d) => (d.endsWith('/') ? d : `${d}/`));
  const stored = data();
  for (const dir of dirs.length ? dirs : [undefined]) await ledgerBench(dir, stored);
}
