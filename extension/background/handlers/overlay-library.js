// The palette's library actions (docs/library.md, docs/palette.md): library entries after the
// snippets in the search, an entry inserted only on the explicit second action (`overlay.entry`),
// "Save this field", and the near-duplicate guard on the field the palette was opened from —
// the result is shown in the overlay frame. Entry text goes to the overlay page (Rubrica's own
// origin) and, on insertion, only that one text to the content script.

import { MSG, STORAGE, TO_CONTENT } from '../../shared/contract.js';
import { longDate } from '../../shared/format.js';
import { api } from '../../shared/runtime.js';
import { engine } from '../engine.js';
import { libraryIndex, nearDuplicates, recordUse, saveEntry } from '../library.js';
import { dropRequest, failure, requestFor } from '../overlay.js';

/** Most library entries the palette lists. */
const ENTRIES = 10;

/** "87 % like your entry of 12 March 2026, task type Ranking". */
function sentence(m) {
  const type = m.taskTypeId ? engine.snapshot?.[STORAGE.TASK_TYPES]?.[m.taskTypeId]?.name : null;
  return `${Math.round(m.similarity * 100)} % like your entry of ${longDate(m.createdAt)}${type ? `, task type ${type}` : ''}`;
}

const described = (near) => near.map((m) => ({ id: m.id, similarity: m.similarity, createdAt: m.createdAt, sentence: sentence(m) }));

async function palette(token, sender) {
  const request = await requestFor(token, sender);
  if (request.kind !== 'palette') throw failure('invalidMessage', 'This frame is not a search palette.');
  return request;
}

/** What the palette shows about its field: `{chars, near}` (the guard's matches). */
export async function fieldInfo(request) {
  const text = request.field ?? '';
  if (!text.trim()) return { chars: 0, near: [] };
  return { chars: text.length, near: described(await nearDuplicates(text)) };
}

/** Library entries for the palette's query, marked, with their text for reference. */
export async function libraryHits(query) {
  if (!query.trim()) return [];
  const index = await libraryIndex();
  return index.search(query, null, ENTRIES).hits.map((hit) => {
    const text = index.text(hit.id) ?? hit.excerpt;
    return {
      library: true, entryId: hit.id, createdAt: hit.createdAt, excerpt: hit.excerpt, highlights: hit.highlights,
      label: text.length > 60 ? `${text.slice(0, 59)}…` : text, text,
    };
  });
}

export const overlayLibraryHandlers = {
  [MSG.OVERLAY_ENTRY]: async ({ token, entryId }, { sender }) => {
    const request = await palette(token, sender);
    const text = (await libraryIndex()).text(entryId);
    if (text == null) throw failure('notFound', 'That library entry no longer exists.');
    await dropRequest(token);
    const message = { type: TO_CONTENT.OVERLAY_INSERT, token, text, cursors: [text.length] };
    try {
      await api.tabs.sendMessage(request.tabId, message, { frameId: request.frameId });
    } catch {
      throw failure('notFound', 'The page you were typing in is gone.');
    }
    recordUse(entryId).catch(() => {});
    return { status: 'done' };
  },

  [MSG.OVERLAY_SAVE_FIELD]: async ({ token }, { sender }) => {
    const request = await palette(token, sender);
    const text = (request.field ?? '').trim();
    if (!text) throw failure('invalidMessage', 'The field is empty: there is nothing to save.');
    const near = described(await nearDuplicates(text));
    const record = await saveEntry({ text });
    return { record, near };
  },
};
