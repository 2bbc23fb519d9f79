// The import planner: a dedicated module worker running the full core, so planning a large
// snippet file (100,000 snippets against a library as large) never blocks the dashboard.
// The page sends the library in parts as JSON text ({type: 'library', text}), then the file
// ({type: 'plan', …}); first it may tell the file's format ({type: 'detect', fileName, head} →
// {type: 'format', format}); the worker answers {type: 'plan', view, addedJson} or {type: 'error', error}.
// The page keeps only a view: counts, the first rows of each list (with conflict sentences and the
// form-like outline of each shown snippet already written) and the added snippets as JSON text for
// `snippets.import`, so it never builds 100,000 objects. Cancel terminates the worker: nothing
// was stored, and nothing is left.
import { pageCore } from '../shared/page-core.js';
import { conflictText } from './conflict-text.js';

/** Rows of each list the preview shows (the counts are always complete). */
export const SHOWN = 300;

let parts = [];

/** One JSON array from the library's parts (each a JSON array). */
function joined(list) {
  const inner = list.map((t) => t.trim().slice(1, -1).trim()).filter(Boolean);
  return `[${inner.join(',')}]`;
}

function plan({ fileName, text, now, seed }, wasm) {
  const existing = joined(parts);
  parts = [];
  postMessage({ type: 'progress', stage: 'planning' });
  const plan = wasm.planSnippetImport(fileName, text, existing, now, seed);
  postMessage({ type: 'progress', stage: 'summing up' });
  // Names for the conflict sentences: the added snippets and the library's (only those named).
  const named = new Set(plan.conflicts.slice(0, SHOWN).flatMap((c) => [c.snippetId, c.otherSnippetId, ...(c.also ?? [])]));
  const byId = new Map(plan.added.filter((s) => named.has(s.id)).map((s) => [s.id, s]));
  if (named.size > byId.size) {
    for (const s of JSON.parse(existing)) if (named.has(s.id)) byId.set(s.id, s);
  }
  const view = {
    format: plan.format,
    counts: { added: plan.added.length, skipped: plan.skipped.length, notes: plan.notes.length, conflicts: plan.conflicts.length },
    added: plan.added.slice(0, SHOWN).map((s) => ({
      triggers: s.triggers, regex: s.regex ?? null, label: s.label, folder: s.folder,
      outline: wasm.templateOutline(s.template),
    })),
    skipped: plan.skipped.slice(0, SHOWN),
    notes: plan.notes.slice(0, SHOWN),
    conflicts: plan.conflicts.slice(0, SHOWN).map((c) => ({ kind: c.kind, text: conflictText(c, byId) })),
  };
  return { view, addedJson: JSON.stringify(plan.added) };
}

self.addEventListener('message', async ({ data }) => {
  if (data?.type === 'library') {
    parts.push(data.text);
    return;
  }
  if (data?.type !== 'plan' && data?.type !== 'detect') return;
  try {
    const { wasm } = await pageCore();
    if (data.type === 'detect') postMessage({ type: 'format', format: wasm.detectFormat(data.fileName, data.head) });
    else postMessage({ type: 'plan', ...plan(data, wasm) });
  } catch (e) {
    postMessage({ type: 'error', error: { message: e.message, kind: e.kind, line: e.line, column: e.column, excerpt: e.excerpt } });
  }
});
