// "Save selection to Rubrica": a context-menu item on the pages where Rubrica runs (docs/library.md).
// The selected text comes from the menu event (`info.selectionText`, given by the browser), never
// from the page's script. The entry is saved with the running session's platform and task type,
// checked against the library first (the near-duplicate guard), and a notification confirms the
// save — with the warning, if any — and opens the entry in the dashboard when clicked.

import { longDate } from '../shared/format.js';
import { api } from '../shared/runtime.js';
import { libraryIndex, nearDuplicates, saveEntry } from './library.js';
import { notify } from './notify.js';

export const MENU_SAVE = 'rubrica-save-selection';
const NOTICE = 'rubrica-library-saved:';

/** The URL patterns of the pages where Rubrica runs: the manifest's content-script matches. */
function patterns() {
  const scripts = api.runtime.getManifest().content_scripts ?? [];
  return [...new Set(scripts.flatMap((c) => c.matches ?? []))];
}

async function createMenu() {
  if (!api.contextMenus) return;
  await api.contextMenus.removeAll();
  api.contextMenus.create({
    id: MENU_SAVE,
    title: 'Save selection to Rubrica',
    contexts: ['selection'],
    documentUrlPatterns: patterns(),
  });
}

/** "87 % like your entry of 12 March 2026": the near-duplicate warning of `match`. */
export function likeSentence(match) {
  return `${Math.round(match.similarity * 100)} % like your entry of ${longDate(match.createdAt)}`;
}

/** Saves `text` (the menu's selection) as a new entry; returns `{record, near}`. */
export async function saveSelection(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed) return null;
  await libraryIndex();
  const near = await nearDuplicates(trimmed);
  const record = await saveEntry({ text: trimmed });
  const shown = trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
  const warning = near.length ? ` Careful: ${likeSentence(near[0])}.` : '';
  await notify(`${NOTICE}${record.id}`, 'Saved to your Rubrica library', `“${shown}”.${warning} Click to open it.`);
  return { record, near };
}

function openEntry(id) {
  const url = api.runtime.getURL(`dashboard/dashboard.html#library?entry=${encodeURIComponent(id)}`);
  return api.tabs.create({ url });
}

/** Registers the menu (on install and browser start) and its listeners; synchronous, at top level. */
export function installContextMenu() {
  api.runtime.onInstalled?.addListener(() => void createMenu());
  api.runtime.onStartup?.addListener(() => void createMenu());
  api.contextMenus?.onClicked.addListener((info) => {
    if (info.menuItemId !== MENU_SAVE) return;
    saveSelection(info.selectionText).catch((e) =>
      notify('rubrica-library-failed', 'Rubrica could not save the selection', e?.message ?? String(e)));
  });
  api.notifications?.onClicked?.addListener((id) => {
    if (id.startsWith(NOTICE)) {
      void openEntry(id.slice(NOTICE.length));
      api.notifications.clear(id);
    }
  });
}
