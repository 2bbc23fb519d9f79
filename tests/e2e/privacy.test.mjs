// "Nothing leaves the machine": through a whole session of use — expansions, a service-worker
// restart, the popup, every dashboard section, a backup export — every request any target makes
// (pages, extension pages, the service worker) stays on the extension or the local test server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitUntil, within, WAIT_MS } from './browser.mjs';
import { recordNetwork } from './network.mjs';
import { startServer } from './server.mjs';
import { acceptForm } from './typing.mjs';

test('Rubrica makes no network request beyond its own files', async () => {
  const server = await startServer();
  const browser = await launch();
  const rec = await recordNetwork(browser.ctx);
  try {
    const task = await browser.page(server.url('/task.html'));
    await task.click('#justification');
    await task.keyboard.type(';rubrica ;acc', { delay: 10 });
    await acceptForm(task); // ;acc has a fill-in field: its form opens (an extension frame)
    await waitUntil(task, 'the box does not hold “Accuracy: ”', () => document.querySelector('#justification').value.includes('Accuracy: '));

    const { restarted } = await browser.stopServiceWorker();
    await task.keyboard.type(' ;tone', { delay: 10 });
    await restarted;
    await waitUntil(task, 'the box does not hold “Tone: ”', () => document.querySelector('#justification').value.includes('Tone: '));

    const popup = await browser.extensionPage('popup/popup.html');
    await popup.getByRole('button', { name: 'Pause expansion' }).waitFor();
    await popup.close();
    const dash = await browser.extensionPage('dashboard/dashboard.html');
    for (const id of ['overview', 'snippets', 'rubrics', 'library', 'sessions', 'ledger', 'data', 'settings']) {
      await dash.goto(`chrome-extension://${browser.extensionId}/dashboard/dashboard.html#${id}`);
      await dash.locator(`#section-${id}`).waitFor();
    }
    await dash.goto(`chrome-extension://${browser.extensionId}/dashboard/dashboard.html#data`);
    const download = dash.waitForEvent('download');
    await dash.getByRole('button', { name: 'Export backup' }).click();
    await download;

    // The recorder can fail: a request the test page makes on purpose shows up in it, and so does
    // the restarted service worker's own fetch of its WebAssembly.
    await within(task.evaluate(() => fetch('/probe-request').catch(() => {})), WAIT_MS, 'the probe request did not end');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(rec.requests.includes(server.url('/probe-request')), 'the probe request was recorded');
    assert.ok(
      rec.requests.some((u) => u.startsWith(`chrome-extension://${browser.extensionId}/core/`)),
      'the service worker\'s module fetch was recorded',
    );

    // The overlay (here the fill-in form) is loaded by its use_dynamic_url address (a per-session host that
    // is also Rubrica's own file).
    const sw = await browser.serviceWorker();
    const frameUrl = await within(sw.evaluate(() => chrome.runtime.getURL('overlay/overlay.html')), WAIT_MS, 'the service worker did not answer');
    assert.ok(rec.requests.some((u) => u.startsWith(frameUrl)), 'the overlay was recorded');
    const allowed = (u) =>
      u.startsWith(`chrome-extension://${browser.extensionId}/`) ||
      u.startsWith(frameUrl) ||
      u.startsWith(`${server.origin}/`) ||
      u.startsWith('data:') ||
      u.startsWith('blob:');
    assert.deepEqual(rec.requests.filter((u) => !allowed(u)), [], 'no request left the machine');
  } finally {
    await rec.stop();
    await browser.close();
    await server.close();
  }
});
