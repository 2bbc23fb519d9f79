// Site control (docs/sites.md) in Chromium, on the test build. Automation cannot answer the
// browser's permission prompt, so the test build's manifest already holds the host permission for
// one test-only host, rubrica-enable.localhost (Chromium resolves *.localhost to loopback; no
// content-script pattern of the manifest matches it). The popup is opened as a page pointed at the
// task tab (popup.html?tab=ID, a test-build-only file); everything else is what a user does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, sendFromPage, TEST_BUILD, waitUntil, within, WAIT_MS } from './browser.mjs';
import { expandsOn } from './typing.mjs';
import { startServer } from './server.mjs';

const DEMO = 'Rubrica is working: this text was rendered by its core, on this machine.';
const ENABLE_HOST = 'rubrica-enable.localhost';

let server;
let browser;
let port;

before(async () => {
  server = await startServer();
  port = new URL(server.origin).port;
  browser = await launch({ dir: TEST_BUILD });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `fn(arg)` in the service worker (test hooks, chrome.* APIs); fails when it does not answer. */
const inWorker = (fn, arg) => within(browser.sw.evaluate(fn, arg), WAIT_MS, 'the service worker did not answer');

const urlOn = (host) => `http://${host}:${port}/task.html`;

/** The id of the tab showing `page` (the background knows tabs by id; Playwright does not). */
async function tabIdOf(page) {
  const url = page.url();
  const id = await inWorker(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  assert.ok(Number.isInteger(id), `a tab shows ${url}`);
  return id;
}

/** The popup, about the tab of `page`. */
async function popupFor(page) {
  const id = await tabIdOf(page);
  const p = await browser.extensionPage(`popup/popup.html?tab=${id}`);
  await p.setViewportSize({ width: 360, height: 620 });
  await p.locator('#site-card[data-site]').waitFor();
  return p;
}

const badge = (p) => p.locator('#site-badge-text');

async function waitBadge(p, text) {
  try {
    await p.locator('#site-badge-text', { hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 5000 });
  } catch (e) {
    const [now, said] = [await badge(p).textContent(), await p.locator('#action-status').textContent()];
    throw new Error(`the badge reads "${now}", not "${text}"; the popup said "${said}"`, { cause: e });
  }
}

/** The stored usage count of the snippet with `trigger` (schema 3: `snippetUses`, apart from the snippets). */
async function usesOf(trigger) {
  const { snippets, snippetUses } = await inWorker(async () => __rubricaTest.readStorage(['snippets', 'snippetUses']));
  const id = Object.values(snippets ?? {}).find((s) => s.triggers?.includes(trigger))?.id;
  return snippetUses?.[id]?.count ?? 0;
}

async function registered() {
  return inWorker(() => chrome.scripting.getRegisteredContentScripts());
}

/** Routes a message as Chromium's content script in `tab` of `origin` would send it. */
function routeFrom(origin, tab, message) {
  return inWorker(
    ([o, t, m]) => __rubricaTest.route(m, { id: chrome.runtime.id, origin: o, tab: t, frameId: 0 }),
    [origin, tab, message],
  );
}

test('enable on this site: asks, registers, runs in the open page at once and after a reload; turn off stops it', async () => {
  const task = await browser.page(urlOn(ENABLE_HOST));
  await task.waitForLoadState('load');
  assert.equal(await expandsOn(task, ';rubrica', DEMO, 800), false, 'no expansion before the site is enabled');
  assert.equal(await task.inputValue('#justification'), ';rubrica');

  const p = await popupFor(task);
  assert.equal(await p.locator('#site-host').textContent(), ENABLE_HOST);
  assert.equal(await badge(p).textContent(), 'Not enabled');
  assert.equal(await p.locator('#site-disable').isVisible(), false);
  await browser.screenshot(p, 'sites-popup-not-enabled');

  // Keyboard: focus the button and press Enter, as a keyboard user would.
  await p.getByRole('button', { name: 'Enable on this site' }).focus();
  await p.keyboard.press('Enter');
  await waitBadge(p, 'Expansion on');
  await p.locator('#action-status', { hasText: `Enabled on ${ENABLE_HOST}` }).waitFor();
  assert.equal(await p.evaluate(() => document.activeElement?.id), 'site-disable', 'focus stays on the card');
  await browser.screenshot(p, 'sites-popup-enabled');

  const scripts = await registered();
  assert.equal(scripts.length, 1);
  assert.deepEqual(scripts[0].matches, [`*://${ENABLE_HOST}/*`]);
  assert.equal(scripts[0].allFrames, true);
  assert.equal(scripts[0].persistAcrossSessions, true);
  const stored = await inWorker(async () => (await __rubricaTest.readStorage(['settings'])).settings);
  assert.deepEqual(stored.expansion.extraSites, [ENABLE_HOST]);

  await task.bringToFront();
  assert.ok(await expandsOn(task, ';rubrica', DEMO), 'expands in the already-open page, without a reload');
  await task.reload();
  assert.ok(await expandsOn(task, ';rubrica', DEMO), 'expands after a reload (registered content script)');

  await p.getByRole('button', { name: 'Turn off on this site' }).click();
  await waitBadge(p, 'Not enabled');
  assert.equal(await p.evaluate(() => document.activeElement?.id), 'site-enable');
  assert.deepEqual(await registered(), [], 'the registration is gone');
  await task.bringToFront();
  assert.equal(await expandsOn(task, ';rubrica', DEMO, 800), false, 'the loaded script stops at once');
  await task.reload();
  assert.equal(await expandsOn(task, ';rubrica', DEMO, 800), false, 'and nothing runs after a reload');
  await p.close();
  await task.close();
});

test('one copy per frame: enabling again, or injecting the script twice, expands once', async () => {
  const task = await browser.page(urlOn(ENABLE_HOST));
  const p = await popupFor(task);
  const saved = await sendFromPage(p, { type: 'snippet.save', payload: { snippet: { triggers: [';once'], template: 'Once only.' } } });
  assert.equal(saved.ok, true);
  await p.getByRole('button', { name: 'Enable on this site' }).click();
  await waitBadge(p, 'Expansion on');
  // Off and on again without a reload: the script is still loaded in the page.
  await p.getByRole('button', { name: 'Turn off on this site' }).click();
  await waitBadge(p, 'Not enabled');
  await p.getByRole('button', { name: 'Enable on this site' }).click();
  await waitBadge(p, 'Expansion on');
  // And a second copy forced into the frame, past the background's check.
  const tabId = await tabIdOf(task);
  await inWorker(
    (id) => chrome.scripting.executeScript({ target: { tabId: id }, files: ['content.js'] }).catch(() => null),
    tabId,
  );

  await task.bringToFront();
  assert.equal(await usesOf(';once'), 0);
  assert.ok(await expandsOn(task, ';once', 'Once only.'));
  await task.waitForTimeout(1800); // uses are batched: written about a second after the reply
  assert.equal(await usesOf(';once'), 1, 'one expansion request for one trigger: one copy listens');
  await p.getByRole('button', { name: 'Turn off on this site' }).click();
  await waitBadge(p, 'Not enabled');
  await p.close();
  await task.close();
});

test('a built-in platform turned off: no expansion, the background refuses it; on again works', async () => {
  const task = await browser.page(urlOn('localhost'));
  assert.ok(await expandsOn(task, ';rubrica', DEMO), 'localhost is a built-in platform');
  const tabId = await tabIdOf(task);
  const tab = { id: tabId, url: task.url() };
  const origin = `http://localhost:${port}`;

  const p = await popupFor(task);
  await waitBadge(p, 'Expansion on');
  assert.match(await p.locator('#site-detail').textContent(), /built-in task platform/);
  await p.getByRole('button', { name: 'Turn off on this site' }).click();
  await waitBadge(p, 'Off here');
  await browser.screenshot(p, 'sites-popup-off');

  await task.bringToFront();
  assert.equal(await expandsOn(task, ';rubrica', DEMO, 800), false, 'nothing expands on a site turned off');

  // A content script that still believes it may expand is refused by the background.
  const expand = { type: 'expand', payload: { trigger: ';rubrica' } };
  const refused = await routeFrom(origin, tab, expand);
  assert.equal(refused.ok, true);
  assert.equal(refused.data.status, 'off');
  assert.equal(refused.data.text, undefined, 'no text for a site that is off');
  const table = await routeFrom(origin, tab, { type: 'triggers.get' });
  assert.equal(table.data.enabled, false);
  assert.deepEqual(table.data.entries, {}, 'a frame on a site that is off gets no triggers');
  // A frame of that site inside another site's tab is off too, and the tab's site decides for its frames.
  const other = await routeFrom(`http://127.0.0.1:${port}`, { id: tabId, url: task.url() }, expand);
  assert.equal(other.data.status, 'off', 'a frame in a tab whose site is off');
  const control = await routeFrom(`http://127.0.0.1:${port}`, { id: tabId, url: `http://127.0.0.1:${port}/` }, expand);
  assert.equal(control.data.status, 'done', '127.0.0.1 is still on');
  assert.equal(control.data.text, DEMO);
  const stranger = await routeFrom('https://not-enabled.example', { id: tabId, url: 'https://not-enabled.example/' }, expand);
  assert.equal(stranger.data.status, 'off', 'a site never enabled is refused');
  // Nor does the palette open there (it would insert text on a site the user turned off).
  const palette = await routeFrom(origin, tab, { type: 'palette.open', payload: { word: '' } });
  assert.equal(palette.ok, false);
  assert.equal(palette.error.kind, 'forbidden');
  const paletteOn = await routeFrom(`http://127.0.0.1:${port}`, { id: tabId, url: `http://127.0.0.1:${port}/` }, { type: 'palette.open', payload: { word: '' } });
  assert.equal(paletteOn.ok, true, 'the palette opens where Rubrica is on');
  assert.match(paletteOn.data.token, /^[0-9a-f]{32}$/);

  await p.getByRole('button', { name: 'Enable on this site' }).click();
  await waitBadge(p, 'Expansion on');
  await task.bringToFront();
  assert.ok(await expandsOn(task, ';rubrica', DEMO), 'expands again once turned back on');
  await p.close();
  await task.close();
});

test('global pause: nothing expands anywhere, and the popup says so', async () => {
  const enabled = await browser.page(urlOn(ENABLE_HOST));
  const p = await popupFor(enabled);
  await p.getByRole('button', { name: 'Enable on this site' }).click();
  await waitBadge(p, 'Expansion on');
  const local = await browser.page(urlOn('127.0.0.1'));
  assert.ok(await expandsOn(local, ';rubrica', DEMO));

  await p.bringToFront();
  await p.getByRole('button', { name: 'Pause expansion' }).click();
  await waitBadge(p, 'Paused');
  assert.match(await p.locator('#site-detail').textContent(), /paused on every site/);
  for (const page of [enabled, local]) {
    await page.bringToFront();
    assert.equal(await expandsOn(page, ';rubrica', DEMO, 800), false, `paused on ${page.url()}`);
  }
  await p.bringToFront();
  await p.getByRole('button', { name: 'Resume expansion' }).click();
  await waitBadge(p, 'Expansion on');
  for (const page of [enabled, local]) {
    await page.bringToFront();
    assert.ok(await expandsOn(page, ';rubrica', DEMO), `resumed on ${page.url()}`);
  }
  await p.getByRole('button', { name: 'Turn off on this site' }).click();
  await waitBadge(p, 'Not enabled');
  await p.close();
  await enabled.close();
  await local.close();
});

test('browser pages: the popup says expansion is not available there', async () => {
  const blank = await browser.page('about:blank');
  const p = await popupFor(blank);
  await waitBadge(p, 'Not available');
  assert.equal(await p.locator('#site-enable').isVisible(), false);
  assert.equal(await p.locator('#site-disable').isVisible(), false);
  await p.close();
  await blank.close();
});

test('settings: the Sites list turns platforms off and on, removes and adds enabled sites (keyboard)', async () => {
  const local = await browser.page(urlOn('localhost'));
  const enabled = await browser.page(urlOn(ENABLE_HOST));
  const p = await popupFor(enabled);
  await p.getByRole('button', { name: 'Enable on this site' }).click();
  await waitBadge(p, 'Expansion on');
  await p.close();

  const d = await browser.extensionPage('dashboard/dashboard.html#settings');
  const extra = d.locator('#set-extra-sites');
  await extra.getByText(ENABLE_HOST, { exact: true }).waitFor();
  const switches = d.locator('#set-platform-sites').getByRole('switch');
  assert.equal(await switches.count(), 14, 'every built-in platform is listed');
  assert.equal(await d.getByRole('switch', { name: 'outlier.ai' }).isChecked(), true);
  await browser.screenshot(d, 'sites-settings-light');

  // Turn localhost off with the keyboard.
  const localSwitch = d.getByRole('switch', { name: 'localhost', exact: true });
  await localSwitch.focus();
  await d.keyboard.press('Space');
  await d.locator('#set-sites-status', { hasText: 'Expansion is off at localhost' }).waitFor();
  await waitUntil(d, 'focus left the localhost switch', () => document.activeElement?.id === 'site-switch-localhost');
  assert.equal(await d.getByRole('switch', { name: 'localhost', exact: true }).isChecked(), false);
  await local.bringToFront();
  assert.equal(await expandsOn(local, ';rubrica', DEMO, 800), false, 'localhost turned off in settings');
  await d.bringToFront();
  await d.getByRole('switch', { name: 'localhost', exact: true }).press('Space');
  await d.locator('#set-sites-status', { hasText: 'Expansion is on at localhost' }).waitFor();
  await local.bringToFront();
  assert.ok(await expandsOn(local, ';rubrica', DEMO), 'localhost on again');

  // Remove the enabled site.
  await d.bringToFront();
  await d.getByRole('button', { name: `Remove ${ENABLE_HOST}` }).click();
  await d.locator('#set-sites-status', { hasText: `Removed ${ENABLE_HOST}` }).waitFor();
  await extra.getByText(/None yet/).waitFor();
  assert.deepEqual(await registered(), []);
  await enabled.bringToFront();
  assert.equal(await expandsOn(enabled, ';rubrica', DEMO, 800), false, 'removed in settings: stops at once');
  await enabled.reload();
  assert.equal(await expandsOn(enabled, ';rubrica', DEMO, 800), false, 'and no script runs there after a reload');

  // Add it back by typing its address.
  await d.bringToFront();
  await d.locator('#set-site-host').fill(`http://${ENABLE_HOST}:${port}/some/page`);
  await d.locator('#set-site-host').press('Enter');
  await d.locator('#set-sites-status', { hasText: `Enabled on ${ENABLE_HOST}` }).waitFor();
  await extra.getByText(ENABLE_HOST, { exact: true }).waitFor();
  await d.emulateMedia({ colorScheme: 'dark' });
  await d.locator('#set-theme-dark').check();
  await browser.screenshot(d, 'sites-settings-dark');
  await d.locator('#set-theme-system').check();
  await enabled.bringToFront();
  assert.ok(await expandsOn(enabled, ';rubrica', DEMO), 'added in settings: runs in the open page at once (injected)');
  await enabled.reload();
  assert.ok(await expandsOn(enabled, ';rubrica', DEMO), 'and after a reload');

  // A nonsense entry is refused next to the field.
  await d.bringToFront();
  await d.locator('#set-site-host').fill('not a site');
  await d.locator('#set-site-add').click();
  await d.locator('#set-sites-status', { hasText: 'Enter a web site' }).waitFor();
  assert.equal(await d.locator('#set-site-host').getAttribute('aria-invalid'), 'true');
  await d.close();
  await local.close();
  await enabled.close();
});

test('registrations follow startup, and permissions removed or granted in the browser', async () => {
  const enabled = await browser.page(urlOn(ENABLE_HOST));
  const stored = await inWorker(async () => (await __rubricaTest.readStorage(['settings'])).settings);
  assert.deepEqual(stored.expansion.extraSites, [ENABLE_HOST], 'still enabled from the test before');

  // A registration lost (Firefox without persistence, a browser that dropped it): startup restores it.
  await inWorker(() => chrome.scripting.unregisterContentScripts());
  assert.deepEqual(await registered(), []);
  await inWorker(() => __rubricaTest.sitesStartup());
  assert.deepEqual((await registered()).map((s) => s.matches), [[`*://${ENABLE_HOST}/*`]]);
  await enabled.reload();
  assert.ok(await expandsOn(enabled, ';rubrica', DEMO));

  // The user removes Rubrica's access to the site in the browser's settings.
  await inWorker((h) => __rubricaTest.sitesPermissionsRemoved({ origins: [`*://${h}/*`] }), ENABLE_HOST);
  const after = await inWorker(async () => (await __rubricaTest.readStorage(['settings'])).settings);
  assert.deepEqual(after.expansion.extraSites, [], 'the site is no longer enabled');
  assert.deepEqual(await registered(), []);
  assert.equal(await expandsOn(enabled, ';rubrica', DEMO, 800), false, 'the open page stops expanding');
  const p = await popupFor(enabled);
  await waitBadge(p, 'Not enabled');

  // Access granted outside the popup's own flow (the prompt closed the popup in Firefox, or the
  // browser's extension menu): the site is enabled and the open page expands without a reload.
  await enabled.reload();
  assert.equal(await expandsOn(enabled, ';rubrica', DEMO, 800), false);
  await inWorker((h) => __rubricaTest.sitesPermissionsAdded({ origins: [`*://${h}/*`] }), ENABLE_HOST);
  await waitBadge(p, 'Expansion on');
  assert.deepEqual((await registered()).map((s) => s.matches), [[`*://${ENABLE_HOST}/*`]]);
  await enabled.bringToFront();
  assert.ok(await expandsOn(enabled, ';rubrica', DEMO), 'runs in the open page at once');
  // A grant for all sites names no single site and enables nothing.
  await inWorker(() => __rubricaTest.sitesPermissionsAdded({ origins: ['*://*/*'] }));
  const all = await inWorker(async () => (await __rubricaTest.readStorage(['settings'])).settings);
  assert.deepEqual(all.expansion.extraSites, [ENABLE_HOST]);
  await p.close();
  await enabled.close();
});

test('a site granted over one scheme only (from the browser menu) runs on that scheme', async () => {
  const host = 'rubrica-http.localhost';
  const page = await browser.page(urlOn(host));
  assert.equal(await expandsOn(page, ';rubrica', DEMO, 800), false, 'nothing before the grant');
  await inWorker((h) => __rubricaTest.sitesPermissionsAdded({ origins: [`http://${h}/*`] }), host);
  const matches = (await registered()).flatMap((s) => s.matches);
  assert.ok(matches.includes(`http://${host}/*`), 'registered for the granted scheme');
  assert.ok(!matches.includes(`*://${host}/*`), 'and for no other');
  await page.bringToFront();
  assert.ok(await expandsOn(page, ';rubrica', DEMO), 'runs in the open page at once');
  const p = await popupFor(page);
  await waitBadge(p, 'Expansion on');
  await p.getByRole('button', { name: 'Turn off on this site' }).click();
  await waitBadge(p, 'Not enabled');
  assert.ok(!(await registered()).flatMap((s) => s.matches).some((m) => m.includes(host)), 'unregistered');
  await page.bringToFront();
  assert.equal(await expandsOn(page, ';rubrica', DEMO, 800), false, 'off again');
  await p.close();
  await page.close();
});

test('a site enabled in settings without access (e.g. from a backup) says so in the popup and in Settings', async () => {
  const host = 'no-access.localhost';
  const setup = await browser.extensionPage('dashboard/dashboard.html#settings');
  const before = (await sendFromPage(setup, { type: 'state.get' })).data.settings.expansion.extraSites;
  const patched = await sendFromPage(setup, { type: 'settings.update', payload: { patch: { expansion: { extraSites: [...before, host] } } } });
  assert.equal(patched.ok, true);
  const page = await browser.page(urlOn(host));
  assert.equal(await expandsOn(page, ';rubrica', DEMO, 800), false, 'no access, no script');
  assert.ok(!(await registered()).flatMap((s) => s.matches).some((m) => m.includes(host)), 'not registered without access');

  const p = await popupFor(page);
  await waitBadge(p, 'Needs access');
  assert.match(await p.locator('#site-detail').textContent(), /no longer has access/);
  assert.equal(await p.getByRole('button', { name: 'Enable on this site' }).isVisible(), true, 'Enable asks again');
  await browser.screenshot(p, 'sites-popup-needs-access');
  await p.close();

  await setup.reload();
  const hint = setup.locator('#set-extra-sites li', { hasText: host });
  await hint.getByText(/no access to it now/).waitFor();
  assert.equal(await hint.getByRole('button', { name: 'Allow access' }).isVisible(), true);
  await setup.getByRole('button', { name: `Remove ${host}` }).click();
  await setup.locator('#set-sites-status', { hasText: `Removed ${host}` }).waitFor();
  await setup.close();
  await page.close();
});
