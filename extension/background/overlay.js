// The background side of the fill-in form and the search palette (docs/palette.md). Both show in
// ONE extension page, frame/frame.html, that the content script puts in a closed shadow root. The
// content script only ever learns a token; the frame asks for the fields or the query by that
// token; when the user is done, the background renders the text and sends ONLY that text (and its
// cursor stops) to the tab and frame that asked. Field specs, choices, search results and snippet
// content go to the frame, never to the content script or the page.
//
// Pending requests live in storage.session (memory only, not readable by content scripts), so a
// user who thinks for a minute over the form does not lose it when the service worker stops.

import { MSG, TO_CONTENT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';
import { fullCore } from './full.js';

const PREFIX = 'rubrica.overlay.';
/** A form or palette left open longer than this is forgotten. */
const TTL_MS = 30 * 60_000;
/** Most results the palette shows. */
const RESULTS = 20;

const area = api.storage?.session;
const memory = new Map(); // where storage.session is missing

function failure(kind, message) {
  return Object.assign(new Error(message), { kind });
}

/** 128 random bits as 32 lowercase hex digits (the shape messages.rs accepts). */
function newToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readAll() {
  if (!area) return Object.fromEntries([...memory].map(([t, p]) => [PREFIX + t, p]));
  const all = await area.get(null);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(PREFIX)));
}

async function put(token, pending) {
  if (area) await area.set({ [PREFIX + token]: pending });
  else memory.set(token, pending);
}

async function drop(...tokens) {
  if (tokens.length === 0) return;
  if (area) await area.remove(tokens.map((t) => PREFIX + t));
  else tokens.forEach((t) => memory.delete(t));
}

async function get(token) {
  const pending = area ? (await area.get(PREFIX + token))[PREFIX + token] : memory.get(token);
  if (!pending || Date.now() - pending.createdAt > TTL_MS) return null;
  return pending;
}

/**
 * Records a request of the content script that sent `sender` (its tab and frame, taken from the
 * sender, never from the message) and returns its token. One per frame: an older one is dropped,
 * as are expired ones.
 */
export async function createPending(sender, request) {
  const tabId = sender?.tab?.id;
  if (!Number.isInteger(tabId)) throw failure('forbidden', 'Only a tab can open the form or the palette.');
  const frameId = Number.isInteger(sender.frameId) ? sender.frameId : 0;
  const now = Date.now();
  const stale = Object.entries(await readAll())
    .filter(([, p]) => now - p.createdAt > TTL_MS || (p.tabId === tabId && p.frameId === frameId))
    .map(([k]) => k.slice(PREFIX.length));
  await drop(...stale);
  const token = newToken();
  await put(token, { ...request, tabId, frameId, createdAt: now });
  return token;
}

/**
 * The pending request `token` names, for a sender in the same tab (the frame lives in the tab it
 * was opened in; the content script also in the same frame). Anything else is "not found".
 */
async function pendingFor(token, sender, { sameFrame = false } = {}) {
  const pending = await get(token);
  const ok = pending && sender?.tab?.id === pending.tabId && (!sameFrame || sender.frameId === pending.frameId);
  if (!ok) throw failure('notFound', 'This form has expired or was closed. Type the trigger again.');
  return pending;
}

/**
 * The handlers of the form and palette messages. `expandContext(values, useDefaults)` and
 * `countUse(result)` come from handlers.js.
 */
export function overlayHandlers({ expandContext, countUse, senderMayExpand }) {
  /** Renders what `pending` stands for with `values` (defaults for the rest when `useDefaults`). */
  async function render(env, pending, values, useDefaults) {
    const ctx = await expandContext(values, useDefaults);
    if (pending.kind === 'trigger') return env.core.expand(pending.trigger, ctx);
    const full = await fullCore();
    if (pending.kind === 'regex') {
      const result = full.expandRegex(pending.before, ctx);
      if (result.status === 'none') throw failure('notFound', 'That regex trigger no longer matches.');
      return result;
    }
    if (pending.kind === 'palette' && pending.snippetId) return full.expandSnippet(pending.snippetId, ctx);
    throw failure('invalidMessage', 'Choose a snippet first.');
  }

  /** The form's fields, and the text as it would be inserted with the defaults. */
  async function form(env, pending) {
    const ask = await render(env, pending, undefined, false);
    const preview = await render(env, pending, {}, true);
    return {
      fields: ask.status === 'needsInput' ? ask.fields : [],
      preview: { text: preview.text, cursors: preview.cursors },
    };
  }

  /** Sends the final text to the tab and frame that asked, and nothing else. */
  async function deliver(token, pending, result) {
    if (result.status !== 'done') throw failure('invalidMessage', 'Some fields still need an answer.');
    const message = { type: TO_CONTENT.OVERLAY_INSERT, token, text: result.text, cursors: result.cursors };
    if (pending.kind === 'regex') message.replaceLen = result.replaceLen;
    if (pending.kind === 'palette') message.replaceLen = (await fullCore()).paletteReplaceLen(pending.snippetId, pending.word);
    await drop(token);
    try {
      await api.tabs.sendMessage(pending.tabId, message, { frameId: pending.frameId });
    } catch {
      throw failure('notFound', 'The page you were typing in is gone.');
    }
    countUse(result);
    return { status: 'done' };
  }

  return {
    [MSG.PALETTE_OPEN]: async (env, { word }, from) => {
      // Not on a site where Rubrica is off (docs/sites.md). The global pause stops automatic
      // expansion only: the palette is an explicit request, so it still opens.
      if (!senderMayExpand(env, from)) throw failure('forbidden', 'Rubrica is off on this site.');
      return { token: await createPending(from.sender, { kind: 'palette', word }) };
    },

    [MSG.OVERLAY_CANCEL]: async (_env, { token }, { sender }) => {
      if (await get(token).then((p) => p && p.tabId === sender?.tab?.id && p.frameId === sender.frameId)) {
        await drop(token);
      }
      return null;
    },

    [MSG.FRAME_GET]: async (env, { token }, { sender }) => {
      const pending = await pendingFor(token, sender);
      const theme = env.core.settings().theme;
      if (pending.kind === 'palette' && !pending.snippetId) return { mode: 'palette', query: pending.word, theme };
      return { mode: 'fill', theme, ...(await form(env, pending)) };
    },

    [MSG.FRAME_PREVIEW]: async (env, { token, values }, { sender }) => {
      const pending = await pendingFor(token, sender);
      const result = await render(env, pending, values, true);
      return { text: result.text, cursors: result.cursors };
    },

    [MSG.FRAME_SEARCH]: async (_env, { token, query }, { sender }) => {
      const pending = await pendingFor(token, sender);
      if (pending.kind !== 'palette') throw failure('invalidMessage', 'This frame is not a search palette.');
      return (await fullCore()).search(query, RESULTS);
    },

    [MSG.FRAME_CHOOSE]: async (env, { token, snippetId }, { sender }) => {
      const pending = await pendingFor(token, sender);
      if (pending.kind !== 'palette') throw failure('invalidMessage', 'This frame is not a search palette.');
      const chosen = { ...pending, snippetId };
      const result = await render(env, chosen, undefined, false);
      if (result.status === 'done') return deliver(token, chosen, result);
      await put(token, chosen);
      return { status: 'needsInput', ...(await form(env, chosen)) };
    },

    [MSG.FRAME_SUBMIT]: async (env, { token, values }, { sender }) => {
      const pending = await pendingFor(token, sender);
      return deliver(token, pending, await render(env, pending, values, true));
    },

    [MSG.FRAME_CANCEL]: async (_env, { token }, { sender }) => {
      const pending = await get(token);
      const close = { type: TO_CONTENT.OVERLAY_CLOSE, token };
      if (pending && pending.tabId === sender?.tab?.id) {
        await drop(token);
        await api.tabs.sendMessage(pending.tabId, close, { frameId: pending.frameId }).catch(() => {});
      } else if (Number.isInteger(sender?.tab?.id)) {
        // Expired (or the background lost it): the frame's own tab closes whichever overlay has
        // this token; the notice carries nothing but the token.
        await api.tabs.sendMessage(sender.tab.id, close).catch(() => {});
      }
      return null;
    },
  };
}

/**
 * The open-palette shortcut: tells the active tab to open the palette. Every frame of the tab
 * hears it; only the one that has focus and a focused field answers (with palette.open). The
 * test build's hook calls this very function (browsers do not let automation press shortcuts).
 */
export async function openPalette() {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  if (!Number.isInteger(tab?.id)) return false;
  try {
    await api.tabs.sendMessage(tab.id, { type: TO_CONTENT.PALETTE_SHOW });
    return true;
  } catch {
    return false; // no Rubrica content script in that tab
  }
}

/** Registers the shortcut's listener; call synchronously at the top level of the background. */
export function installOverlayListeners() {
  api.commands?.onCommand.addListener((name) => {
    if (name === 'open-palette') openPalette().catch((e) => console.warn('Rubrica: palette', e.message));
  });
}
