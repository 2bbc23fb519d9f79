// Test-only hooks, bundled into dist/rubrica-test and never into dist/rubrica (a test checks).
// Playwright calls them with `serviceWorker.evaluate(() => __rubricaTest.…)`.

import { route, senderKind } from './router.js';
import { ready, reload } from './core.js';
import * as store from './store.js';
import { notified, onAlarm, onBackgroundStart, onCommand, onIdleState } from './alarms.js';
import { api } from '../shared/runtime.js';
import { onPermissionsAdded, onPermissionsRemoved, syncRegistrations } from './sites.js';
import { tableChanged } from './handlers.js';
import { openPalette } from './overlay.js';

export function installTestHooks() {
  globalThis.__rubricaTest = Object.freeze({
    /** Routes a message as if `sender` had sent it (to prove forged senders are refused). */
    route: (message, sender) => route(message, sender),
    senderKind,
    ready: async () => {
      const { report, bootedAt } = await ready();
      return { report, bootedAt };
    },
    reload: async () => {
      await reload();
      return true;
    },
    // Storage hooks wait for the boot (a fresh install's first write) so they never race it.
    readStorage: async (keys = null) => {
      await ready();
      return store.read(keys);
    },
    writeStorage: async (changes) => {
      await ready();
      return store.write(changes);
    },
    // Work sessions: automation cannot press shortcuts, lock the screen or go idle, so the tests
    // call the very handlers the browser events call.
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
    sitesPermissionsRemoved: (removed) => onPermissionsRemoved(removed, tableChanged),
    sitesPermissionsAdded: (added) => onPermissionsAdded(added, tableChanged),
    // The open-palette shortcut: the very handler the browser's command calls.
    openPalette: () => openPalette(),
    /** The manifest's commands as the browser registered them. */
    commands: () => api.commands.getAll(),
  });
}
