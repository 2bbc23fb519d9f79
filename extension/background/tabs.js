// Notices from the background to the content scripts in open tabs. The only one sent to every tab
// is "the trigger table changed" (no data): content scripts fetch the table again when they see a
// new revision. Tabs without Rubrica's content script just refuse it.

import { TO_CONTENT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { EVENT, on } from './events.js';

/** Tells every open tab that the trigger table is now at `revision`; does not wait for them. */
export function announceTable(revision) {
  api.tabs
    .query({})
    .then((tabs) =>
      Promise.all(
        tabs.map((t) => api.tabs.sendMessage(t.id, { type: TO_CONTENT.TABLE_CHANGED, revision }).catch(() => {})),
      ),
    )
    .catch(() => {});
}

/** Registers the broadcast; call synchronously at the top level of the background. */
export function installTableNotices() {
  on(EVENT.TABLE_CHANGED, (revision) => announceTable(revision));
}
