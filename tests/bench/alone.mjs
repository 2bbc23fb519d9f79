// A benchmark file run on its own (`node tests/bench/ledger-render.mjs`): a browser of the
// release build (or of the built extension in `BENCH_DIST`, an absolute path: another build to
// compare with), and each figure printed as `./build.sh bench` prints it (tests/bench/run.mjs).
import { fileURLToPath } from 'node:url';

/** One figure: its label, the figure, and what it is compared with. */
export const line = (label, figure, comparison = '') => console.log(`${label.padEnd(58)} ${String(figure).padStart(14)}   ${comparison}`);

/** Runs `bench(line, {browser})` when the file of `metaUrl` is the script node was started with. */
export async function runAlone(metaUrl, bench) {
  if (process.argv[1] !== fileURLToPath(metaUrl)) return;
  const { launch } = await import('../e2e/browser.mjs');
  const browser = await launch(process.env.BENCH_DIST ? { dir: process.env.BENCH_DIST } : {});
  try {
    await bench(line, { browser });
  } finally {
    await browser.close();
  }
}
