//! Reading a ledger pack ([`super::pack`]): every read is checked, and anything out of place
//! (a short buffer, an unknown code, a string index past the table) reads as `None`, a broken
//! pack, so the shard is read instead.

use crate::model::{Money, PayStatus, RecordMeta, Session, SessionEvent, SessionEventKind, Task};
use crate::model::{TaskStatus, WorksheetResult};

/// Reads what [`Writer`] wrote; every read is checked (`None`: a broken pack).
pub(super) struct Reader<'a> {
    b: &'a [u8],
    pub(super) at: usize,
    pub(super) strings: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(b: &'a [u8]) -> Self {
        Reader {
            b,
            at: 0,
            strings: Vec::new(),
        }
    }

    pub(super) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    pub(super) fn byte(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    pub(super) fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn int(&mut self) -> Option<i64> {
        self.uint().map(|v| ((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    pub(super) fn raw_str(&mut self) -> Option<&'a str> {
        let n = self.uint()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }

    pub(super) fn opt_int(&mut self) -> Option<Option<i64>> {
        match self.byte()? {
            0 => Some(None),
            1 => self.int().map(Some),
            _ => None,
        }
    }

    fn str(&mut self) -> Option<String> {
        let i = self.uint()? as usize;
        self.strings.get(i).map(|s| s.to_string())
    }

    fn opt_str(&mut self, present: bool) -> Option<Option<String>> {
        if present {
            self.str().map(Some)
        } else {
            Some(None)
        }
    }

    fn opt_time(&mut self, present: bool, base: i64) -> Option<Option<i64>> {
        if present {
            self.int().map(|d| Some(base.wrapping_add(d)))
        } else {
            Some(None)
        }
    }

    fn money(&mut self, present: bool) -> Option<Option<Money>> {
        if !present {
            return Some(None);
        }
        let minor = self.int()?;
        let i = self.uint()? as usize;
        let currency = crate::model::Currency::parse(self.strings.get(i)?).ok()?;
        Some(Some(Money { minor, currency }))
    }

    fn meta(&mut self) -> Option<RecordMeta> {
        let id = self.str()?;
        let created_at = self.int()?;
        let updated_at = created_at.wrapping_add(self.int()?);
        Some(RecordMeta {
            id,
            created_at,
            updated_at,
            deleted_at: None,
        })
    }

    pub(super) fn task(&mut self) -> Option<Task> {
        let f = flags(self.uint()?);
        let mut meta = self.meta()?;
        let base = meta.created_at;
        let started_at = base.wrapping_add(self.int()?);
        let codes = self.byte()?;
        meta.deleted_at = self.opt_time(f[0], base)?;
        Some(Task {
            meta,
            session_id: self.opt_str(f[1])?,
            platform_id: self.opt_str(f[2])?,
            task_type_id: self.opt_str(f[3])?,
            external_id: self.opt_str(f[4])?,
            started_at,
            submitted_at: self.opt_time(f[5], base)?,
            status: status_of(codes & 0x0f)?,
            pay_expected: self.money(f[6])?,
            pay_confirmed: self.money(f[7])?,
            pay_status: pay_status_of(codes >> 4)?,
            is_bonus: f[8],
            feedback: self.opt_str(f[9])?,
            justification_id: self.opt_str(f[10])?,
            reviewed_at: self.opt_time(f[11], base)?,
            pay_expected_at: self.opt_time(f[12], base)?,
            pay_approved_at: self.opt_time(f[13], base)?,
            paid_at: self.opt_time(f[14], base)?,
            notes: self.opt_str(f[15])?,
            duration_ms: if f[16] { Some(self.int()?) } else { None },
            import_key: self.opt_str(f[17])?,
            worksheet: if f[18] {
                Some(Box::new(self.worksheet()?))
            } else {
                None
            },
            criteria_cited: if f[19] {
                let n = self.uint()? as usize;
                (0..n).map(|_| self.str()).collect::<Option<Vec<_>>>()?
            } else {
                Vec::new()
            },
        })
    }

    fn worksheet(&mut self) -> Option<WorksheetResult> {
        let mut ws: WorksheetResult = serde_json::from_str(self.raw_str()?).ok()?;
        ws.total_a = f64::from_bits(self.bits()?);
        ws.total_b = f64::from_bits(self.bits()?);
        Some(ws)
    }

    fn bits(&mut self) -> Option<u64> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    }

    pub(super) fn session(&mut self) -> Option<Session> {
        let f = flags(self.uint()?);
        let mut meta = self.meta()?;
        let base = meta.created_at;
        let started_at = base.wrapping_add(self.int()?);
        meta.deleted_at = self.opt_time(f[0], base)?;
        let platform_id = self.opt_str(f[1])?;
        let task_type_id = self.opt_str(f[2])?;
        let ended_at = self.opt_time(f[3], base)?;
        let last_activity_at = self.opt_time(f[4], base)?;
        let pending_idle_from = self.opt_time(f[5], base)?;
        let pending_idle_to = self.opt_time(f[6], base)?;
        let n = self.uint()? as usize;
        let mut events = Vec::with_capacity(n.min(self.b.len() - self.at));
        let mut prev = base;
        for _ in 0..n {
            let code = self.byte()?;
            let at = prev.wrapping_add(self.int()?);
            let from = self.opt_time(code & 0x80 != 0, at)?;
            events.push(SessionEvent {
                kind: event_of(code & 0x7f)?,
                at,
                from,
            });
            prev = at;
        }
        Some(Session {
            meta,
            platform_id,
            task_type_id,
            started_at,
            ended_at,
            events,
            last_activity_at,
            pending_idle_from,
            pending_idle_to,
        })
    }
}

fn flags(mask: u64) -> [bool; 20] {
    std::array::from_fn(|i| mask & 1 << i != 0)
}

fn status_of(c: u8) -> Option<TaskStatus> {
    [
        TaskStatus::InProgress,
        TaskStatus::Submitted,
        TaskStatus::Approved,
        TaskStatus::Rejected,
        TaskStatus::Revision,
    ]
    .get(c as usize)
    .copied()
}

fn pay_status_of(c: u8) -> Option<PayStatus> {
    [PayStatus::Pending, PayStatus::Approved, PayStatus::Paid]
        .get(c as usize)
        .copied()
}

const EVENTS: [SessionEventKind; 8] = [
    SessionEventKind::Start,
    SessionEventKind::Pause,
    SessionEventKind::Resume,
    SessionEventKind::Idle,
    SessionEventKind::Active,
    SessionEventKind::Locked,
    SessionEventKind::Discard,
    SessionEventKind::Stop,
];

fn event_of(c: u8) -> Option<SessionEventKind> {
    EVENTS.get(c as usize).copied()
}
