// Encrypted backups as a user meets them (issue 13), on the test build (its hooks read storage):
// Export backup with a passphrase (weak and mismatched ones refused), then import the .enc file —
// a changed byte and a wrong passphrase are refused with a clear message and storage stays exactly
// as it was; the right passphrase previews and imports like a plain backup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, TEST_BUILD } from './browser.mjs';

let browser;
let dir;
const PASS = 'violet kettle orbit canyon';
const SNIPPET = 'snp_01JD8X3Q0000000000000000TY';

before(async () => {
  browser = await launch({ dir: TEST_BUILD });
  dir = await mkdtemp(join(tmpdir(), 'rubrica-crypto-'));
});

after(async () => {
  await browser?.close();
});

const hook = (fn, arg) => browser.sw.evaluate(fn, arg);
const storage = () => hook(() => __rubricaTest.readStorage(null));

async function exportEncrypted(d, pass, confirm = pass) {
  await d.locator('#backup-passphrase').fill(pass);
  await d.locator('#backup-passphrase-confirm').fill(confirm);
  await d.getByRole('button', { name: 'Export backup' }).click();
}

async function importWith(d, file, pass) {
  await d.locator('#import-file').setInputFiles(file);
  await d.locator('#import-passphrase').fill(pass);
  await d.locator('#import-unlock').click();
}

test('an encrypted backup round trip; a changed byte or a wrong passphrase changes nothing', async () => {
  const now = Date.now();
  await hook(async ([id, at]) => {
    const { snippets } = await __rubricaTest.readStorage(['snippets']);
    await __rubricaTest.writeStorage({ snippets: { ...snippets, [id]: { id, createdAt: at, updatedAt: at,
      triggers: [';ty'], label: 'Thanks', template: 'Thank you for the clear prompt.' } } });
  }, [SNIPPET, now]);

  const d = await browser.extensionPage('dashboard/dashboard.html#data');
  const status = d.locator('#export-status');

  // A weak passphrase and two that differ are refused before anything is saved.
  await exportEncrypted(d, 'password1');
  await status.filter({ hasText: 'too easy to guess' }).waitFor();
  await d.locator('#passphrase-strength').filter({ hasText: /weak/i }).waitFor();
  await exportEncrypted(d, PASS, `${PASS}!`);
  await status.filter({ hasText: 'The two passphrases differ' }).waitFor();

  await d.locator('#backup-passphrase').fill(PASS);
  await d.locator('#passphrase-strength').filter({ hasText: /strong/i }).waitFor();
  const download = d.waitForEvent('download');
  await exportEncrypted(d, PASS);
  const file = await download;
  assert.match(file.suggestedFilename(), /^rubrica-backup-\d{4}-\d{2}-\d{2}\.enc$/);
  const sealed = await readFile(await file.path(), 'utf8');
  assert.match(sealed, /^rubrica-encrypted-backup 1 argon2id m=65536 t=3 p=1 salt=\S{24} xchacha20poly1305 nonce=\S{32}\n[A-Za-z0-9+/=]+\n$/);
  assert.ok(!sealed.includes('Thank you for the clear prompt'), 'the snippet is not readable in the file');
  await status.filter({ hasText: '(encrypted)' }).waitFor();
  assert.equal(await d.locator('#backup-passphrase').inputValue(), '', 'the passphrase is cleared after the export');

  // The snippet goes away; the backup must bring it back.
  await hook(async (id) => {
    const { snippets } = await __rubricaTest.readStorage(['snippets']);
    delete snippets[id];
    await __rubricaTest.writeStorage({ snippets });
  }, SNIPPET);
  const before = await storage();

  const original = join(dir, 'backup.enc');
  await writeFile(original, sealed);
  const bytes = Buffer.from(sealed);
  const tampered = join(dir, 'tampered.enc');
  const i = sealed.indexOf('\n') + 40; // a byte of the ciphertext
  bytes[i] = bytes[i] === 0x41 ? 0x42 : 0x41;
  await writeFile(tampered, bytes);
  const headerTampered = join(dir, 'header.enc');
  await writeFile(headerTampered, sealed.replace(' t=3 ', ' t=2 '));

  const formStatus = d.locator('#import-passphrase-status');
  for (const [path, pass] of [[tampered, PASS], [headerTampered, PASS], [original, 'violet kettle orbit canyons']]) {
    await importWith(d, path, pass);
    await formStatus.filter({ hasText: 'Wrong passphrase, or the file was changed after it was saved' }).waitFor();
    assert.equal(await d.locator('#import-preview').count(), 0, 'no preview for a file that did not open');
    assert.deepEqual(await storage(), before, 'storage is unchanged');
  }
  await d.locator('#import-cancel').click();

  await importWith(d, original, PASS);
  const summary = d.locator('#import-summary');
  await summary.waitFor();
  assert.match(await d.locator('#import-preview').innerText(), /1 to add/);
  assert.deepEqual(await storage(), before, 'a preview writes nothing');
  await d.locator('#import-commit').click();
  await d.locator('#import-done').waitFor();
  const after = await hook(() => __rubricaTest.readStorage(['snippets']));
  assert.equal(after.snippets[SNIPPET]?.template, 'Thank you for the clear prompt.');
  assert.deepEqual(browser.errors, []);
  await d.close();
});

test('the popup reminds of a due backup at the interval set in Settings, and not when it is off', async () => {
  const setSettings = (patch) => hook(async (p) => {
    const { settings } = await __rubricaTest.readStorage(['settings']);
    await __rubricaTest.writeStorage({ settings: { ...settings, ...p, alerts: { ...settings.alerts, ...p.alerts } } });
  }, patch);
  const day = 86_400_000;
  await setSettings({ lastExportAt: Date.now() - 20 * day, alerts: { exportReminderDays: 14 } });
  let p = await browser.extensionPage('popup/popup.html');
  const reminder = p.locator('#backup-reminder');
  await reminder.filter({ hasText: 'A backup is due: your last export was 20 days ago.' }).waitFor();
  await p.close();

  await setSettings({ alerts: { exportReminderDays: 30 } });
  p = await browser.extensionPage('popup/popup.html');
  await p.getByRole('button', { name: /Pause expansion|Resume expansion/ }).waitFor();
  assert.equal(await p.locator('#backup-reminder').isVisible(), false, 'not due before 30 days');
  await p.close();

  await setSettings({ lastExportAt: Date.now() - 400 * day, alerts: { exportReminderDays: 0 } });
  p = await browser.extensionPage('popup/popup.html');
  await p.getByRole('button', { name: /Pause expansion|Resume expansion/ }).waitFor();
  assert.equal(await p.locator('#backup-reminder').isVisible(), false, '0 turns the reminder off');
  await p.close();
});
