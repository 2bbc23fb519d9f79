// Test-only hooks, bundled into dist/rubrica-test and never into dist/rubrica (a test checks).
// Playwright calls them with `serviceWorker.evaluate(() => __rubricaTest.…)`.

import { route, senderKind } from './router.js';
import { engine } from './engine.js';
import * as store from './store.js';
import { notified } from './notify.js';
import { onAlarm, onBackgroundStart, onCommand, onIdleState } from './session-events.js';
import { api } from '../shared/runtime.js';
import { onPermissionsAdded, onPermissionsRemoved, syncRegistrations } from './sites.js';
import { openPalette } from './overlay.js';
import { saveSelection } from './context-menu.js';

/**
 * Crash points (issue 13): from now on, storage.local call number `n` (0-based; get, set and remove
 * count) never starts and never settles, so a test can stop the worker exactly between two storage
 * operations. `crash()` tells whether that call was reached and how many calls ran.
 */
const crash = { armed: -1, calls: 0, hit: false };
function armCrash(n) {
  const area = api.storage.local;
  if (!crash.real) {
    crash.real = { get: area.get.bind(area), set: area.set.bind(area), remove: area.remove.bind(area) };
    for (const name of ['get', 'set', 'remove']) {
      area[name] = (...args) => {
        if (crash.armed >= 0 && crash.calls++ === crash.armed) {
          crash.hit = true;
          return new Promise(() => {});
        }
        if (crash.failWrites && name !== 'get') return Promise.reject(new Error(crash.failWrites));
        return crash.real[name](...args);
      };
    }
  }
  Object.assign(crash, { armed: n, calls: 0, hit: false });
  return true;
}

export function installTestHooks() {
  globalThis.__rubricaTest = Object.freeze({
    /** Routes a message as if `sender` had sent it (to prove forged senders are refused). */
    route: (message, sender) => route(message, sender),
    senderKind,
    ready: async () => {
      const { report, bootedAt } = await engine.ready();
      return { report, bootedAt };
    },
    reload: async () => {
      await engine.reload();
      return true;
    },
    // Storage hooks wait for the boot (a fresh install's first write) so they never race it.
    readStorage: async (keys = null) => {
      await engine.ready();
      return store.read(keys);
    },
    writeStorage: async (changes) => {
      await engine.ready();
      return store.write(changes);
    },
    /** Writes storage behind the store's back (as another context would): the engine follows onChanged. */
    writeStorageDirectly: async (changes) => {
      await engine.ready();
      await api.storage.local.set(changes);
      return true;
    },
    /** The engine's view of settings, in both modules (`full` is null until it has loaded). */
    engineSettings: async () => ({
      core: engine.core.settings(),
      full: engine.fullCore ? engine.fullCore.settings() : null,
      tableRevision: engine.tableRevision,
    }),
    // Work sessions: automation cannot press shortcuts, lock the screen or go idle, so the tests
    // call the very handlers the browser events call.
    // The context menu's "Save selection to Rubrica" (automation cannot open a context menu).
    librarySaveSelection: (selectionText) => saveSelection(selectionText),
    sessionIdle: (state) => onIdleState(state),
    sessionShortcut: (name) => onCommand(name),
    sessionAlarm: (name) => onAlarm({ name }),
    sessionBackgroundStart: () => onBackgroundStart(),
    notifications: () => [...notified],
    badge: async () => ({ text: await api.action.getBadgeText({}), title: await api.action.getTitle({}) }),
    alarms: () => api.alarms.getAll(),
    // Site control: the handlers of runtime.onStartup/onInstalled and permissions.onRemoved/onAdded
    // (the test build cannot take a required permission away, answer a prompt, or restart mid-test).
    sitesStartup: () => syncRegistrations(),
    sitesPermissionsRemoved: (removed) => onPermissionsRemoved(removed),
    sitesPermissionsAdded: (added) => onPermissionsAdded(added),
    // The open-palette shortcut: the very handler the browser's command calls.
    openPalette: () => openPalette(),
    crashAt: (n) => armCrash(n),
    crash: () => ({ hit: crash.hit, calls: crash.calls }),
    /** Every storage write fails with this message (e.g. the browser's quota error) until null. */
    failWrites: (message) => {
      armCrash(-1);
      crash.failWrites = message;
      return true;
    },
    /** Boots the engine again (as a new worker would): a stored older schema migrates now. */
    reboot: () => {
      engine.booting = null;
      return engine.ready().then(() => true);
    },
    /** The manifest's commands as the browser registered them. */
    commands: () => api.commands.getAll(),
  });
}
