// __rubricaTest: test build only. build.sh puts this file in place of current-tab.js in
// dist/rubrica-test and deletes it from dist/rubrica (whose check refuses this marker).
// Tests open the popup as a page, which has no toolbar tab of its own, so they name the tab:
// popup/popup.html?tab=ID. Without ?tab= it behaves like the release build.
import { api } from '../shared/runtime.js';

export async function currentTab() {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  try {
    if (Number.isInteger(id) && id > 0) {
      const tab = await api.tabs.get(id);
      return { id: tab.id, url: tab.url ?? null };
    }
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return tab ? { id: tab.id, url: tab.url ?? null } : null;
  } catch {
    return null;
  }
}
