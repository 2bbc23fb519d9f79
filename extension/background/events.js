// How a lower module tells higher ones about a change without importing them (dependencies point
// one way: router → handlers → services → engine/store → events). A module that must react
// subscribes with `on`; the one that changed something calls `emit`, which waits for every
// subscriber in turn. A subscriber that throws is logged and does not stop the others.

/** The events of the background, each with who emits it and what it carries. */
export const EVENT = Object.freeze({
  /** store.js, just before a write: `(changes, why)`, the `{key: value}` about to be written. */
  STORING: 'storing',
  /** store.js, after that write landed: `(changes, why)`; `why` is 'usage' or 'change'. */
  STORED: 'stored',
  /** store.js, when that write failed: `(changes)`; nothing of it was stored. */
  STORE_FAILED: 'storeFailed',
  /** engine.js, after the trigger table may have changed: `(revision)`. */
  TABLE_CHANGED: 'tableChanged',
  /** engine.js, after anything an expansion's text depends on changed: `()`. */
  EXPANSIONS_CHANGED: 'expansionsChanged',
  /** sessions.js, after a session command or correction changed something: `(view, notice)`. */
  SESSION_CHANGED: 'sessionChanged',
});

const listeners = new Map();

/** Subscribes `fn` to `event`; returns the function that unsubscribes it. */
export function on(event, fn) {
  if (!listeners.has(event)) listeners.set(event, new Set());
  listeners.get(event).add(fn);
  return () => listeners.get(event)?.delete(fn);
}

/** Calls every subscriber of `event` with `args`, one after the other, and waits for them. */
export async function emit(event, ...args) {
  for (const fn of [...(listeners.get(event) ?? [])]) {
    try {
      await fn(...args);
    } catch (e) {
      console.error(`Rubrica: a ${event} subscriber failed`, e);
    }
  }
}
