// Which rubric `{criterion: …}` resolves against: the running session's task type's rubric, else
// the user's default (the engine's fallback). Expansion is on the keystroke path, so the answer is
// cached in memory and dropped whenever storage that could change it changes (the running session
// pointer, session shards, task types); the next expansion looks it up again (a few small reads).
import { api } from '../shared/runtime.js';
import * as store from './store.js';

let cached; // undefined = unknown; null = no session rubric; else the rubric id

/** The rubric id of the running session's task type, or null. */
export async function sessionRubricId() {
  if (cached !== undefined) return cached;
  const { running, taskTypes } = await store.read(['running', 'taskTypes']);
  let id = null;
  if (running?.sessionId && typeof running.sessionsKey === 'string') {
    const session = (await store.read([running.sessionsKey]))[running.sessionsKey]?.[running.sessionId];
    const live = session && session.endedAt == null && session.deletedAt == null;
    const taskType = live && session.taskTypeId ? taskTypes?.[session.taskTypeId] : null;
    id = taskType && taskType.deletedAt == null ? (taskType.rubricId ?? null) : null;
  }
  cached = id;
  return id;
}

/** Registers the invalidation; call synchronously at the top level of the background. */
export function installSessionRubricCache() {
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (Object.keys(changes).some((k) => k === 'running' || k === 'taskTypes' || k.startsWith('sessions/'))) {
      cached = undefined;
    }
  });
}
