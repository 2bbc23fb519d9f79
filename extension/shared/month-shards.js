// How task and session month shards are kept in storage.local (docs/data-model.md, "Compressed
// month shards"): the shard's JSON text, deflated and carried as one base64 string behind the
// prefix `RLZ1:`. chrome.storage.local turns every record and field of an object into a value of
// its own on the way in and out (seconds for a year of tasks); one string of a tenth of the size
// goes through at once. The record map inside is exactly the object shard it replaces.
//
// Ledger packs (docs/ledger.md, *Packs*) go in the same envelope: the core makes a pack as the
// base64 of its bytes, the store deflates those bytes (100,000 tasks and 20,000 sessions: 6.5 MB
// of base64 become 2.0 MB, which storage reads in a third of the time), and the dashboard inflates
// them. A pack stored as plain base64 (written before this encoding) reads as it is.
//
// Writers (the background's store.js) encode; readers (store.js, the dashboard's book) decode.
// A shard still stored as an object (written before this encoding, a restored profile, a test)
// reads as it is. A string that is not a readable envelope is passed on unchanged: the core then
// reports that month as unreadable, as it does any malformed shard, and nothing is dropped here.
import { LEDGER_PACKED, STORAGE } from './contract.js';

export const SHARD_PREFIX = 'RLZ1:';

/** Whether `key` is a task or session month shard (`tasks/2026-03`), kept compressed. */
export const isMonthShard = (key) => {
  const slash = key.indexOf('/');
  return slash > 0 && LEDGER_PACKED.includes(key.slice(0, slash));
};

/**
 * Base64 of `bytes`: natively where the browser has it (Chromium 140+, Firefox 133+), else in
 * chunks (String.fromCharCode takes a bounded argument list).
 */
function toBase64(bytes) {
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of base64 `text` (natively where the browser has it); throws when it is not base64. */
export function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether `key` is a ledger pack (`ledgerPack/tasks/2026-03`), kept in the same envelope. */
export const isPackKey = (key) => key.startsWith(STORAGE.LEDGER_PACK);

/**
 * `bytes` through a compression stream. The bytes go in as a stream made here: a Blob's stream
 * would first hand them to the browser process and back (Chromium registers every Blob there).
 */
async function through(bytes, transform) {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  }).pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The stored form of a shard given as its JSON text (a string, or its UTF-8 bytes). */
export async function encodeShardText(json) {
  const bytes = typeof json === 'string' ? new TextEncoder().encode(json) : json;
  const deflated = await through(bytes, new CompressionStream('deflate'));
  return SHARD_PREFIX + toBase64(deflated);
}

/** The JSON text inside a stored shard envelope, or null when `value` is not one (or is damaged). */
export async function shardText(value) {
  if (typeof value !== 'string' || !value.startsWith(SHARD_PREFIX)) return null;
  try {
    const bytes = await through(fromBase64(value.slice(SHARD_PREFIX.length)), new DecompressionStream('deflate'));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The stored form of a ledger pack made by the core (the base64 of its bytes): its bytes deflated
 * in the envelope. An empty pack ("read the shard") and one already in an envelope stay as they
 * are; so does text that is not base64, which the reader then refuses like any damaged pack.
 */
export async function encodePack(text) {
  if (typeof text !== 'string' || text === '' || text.startsWith(SHARD_PREFIX)) return text;
  let bytes;
  try {
    bytes = fromBase64(text);
  } catch {
    return text;
  }
  return SHARD_PREFIX + toBase64(await through(bytes, new CompressionStream('deflate')));
}

/**
 * A stored ledger pack's bytes, as the core's `loadPackBytes` takes them: the envelope inflated,
 * or a pack of an older build (plain base64) decoded. Empty when there is no pack or it cannot be
 * read: the core then reads that month from its shard, and the page asks for the pack again.
 */
export async function packBytes(value) {
  if (typeof value !== 'string' || value === '') return new Uint8Array(0);
  try {
    if (!value.startsWith(SHARD_PREFIX)) return fromBase64(value);
    return await through(fromBase64(value.slice(SHARD_PREFIX.length)), new DecompressionStream('deflate'));
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * Packs' bytes (`packBytes`, in the order of their keys) as `LedgerBook.loadPackBytes` takes
 * them: one after another in `bytes`, each one's length in `lengths` (0: no pack).
 */
export function joinPacks(parts) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, lengths: Uint32Array.from(parts, (p) => p.length) };
}

/**
 * A month shard handed to a write as the UTF-8 bytes of its JSON text (the core serialised it; an
 * import of 50,000 tasks never becomes 50,000 objects). Only writers make these; storage never
 * holds one.
 */
export class ShardJson {
  constructor(bytes) {
    this.bytes = bytes;
  }
}

/** The JSON text of a write's value: a ShardJson's text as it is, anything else stringified. */
const jsonOf = (value) => (value instanceof ShardJson ? new TextDecoder().decode(value.bytes) : JSON.stringify(value ?? null));

/**
 * The writes as storage keeps them: each month shard (a record map or a ShardJson) and each ledger
 * pack becomes its envelope; every other key (and a removal, `undefined`) is left as it is.
 */
export async function encodeWrites(changes) {
  const out = { ...changes };
  await Promise.all(Object.keys(changes).map(async (key) => {
    const value = changes[key];
    if (isPackKey(key)) {
      out[key] = await encodePack(value);
      return;
    }
    if (!isMonthShard(key) || value === undefined || value === null) return;
    if (typeof value === 'string') return; // already an envelope (or damaged: written back as read)
    out[key] = await encodeShardText(value instanceof ShardJson ? value.bytes : JSON.stringify(value));
  }));
  return out;
}

/** `{key: value}` of a write as one JSON text, ShardJson texts spliced in unparsed. */
export function writesJson(values) {
  return `{${Object.keys(values).map((key) => `${JSON.stringify(key)}:${jsonOf(values[key])}`).join(',')}}`;
}

/** `stored` (a storage.local.get answer) with every month shard envelope read back into its record map. */
export async function decodeStored(stored) {
  if (!Object.keys(stored).some(isMonthShard)) return stored; // the start-up keys: nothing to do
  const out = { ...stored };
  await Promise.all(Object.keys(stored).map(async (key) => {
    if (!isMonthShard(key)) return;
    const text = await shardText(stored[key]);
    if (text === null) return;
    try {
      out[key] = JSON.parse(text);
    } catch {
      // left as stored: the core reports the month as unreadable
    }
  }));
  return out;
}

/** Whether `text` is one JSON value (checked, not kept: the core parses it into typed records). */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * `stored` as one JSON text, month shard envelopes spliced in as their JSON text (not stringified
 * again). An envelope whose text is not JSON goes in as the stored string, so the core reports
 * that month alone instead of failing to read the whole snapshot.
 */
export async function storedJson(stored) {
  const texts = await Promise.all(Object.keys(stored).map(async (key) => {
    const inner = isMonthShard(key) ? await shardText(stored[key]) : null;
    const json = inner !== null && isJson(inner) ? inner : JSON.stringify(stored[key] ?? null);
    return `${JSON.stringify(key)}:${json}`;
  }));
  return `{${texts.join(',')}}`;
}
