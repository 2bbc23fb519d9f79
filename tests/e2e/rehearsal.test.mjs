// The background's rehearsal (extension/background/router.js, rehearseFor): when a content script
// wakes the worker, the worker runs one of that frame's expansion requests through its whole path
// with the demo trigger, so the user's first expansion does not pay for compiling it. It must be
// invisible: nothing written into the page, no use counted; the user's expansion after it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, until, WAIT_MS } from './browser.mjs';
import { startServer } from './server.mjs';

const DEMO_ID = 'snp_00000000000000000000000DEMO';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const worker = () => browser.worker();

/** The demo snippet's stored use count (0 when none is stored). */
const demoUses = () => worker().evaluate(async (id) => (await chrome.storage.local.get('snippetUses')).snippetUses?.[id]?.count ?? 0, DEMO_ID);

/** The worker's marks named `rubrica:<name>`: [{detail, at}]. */
const marks = (name) => worker().evaluate((n) => performance.getEntriesByName(`rubrica:${n}`).map((m) => ({ detail: m.detail, at: m.startTime })), name);

test('a woken worker rehearses the expansion path: nothing written or counted; the real expansion is', async () => {
  const task = await browser.page(server.url('/task.html'));
  await task.fill('#justification', '');
  await task.evaluate(() => document.activeElement?.blur());
  const { restarted } = await browser.stopServiceWorker();
  await task.focus('#justification'); // connects the warm port: that wakes the worker
  await restarted;
  const [rehearsed] = await until(async () => {
    const m = await marks('rehearsed');
    return m.length > 0 && m;
  }, WAIT_MS, 'the woken worker did not rehearse');
  assert.equal(rehearsed.detail, 'done', 'the rehearsal went through the site check to the core’s answer');

  // Uses are written a second after the expansion (background/expansion.js, FLUSH_MS): wait past it.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await demoUses(), 0, 'the rehearsal counted a use');
  assert.equal(await task.inputValue('#justification'), '', 'the rehearsal wrote into the page');

  // The user's own expansion afterwards: written and counted once; one rehearsal in all.
  await task.keyboard.type(';rubrica');
  await until(async () => (await task.inputValue('#justification')).startsWith('Rubrica is working'), WAIT_MS,
    'the demo trigger did not expand after the rehearsal');
  await until(async () => (await demoUses()) === 1, WAIT_MS, 'the real expansion was not counted once');
  assert.equal((await marks('rehearsed')).length, 1, 'one rehearsal per worker life');
  assert.deepEqual(browser.errors, []);
  await task.close();
});
