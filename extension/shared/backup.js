// Export a backup: ask the background for the envelope and save it as a JSON file through a Blob
// and an <a download> (no `downloads` permission needed). Used by the popup and the Data section.
// With a passphrase (the Data section), the page's own core encrypts the text before it is saved
// (docs/privacy.md, "Encrypted backups"): the passphrase never leaves the page.
import { send } from './runtime.js';
import { MSG } from './contract.js';

/** Bytes of randomness one encryption takes: a 16-byte salt, then a 24-byte nonce. */
const RANDOM_BYTES = 40;

/** `rubrica-backup-YYYY-MM-DD.json` for the local date of `date`. */
export function backupFileName(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `rubrica-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}

/** Saves `text` as a file named `fileName` from the current page. */
export function saveTextFile(fileName, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Fetches the backup envelope and downloads it. With `encrypt` (a function of the JSON text,
 * e.g. `encryptWith(wasm, passphrase)`), the file is the encrypted backup, named `….enc`.
 * Resolves with the file name; throws RubricaError.
 */
export async function exportBackup({ encrypt = null } = {}) {
  const envelope = await send(MSG.BACKUP_EXPORT);
  const text = `${JSON.stringify(envelope, null, 2)}\n`;
  if (!encrypt) {
    const fileName = backupFileName();
    saveTextFile(fileName, text);
    return fileName;
  }
  const fileName = backupFileName().replace(/\.json$/, '.enc');
  saveTextFile(fileName, await encrypt(text), 'text/plain');
  return fileName;
}

/** An `encrypt` for exportBackup: the full core's Argon2id + XChaCha20-Poly1305 with fresh randomness. */
export function encryptWith(wasm, passphrase) {
  return async (text) => wasm.encryptBackup(text, passphrase, crypto.getRandomValues(new Uint8Array(RANDOM_BYTES)));
}

/** Whole days between two epoch-ms instants (floor), never negative. */
function daysBetween(fromMs, toMs) {
  return Math.max(0, Math.floor((toMs - fromMs) / 86_400_000));
}

/**
 * {due, days, every} for the backup reminder (Settings → alerts.exportReminderDays, 0 = never):
 * due when never exported or when the last export is at least that many days old.
 */
export function backupDue(settings, now = Date.now()) {
  const every = Number(settings?.alerts?.exportReminderDays ?? 14);
  const last = settings?.lastExportAt;
  if (!Number.isFinite(last)) return { due: every > 0, days: null, every };
  const days = daysBetween(last, now);
  return { due: every > 0 && days >= every, days, every };
}
