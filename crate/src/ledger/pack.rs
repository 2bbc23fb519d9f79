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
use super::pack_read::Reader;
use crate::model::{Money, PayStatus, RecordMeta, Session, SessionEventKind, Task, TaskStatus};
use crate::storage::Collection;
use base64::Engine as _;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Pack keys are this prefix and their shard's key: `ledgerPack/tasks/2026-03`.
pub const PACK_PREFIX: &str = crate::storage::KEY_LEDGER_PACK_PREFIX;
const MAGIC: &[u8; 4] = b"RLP1";
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
    let mut r = Reader::new(bytes);
    if r.take(4)? != MAGIC {
        return None;
    }
    let kind = r.byte()?;
    if Some(kind) != kind_of(shard) || r.raw_str()? != shard || r.opt_int()? != stamp {
        return None;
    }
    let n = r.uint()? as usize;
    r.strings = (0..n).map(|_| r.raw_str()).collect::<Option<Vec<&str>>>()?;
    let count = r.uint()? as usize;
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

/// Writes records: the body first (strings become table indexes), then the head and table.
struct Writer<'a> {
    body: Vec<u8>,
    strings: Vec<&'a str>,
    index: HashMap<&'a str, u64>,
}

impl<'a> Writer<'a> {
    fn new() -> Self {
        Writer {
            body: Vec::new(),
            strings: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn uint(&mut self, v: u64) {
        varint(&mut self.body, v);
    }

    fn int(&mut self, v: i64) {
        varint(&mut self.body, zigzag(v));
    }

    fn str(&mut self, s: &'a str) {
        let next = self.strings.len() as u64;
        let i = *self.index.entry(s).or_insert(next);
        if i == next {
            self.strings.push(s);
        }
        self.uint(i);
    }

    fn opt_str(&mut self, s: &'a Option<String>) {
        if let Some(s) = s {
            self.str(s);
        }
    }

    fn opt_time(&mut self, t: Option<i64>, base: i64) {
        if let Some(t) = t {
            self.int(t.wrapping_sub(base));
        }
    }

    fn money(&mut self, m: &'a Option<Money>) {
        if let Some(m) = m {
            self.int(m.minor);
            self.str(m.currency.code());
        }
    }

    fn meta(&mut self, m: &'a RecordMeta) {
        self.str(&m.id);
        self.int(m.created_at);
        self.int(m.updated_at.wrapping_sub(m.created_at));
    }

    fn finish(self, kind: u8, shard: &str, stamp: Option<i64>, count: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.body.len() + 64);
        out.extend_from_slice(MAGIC);
        out.push(kind);
        raw_str(&mut out, shard);
        match stamp {
            Some(s) => {
                out.push(1);
                varint(&mut out, zigzag(s));
            }
            None => out.push(0),
        }
        varint(&mut out, self.strings.len() as u64);
        for s in &self.strings {
            raw_str(&mut out, s);
        }
        varint(&mut out, count as u64);
        out.extend_from_slice(&self.body);
        out
    }
}

fn encode_tasks<'a>(
    shard: &str,
    stamp: Option<i64>,
    tasks: impl Iterator<Item = &'a Task>,
) -> Vec<u8> {
    let mut w = Writer::new();
    let mut count = 0;
    for t in tasks {
        count += 1;
        let worksheet = t
            .worksheet
            .as_ref()
            .and_then(|ws| serde_json::to_string(ws).ok());
        let flags = [
            t.meta.deleted_at.is_some(),
            t.session_id.is_some(),
            t.platform_id.is_some(),
            t.task_type_id.is_some(),
            t.external_id.is_some(),
            t.submitted_at.is_some(),
            t.pay_expected.is_some(),
            t.pay_confirmed.is_some(),
            t.is_bonus,
            t.feedback.is_some(),
            t.justification_id.is_some(),
            t.reviewed_at.is_some(),
            t.pay_expected_at.is_some(),
            t.pay_approved_at.is_some(),
            t.paid_at.is_some(),
            t.notes.is_some(),
            t.duration_ms.is_some(),
            t.import_key.is_some(),
            worksheet.is_some(),
            !t.criteria_cited.is_empty(),
        ];
        w.uint(mask(&flags));
        w.meta(&t.meta);
        let base = t.meta.created_at;
        w.int(t.started_at.wrapping_sub(base));
        w.body
            .push(status_code(t.status) | pay_status_code(t.pay_status) << 4);
        w.opt_time(t.meta.deleted_at, base);
        w.opt_str(&t.session_id);
        w.opt_str(&t.platform_id);
        w.opt_str(&t.task_type_id);
        w.opt_str(&t.external_id);
        w.opt_time(t.submitted_at, base);
        w.money(&t.pay_expected);
        w.money(&t.pay_confirmed);
        w.opt_str(&t.feedback);
        w.opt_str(&t.justification_id);
        for at in [
            t.reviewed_at,
            t.pay_expected_at,
            t.pay_approved_at,
            t.paid_at,
        ] {
            w.opt_time(at, base);
        }
        w.opt_str(&t.notes);
        if let Some(ms) = t.duration_ms {
            w.int(ms);
        }
        w.opt_str(&t.import_key);
        if let (Some(text), Some(ws)) = (&worksheet, &t.worksheet) {
            // JSON text may not give a float back bit for bit: the totals follow as bits.
            raw_str(&mut w.body, text);
            w.body
                .extend_from_slice(&ws.total_a.to_bits().to_le_bytes());
            w.body
                .extend_from_slice(&ws.total_b.to_bits().to_le_bytes());
        }
        if !t.criteria_cited.is_empty() {
            w.uint(t.criteria_cited.len() as u64);
            for c in &t.criteria_cited {
                w.str(c);
            }
        }
    }
    w.finish(0, shard, stamp, count)
}

fn encode_sessions<'a>(
    shard: &str,
    stamp: Option<i64>,
    sessions: impl Iterator<Item = &'a Session>,
) -> Vec<u8> {
    let mut w = Writer::new();
    let mut count = 0;
    for s in sessions {
        count += 1;
        let flags = [
            s.meta.deleted_at.is_some(),
            s.platform_id.is_some(),
            s.task_type_id.is_some(),
            s.ended_at.is_some(),
            s.last_activity_at.is_some(),
            s.pending_idle_from.is_some(),
            s.pending_idle_to.is_some(),
        ];
        w.uint(mask(&flags));
        w.meta(&s.meta);
        let base = s.meta.created_at;
        w.int(s.started_at.wrapping_sub(base));
        w.opt_time(s.meta.deleted_at, base);
        w.opt_str(&s.platform_id);
        w.opt_str(&s.task_type_id);
        for at in [
            s.ended_at,
            s.last_activity_at,
            s.pending_idle_from,
            s.pending_idle_to,
        ] {
            w.opt_time(at, base);
        }
        w.uint(s.events.len() as u64);
        let mut prev = base;
        for e in &s.events {
            w.body
                .push(event_code(e.kind) | if e.from.is_some() { 0x80 } else { 0 });
            w.int(e.at.wrapping_sub(prev));
            w.opt_time(e.from, e.at);
            prev = e.at;
        }
    }
    w.finish(1, shard, stamp, count)
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn raw_str(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn mask(flags: &[bool]) -> u64 {
    flags
        .iter()
        .enumerate()
        .fold(0, |m, (i, &f)| if f { m | 1 << i } else { m })
}

pub(super) fn status_code(s: TaskStatus) -> u8 {
    match s {
        TaskStatus::InProgress => 0,
        TaskStatus::Submitted => 1,
        TaskStatus::Approved => 2,
        TaskStatus::Rejected => 3,
        TaskStatus::Revision => 4,
    }
}

pub(super) fn pay_status_code(s: PayStatus) -> u8 {
    match s {
        PayStatus::Pending => 0,
        PayStatus::Approved => 1,
        PayStatus::Paid => 2,
    }
}

pub(super) fn event_code(k: SessionEventKind) -> u8 {
    match k {
        SessionEventKind::Start => 0,
        SessionEventKind::Pause => 1,
        SessionEventKind::Resume => 2,
        SessionEventKind::Idle => 3,
        SessionEventKind::Active => 4,
        SessionEventKind::Locked => 5,
        SessionEventKind::Discard => 6,
        SessionEventKind::Stop => 7,
    }
}
