// The overlay's messages (docs/palette.md): from the content script, open the palette or forget a
// request; from the overlay page, its fields, preview, search, choice, submit and cancel. When the
// user is done, the background renders the text and sends ONLY that text (and its cursor stops) to
// the tab and frame that asked. Field specs, choices, search results and snippet content go to the
// overlay page, never to the content script or the page.

import { MSG, TO_CONTENT } from '../../shared/contract.js';
import { api } from '../../shared/runtime.js';
import { engine } from '../engine.js';
import { countUse, expandContext } from '../expansion.js';
import { createRequest, dropRequest, failure, getRequest, putRequest, requestFor } from '../overlay.js';
import { senderMayExpand } from '../sites.js';
import { fieldInfo, libraryHits } from './overlay-library.js';

/** Most results the palette shows. */
const RESULTS = 20;

/** Renders what `request` stands for with `values` (defaults for the rest when `useDefaults`). */
async function render(request, values, useDefaults) {
  const ctx = await expandContext(values, useDefaults);
  if (request.kind === 'trigger') return engine.core.expand(request.trigger, ctx);
  const full = await engine.full();
  if (request.kind === 'regex') {
    const result = full.expandRegex(request.before, ctx);
    if (result.status === 'none') throw failure('notFound', 'That regex trigger no longer matches.');
    return result;
  }
  if (request.kind === 'palette' && request.snippetId) return full.expandSnippet(request.snippetId, ctx);
  throw failure('invalidMessage', 'Choose a snippet first.');
}

/** The form's fields, and the text as it would be inserted with the defaults. */
async function form(request) {
  const ask = await render(request, undefined, false);
  const preview = await render(request, {}, true);
  return {
    fields: ask.status === 'needsInput' ? ask.fields : [],
    preview: { text: preview.text, cursors: preview.cursors },
  };
}

/** Sends the final text to the tab and frame that asked, and nothing else. */
async function deliver(token, request, result) {
  if (result.status !== 'done') throw failure('invalidMessage', 'Some fields still need an answer.');
  const message = { type: TO_CONTENT.OVERLAY_INSERT, token, text: result.text, cursors: result.cursors };
  if (request.kind === 'regex') message.replaceLen = result.replaceLen;
  if (request.kind === 'palette') message.replaceLen = (await engine.full()).paletteReplaceLen(request.snippetId, request.word);
  await dropRequest(token);
  try {
    await api.tabs.sendMessage(request.tabId, message, { frameId: request.frameId });
  } catch {
    throw failure('notFound', 'The page you were typing in is gone.');
  }
  countUse(result);
  return { status: 'done' };
}

export const overlayHandlers = {
  [MSG.PALETTE_OPEN]: async ({ word, field = '' }, from) => {
    // Not on a site where Rubrica is off (docs/sites.md). The global pause stops automatic
    // expansion only: the palette is an explicit request, so it still opens.
    if (!senderMayExpand(from)) throw failure('forbidden', 'Rubrica is off on this site.');
    return { token: await createRequest(from.sender, { kind: 'palette', word, field }) };
  },

  [MSG.OVERLAY_FORGET]: async ({ token }, { sender }) => {
    const request = await getRequest(token);
    if (request && request.tabId === sender?.tab?.id && request.frameId === sender.frameId) await dropRequest(token);
    return null;
  },

  [MSG.OVERLAY_GET]: async ({ token }, { sender }) => {
    const request = await requestFor(token, sender);
    const theme = engine.settings().theme;
    if (request.kind === 'palette' && !request.snippetId) {
      return { mode: 'palette', query: request.word, theme, field: await fieldInfo(request) };
    }
    return { mode: 'fill', theme, ...(await form(request)) };
  },

  [MSG.OVERLAY_PREVIEW]: async ({ token, values }, { sender }) => {
    const result = await render(await requestFor(token, sender), values, true);
    return { text: result.text, cursors: result.cursors };
  },

  [MSG.OVERLAY_SEARCH]: async ({ token, query }, { sender }) => {
    const request = await requestFor(token, sender);
    if (request.kind !== 'palette') throw failure('invalidMessage', 'This frame is not a search palette.');
    return [...(await engine.full()).search(query, RESULTS), ...(await libraryHits(query))];
  },

  [MSG.OVERLAY_CHOOSE]: async ({ token, snippetId }, { sender }) => {
    const request = await requestFor(token, sender);
    if (request.kind !== 'palette') throw failure('invalidMessage', 'This frame is not a search palette.');
    const chosen = { ...request, snippetId };
    const result = await render(chosen, undefined, false);
    if (result.status === 'done') return deliver(token, chosen, result);
    await putRequest(token, chosen);
    return { status: 'needsInput', ...(await form(chosen)) };
  },

  [MSG.OVERLAY_SUBMIT]: async ({ token, values }, { sender }) => {
    const request = await requestFor(token, sender);
    return deliver(token, request, await render(request, values, true));
  },

  [MSG.OVERLAY_DISMISS]: async ({ token }, { sender }) => {
    const request = await getRequest(token);
    const close = { type: TO_CONTENT.OVERLAY_CLOSE, token };
    if (request && request.tabId === sender?.tab?.id) {
      await dropRequest(token);
      await api.tabs.sendMessage(request.tabId, close, { frameId: request.frameId }).catch(() => {});
    } else if (Number.isInteger(sender?.tab?.id)) {
      // Expired (or the background lost it): the overlay's own tab closes whichever overlay has
      // this token; the notice carries nothing but the token.
      await api.tabs.sendMessage(sender.tab.id, close).catch(() => {});
    }
    return null;
  },
};
