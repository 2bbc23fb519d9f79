// The tab the popup is about: the active tab of the window whose toolbar button was clicked.
// (The test build replaces this file with current-tab.test-build.js; see build.sh.)
import { api } from '../shared/runtime.js';

/** The current tab `{id, url}`, or null. `url` is there thanks to activeTab. */
export async function currentTab() {
  try {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab ? { id: tab.id, url: tab.url ?? null } : null;
  } catch {
    return null;
  }
}
