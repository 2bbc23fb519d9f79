// Notifications, and "show this reminder once" across service-worker restarts.

import { api } from '../shared/runtime.js';

/** In storage.session: reminder keys already shown (each focus block and cap threshold once). */
const SHOWN = 'rubrica.shown';

/** Recent notifications, newest last (read by the test build's hooks). */
export const notified = [];

/** Shows a notification; the popup always shows the same information, so a blocked one is fine. */
export async function notify(id, title, message) {
  notified.push({ id, title, message, at: Date.now() });
  if (notified.length > 20) notified.shift();
  try {
    await api.notifications?.create(id, {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/icon-128.png'),
      title,
      message,
    });
  } catch {
    // Notifications may be blocked by the user.
  }
}

let onceQueue = Promise.resolve();

/**
 * Runs `show` once per `key` (kept in storage.session, so a worker restart does not repeat it).
 * Calls are queued: two reminders arriving together (an alarm and a session change) must not both
 * read "not shown yet" before either writes.
 */
export function once(key, show) {
  const run = onceQueue.then(async () => {
    const area = api.storage?.session;
    const shown = (await area?.get(SHOWN))?.[SHOWN] ?? [];
    if (shown.includes(key)) return;
    await area?.set({ [SHOWN]: [...shown.slice(-50), key] });
    await show();
  });
  onceQueue = run.catch(() => {});
  return run;
}
