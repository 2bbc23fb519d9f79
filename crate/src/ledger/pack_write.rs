//! Writing a ledger pack ([`super::pack`]): the records' body first (each string becomes an index
//! into the pack's string table), then the head and the table, as [`super::pack_read`] reads them.

use super::pack::MAGIC;
use crate::model::{Money, PayStatus, RecordMeta, Session, SessionEventKind, Task, TaskStatus};
use std::collections::HashMap;

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

/// Writes `tasks` in the order the ledger keeps them, by start then id: a load of months in order
/// then finds its tasks already sorted (a run per pack), and reads each pack front to back.
pub(super) fn encode_tasks<'a>(
    shard: &str,
    stamp: Option<i64>,
    tasks: impl Iterator<Item = &'a Task>,
) -> Vec<u8> {
    let mut tasks: Vec<&Task> = tasks.collect();
    tasks.sort_by(|a, b| (a.started_at, &a.meta.id).cmp(&(b.started_at, &b.meta.id)));
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

pub(super) fn encode_sessions<'a>(
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
