// Every message type of the contract (extension/shared/contract.js) and the one handler that
// answers it. A handler gets the validated payload and `{kind, sender}`; it may throw an error
// with a `kind`, which the router turns into an error reply.

import { dataHandlers } from './data.js';
import { expansionHandlers } from './expansion.js';
import { ledgerHandlers } from './ledger.js';
import { justificationHandlers } from './justifications.js';
import { libraryHandlers } from './library.js';
import { overlayHandlers } from './overlay.js';
import { overlayLibraryHandlers } from './overlay-library.js';
import { sessionHandlers } from './sessions.js';
import { siteHandlers } from './sites.js';
import { worksheetHandlers } from './worksheet.js';

export const handlers = Object.freeze({
  ...expansionHandlers,
  ...overlayHandlers,
  ...overlayLibraryHandlers,
  ...libraryHandlers,
  ...justificationHandlers,
  ...dataHandlers,
  ...sessionHandlers,
  ...ledgerHandlers,
  ...siteHandlers,
  ...worksheetHandlers,
});
