// The scoring worksheet's service (docs/checkers.md): opens it in the browser's side panel
// (Chrome `sidePanel`) or sidebar (Firefox `sidebarAction`), bound to the tab it was opened from,
// and delivers the draft the user confirmed to that tab's content script, which writes it as it
// writes an expansion. Both browsers open their panel only in answer to a user action, so the
// calls are made at once, without awaiting anything first.

import { TO_CONTENT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';

/** The worksheet's page for `tabId`. */
export function worksheetPath(tabId) {
  return `worksheet/worksheet.html?tab=${tabId}`;
}

/** Opens the worksheet beside tab `tab`; resolves to whether the browser opened it. */
export function openWorksheet(tab) {
  if (!Number.isInteger(tab?.id)) return Promise.resolve(false);
  const path = worksheetPath(tab.id);
  try {
    if (api.sidePanel?.open) {
      // Not awaited: open() must run in the same turn as the user's action; calls run in order.
      const set = api.sidePanel.setOptions({ tabId: tab.id, path, enabled: true });
      const opened = api.sidePanel.open({ tabId: tab.id });
      return Promise.all([set, opened]).then(() => true, () => false);
    }
    if (api.sidebarAction?.open) {
      const set = api.sidebarAction.setPanel({ tabId: tab.id, panel: api.runtime.getURL(path) });
      const opened = api.sidebarAction.open();
      return Promise.all([set, opened]).then(() => true, () => false);
    }
  } catch {
    // The browser refused (no user action): the shortcut still works.
  }
  return Promise.resolve(false);
}

/** Sends the confirmed draft to the top frame of `tabId`: resolves `{written}`. */
export async function deliverDraft(tabId, text) {
  const reply = await api.tabs.sendMessage(tabId, { type: TO_CONTENT.WORKSHEET_INSERT, text }, { frameId: 0 });
  return { written: reply?.written === true };
}

/** The open-worksheet shortcut; call synchronously at the top level of the background. */
export function installWorksheetListeners() {
  api.commands?.onCommand.addListener((name, tab) => {
    if (name === 'open-worksheet') void openWorksheet(tab);
  });
}
