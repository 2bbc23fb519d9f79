// The scoring worksheet's messages (docs/checkers.md): open it from the palette on a task page;
// insert the draft the user confirmed into that page's field. And the palette's "Check this
// field": the field's frame sends its text here, the core checks it (with the library's
// near-duplicate guard over the background's library index), the overlay shows the result.

import { MSG, STORAGE, TO_CONTENT } from '../../shared/contract.js';
import { api } from '../../shared/runtime.js';
import { offsetAt } from '../../shared/zone.js';
import { engine } from '../engine.js';
import { libraryIndex } from '../library.js';
import { requestFor } from '../overlay.js';
import { deliverDraft, openWorksheet } from '../worksheet.js';

/** Longest field text the palette's check reads (UTF-16 units). */
const MAX_FIELD_TEXT = 64 * 1024;

/** How the near-duplicate guard names a library entry: its date in the user's zone, its task type. */
function guardOptions() {
  const taskTypes = {};
  for (const [id, t] of Object.entries(engine.snapshot?.[STORAGE.TASK_TYPES] ?? {})) {
    if (typeof t?.name === 'string') taskTypes[id] = t.name;
  }
  return { offsetMin: offsetAt(Date.now()), taskTypes };
}

function failure(kind, message) {
  return Object.assign(new Error(message), { kind });
}

export const worksheetHandlers = {
  [MSG.OVERLAY_CHECK]: async ({ token }, { sender }) => {
    const request = await requestFor(token, sender);
    if (request.kind !== 'palette') throw failure('invalidMessage', 'This frame is not a search palette.');
    let reply;
    try {
      reply = await api.tabs.sendMessage(request.tabId, { type: TO_CONTENT.FIELD_TEXT, token }, { frameId: request.frameId });
    } catch {
      reply = null;
    }
    if (typeof reply?.text !== 'string') throw failure('notFound', 'The field could not be read: it is gone, or the page changed.');
    const full = await engine.full();
    const library = await libraryIndex();
    return full.checkField(reply.text.slice(0, MAX_FIELD_TEXT), library, guardOptions());
  },
  [MSG.WORKSHEET_OPEN]: async (_payload, { sender }) => ({ opened: await openWorksheet(sender?.tab) }),
  [MSG.WORKSHEET_INSERT]: async ({ tabId, text }) => {
    try {
      return await deliverDraft(tabId, text);
    } catch {
      throw failure('notFound', 'The task page is gone, or Rubrica does not run on it. Reload the page, click in its field, and insert again.');
    }
  },
};
