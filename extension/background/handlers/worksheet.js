// The scoring worksheet's messages (docs/checkers.md): open it from the palette on a task page;
// insert the draft the user confirmed into that page's field.

import { MSG } from '../../shared/contract.js';
import { deliverDraft, openWorksheet } from '../worksheet.js';

function failure(kind, message) {
  return Object.assign(new Error(message), { kind });
}

export const worksheetHandlers = {
  [MSG.WORKSHEET_OPEN]: async (_payload, { sender }) => ({ opened: await openWorksheet(sender?.tab) }),
  [MSG.WORKSHEET_INSERT]: async ({ tabId, text }) => {
    try {
      return await deliverDraft(tabId, text);
    } catch {
      throw failure('notFound', 'The task page is gone, or Rubrica does not run on it. Reload the page, click in its field, and insert again.');
    }
  },
};
