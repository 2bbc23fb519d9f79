// The justification library, side by side in one Node process (issue 11): Rubrica's WASM index
// (the full module, as the dashboard loads it) against MiniSearch and FlexSearch from npm, on the
// same generated corpus and the same queries.
//
// - corpus: 20,000 justifications of about 300 words from a Zipf-like vocabulary (seeded, so every
//   run is the same), plus the relevance fixtures below;
// - 200 queries of one to three words, about a third ending in a prefix of a word (typed so far);
// - figures: index build time, query p50/p95 (each query timed in a batch of runs), heap after
//   build (JS heap + WebAssembly memory, after a GC), ranking agreement on the fixtures
//   (NDCG@3 against the expected order), and Rubrica's near-duplicate check of a 400-word text.
// Every engine is asked the same thing: all words must match (AND), the last word may be a prefix.
// Run alone: `node tests/bench/library.mjs` (after ./build.sh); `LIBRARY_ONLY_RUBRICA=1` skips the
// other two engines, `RUBRICA_FULL_DIR=dir` measures the full module built into `dir`.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = Number(process.env.LIBRARY_DOCS ?? 20_000);
const WORDS = 300;
const QUERIES = 200;
const VOCAB = 30_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** A seeded PRNG (mulberry32): the same corpus every run. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(11);
const SYL = ['ra', 'to', 'me', 'ni', 'ka', 'lu', 'se', 'po', 'di', 'fa', 've', 'qui', 'stra', 'ble', 'ment', 'ion', 'é', 'or', 'an', 'el'];
const vocab = Array.from({ length: VOCAB }, (_, i) => {
  let w = '';
  let n = i + 7;
  do {
    w += SYL[n % SYL.length];
    n = Math.floor(n / SYL.length);
  } while (n > 0);
  return w;
});
// Zipf (s = 1): cumulative weights, then binary search.
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
const sentence = (n) => Array.from({ length: n }, zipf).join(' ');
const T0 = Date.UTC(2024, 0, 1);
const entry = (id, i, text) => ({ id, createdAt: T0 + i * 3_600_000, updatedAt: T0 + i * 3_600_000, text });

// Relevance fixtures: a query and the ids in the order a person expects (most relevant first).
const FIXTURE_DOCS = [
  ['fx_a', 'Response A is more accurate: it cites the correct boiling point of water, while B gives the wrong value.'],
  ['fx_b', 'Response B follows the instructions step by step and keeps the requested format.'],
  ['fx_c', 'Both responses are accurate, but A is more concise and avoids repetition.'],
  ['fx_d', 'The response contains a factual error about the boiling point; accuracy is the main issue. Accuracy matters most here.'],
  ['fx_e', 'Le résumé est très détaillé et précis; la réponse respecte la consigne.'],
  ['fx_f', 'Response A refuses a harmless request, which hurts helpfulness; B answers safely.'],
  ['fx_g', 'The code in response B does not compile: a missing semicolon, so correctness fails.'],
  ['fx_h', 'Step by step reasoning is shown in A; B skips steps and jumps to the answer.'],
  ['fx_i', 'Wrong boiling point.'],
  ['fx_j', 'The tone is fine. The boiling point claim is wrong, and many other details in this long answer are fine too.'],
];
const FIXTURES = [
  ['accuracy', ['fx_d']],
  ['boiling point', ['fx_i', 'fx_a', 'fx_d', 'fx_j']],
  ['wrong boiling', ['fx_i', 'fx_j']],
  ['compile', ['fx_g']],
  ['resume precis', ['fx_e']],
  ['réponse', ['fx_e']],
  ['helpful', ['fx_f']],
  ['concise accurate', ['fx_c']],
  ['step', ['fx_b', 'fx_h']],
  ['semicol', ['fx_g']],
];
/** NDCG@3 of `got` against `want` (graded: the first wanted id is the most relevant). */
function ndcg(got, want) {
  const gain = (id) => {
    const i = want.indexOf(id);
    return i < 0 ? 0 : want.length - i;
  };
  const dcg = (ids) => ids.slice(0, 3).reduce((s, id, i) => s + gain(id) / Math.log2(i + 2), 0);
  return dcg(got) / dcg(want);
}

const corpus = [];
for (let i = 0; i < DOCS; i++) corpus.push(entry(`jst_${String(i).padStart(6, '0')}`, i, sentence(WORDS - 20 + Math.floor(rand() * 40))));
const queries = [];
for (let i = 0; i < QUERIES; i++) {
  const n = 1 + Math.floor(rand() * 3);
  // query words from the frequent half of the vocabulary people actually type
  const ws = Array.from({ length: n }, () => vocab[Math.floor(Math.pow(rand(), 2) * 3000)]);
  if (i % 3 === 0) {
    const last = ws[ws.length - 1];
    ws[ws.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length * 0.6)));
  }
  queries.push(ws.join(' '));
}

// --- the three engines, behind one shape: build(docs), search(q) → ids ---------------------------
// RUBRICA_FULL_DIR: another build of the full module to measure (e.g. another opt-level).
const CORE_DIR = process.env.RUBRICA_FULL_DIR ? `${process.env.RUBRICA_FULL_DIR}/` : `${ROOT}dist/rubrica/core/`;
async function rubrica() {
  const mod = await import(pathToFileURL(`${CORE_DIR}rubrica_full.js`).href);
  const exports = await mod.default({ module_or_path: readFileSync(`${CORE_DIR}rubrica_full_bg.wasm`) });
  let index = null;
  return {
    name: 'Rubrica (WASM)',
    memory: () => exports.memory.buffer.byteLength,
    build(docs) {
      index?.free();
      index = new mod.LibraryIndex();
      // As the Library section reads them (library-index.js): month shards, two at a time.
      const shards = new Map();
      for (const d of docs) {
        const key = `justifications/${new Date(d.createdAt).toISOString().slice(0, 7)}`;
        if (!shards.has(key)) shards.set(key, {});
        shards.get(key)[d.id] = d;
      }
      const keys = [...shards.keys()];
      for (let i = 0; i < keys.length; i += 2) {
        index.addSnapshotJson(JSON.stringify(Object.fromEntries(keys.slice(i, i + 2).map((k) => [k, shards.get(k)]))));
      }
    },
    search: (q) => index.search(q, null, 10).hits.map((h) => h.id),
    nearDuplicates: (text, t) => index.nearDuplicates(text, t),
  };
}

function minisearch() {
  let index = null;
  const fold = (term) => term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return {
    name: 'MiniSearch 7',
    memory: () => 0,
    build(docs) {
      index = new MiniSearch({ fields: ['text'], processTerm: fold });
      index.addAll(docs);
    },
    search: (q) =>
      index
        .search(q, { combineWith: 'AND', prefix: (_t, i, terms) => i === terms.length - 1 })
        .slice(0, 10)
        .map((r) => r.id),
  };
}

function flexsearch() {
  let index = null;
  return {
    name: 'FlexSearch 0.8',
    memory: () => 0,
    build(docs) {
      index = new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.LatinBalance });
      for (const d of docs) index.add(d.id, d.text);
    },
    search: (q) => index.search(q, 10),
  };
}

/** CPU time of this process (user + system) in ms: on a loaded machine, steadier than the clock. */
const cpuMs = (u) => (u.user + u.system) / 1000;

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}

const line = (label, figure, comparison = '') =>
  console.log(`${label.padEnd(58)} ${String(figure).padStart(14)}   ${comparison}`);

export async function libraryBench() {
  console.log(`\n# justification library: ${DOCS.toLocaleString('en')} entries × ~${WORDS} words, ${QUERIES} queries (Node ${process.version}, one process)`);
  const fixtureDocs = FIXTURE_DOCS.map(([id, text], i) => entry(id, DOCS + i, text));
  const engines = process.env.LIBRARY_ONLY_RUBRICA ? [await rubrica()] : [await rubrica(), minisearch(), flexsearch()];
  const rows = [];
  for (const e of engines) {
    // ranking agreement on the fixtures (their own small index)
    e.build(fixtureDocs);
    const agreement = FIXTURES.reduce((s, [q, want]) => s + ndcg(e.search(q), want), 0) / FIXTURES.length;
    const before = heap() + e.memory();
    const t = performance.now();
    const c = process.cpuUsage();
    e.build(corpus);
    const build = performance.now() - t;
    const buildCpu = cpuMs(process.cpuUsage(c));
    const mem = heap() + e.memory() - before;
    const times = [];
    const cpu = [];
    for (const q of queries) {
      const reps = 5;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (let r = 0; r < reps; r++) e.search(q);
      times.push((performance.now() - t0) / reps);
      cpu.push(cpuMs(process.cpuUsage(c0)) / reps);
    }
    rows.push({ e, build, buildCpu, mem, p50: pct(times, 50), p95: pct(times, 95), cpu50: pct(cpu, 50), cpu95: pct(cpu, 95), agreement });
  }
  const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;
  const mb = (x) => `${(x / 1024 / 1024).toFixed(0)} MB`;
  const [r] = rows;
  const others = (f) => rows.slice(1).map((o) => `${o.e.name} ${f(o)}`).join(', ');
  line('index build', ms(r.build), `target < 2000 ms; ${others((o) => ms(o.build))}`);
  line('query p50', ms(r.p50), others((o) => ms(o.p50)));
  line('query p95', ms(r.p95), `target < 1.5 ms; ${others((o) => ms(o.p95))}`);
  line('  the same, CPU time of the process (build / query p50 / p95)', `${ms(r.buildCpu)} / ${ms(r.cpu50)} / ${ms(r.cpu95)}`,
    others((o) => `${ms(o.buildCpu)} / ${ms(o.cpu50)} / ${ms(o.cpu95)}`));
  line('heap after build (JS heap + WASM memory)', mb(r.mem), `target < 130 MB; ${others((o) => mb(o.mem))}`);
  line('ranking agreement on the fixtures (NDCG@3)', r.agreement.toFixed(3), `≥ MiniSearch; ${others((o) => o.agreement.toFixed(3))}`);
  // near-duplicate check: a 400-word text (half of it copied from an entry) against the library
  const text = `${corpus[1234].text.split(' ').slice(0, 300).join(' ')} ${sentence(100)}`;
  const nd = [];
  let found = [];
  const ndCpu = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    found = r.e.nearDuplicates(text, 0.5);
    nd.push(performance.now() - t);
    ndCpu.push(cpuMs(process.cpuUsage(c)));
  }
  line('near-duplicate check, 400 words vs the library (p50)', ms(pct(nd, 50)), `target < 5 ms; CPU time ${ms(pct(ndCpu, 50))}; found ${found[0]?.id ?? 'none'} at ${found[0]?.similarity ?? '-'}`);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await libraryBench();
