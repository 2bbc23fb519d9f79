// The library as the Snippets and Rubrics sections see it: `library.get` from the background for
// the lists, and the page's own WASM core loaded with a read snapshot of storage for previews
// (so {snippet: …} and {criterion: …} resolve). Pages read storage; they never write it.
import { send, api } from '../shared/runtime.js';
import { MSG, STORAGE } from '../shared/contract.js';
import { pageCore } from '../shared/page-core.js';

/** `{snippets, rubrics, activeRubricId, conflicts}` from the background. */
export function fetchLibrary() {
  return send(MSG.LIBRARY_GET);
}

/** The page core, loaded with the current stored snippets, rubrics and settings. */
export async function loadedCore() {
  const page = await pageCore();
  let snapshot = {};
  try {
    snapshot = await api.storage.local.get([STORAGE.SNIPPETS, STORAGE.RUBRICS, STORAGE.SETTINGS, STORAGE.META]);
  } catch {
    // Without a snapshot the preview still renders; references to other snippets will not resolve.
  }
  try {
    page.core.load(snapshot);
  } catch {
    page.core.load({});
  }
  return page;
}

/** The rendering context for previews: the user's clock and time zone. */
export function previewContext() {
  return { now: Date.now(), tzOffsetMin: -new Date().getTimezoneOffset() };
}

/** Splits "a, b c" into ["a", "b", "c"] (commas or spaces), dropping empties and repeats. */
export function splitList(text, { spaces = true } = {}) {
  const parts = String(text ?? '').split(spaces ? /[\s,]+/ : /,/).map((s) => s.trim()).filter(Boolean);
  return [...new Set(parts)];
}

export { conflictText } from './conflict-text.js';
