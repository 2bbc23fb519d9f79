// Export a backup: ask the background for the envelope and save it as a JSON file through a Blob
// and an <a download> (no `downloads` permission needed). Used by the popup and the Data section.
import { send } from './runtime.js';
import { MSG } from './contract.js';

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

/** Fetches the backup envelope and downloads it. Resolves with the file name; throws RubricaError. */
export async function exportBackup() {
  const envelope = await send(MSG.BACKUP_EXPORT);
  const fileName = backupFileName();
  saveTextFile(fileName, `${JSON.stringify(envelope, null, 2)}\n`);
  return fileName;
}
