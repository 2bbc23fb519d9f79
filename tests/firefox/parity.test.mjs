// Firefox parity for what must not be lost (issue 13), on the test build in Firefox ESR: a work
// session (start, laps, the background script terminated mid-session as Firefox does to an idle
// event page, idle back-dated, exact totals), the backup round trip through the Data section
// (plain and encrypted, a wrong passphrase refused), and a snippet import (espanso) that expands.
// Messages go from the dashboard page as the pages send them; hooks are reached through
// `runtime.getBackgroundPage()` (Firefox's background is a page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firefox } from './webdriver.mjs';
import { startServer } from '../e2e/server.mjs';

const TEST_BUILD = fileURLToPath(new URL('../../dist/rubrica-test', import.meta.url));
const ID = 'rubrica@rubrica.invalid';
const UUID = '5f0c2b7e-3d1a-4c6e-9b2f-7a8d4e1c0b93';
const DASHBOARD = `moz-extension://${UUID}/dashboard/dashboard.html`;

let ff;
let server;
let dir;

before(async () => {
  server = await startServer();
  dir = await mkdtemp(join(tmpdir(), 'rubrica-ff-'));
  ff = await firefox({ prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [ID]: UUID }) }, systemAccess: true });
  await ff.installAddon(TEST_BUILD);
  await ff.openExtensionPage(`${DASHBOARD}#data`);
  assert.ok(await ff.waitFor(() => document.querySelector('#section-data') !== null, [], 15_000), 'the dashboard opened');
});

after(async () => {
  await ff?.close();
  await server?.close();
});

/** Makes the current tab an extension page (closing a tab goes back to the first, a web page). */
async function inExtensionPage() {
  if ((await ff.script(() => location.protocol)) !== 'moz-extension:') {
    await ff.openExtensionPage(`${DASHBOARD}#overview`);
    assert.ok(await ff.waitFor(() => typeof browser === 'object', [], 15_000));
  }
}

/** Sends a contract message from the dashboard page; resolves with `data`, throws the error. */
async function send(type, payload) {
  await inExtensionPage();
  const reply = await ff.script((t, p) => browser.runtime.sendMessage(p === null ? { type: t } : { type: t, payload: p }), type, payload ?? null);
  if (!reply?.ok) throw new Error(`${type}: ${JSON.stringify(reply)}`);
  return reply.data;
}

/** Calls a test hook in the background page. */
const hook = async (name, ...args) => (await inExtensionPage(), ff.script(async (n, a) => (await browser.runtime.getBackgroundPage()).__rubricaTest[n](...a), name, args));

/** Terminates the background script, as Firefox does to an idle event page (about:debugging's Terminate). */
async function terminateBackground() {
  await ff.chromeScript(`
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    return ExtensionParent.GlobalManager.getExtension(arguments[0]).terminateBackground().then(() => true);`, ID);
}

function checkTotals(v) {
  const t = v.totals;
  assert.equal(t.wall, t.active + t.idle + t.idleDiscarded + t.paused, JSON.stringify(t));
  assert.equal(t.tasks.reduce((a, x) => a + x.wall, 0) + t.setup, t.wall, JSON.stringify(t));
}

test('Firefox: a work session survives the background being terminated; idle is back-dated; totals exact', async () => {
  const t0 = Date.now();
  let v = await send('session.command', { command: { type: 'start' } });
  assert.equal(v.state.state, 'running');
  const started = v.session.startedAt;
  v = await send('session.command', { command: { type: 'nextTask' } });
  assert.equal(v.taskCount, 1);

  const { bootedAt } = await hook('ready');
  await terminateBackground();
  v = await send('session.get'); // wakes the background
  assert.notEqual((await hook('ready')).bootedAt, bootedAt, 'a new background booted');
  assert.equal(v.state.state, 'running', 'still running after the background was terminated');
  assert.equal(v.session.startedAt, started);
  assert.equal(v.taskCount, 1);
  v = await send('session.command', { command: { type: 'nextTask' } });
  assert.equal(v.taskCount, 2);

  await send('settings.update', { patch: { session: { idleThresholdSec: 15 } } });
  const before = Date.now();
  v = await hook('sessionIdle', 'idle');
  assert.equal(v.state.state, 'idle');
  const idle = v.session.events.findLast((e) => e.kind === 'idle');
  assert.ok(idle, JSON.stringify(v.session.events));
  // Back-dated by the threshold, but never before the last recorded activity (the lap just taken).
  const since = idle.from ?? idle.at;
  const want = Math.max(before - 15_000, v.lastActivity ?? 0);
  // (The lap was just taken, so that is usually the lap itself: what matters is that idle does not
  // start when the background noticed it, and starts no earlier than it may.)
  assert.ok(since <= before && since >= want - 50 && since - want < 2000, `idle from ${before - since} ms ago, expected ${before - want}`);
  v = await hook('sessionIdle', 'active');
  v = await send('session.command', { command: { type: 'stop' } });
  assert.equal(v.state.state, 'stopped');
  const elapsed = Date.now() - t0;
  assert.equal(v.totals.wall, v.session.endedAt - started);
  assert.ok(v.totals.wall <= elapsed + 1000, `${v.totals.wall} vs ${elapsed}`);
  checkTotals(v);
});

/** Imports `file` through Data → Import as a user; `passphrase` for an encrypted one. Resolves with the preview text. */
async function importThroughUi(path, passphrase) {
  await ff.openExtensionPage(`${DASHBOARD}#data`);
  assert.ok(await ff.waitFor(() => document.querySelector('#import-file') !== null, [], 15_000));
  await ff.type(await ff.find('#import-file'), path);
  if (passphrase) {
    assert.ok(await ff.waitFor(() => document.querySelector('#import-passphrase') !== null), 'the passphrase question');
    await ff.type(await ff.find('#import-passphrase'), passphrase);
    await ff.click(await ff.find('#import-unlock'));
  }
  const opened = await ff.waitFor(() => document.querySelector('#import-preview, #import-passphrase-status.status-error, #import-error') !== null
    && !!(document.querySelector('#import-preview') || document.querySelector('#import-passphrase-status')?.textContent || document.querySelector('#import-error')), [], 20_000);
  assert.ok(opened, 'the import answered');
  return ff.script(() => ({
    preview: document.querySelector('#import-preview')?.innerText ?? null,
    status: document.querySelector('#import-passphrase-status')?.textContent ?? null,
    error: document.querySelector('#import-error')?.innerText ?? null,
  }));
}

async function commitImport() {
  await ff.click(await ff.find('#import-commit'));
  assert.ok(await ff.waitFor(() => document.querySelector('#import-done') !== null, [], 15_000), 'the import finished');
  await ff.closeTab();
}

const SNIPPET = 'snp_01JQ00000000000000000000F1';
const snippets = () => hook('readStorage', ['snippets']).then((s) => s.snippets);

test('Firefox: backup export → import round trip, plain and encrypted; a wrong passphrase changes nothing', async () => {
  const at = Date.now();
  const all = await snippets();
  await hook('writeStorage', { snippets: { ...all, [SNIPPET]: { id: SNIPPET, createdAt: at, updatedAt: at, triggers: [';ffb'], template: 'Firefox backup.' } } });
  const envelope = await send('backup.export');
  const plain = `${JSON.stringify(envelope, null, 2)}\n`;
  // The encryption the Data section does on export, in the dashboard page's own core.
  await inExtensionPage();
  const sealed = await ff.script(async (text) => {
    const { pageCore } = await import('/shared/page-core.js');
    const { wasm } = await pageCore();
    return wasm.encryptBackup(text, 'amber falcon river quartz', crypto.getRandomValues(new Uint8Array(40)));
  }, plain);
  assert.match(sealed, /^rubrica-encrypted-backup 1 argon2id /);
  const plainFile = join(dir, 'backup.json');
  const sealedFile = join(dir, 'backup.enc');
  await writeFile(plainFile, plain);
  await writeFile(sealedFile, sealed);

  const drop = async () => {
    const s = await snippets();
    delete s[SNIPPET];
    await hook('writeStorage', { snippets: s });
  };
  await drop();
  let r = await importThroughUi(plainFile);
  assert.match(r.preview ?? '', /1 to add/, JSON.stringify(r));
  await commitImport();
  assert.equal((await snippets())[SNIPPET]?.template, 'Firefox backup.');

  await drop();
  const before = await hook('readStorage', null);
  r = await importThroughUi(sealedFile, 'amber falcon river quartzz');
  assert.match(r.status ?? '', /Wrong passphrase, or the file was changed/, JSON.stringify(r));
  assert.deepEqual(await hook('readStorage', null), before, 'a wrong passphrase changes nothing');
  await ff.closeTab();
  r = await importThroughUi(sealedFile, 'amber falcon river quartz');
  assert.match(r.preview ?? '', /1 to add/, JSON.stringify(r));
  await commitImport();
  assert.equal((await snippets())[SNIPPET]?.template, 'Firefox backup.');
});

test('Firefox: an espanso file imports through Data → Import and its trigger expands', async () => {
  const file = join(dir, 'matches.yml');
  await writeFile(file, 'matches:\n  - trigger: ";ffesp"\n    replace: "Imported in Firefox."\n');
  const r = await importThroughUi(file);
  assert.ok(r.preview, JSON.stringify(r));
  await commitImport();
  const s = Object.values(await snippets()).find((x) => x.triggers?.includes(';ffesp'));
  assert.equal(s?.template, 'Imported in Firefox.');
  await ff.goto(server.url('/task.html'));
  const box = await ff.find('#justification');
  await ff.click(box);
  await new Promise((res) => setTimeout(res, 500));
  await ff.type(box, ';ffesp');
  assert.ok(await ff.waitFor(() => document.querySelector('#justification').value === 'Imported in Firefox.'), 'the imported trigger expands');
});
