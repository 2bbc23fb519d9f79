//! Ledger packs: a compact copy of one month shard of tasks or sessions, derived from it and
//! written in the same `set` (docs/ledger.md, *Packs*), so the dashboard's first render reads
//! one short string per month instead of thousands of objects (Chromium turns every stored object
//! into JavaScript values one by one; a string is one value).
//!
//! A pack is base64 text of: `RLP1`, the kind (tasks or sessions), the shard's key, the stamp
//! (the `shards` index's live count of that month when the pack was written), a string table,
//! then the shard's live records, which are exactly what [`Ledger::load_json`] keeps of the shard
//! (the same typed parse, deleted records left out). Every number is a LEB128 varint (signed ones
//! zigzagged; times after the first as differences); the scoring worksheet, rare and nested, is
//! carried as its JSON text. The shard stays the truth: a pack that cannot be read, is of another
//! version or key, or whose stamp differs from the index is not used, and the shard is read.
//!
//! [`Ledger::load_json`]: super::Ledger::load_json

use super::book::typed;
use super::entry::Entry;
use super::pack_read::{Reader, Table};
use super::pack_view::{PackedHead, TaskView};
use super::pack_write::{encode_sessions, encode_tasks};
use crate::model::{Session, Task};
use crate::storage::Collection;
use base64::Engine as _;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Pack keys are this prefix and their shard's key: `ledgerPack/tasks/2026-03`.
pub const PACK_PREFIX: &str = crate::storage::KEY_LEDGER_PACK_PREFIX;
pub(super) const MAGIC: &[u8; 4] = b"RLP1";
const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD_NO_PAD;

/// What one pack held.
#[derive(Debug)]
pub(crate) enum Packed {
    #[allow(clippy::vec_box, reason = "boxed as the ledger keeps them (`Entry`)")]
    Tasks(Vec<Box<Task>>),
    Sessions(Vec<Session>),
}

/// The pack key of a task or session month shard (`None` for any other key).
pub fn pack_key(shard: &str) -> Option<String> {
    kind_of(shard).map(|_| format!("{PACK_PREFIX}{shard}"))
}

/// 0 for a task shard, 1 for a session shard ([`crate::storage::LEDGER_PACKED`]'s order).
fn kind_of(shard: &str) -> Option<u8> {
    crate::storage::LEDGER_PACKED
        .iter()
        .position(|c| c.owns_key(shard))
        .map(|i| i as u8)
}

/// The stamp of `shard`: its live count in the `shards` index (`{tasks: {"2026-03": n}}`).
pub(crate) fn stamp(index: Option<&Value>, shard: &str) -> Option<i64> {
    let (collection, month) = shard.split_once('/')?;
    index?.get(collection)?.get(month)?.as_i64()
}

/// The packs of the task and session shards in `text` (a JSON object `{key: shard}`, other keys
/// ignored), each stamped from `index` (the `shards` index written with them): `{packKey: text}`.
/// A shard value that is not an object packs as empty. Fails only when `text` is not an object.
pub fn pack_shards(
    text: &str,
    index: Option<&Value>,
) -> crate::error::Result<BTreeMap<String, String>> {
    let top: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
        crate::error::Error::new(
            crate::error::ErrorKind::InvalidMessage,
            format!("the shards to pack have the wrong shape: {e}"),
        )
    })?;
    let mut out = BTreeMap::new();
    for (key, raw) in top {
        let Some(pack) = pack_key(&key) else { continue };
        let stamp = stamp(index, &key);
        let bytes = if Collection::Tasks.owns_key(&key) {
            let live: Vec<Task> = typed::<Task>(raw);
            encode_tasks(&key, stamp, live.iter().filter(|t| !t.meta.is_deleted()))
        } else {
            let live: Vec<Session> = typed::<Session>(raw);
            encode_sessions(&key, stamp, live.iter().filter(|s| !s.meta.is_deleted()))
        };
        out.insert(pack, B64.encode(bytes));
    }
    Ok(out)
}

/// The pack of task shard `shard` holding `tasks` (its records in id order, deleted ones
/// included: they are left out here as [`pack_shards`] leaves them out), stamped from `index`.
#[cfg(feature = "importers")]
pub(crate) fn pack_tasks<'a>(
    shard: &str,
    index: Option<&Value>,
    tasks: impl Iterator<Item = &'a Task>,
) -> String {
    let live = tasks.filter(|t| !t.meta.is_deleted());
    B64.encode(encode_tasks(shard, stamp(index, shard), live))
}

/// Reads the pack of `shard` (its base64 text), if it is one this build writes, of that shard,
/// stamped `stamp` (the index's count now) and readable to its end.
#[cfg(test)]
pub(crate) fn read_pack(shard: &str, text: &[u8], stamp: Option<i64>) -> Option<Packed> {
    read_pack_bytes(shard, &B64.decode(text).ok()?, stamp)
}

/// The base64 text of a pack as its bytes (`None`: not base64).
pub(crate) fn pack_bytes(text: &[u8]) -> Option<Vec<u8>> {
    B64.decode(text).ok()
}

/// `count` packs' base64 texts joined by `\n` as their bytes one after another, and each one's
/// length (0: missing, or not base64), as [`super::Ledger::load_pack_bytes`] takes them.
pub fn decode_packs(text: &[u8], count: usize) -> (Vec<u8>, Vec<u32>) {
    let mut parts = text.split(|b| *b == b'\n');
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    let mut lengths = Vec::with_capacity(count);
    for _ in 0..count {
        let decoded = parts.next().and_then(pack_bytes).unwrap_or_default();
        let n = u32::try_from(decoded.len()).unwrap_or(0);
        if n > 0 {
            bytes.extend_from_slice(&decoded);
        }
        lengths.push(n);
    }
    (bytes, lengths)
}

/// [`read_pack`] of a pack's bytes (its base64 already decoded, as the page may do natively).
pub(crate) fn read_pack_bytes(shard: &str, bytes: &[u8], stamp: Option<i64>) -> Option<Packed> {
    let (mut r, kind, count) = header(shard, bytes, stamp)?;
    // Every record takes at least 4 bytes: a count beyond that is a broken pack, not a reason to
    // reserve memory.
    let cap = count.min(bytes.len() / 4);
    let packed = if kind == 0 {
        let mut v = Vec::with_capacity(cap);
        for _ in 0..count {
            v.push(Box::new(r.task()?));
        }
        Packed::Tasks(v)
    } else {
        let mut v = Vec::with_capacity(cap);
        for _ in 0..count {
            v.push(r.session()?);
        }
        Packed::Sessions(v)
    };
    (r.at == bytes.len()).then_some(packed)
}

/// A task pack as the ledger keeps it: its bytes, and its string table as one text with each
/// string's span in it (read once: a string is then a slice, not checked again), so a task's
/// view ([`TaskPack::view`]) and record are made from it when asked for.
#[derive(Debug, Clone)]
pub(crate) struct TaskPack {
    /// The bytes of the packs loaded together (shared, not copied), and this one's place in them.
    bytes: Rc<Box<[u8]>>,
    place: (usize, usize),
    text: Box<str>,
    spans: Box<[(u32, u32)]>,
}

/// Where a live task of a [`TaskPack`] is: its record's offset and its start.
pub(crate) type TaskAt = (u32, i64);

impl TaskPack {
    /// Reads task pack `shard` as [`read_pack_bytes`] does, every record checked to the end:
    /// the pack kept, and each live task's place. Nothing is made of the records.
    pub(crate) fn read(
        shard: &str,
        all: &Rc<Box<[u8]>>,
        place: (usize, usize),
        stamp: Option<i64>,
    ) -> Option<(TaskPack, Vec<TaskAt>)> {
        let bytes = all.get(place.0..place.1)?;
        let (mut r, kind, count) = header(shard, bytes, stamp)?;
        if kind != 0 {
            return None;
        }
        let Table::Read(strings) = &r.strings else {
            return None;
        };
        let mut text = String::with_capacity(strings.iter().map(|s| s.len()).sum());
        let mut spans = Vec::with_capacity(strings.len());
        for s in strings {
            let from = u32::try_from(text.len()).ok()?;
            text.push_str(s);
            spans.push((from, u32::try_from(text.len()).ok()?));
        }
        let mut at = Vec::with_capacity(count.min(bytes.len() / 4));
        for _ in 0..count {
            let offset = u32::try_from(r.at).ok()?;
            let view = r.task_view()?;
            if view.deleted_at.is_none() {
                at.push((offset, view.started_at));
            }
        }
        let pack = TaskPack {
            bytes: Rc::clone(all),
            place,
            text: text.into(),
            spans: spans.into(),
        };
        (r.at == bytes.len()).then_some((pack, at))
    }

    /// The view of the task whose record is at `offset` (as [`TaskPack::read`] answered it).
    pub(crate) fn view(&self, offset: u32) -> Option<TaskView<'_>> {
        self.reader(offset).task_view_again()
    }

    /// What the ledger's load reads of the task at `offset`, strings as indices ([`Self::string`]).
    pub(crate) fn head(&self, offset: u32) -> Option<PackedHead> {
        self.reader(offset).head()
    }

    /// String `i` of the pack's table.
    pub(crate) fn string(&self, i: u32) -> Option<&str> {
        let &(from, to) = self.spans.get(i as usize)?;
        self.text.get(from as usize..to as usize)
    }

    /// How many strings the pack's table holds.
    pub(crate) fn strings(&self) -> usize {
        self.spans.len()
    }

    fn reader(&self, offset: u32) -> Reader<'_> {
        let bytes = self
            .bytes
            .get(self.place.0..self.place.1)
            .unwrap_or_default();
        Reader::at(bytes, offset as usize, &self.text, &self.spans)
    }
}

/// A pack's header checked (format, kind, key, stamp) and its string table read: the reader at
/// its first record (holding the table), the kind and the record count.
fn header<'a>(shard: &str, bytes: &'a [u8], stamp: Option<i64>) -> Option<(Reader<'a>, u8, usize)> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != MAGIC {
        return None;
    }
    let kind = r.byte()?;
    if Some(kind) != kind_of(shard) || r.raw_str()? != shard || r.opt_int()? != stamp {
        return None;
    }
    r.strings = Table::Read(r.table()?);
    let count = r.uint()? as usize;
    Some((r, kind, count))
}

/// Loading packs into the ledger (the dashboard's first render reads every month from its pack).
impl super::Ledger {
    /// Loads month shards from their packs (this module, docs/ledger.md *Packs*): `keys` the
    /// shard keys, `packs` their packs' texts in the same order joined by `\n` (an empty part: no
    /// pack), `index` the `shards` index now. Answers the keys whose pack is missing, unreadable,
    /// of another format or stale (stamped with another count than the index's): the page reads
    /// those shards ([`Ledger::load_json`]). What a pack loads equals what its shard loads.
    pub fn load_packs(
        &mut self,
        index: Option<&serde_json::Value>,
        keys: &[String],
        packs: &[u8],
        now: i64,
    ) -> Vec<String> {
        let (bytes, lengths) = decode_packs(packs, keys.len());
        self.load_pack_buffer(index, keys, bytes.into_boxed_slice(), &lengths, now)
    }

    /// [`Ledger::load_packs`] of the packs' bytes, their base64 already decoded by the page:
    /// `packs` holds them one after another, `lengths[i]` bytes for `keys[i]` (0: no pack).
    pub fn load_pack_bytes(
        &mut self,
        index: Option<&serde_json::Value>,
        keys: &[String],
        packs: &[u8],
        lengths: &[u32],
        now: i64,
    ) -> Vec<String> {
        self.load_pack_buffer(index, keys, packs.into(), lengths, now)
    }

    /// [`Ledger::load_pack_bytes`] of bytes the ledger may keep: the task packs' records are read
    /// from them when asked for (what the page hands over is not copied again).
    pub fn load_pack_buffer(
        &mut self,
        index: Option<&serde_json::Value>,
        keys: &[String],
        packs: Box<[u8]>,
        lengths: &[u32],
        now: i64,
    ) -> Vec<String> {
        let packs = Rc::new(packs);
        let mut rest = Vec::new();
        let mut any = false;
        let mut at = 0usize;
        for (i, key) in keys.iter().enumerate() {
            let n = lengths.get(i).map_or(0, |&n| n as usize);
            let place = at.checked_add(n).map(|end| (at, end));
            let part = place.and_then(|(from, to)| packs.get(from..to));
            at = at.saturating_add(n);
            if self.loaded.contains(key) {
                continue;
            }
            let stamp = stamp(index, key);
            let read = if Collection::Tasks.owns_key(key) {
                // Only where each task is: its record is made when asked for.
                place
                    .and_then(|place| TaskPack::read(key, &packs, place, stamp))
                    .and_then(|(pack, at)| {
                        let n = u32::try_from(self.packs.len()).ok()?;
                        self.packs.push(pack);
                        self.fresh
                            .extend(at.into_iter().map(|at| Entry::packed(n, at)));
                        Some(())
                    })
            } else {
                part.and_then(|b| read_pack_bytes(key, b, stamp))
                    .map(|packed| match packed {
                        Packed::Sessions(sessions) => self.sessions.extend(sessions),
                        Packed::Tasks(tasks) => self
                            .fresh
                            .extend(tasks.into_iter().map(|t| Entry::record(*t))),
                    })
            };
            if read.is_none() {
                rest.push(key.clone());
                continue;
            }
            self.loaded.insert(key.clone());
            any = true;
        }
        if any {
            self.refresh(now);
        }
        rest
    }
}
