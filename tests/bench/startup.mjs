// Expansion latency in Chromium with the release build: warm (typed at once, at 80 and at 400 ms
// per key), and with the service worker stopped first while the field already has focus, typed at
// once / at 80 ms per key / at 400 ms per key (each compared with warm typed at once and with warm
// typed at the same speed).
// For the cold starts typed at once it prints where the time goes, from the background's own
// performance marks (extension/background/engine.js, main.js, router.js) on the same clock as the
// page: key → worker running, script evaluated, WebAssembly compiled and instantiated, storage
// read, state loaded, first message routed, expansion rendered, text in the field. For warm and
// human-speed cold expansions it prints each hop: the browser's input event, the request reaching
// the worker, the worker's share (its marks of the latest port request), the reply to the field.
// Part of `./build.sh bench`; alone: `node tests/bench/startup.mjs` after `./build.sh`.
import { launch } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const TRIGGER = ';rubrica';
const WANT = 'Rubrica is working';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** Installs page-world listeners that time the last key before the expansion and its arrival. */
function arm(page) {
  return page.evaluate(
    ([want]) => {
      const el = document.querySelector('#justification');
      const t = { firstKey: 0, lastKey: 0, lastInput: 0, done: 0 };
      window.__bench = t;
      const onKey = () => {
        if (t.done) return;
        t.lastKey = performance.timeOrigin + performance.now();
        t.firstKey ||= t.lastKey;
      };
      let landed;
      // Awaited by one evaluate (no polling: a CDP call every few ms is work on the page's main
      // thread, where the content script writes the expansion).
      window.__benchDone = new Promise((resolve) => (landed = resolve));
      const onInput = () => {
        if (!t.done && !el.value.startsWith(want)) t.lastInput = performance.timeOrigin + performance.now();
        if (!t.done && el.value.startsWith(want)) {
          t.done = performance.timeOrigin + performance.now();
          landed(t);
        }
      };
      el.addEventListener('keydown', onKey);
      el.addEventListener('input', onInput);
      window.__benchOff = () => {
        el.removeEventListener('keydown', onKey);
        el.removeEventListener('input', onInput);
      };
    },
    [WANT],
  );
}

async function typeAndTime(page, delay, prefilled = '') {
  await page.fill('#justification', prefilled);
  await page.focus('#justification');
  await arm(page);
  await page.keyboard.type(TRIGGER.slice(prefilled.length), { delay });
  const t = await page.evaluate(
    () => Promise.race([window.__benchDone, new Promise((resolve) => setTimeout(() => resolve(null), 10_000))]),
  );
  await page.evaluate(() => window.__benchOff());
  if (!t) throw new Error(`${TRIGGER} did not expand within 10 s`);
  return t;
}

/**
 * The background's startup marks as epoch ms: {origin, top, main, boot, wasm, read, loaded, warm,
 * and either literal (answered from the literal list before the core was in) or route, expanded}.
 */
async function marks(browser) {
  const sw = browser.worker();
  if (!sw) return null;
  return sw.evaluate(() => {
    const out = { origin: performance.timeOrigin };
    for (const m of performance.getEntriesByType('mark')) {
      if (m.name.startsWith('rubrica:')) out[m.name.slice(8)] ??= performance.timeOrigin + m.startTime;
    }
    return out;
  });
}

/**
 * Where one expansion's time went, from the page's events and the worker's marks of its latest port
 * request (background/router.js, markLast), all as epoch ms: [key → the browser's input event,
 * → the request in the worker, the worker's share, reply → text in the field]; null when the
 * latest port request is not this expansion's (it went by runtime.sendMessage).
 */
async function hops(browser, t) {
  const m = await browser.worker()?.evaluate(() => {
    const at = (n) => performance.getEntriesByName(`rubrica:${n}`).map((e) => performance.timeOrigin + e.startTime).at(-1) ?? 0;
    return { in: at('port:in'), out: at('port:out') };
  });
  if (!m || !t.lastInput || m.in < t.lastInput || m.out < m.in || m.out > t.done) return null;
  return [t.lastInput - t.lastKey, m.in - t.lastInput, m.out - m.in, t.done - m.out];
}

const HOPS = [
  'last key → its input event (the browser; no Rubrica code)',
  '→ the request in the worker (content script, port)',
  'the worker: request → reply (router, checks, handler, core)',
  'reply → text in the field (port, content script write)',
];

const STAGES = [
  ['first key of the trigger → worker started (the first key wakes it)', 'firstKey', 'origin'],
  ['worker started → background script starts to run', 'origin', 'top'],
  ['→ background script evaluated, listeners registered', 'top', 'main'],
  ['script evaluated → WebAssembly compiled and instantiated', 'boot', 'wasm'],
  ['→ storage read (start keys)', 'wasm', 'read'],
  ['→ migration check and state loaded', 'read', 'loaded'],
  ['→ first message routed (parse, handler)', 'loaded', 'route'],
  ['→ expansion rendered, reply sent', 'route', 'expanded'],
  ['reply → text in the field (content script write)', 'expanded', 'done'],
];

export async function startupBench(line, { runs = 30, server, browser } = {}) {
  const ownServer = !server;
  server ??= await startServer();
  const ownBrowser = !browser;
  browser ??= await launch();
  console.log('\n# expansion latency: last key of ;rubrica → text in the textarea (Chromium, release build)');
  const page = await browser.page(server.url('/task.html'));
  await page.click('#justification');
  // The page's first expansion is not a warm one: the browser has just started the worker, whose
  // state may still be loading. Timed and printed on its own, left out of the warm figures.
  const first = await typeAndTime(page, 0);
  const warm = [];
  // Hops per column of the table below: warm typed at once, then warm and cold at each human speed.
  const split = { warm: [] };
  // Twice as many warm expansions as cold starts (they are cheap): a p95 of 30 is the second
  // slowest, which one stray pause of the machine decides.
  for (let i = 0; i < runs * 2; i++) {
    const t = await typeAndTime(page, 0);
    warm.push(t.done - t.lastKey);
    split.warm.push(await hops(browser, t));
  }
  // Warm at human speed too: typed key by key, the browser's own steps take longer than typed at
  // once (its threads go idle between keys), so a cold expansion at that speed is compared with a
  // warm one typed the same way as well as with warm typed at once.
  const warmAt = {};
  for (const delay of [80, 400]) {
    const n = delay >= 400 ? Math.ceil(runs / 2) : runs;
    warmAt[delay] = [];
    split[`warm ${delay}`] = [];
    for (let i = 0; i < n; i++) {
      const t = await typeAndTime(page, delay);
      warmAt[delay].push(t.done - t.lastKey);
      split[`warm ${delay}`].push(await hops(browser, t));
    }
  }
  const results = {};
  const breakdown = [];
  const modes = [
    ['at once', 0, ''],
    ['at 80 ms per key', 80, ''],
    ['at 400 ms per key', 400, ''],
    // The worst case: the trigger's last key is the first the worker hears of (its message wakes it).
    ['last key only (its message wakes the worker)', 0, TRIGGER.slice(0, -1)],
  ];
  for (const [name, delay, prefilled] of modes) {
    const xs = [];
    const n = delay >= 400 ? Math.ceil(runs / 2) : runs;
    for (let i = 0; i < n; i++) {
      await page.fill('#justification', prefilled);
      await page.focus('#justification');
      const { restarted } = await browser.stopServiceWorker();
      const t = await typeAndTime(page, delay, prefilled);
      xs.push(t.done - t.lastKey);
      await restarted.catch(() => {});
      if (delay > 0) (split[`cold ${delay}`] ??= []).push(await hops(browser, t));
      if (delay === 0 && !prefilled) {
        const m = await marks(browser);
        if (m) breakdown.push({ ...m, firstKey: t.firstKey, lastKey: t.lastKey, done: t.done });
      }
    }
    results[name] = xs;
  }
  line('the page\'s first expansion (its worker just started)', ms(first.done - first.lastKey), 'no target; not counted as warm');
  line('warm: median / p95', `${ms(median(warm))} / ${ms(pct(warm, 95))}`, 'target p95 < 8 ms');
  for (const [delay, xs] of Object.entries(warmAt)) {
    line(`warm, typed at ${delay} ms per key: median / p95`, `${ms(median(xs))} / ${ms(pct(xs, 95))}`);
  }
  for (const [name, xs] of Object.entries(results)) {
    const delay = Number(name.match(/at (\d+) ms/)?.[1] ?? 0);
    const vs = (base) => `${median(xs) - median(base) >= 0 ? '+' : ''}${ms(median(xs) - median(base))}`;
    const target = name === 'at once'
      ? 'target p95 < 60 ms'
      : name.startsWith('last key') ? 'no target: Chromium starts the worker (the 2026-11-26 bench measured this: p95 83.3 ms)'
        : `target: median within 2 ms of warm: ${vs(warm)} against warm typed at once, ${vs(warmAt[delay])} against warm typed at ${delay} ms per key`;
    line(`worker stopped first, typed ${name}: median / p95`, `${ms(median(xs))} / ${ms(pct(xs, 95))}`, target);
  }
  // Where a human-speed cold expansion's extra time goes, beside warm ones (issue 9: within 2 ms).
  console.log('\n  where an expansion\'s time goes, warm and cold at human speed (medians):');
  const cols = Object.keys(split);
  const title = (c) => (c === 'warm' ? 'warm' : c.replace(/(\d+)$/, '$1 ms'));
  line('    (the expansion; ms per key)', cols.map((c) => title(c).padStart(13)).join(''));
  HOPS.forEach((label, i) => {
    const cells = cols.map((c) => {
      const xs = split[c].filter(Boolean).map((h) => h[i]);
      return (xs.length ? ms(median(xs)) : 'n/a').padStart(13);
    });
    line(`    ${label}`, cells.join(''));
  });
  const fromList = breakdown.filter((b) => b.literal);
  const fromCore = breakdown.filter((b) => !b.literal);
  console.log(`\n  where a cold expansion's time goes (typed at once; medians of ${breakdown.length} starts):`);
  const typing = breakdown.map((b) => b.lastKey - b.firstKey);
  line('    typing the trigger (first key → last key)', ms(median(typing)));
  for (const [label, from, to] of STAGES.slice(0, 3)) {
    const xs = breakdown.filter((b) => b[from] && b[to]).map((b) => b[to] - b[from]);
    if (xs.length) line(`    ${label}`, ms(median(xs)));
  }
  if (fromList.length) {
    console.log(`  ${fromList.length} answered from the literal list before the core loaded:`);
    line('    script evaluated → the first message dispatched', ms(median(fromList.map((b) => b.message - b.main))));
    line('    → answered from the list (storage.session read)', ms(median(fromList.map((b) => b.literal - b.message))));
    line('    reply → text in the field', ms(median(fromList.map((b) => b.done - b.literal))));
    // Since the core loads a moment after a cold literal reply (warmSoon), it is often not loaded
    // yet when the marks are read.
    const loaded = fromList.filter((b) => b.loaded).map((b) => b.loaded - b.main);
    if (loaded.length) line(`    (the core loaded meanwhile in ${loaded.length}: script → compiled, read, loaded)`, ms(median(loaded)));
  }
  if (fromCore.length) {
    console.log(`  ${fromCore.length} answered by the core:`);
    for (const [label, from, to] of STAGES.slice(3)) {
      const xs = fromCore.filter((b) => b[from] && b[to]).map((b) => b[to] - b[from]);
      if (xs.length) line(`    ${label}`, ms(median(xs)));
    }
  }
  await page.close();
  if (ownBrowser) await browser.close();
  if (ownServer) await server.close();
  return { warm, warmAt, ...results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const line = (label, figure, comparison = '') => console.log(`${label.padEnd(62)} ${String(figure).padStart(16)}   ${comparison}`);
  await startupBench(line, { runs: Number(process.env.RUNS ?? 30) });
}
