// Background entry (service worker in Chromium, background script in Firefox). Every listener is
// registered synchronously here, at the top level; the WebAssembly core loads once, on first need
// (no top-level await: the worker would never start). Dependencies point one way:
// main → router → handlers/ → services (sessions, reminders, sites, overlay, expansion, tabs)
// → engine, store → events (docs/architecture.md).

import './first.js';
import { installContextMenu } from './context-menu.js';
import { engine, installEngine } from './engine.js';
import { installLibraryIndex } from './library.js';
import { installLiteralExpansions } from './literal.js';
import { installOverlayListeners } from './overlay.js';
import { installReminders } from './reminders.js';
import { listen } from './router.js';
import { installSessionListeners } from './session-events.js';
import { installSiteListeners } from './sites.js';
import { installTableNotices } from './tabs.js';
import { restrictToTrustedContexts } from './store.js';
import { installWorksheetListeners } from './worksheet.js';

performance.mark?.('rubrica:main');
// Content scripts never read storage; where the browser can enforce that, it does (docs/privacy.md).
restrictToTrustedContexts();
listen();
installEngine();
installTableNotices();
// Load the core a moment after the worker starts, so the first trigger does not pay for it; a
// trigger that arrives first is answered from the literal list in memory-only storage.
engine.warmSoon();
installLiteralExpansions();
// Work sessions: chrome.idle, alarms, keyboard commands and onStartup; badge and reminders.
installReminders();
installSessionListeners();
// Site control: the content script registered for the sites the user enabled, kept in sync at
// startup, on settings changes and when a host permission is removed or granted (docs/sites.md).
installSiteListeners();
// The open-palette shortcut (the overlay: docs/palette.md).
installOverlayListeners();
// The open-worksheet shortcut (the scoring worksheet in the side panel: docs/checkers.md).
installWorksheetListeners();
// The justification library: "Save selection to Rubrica" and the index that follows saves (docs/library.md).
installContextMenu();
installLibraryIndex();
