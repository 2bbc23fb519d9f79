// Content-script work per keystroke with 10,000 triggers loaded (issue #4), in headless Chromium,
// side by side in the same run with a naive scan over every trigger.
//
// The table and the typed texts come from the core: `cargo run --release --example bench_triggers
// -- --json` compiles the same 10,000 snippets as the native benchmark into the very JSON the
// background sends to content scripts. The page is served cross-origin isolated (COOP/COEP), so
// `performance.now()` is precise to a few microseconds; every keystroke is timed on its own (for
// the median and p99), and batches of one typed text are timed as a check on the mean.
// Run alone: `node tests/bench/keystroke.mjs` (after ./build.sh).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { launch } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TARGET_P99_US = 20;
/** Repetitions per keystroke for the fast path's timing (see `per` in `measure`). */
const REPS = 16;

/** The trigger table for 10,000 snippets and 1,000 typed texts, from the core. */
export function coreTable() {
  const out = execFileSync('cargo', ['run', '-q', '--release', '-p', 'rubrica-core', '--example', 'bench_triggers', '--', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out);
}

function bundle() {
  const { outputFiles } = buildSync({
    entryPoints: [fileURLToPath(new URL('./keystroke-entry.js', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'KeystrokeBench',
    write: false,
  });
  return outputFiles[0].text;
}

/** Runs in the page: types every text key by key into the textarea and times the work per key. */
function measure({ table, inputs, prefixLength, naiveTexts, REPS }) {
  const B = globalThis.KeystrokeBench;
  const compiled = B.compileTable({ ...table, revision: 1 });
  const all = B.naiveTable(compiled);
  const el = document.querySelector('#field');
  el.focus();
  const filler = 'The response is accurate but misses one constraint, and its code fails on empty input. ';
  const prefix = filler.repeat(Math.ceil(prefixLength / filler.length)).slice(0, prefixLength);
  // Every keystroke: the field holds the prefix and the text typed so far, caret at the end. The
  // last key of each text is a space (a delimiter), so on-delimiter triggers are checked too.
  const keystrokes = [];
  for (const text of inputs) {
    const typed = `${text} `;
    for (let i = 1; i <= typed.length; i++) keystrokes.push(prefix + typed.slice(0, i));
  }
  const put = (value) => {
    el.value = value;
    el.setSelectionRange(value.length, value.length);
  };
  // Each keystroke's work is timed `reps` times in a row (the same field state) and averaged:
  // the isolated timer has a 5 µs resolution, which one call of the fast path stays below.
  const per = (fn, values, reps = 1) => {
    const times = new Float64Array(values.length);
    const results = new Array(values.length);
    for (let i = 0; i < values.length; i++) {
      put(values[i]);
      const t = performance.now();
      for (let r = 0; r < reps; r++) results[i] = fn();
      times[i] = ((performance.now() - t) * 1000) / reps;
    }
    return { times: Array.from(times).sort((a, b) => a - b), results };
  };
  const fast = () => B.keystroke(compiled, el);
  const naive = () => B.naiveKeystroke(compiled, all, el);
  per(fast, keystrokes.slice(0, 2000), REPS); // warm-up (JIT)
  const f = per(fast, keystrokes, REPS);
  const single = per(fast, keystrokes).times;
  const naiveSet = keystrokes.slice(0, naiveTexts);
  per(naive, naiveSet.slice(0, 1000)); // warm-up
  const n = per(naive, naiveSet);
  const same = (a, b) => (a?.typed ?? null) === (b?.typed ?? null) && (a?.keepAfter ?? null) === (b?.keepAfter ?? null);
  let agree = 0;
  let hits = 0;
  for (let i = 0; i < naiveSet.length; i++) {
    if (same(f.results[i], n.results[i])) agree += 1;
    if (f.results[i]?.kind === 'trigger') hits += 1;
  }
  // Batches: one whole typed text at a time, mean per keystroke.
  const batches = [];
  let k = 0;
  for (const text of inputs) {
    const count = text.length + 1;
    let spent = 0;
    for (let i = 0; i < count; i++, k++) {
      put(keystrokes[k]);
      const t = performance.now();
      fast();
      spent += performance.now() - t;
    }
    batches.push((spent * 1000) / count);
  }
  batches.sort((a, b) => a - b);
  const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
  return {
    isolated: globalThis.crossOriginIsolated,
    keystrokes: keystrokes.length,
    naiveKeystrokes: naiveSet.length,
    triggers: compiled.entries.size,
    lengths: compiled.lengths.length,
    fast: { median: q(f.times, 50), p99: q(f.times, 99), max: f.times[f.times.length - 1] },
    single: { median: q(single, 50), p99: q(single, 99), resolution: single.find((x) => x > 0) ?? 0 },
    naive: { median: q(n.times, 50), p99: q(n.times, 99) },
    batchMedian: q(batches, 50),
    agree,
    hits,
  };
}

/** Prints the figures; `line(label, figure, comparison)` is run.mjs's printer. */
export async function keystrokeBench(line, { browser, data = coreTable() } = {}) {
  const server = await startServer({
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  });
  const own = !browser;
  browser ??= await launch();
  try {
    const script = bundle();
    const rows = [];
    // Worst case for the detector: texts made only of the characters triggers start with, so no
    // length is skipped by the first-unit filter and every key is looked up at every length.
    const sigils = ';/:!#';
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const worst = Array.from({ length: 400 }, () => Array.from({ length: 40 }, () => sigils[Math.floor(rand() * sigils.length)]).join(''));
    for (const [where, inputs, prefixLength] of [
      ['empty field', data.inputs, 0],
      ['field already holding 2,000 characters', data.inputs, 2000],
      ['worst case: texts made only of trigger sigils (;/:!#)', worst, 0],
    ]) {
      const page = await browser.page(server.url('/bench/keystroke.html'));
      await page.addScriptTag({ content: script });
      rows.push([where, await page.evaluate(measure, { table: data.table, inputs, prefixLength, naiveTexts: 12000, REPS })]);
      await page.close();
    }
    const us = (x) => `${x.toFixed(1)} µs`;
    const [, first] = rows[0];
    console.log(`\n# content script, per keystroke: ${first.triggers.toLocaleString('en')} triggers (${first.lengths} distinct lengths), ` +
      `${first.keystrokes.toLocaleString('en')} keystrokes (Chromium, crossOriginIsolated: ${first.isolated})`);
    for (const [where, r] of rows) {
      if (r.keystrokes !== first.keystrokes) console.log(`  (${r.keystrokes.toLocaleString('en')} keystrokes)`);
      line(`${where}: median / p99`, `${us(r.fast.median)} / ${us(r.fast.p99)}`,
        `target p99 < ${TARGET_P99_US} µs: ${r.fast.p99 < TARGET_P99_US ? 'met' : 'MISSED'} (each key timed ×${REPS}, averaged)`);
      line('  one call per timer read: median / p99', `${us(r.single.median)} / ${us(r.single.p99)}`,
        `timer resolution ${us(r.single.resolution)}; slowest key ${us(r.fast.max)} (GC, scheduling)`);
      line('  naive scan over every trigger: median / p99', `${us(r.naive.median)} / ${us(r.naive.p99)}`,
        `${(r.naive.median / Math.max(r.fast.median, 0.1)).toFixed(0)}× the median; ` +
        `agree on ${r.agree.toLocaleString('en')} of ${r.naiveKeystrokes.toLocaleString('en')} keystrokes (${r.hits} hits)`);
      line('  batches (one typed text each): median of the mean', us(r.batchMedian), 'cross-check of the per-key timer');
    }
    return rows;
  } finally {
    if (own) await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const line = (label, figure, comparison = '') => console.log(`${label.padEnd(58)} ${String(figure).padStart(22)}   ${comparison}`);
  await keystrokeBench(line);
}
