// The background's one engine (extension/background/engine.js): both WebAssembly modules follow
// every change of storage, whoever made it. Regression test of issue #9: a settings change reached
// only the start-up module, so a platform created afterwards (in the full module) took the old
// currency.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, TEST_BUILD } from './browser.mjs';

let browser;
let page;

before(async () => {
  browser = await launch({ dir: TEST_BUILD });
  page = await browser.extensionPage('popup/popup.html');
});

after(async () => {
  await browser?.close();
});

async function send(type, payload) {
  const reply = await sendFromPage(page, payload === undefined ? { type } : { type, payload });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.data;
}

const hook = (name, ...args) => browser.sw.evaluate(([n, a]) => globalThis.__rubricaTest[n](...a), [name, args]);

test('a platform created after a currency change takes the new currency (both modules follow settings)', async () => {
  // The first platform loads the full module (platforms are created there) with the default currency.
  const first = await send('platform.create', { name: 'Outlier' });
  assert.equal(first.currency, 'USD');
  await send('settings.update', { patch: { currency: 'EUR' } });
  const second = await send('platform.create', { name: 'Mercor' });
  assert.equal(second.currency, 'EUR', 'the full module still had the old settings');
  const { core, full } = await hook('engineSettings');
  assert.equal(core.currency, 'EUR');
  assert.equal(full.currency, 'EUR');
});

test('a change written behind the store’s back reaches both modules through storage.onChanged', async () => {
  await send('platform.create', { name: 'Appen' }); // the full module is loaded
  const stored = await hook('readStorage', ['settings']);
  const before = await hook('engineSettings');
  await hook('writeStorageDirectly', { settings: { ...stored.settings, currency: 'GBP' } });
  let now = before;
  for (let i = 0; i < 50 && now.core.currency !== 'GBP'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    now = await hook('engineSettings');
  }
  assert.equal(now.core.currency, 'GBP');
  assert.equal(now.full.currency, 'GBP');
  assert.ok(now.tableRevision > before.tableRevision, 'the trigger table revision moves with settings');
  const platform = await send('platform.create', { name: 'Scale' });
  assert.equal(platform.currency, 'GBP');
});

test('the store’s own writes are applied once, not again when storage.onChanged echoes them', async () => {
  const before = await hook('engineSettings');
  await send('settings.update', { patch: { currency: 'CAD' } });
  await new Promise((r) => setTimeout(r, 300)); // the echo has arrived by now
  const after = await hook('engineSettings');
  assert.equal(after.core.currency, 'CAD');
  assert.equal(after.tableRevision, before.tableRevision + 1, 'one change, one new table revision');
});

test('a worker restart keeps the trigger table revision, so no tab re-fetches an unchanged table', async () => {
  const before = (await hook('engineSettings')).tableRevision;
  const { restarted } = await browser.stopServiceWorker();
  const ping = await send('ping'); // wakes the worker: a content script's first message after a stop
  await restarted;
  assert.equal(ping.tableRevision, before, 'the restarted worker answers with the kept revision');
  const after = await hook('engineSettings');
  assert.equal(after.tableRevision, before);
  // A change after the restart still moves it, once.
  await send('settings.update', { patch: { currency: 'AUD' } });
  assert.equal((await hook('engineSettings')).tableRevision, before + 1);
});
