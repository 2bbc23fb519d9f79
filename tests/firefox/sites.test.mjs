// Site control in Firefox ESR (docs/sites.md), on the test build, through Settings → Sites as a
// user: a site enabled there gets Rubrica's registered content script (scripting API in Firefox),
// a built-in platform turned off stops expanding, a removed site stops. The test build holds the
// host permission for rubrica-enable.localhost; Firefox is told to resolve it to this machine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { firefox } from './webdriver.mjs';
import { startServer } from '../e2e/server.mjs';

const TEST_BUILD = fileURLToPath(new URL('../../dist/rubrica-test', import.meta.url));
const DEMO = 'Rubrica is working: this text was rendered by its core, on this machine.';
const HOST = 'rubrica-enable.localhost';
// A fixed internal UUID, so the test can open the add-on's own pages.
const UUID = '5f0c2b7e-3d1a-4c6e-9b2f-7a8d4e1c0b93';

let ff;
let server;
let port;

before(async () => {
  server = await startServer();
  port = new URL(server.origin).port;
  ff = await firefox({
    prefs: {
      'extensions.webextensions.uuids': JSON.stringify({ 'rubrica@rubrica.invalid': UUID }),
      'network.dns.localDomains': HOST,
    },
    systemAccess: true,
  });
  await ff.installAddon(TEST_BUILD);
});

after(async () => {
  await ff?.close();
  await server?.close();
});

/** Types the demo trigger on `host`'s task page; true when it expanded. */
async function expandsOn(host, timeout = 4000) {
  await ff.goto(`http://${host}:${port}/task.html`);
  const box = await ff.find('#justification');
  await ff.click(box);
  await new Promise((r) => setTimeout(r, 500)); // the content script wakes the background
  await ff.type(box, ';rubrica');
  return ff.waitFor((want) => document.querySelector('#justification').value === want, [DEMO], timeout);
}

/** Opens Settings in a new tab; `done()` closes it. */
async function settings() {
  await ff.openExtensionPage(`moz-extension://${UUID}/dashboard/dashboard.html#settings`);
  assert.ok(await ff.waitFor(() => document.querySelector('#set-platform-sites [role="switch"]') !== null));
}
const done = () => ff.closeTab();

const statusSays = (text) => ff.waitFor((t) => document.querySelector('#set-sites-status')?.textContent.includes(t), [text]);

test('Firefox: a site enabled in Settings expands through the registered script; removed, it stops', async () => {
  assert.equal(await expandsOn(HOST, 1000), false, 'not enabled yet');
  await settings();
  await ff.type(await ff.find('#set-site-host'), HOST);
  await ff.click(await ff.find('#set-site-add'));
  assert.ok(await statusSays(`Enabled on ${HOST}`), await ff.script(() => document.querySelector('#set-sites-status')?.textContent));
  await done();
  assert.ok(await expandsOn(HOST), 'expands on the enabled site');

  await settings();
  await ff.click(await ff.find(`#site-remove-${HOST.replace(/[^a-z0-9-]/g, '_')}`));
  assert.ok(await statusSays(`Removed ${HOST}`));
  await done();
  assert.equal(await expandsOn(HOST, 1000), false, 'removed: no expansion');
});

test('Firefox: a built-in platform turned off in Settings stops expanding; on again works', async () => {
  assert.ok(await expandsOn('127.0.0.1'));
  await settings();
  await ff.click(await ff.find('#site-switch-127_0_0_1'));
  assert.ok(await statusSays('Expansion is off at 127.0.0.1'));
  await done();
  assert.equal(await expandsOn('127.0.0.1', 1000), false, 'off: the background refuses');
  await settings();
  await ff.click(await ff.find('#site-switch-127_0_0_1'));
  assert.ok(await statusSays('Expansion is on at 127.0.0.1'));
  await done();
  assert.ok(await expandsOn('127.0.0.1'));
});
