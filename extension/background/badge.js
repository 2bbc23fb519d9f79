// The toolbar badge: a running session's elapsed time, idle, or paused.

import { badgeDuration, duration } from '../shared/format.js';
import { api } from '../shared/runtime.js';

const LOOK = {
  running: { color: '#1f8a4c', word: 'running' },
  idle: { color: '#b26a00', word: 'idle' },
  paused: { color: '#6b7280', word: 'paused' },
};

/** Paints the badge and the button's title for the session `view`. */
export async function paintBadge(view) {
  const look = LOOK[view.state.state];
  const action = api.action;
  if (!action) return;
  if (!look) {
    await action.setBadgeText({ text: '' });
    await action.setTitle({ title: 'Rubrica' });
    return;
  }
  const wall = view.totals?.wall ?? 0;
  await action.setBadgeBackgroundColor({ color: look.color });
  await action.setBadgeText({ text: view.state.state === 'paused' ? '❚❚' : badgeDuration(wall) });
  await action.setTitle({ title: `Rubrica — session ${look.word}, ${duration(wall)} so far` });
}
