// Background entry (service worker in Chromium, background script in Firefox). Listeners are
// registered synchronously at the top level; the WebAssembly core loads once, on first need.

import { listen } from './router.js';
import { ready } from './core.js';

listen();

// Warm the core as soon as the worker starts, so the first trigger does not pay for it.
ready().catch((e) => console.error('Rubrica: the core failed to load', e));

// Work sessions: chrome.idle, alarms, keyboard commands and onStartup, registered synchronously.
import { installSessionListeners } from './alarms.js';
installSessionListeners();

// The running session's rubric for `{criterion: …}`, cached until storage says it changed.
import { installSessionRubricCache } from './session-rubric.js';
installSessionRubricCache();

// Site control: the content script registered for the sites the user enabled, kept in sync at
// startup, on settings changes and when a host permission is removed or granted (docs/sites.md).
import { installSiteListeners } from './sites.js';
import { tableChanged } from './handlers.js';
installSiteListeners({ tableChanged });
// The open-palette shortcut (the fill-in form and palette frame: docs/palette.md).
import { installOverlayListeners } from './overlay.js';
installOverlayListeners();
