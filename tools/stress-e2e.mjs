#!/usr/bin/env node
// Runs browser test files N times in a row, optionally with busy loops loading the cores, and
// counts per file how many runs passed, hung or failed (docs/testing.md, "Proving the suite never
// hangs"). Needs a build (`./build.sh`) first.
//
//   node tools/stress-e2e.mjs [--runs N] [--load K] [--timeout MS] [--logs DIR] FILE...
//
// --runs N      runs of each file (default 5); the files take turns: a, b, a, b, …
// --load K      K child processes spinning `for(;;){}` for the whole run (default 0), killed at the end
// --timeout MS  node --test's per-test timeout (default 300000, as in ./build.sh test)
// --logs DIR    where each run's output goes (default tests/artifacts/stress/)
//
// A run is "hung" when a test hit the per-test timeout, or when the whole file outlived the
// timeout plus a minute (its process group is then killed); "failed" when a test failed otherwise.
// Exit status 0 only when every run passed.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function parseArgs(argv) {
  const opts = { runs: 5, load: 0, timeout: 300_000, logs: join(ROOT, 'tests/artifacts/stress'), files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') opts.runs = Number(value());
    else if (a === '--load') opts.load = Number(value());
    else if (a === '--timeout') opts.timeout = Number(value());
    else if (a === '--logs') opts.logs = resolve(value());
    else if (a === '-h' || a === '--help') opts.help = true;
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.files.push(a);
  }
  for (const k of ['runs', 'load', 'timeout']) {
    if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k} must be a whole number`);
  }
  return opts;
}

/** Starts K busy loops; returns a function that kills them. */
function startLoad(k) {
  const children = [];
  for (let i = 0; i < k; i++) children.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  return () => {
    for (const c of children) c.kill('SIGKILL');
  };
}

/**
 * One `node --test` run of `file`. Resolves to {outcome: 'passed'|'hung'|'failed', ms, summary}.
 * The child runs in its own process group, so a watchdog can kill it with every browser it started.
 */
function runOnce(file, timeout, logPath) {
  return new Promise((done) => {
    const started = Date.now();
    const args = ['--test', '--test-reporter=spec', '--test-concurrency=1', `--test-timeout=${timeout}`, file];
    const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let killed = false;
    const watchdog = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeout + 60_000);
    child.on('close', async (code) => {
      clearTimeout(watchdog);
      const ms = Date.now() - started;
      await writeFile(logPath, out).catch(() => {});
      const timedOut = /timed out after \d+ms|testTimeoutFailure/.test(out);
      const outcome = killed || timedOut ? 'hung' : code === 0 ? 'passed' : 'failed';
      const failing = [...out.matchAll(/^\s*✖ (.+)$/gm)].map((m) => m[1]).filter((l) => !/^failing tests:?$/.test(l));
      done({ outcome, ms, summary: killed ? 'killed by the watchdog' : [...new Set(failing)].slice(0, 3).join(' | ') });
    });
  });
}

const fmt = (ms) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help || opts.files.length === 0) {
    console.log('usage: node tools/stress-e2e.mjs [--runs N] [--load K] [--timeout MS] [--logs DIR] FILE...');
    process.exit(opts.help ? 0 : 2);
  }
  await mkdir(opts.logs, { recursive: true });
  const stopLoad = startLoad(opts.load);
  const stop = () => {
    stopLoad();
    process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const started = Date.now();
  const counts = new Map(opts.files.map((f) => [f, { passed: 0, hung: 0, failed: 0, ms: 0 }]));
  console.log(`${opts.runs} runs of ${opts.files.length} file(s), ${opts.load} busy loop(s), per-test timeout ${opts.timeout} ms`);
  try {
    for (let run = 1; run <= opts.runs; run++) {
      for (const file of opts.files) {
        const log = join(opts.logs, `${basename(file, '.test.mjs')}-${run}.log`);
        const r = await runOnce(resolve(file), opts.timeout, log);
        const c = counts.get(file);
        c[r.outcome] += 1;
        c.ms += r.ms;
        const note = r.outcome === 'passed' ? '' : `  ${r.summary}  (log: ${log})`;
        console.log(`run ${run}/${opts.runs}  ${file}  ${r.outcome} in ${fmt(r.ms)}${note}`);
      }
    }
  } finally {
    stopLoad();
  }
  console.log('');
  for (const [file, c] of counts) {
    console.log(`${file}: passed ${c.passed}/${opts.runs}, hung ${c.hung}, failed ${c.failed} (${fmt(c.ms)})`);
  }
  console.log(`total time ${fmt(Date.now() - started)}`);
  const all = [...counts.values()].every((c) => c.passed === opts.runs);
  process.exit(all ? 0 : 1);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(2);
});
