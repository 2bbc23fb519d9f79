// Compressed month shards (extension/shared/month-shards.js): what store.js writes reads back as
// the same record map; shards stored as objects (older storage) read as they are; a damaged
// envelope is passed on unchanged (the core reports the month), never dropped or half-read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeStored, encodePack, encodeShardText, encodeWrites, isMonthShard, isPackKey, joinPacks, packBytes, SHARD_PREFIX, ShardJson,
  shardText, storedJson, writesJson,
} from '../../extension/shared/month-shards.js';

const shard = {
  tsk_1: { id: 'tsk_1', createdAt: 1, notes: 'Déjà vu — “quoted” \\ back\nslash 🙂', criteriaCited: ['Accuracy'] },
  tsk_2: { id: 'tsk_2', createdAt: 2, notes: '' },
};

test('only task and session month shards are compressed; packs, the index and other keys are not', () => {
  assert.equal(isMonthShard('tasks/2026-03'), true);
  assert.equal(isMonthShard('sessions/2026-03'), true);
  for (const key of ['justifications/2026-03', 'ledgerPack/tasks/2026-03', 'shards', 'settings', 'tasks']) {
    assert.equal(isMonthShard(key), false, key);
  }
});

test('a written month shard reads back as the same record map; other keys untouched', async () => {
  const written = await encodeWrites({ 'tasks/2026-03': shard, settings: { theme: 'dark' }, 'sessions/2026-02': undefined });
  assert.ok(written['tasks/2026-03'].startsWith(SHARD_PREFIX));
  assert.deepEqual(written.settings, { theme: 'dark' });
  assert.equal('sessions/2026-02' in written, true);
  assert.equal(written['sessions/2026-02'], undefined);
  const read = await decodeStored(written);
  assert.deepEqual(read['tasks/2026-03'], shard);
  assert.deepEqual(read.settings, { theme: 'dark' });
});

test('a shard handed as the UTF-8 bytes of its JSON text is stored exactly as its record map would be', async () => {
  const text = JSON.stringify(shard);
  const json = new TextEncoder().encode(text);
  const written = await encodeWrites({ 'tasks/2026-03': new ShardJson(json) });
  assert.equal(await shardText(written['tasks/2026-03']), text);
  assert.equal(writesJson({ 'tasks/2026-03': new ShardJson(json), shards: { tasks: { '2026-03': 2 } } }),
    `{"tasks/2026-03":${text},"shards":{"tasks":{"2026-03":2}}}`);
});

test('a shard stored as an object (before compression) reads as it is, and is compressed when written again', async () => {
  const read = await decodeStored({ 'tasks/2025-01': shard });
  assert.deepEqual(read['tasks/2025-01'], shard);
  const again = await encodeWrites(read);
  assert.ok(again['tasks/2025-01'].startsWith(SHARD_PREFIX));
});

test('a damaged envelope is passed on as stored (the core reports the month), never dropped', async () => {
  const good = await encodeShardText(JSON.stringify(shard));
  const flipped = good.slice(0, 30) + (good[30] === 'A' ? 'B' : 'A') + good.slice(31);
  for (const bad of [flipped, `${SHARD_PREFIX}not base64!`, `${SHARD_PREFIX}`, 'plain text']) {
    assert.equal(await shardText(bad), null, bad.slice(0, 40));
    const read = await decodeStored({ 'tasks/2026-03': bad });
    assert.equal(read['tasks/2026-03'], bad);
  }
  // Decompresses but is not JSON: also passed on.
  const notJson = await encodeShardText('{"tsk_1": ');
  assert.equal((await decodeStored({ 'tasks/2026-03': notJson }))['tasks/2026-03'], notJson);
  // A write never re-encodes a string it was handed back: it stays exactly as read.
  assert.equal((await encodeWrites({ 'tasks/2026-03': flipped }))['tasks/2026-03'], flipped);
});

test('storedJson splices each shard\'s JSON text into one snapshot text the core parses', async () => {
  const stored = await encodeWrites({ 'tasks/2026-03': shard, platforms: { plt_1: { id: 'plt_1' } } });
  const text = await storedJson({ ...stored, 'sessions/2025-01': shard });
  assert.deepEqual(JSON.parse(text), { 'tasks/2026-03': shard, platforms: { plt_1: { id: 'plt_1' } }, 'sessions/2025-01': shard });
  // An envelope that inflates to something not JSON goes in as stored: the rest still reads.
  const notJson = await encodeShardText('{"tsk_1": ');
  const mixed = JSON.parse(await storedJson({ ...stored, 'tasks/2026-04': notJson }));
  assert.equal(mixed['tasks/2026-04'], notJson);
  assert.deepEqual(mixed['tasks/2026-03'], shard);
});

test('a year of tasks stores in a fraction of its JSON', async () => {
  const big = {};
  for (let i = 0; i < 5000; i++) {
    big[`tsk_${i}`] = { id: `tsk_${i}`, createdAt: 1_700_000_000_000 + i * 60_000, status: i % 7 ? 'approved' : 'rejected', notes: `Task ${i}` };
  }
  const json = JSON.stringify(big);
  const stored = (await encodeWrites({ 'tasks/2026-03': big }))['tasks/2026-03'];
  assert.ok(stored.length * 4 < json.length, `${stored.length} vs ${json.length}`);
  assert.deepEqual((await decodeStored({ 'tasks/2026-03': stored }))['tasks/2026-03'], big);
});

// Ledger packs: the core makes the base64 of a pack's bytes; the store keeps those bytes deflated
// in the same envelope, and the dashboard reads the bytes back.
const packOf = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 251)).toString('base64');

test('a written ledger pack is kept deflated in the envelope and reads back as its bytes', async () => {
  assert.equal(isPackKey('ledgerPack/tasks/2026-03'), true);
  assert.equal(isPackKey('tasks/2026-03'), false);
  const text = packOf(50_000);
  const written = await encodeWrites({ 'ledgerPack/tasks/2026-03': text, 'ledgerPack/sessions/2026-03': '', shards: {} });
  const stored = written['ledgerPack/tasks/2026-03'];
  assert.ok(stored.startsWith(SHARD_PREFIX));
  assert.ok(stored.length < text.length / 4, `${stored.length} of ${text.length}`);
  assert.deepEqual(Buffer.from(await packBytes(stored)), Buffer.from(text, 'base64'));
  // An empty pack ("read the shard") stays empty; one already in its envelope is not wrapped twice.
  assert.equal(written['ledgerPack/sessions/2026-03'], '');
  assert.equal(await encodePack(stored), stored);
  assert.equal((await packBytes('')).length, 0);
});

test('a pack of an older build (plain base64) reads as it is; a damaged one reads as no pack', async () => {
  const text = packOf(300);
  assert.deepEqual(Buffer.from(await packBytes(text)), Buffer.from(text, 'base64'));
  const good = await encodePack(packOf(5_000));
  const flipped = good.slice(0, 30) + (good[30] === 'A' ? 'B' : 'A') + good.slice(31);
  for (const bad of [flipped, `${SHARD_PREFIX}not base64!`, 'UkxQMQ-broken', null, 42]) {
    assert.equal((await packBytes(bad)).length, 0, String(bad).slice(0, 40));
  }
  // Text that is not base64 is written as it is (the reader refuses it like any damaged pack).
  assert.equal(await encodePack('not base64!'), 'not base64!');
});

test('packs are handed to the core one after another with their lengths, a missing one as 0', () => {
  const { bytes, lengths } = joinPacks([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)]);
  assert.deepEqual([...bytes], [1, 2, 3]);
  assert.deepEqual([...lengths], [2, 0, 1]);
});
