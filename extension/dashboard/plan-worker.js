// The import planner: a dedicated module worker running the full core, so planning a large
// snippet file (100,000 snippets against a library as large) never blocks the dashboard.
// Messages from the page, handled one after another in order:
// - {type: 'detect', fileName, head} → {type: 'format', format, encrypted, outlier}: what the
//   file is (the start of it tells);
// - {type: 'file', fileName, text, now, seed}: reads the file at once (the core's `ImportPlanner`),
//   while the page is still fetching the library from the background;
// - {type: 'library', text}: one part of the library (a JSON array), added as it arrives;
// - {type: 'plan'} → {type: 'plan', view, added}: `added` is the added snippets as UTF-8 JSON in
//   an ArrayBuffer, transferred (not copied) to the page, which decodes it only for
//   `snippets.import`. Any failure → {type: 'error', error}, and later messages are ignored.
// The page keeps only the view: counts, the first rows of each list (with conflict sentences and
// the form-like outline of each shown snippet already written), so it never builds 100,000
// objects nor receives a 30 MB string. Cancel terminates the worker: nothing was stored.
import { pageCore } from '../shared/page-core.js';
import { conflictText } from './conflict-text.js';

/** Rows of each list the preview shows (the counts are always complete). */
export const SHOWN = 300;

let planner = null;
let failed = false;
let queue = Promise.resolve();

function finish() {
  postMessage({ type: 'progress', stage: 'planning' });
  const { view, added } = planner.finish(SHOWN);
  planner.free?.();
  planner = null;
  const byId = new Map(view.named.map((s) => [s.id, s]));
  const { named: _named, ...rest } = view;
  return {
    view: { ...rest, conflicts: view.conflicts.map((c) => ({ kind: c.kind, text: conflictText(c, byId) })) },
    added: added.buffer,
  };
}

async function handle(data) {
  if (failed) return;
  const { wasm } = await pageCore();
  if (data.type === 'detect') {
    // An encrypted backup, an Outlier earnings CSV or a Toggl detailed CSV is not a snippet file:
    // the page handles it.
    const encrypted = wasm.isEncryptedBackup(data.head);
    const outlier = !encrypted && wasm.isOutlierCsv(data.head);
    const toggl = !encrypted && !outlier && wasm.isTogglCsv(data.head);
    const format = encrypted || outlier || toggl ? null : wasm.detectFormat(data.fileName, data.head);
    postMessage({ type: 'format', format, encrypted, outlier, toggl });
  } else if (data.type === 'file') {
    planner = new wasm.ImportPlanner(data.fileName, data.text, data.now, data.seed);
    postMessage({ type: 'progress', stage: 'read' });
  } else if (data.type === 'library') {
    planner.addExisting(data.text);
  } else if (data.type === 'plan') {
    const { view, added } = finish();
    postMessage({ type: 'plan', view, added }, [added]);
  }
}

self.addEventListener('message', ({ data }) => {
  if (!['detect', 'file', 'library', 'plan'].includes(data?.type)) return;
  queue = queue.then(() => handle(data)).catch((e) => {
    failed = true;
    postMessage({ type: 'error', error: { message: e.message, kind: e.kind, line: e.line, column: e.column, excerpt: e.excerpt } });
  });
});
