// The overlay's requests (docs/palette.md): the fill-in form and the palette show in ONE extension
// page that the content script puts in a closed shadow root. The content script only ever learns a
// token; the overlay page asks for the fields or the query by that token (handlers/overlay.js).
//
// Requests live in storage.session (memory only, not readable by content scripts), so a user who
// thinks for a minute over the form does not lose it when the service worker stops.

import { TO_CONTENT } from '../shared/contract.js';
import { api } from '../shared/runtime.js';

const PREFIX = 'rubrica.overlay.';
/** A form or palette left open longer than this is forgotten. */
const TTL_MS = 30 * 60_000;

const area = api.storage?.session;
const memory = new Map(); // where storage.session is missing

/** An error reply with `kind` (the router passes it on). */
export function failure(kind, message) {
  return Object.assign(new Error(message), { kind });
}

/** 128 random bits as 32 lowercase hex digits (the shape the message contract accepts). */
function newToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readAll() {
  if (!area) return Object.fromEntries([...memory].map(([t, r]) => [PREFIX + t, r]));
  const all = await area.get(null);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(PREFIX)));
}

/** Stores `request` under `token`. */
export async function putRequest(token, request) {
  if (area) await area.set({ [PREFIX + token]: request });
  else memory.set(token, request);
}

/** Forgets the requests of `tokens`. */
export async function dropRequest(...tokens) {
  if (tokens.length === 0) return;
  if (area) await area.remove(tokens.map((t) => PREFIX + t));
  else tokens.forEach((t) => memory.delete(t));
}

/** The live request of `token`, or null. */
export async function getRequest(token) {
  const request = area ? (await area.get(PREFIX + token))[PREFIX + token] : memory.get(token);
  if (!request || Date.now() - request.createdAt > TTL_MS) return null;
  return request;
}

/**
 * Records a request of the content script that sent `sender` (its tab and frame, taken from the
 * sender, never from the message) and returns its token. One per frame: an older one is dropped,
 * as are expired ones.
 */
export async function createRequest(sender, request) {
  const tabId = sender?.tab?.id;
  if (!Number.isInteger(tabId)) throw failure('forbidden', 'Only a tab can open the form or the palette.');
  const frameId = Number.isInteger(sender.frameId) ? sender.frameId : 0;
  const now = Date.now();
  const stale = Object.entries(await readAll())
    .filter(([, r]) => now - r.createdAt > TTL_MS || (r.tabId === tabId && r.frameId === frameId))
    .map(([k]) => k.slice(PREFIX.length));
  await dropRequest(...stale);
  const token = newToken();
  await putRequest(token, { ...request, tabId, frameId, createdAt: now });
  return token;
}

/**
 * The request `token` names, for a sender in the same tab (the overlay page lives in the tab it
 * was opened in; the content script also in the same frame). Anything else is "not found".
 */
export async function requestFor(token, sender, { sameFrame = false } = {}) {
  const request = await getRequest(token);
  const ok = request && sender?.tab?.id === request.tabId && (!sameFrame || sender.frameId === request.frameId);
  if (!ok) throw failure('notFound', 'This form has expired or was closed. Type the trigger again.');
  return request;
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
