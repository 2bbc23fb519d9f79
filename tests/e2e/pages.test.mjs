// The popup and dashboard as a user meets them, on the release build: pausing expansion from the
// popup, the theme setting, and the backup round trip — export, then import a file that adds a
// snippet, which then expands on a task page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, waitUntil } from './browser.mjs';
import { expandsOn } from './typing.mjs';
import { startServer } from './server.mjs';

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


async function popup() {
  const page = await browser.extensionPage('popup/popup.html');
  await page.setViewportSize({ width: 360, height: 520 });
  await page.getByRole('button', { name: /Pause expansion|Resume expansion/ }).waitFor();
  return page;
}

test('pausing expansion in the popup stops triggers; resuming brings them back', async () => {
  const task = await browser.page(server.url('/task.html'));
  const demo = 'Rubrica is working: this text was rendered by its core, on this machine.';
  assert.ok(await expandsOn(task, ';rubrica', demo), 'expands before pausing');

  const p = await popup();
  await p.getByRole('button', { name: 'Pause expansion' }).click();
  await p.getByRole('button', { name: 'Resume expansion' }).waitFor();
  await browser.screenshot(p, 'popup-paused');
  await task.bringToFront();

  assert.equal(await expandsOn(task, ';rubrica', demo, 800), false, 'nothing expands while paused');
  assert.equal(await task.inputValue('#justification'), ';rubrica', 'the typed text is left alone');

  await p.getByRole('button', { name: 'Resume expansion' }).click();
  await p.getByRole('button', { name: 'Pause expansion' }).waitFor();
  await task.bringToFront();
  assert.ok(await expandsOn(task, ';rubrica', demo), 'expands again after resuming');
  await p.close();
  await task.close();
});

test('the theme setting applies to the dashboard and persists', async () => {
  const d = await browser.extensionPage('dashboard/dashboard.html#settings');
  await d.locator('#set-theme-dark').check();
  await waitUntil(d, 'the dark theme did not apply', () => document.documentElement.dataset.theme === 'dark');
  await d.reload();
  await waitUntil(d, 'the dark theme did not apply', () => document.documentElement.dataset.theme === 'dark');
  await browser.screenshot(d, 'dashboard-settings-dark');
  await d.goto(d.url().replace(/#.*/, '#overview'));
  await browser.screenshot(d, 'dashboard-overview-dark');
  await d.locator('a[href="#settings"]').first().click();
  await d.locator('#set-theme-light').check();
  await waitUntil(d, 'the light theme did not apply', () => document.documentElement.dataset.theme === 'light');
  await d.close();
});

test('an invalid setting is refused with a message next to the field', async () => {
  const d = await browser.extensionPage('dashboard/dashboard.html#settings');
  await d.locator('#set-currency').fill('$1');
  await d.locator('#set-currency').press('Enter');
  await d.locator('#set-currency').blur();
  const status = d.locator('#set-currency-status');
  await status.filter({ hasText: /three-letter|currency/i }).waitFor({ timeout: 4000 });
  await d.close();
});

test('export a backup, then import a file that adds a snippet which expands', async () => {
  const d = await browser.extensionPage('dashboard/dashboard.html#data');
  const download = d.waitForEvent('download');
  await d.getByRole('button', { name: 'Export backup' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^rubrica-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.equal(backup.format, 'rubrica');
  assert.equal(backup.kind, 'backup');
  await d.locator('#last-export').filter({ hasNotText: 'Never' }).waitFor();

  const dir = await mkdtemp(join(tmpdir(), 'rubrica-import-'));
  const now = Date.now();
  const importFile = join(dir, 'snippets.json');
  await writeFile(importFile, JSON.stringify({
    format: 'rubrica', schema: 1, kind: 'snippets', exportedAt: now, app: 'test',
    data: { snippets: [{ id: 'snp_01JD8X3Q0000000000000000TY', createdAt: now, updatedAt: now,
      triggers: [';ty'], label: 'Thanks', template: 'Thank you for the clear prompt.' }] },
  }));
  await d.locator('#import-file').setInputFiles(importFile);
  const preview = d.locator('#import-summary');
  await preview.waitFor();
  assert.match(await preview.innerText(), /snippets[\s\S]*1/i);
  await browser.screenshot(d, 'dashboard-import-preview');
  await d.locator('#import-commit').click();
  await d.locator('#import-done').waitFor();

  const task = await browser.page(server.url('/task.html'));
  assert.ok(await expandsOn(task, ';ty', 'Thank you for the clear prompt.'), 'the imported snippet expands');
  await task.close();

  const broken = join(dir, 'broken.json');
  await writeFile(broken, '{\n  "format": "rubrica",\n  "schema": 1,\n  oops\n}\n');
  await d.locator('#import-file').setInputFiles(broken);
  const err = d.locator('#import-error');
  await err.waitFor();
  const text = await err.innerText();
  assert.match(text, /line 4/i);
  assert.match(text, /oops/);
  await browser.screenshot(d, 'dashboard-import-error');
  await d.close();
});

test('screenshots of the popup and every dashboard section, without console errors', async () => {
  const p = await popup();
  await browser.screenshot(p, 'popup');
  await p.close();
  const d = await browser.extensionPage('dashboard/dashboard.html');
  for (const id of ['overview', 'snippets', 'rubrics', 'library', 'sessions', 'ledger', 'data', 'settings']) {
    await d.goto(d.url().replace(/#.*/, '') + `#${id}`);
    await d.locator(`#section-${id}`).waitFor();
    await browser.screenshot(d, `dashboard-${id}`);
  }
  await d.close();
  assert.deepEqual(browser.errors, []);
});
