// The scoring worksheet's messages (docs/checkers.md): open it from the palette on a task page;
// insert the draft the user confirmed into that page's field. And the palette's "Check this
// field": the field's frame sends its text here, the core checks it, the overlay shows the result.

import { MSG, TO_CONTENT } from '../../shared/contract.js';
import { api } from '../../shared/runtime.js';
import { engine } from '../engine.js';
import { requestFor } from '../overlay.js';
import { deliverDraft, openWorksheet } from '../worksheet.js';

/** Longest field text the palette's check reads (UTF-16 units). */
const MAX_FIELD_TEXT = 64 * 1024;

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
    return (await engine.full()).checkField(reply.text.slice(0, MAX_FIELD_TEXT));
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
