// The justification library's messages from extension pages (docs/library.md): save, delete and
// restore entries. The Library section searches its own index; the background writes.

import { MSG } from '../../shared/contract.js';
import { saveEntry, setDeleted } from '../library.js';

export const justificationHandlers = {
  [MSG.JUSTIFICATION_SAVE]: ({ entry }) => saveEntry(entry),
  [MSG.JUSTIFICATION_DELETE]: ({ id }) => setDeleted(id, true),
  [MSG.JUSTIFICATION_RESTORE]: ({ id }) => setDeleted(id, false),
};
