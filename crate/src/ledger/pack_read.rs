//! Reading a ledger pack ([`super::pack`]): every read is checked, and anything out of place
//! (a short buffer, an unknown code, a string index past the table) reads as `None`, a broken
//! pack, so the shard is read instead.

use super::pack_view::{PackedHead, TaskView};
use crate::model::{Money, PayStatus, RecordMeta, Session, SessionEvent, SessionEventKind, Task};
use crate::model::{TaskStatus, WorksheetResult};

/// A pack's string table: read into a list (a pack being read through), or kept as one text
/// and each string's span in it (a loaded pack whose records are made later).
pub(super) enum Table<'a> {
    Read(Vec<&'a str>),
    Spans(&'a str, &'a [(u32, u32)]),
}

/// Reads what [`Writer`] wrote; every read is checked (`None`: a broken pack).
///
/// [`Writer`]: super::pack_write
pub(super) struct Reader<'a> {
    b: &'a [u8],
    pub(super) at: usize,
    pub(super) strings: Table<'a>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(b: &'a [u8]) -> Self {
        Reader {
            b,
            at: 0,
            strings: Table::Read(Vec::new()),
        }
    }

    /// A reader of a loaded pack's record at `at`, its string table given as one text and
    /// each string's span in it.
    pub(super) fn at(b: &'a [u8], at: usize, text: &'a str, spans: &'a [(u32, u32)]) -> Self {
        Reader {
            b,
            at,
            strings: Table::Spans(text, spans),
        }
    }

    /// The string table: each string read.
    pub(super) fn table(&mut self) -> Option<Vec<&'a str>> {
        let n = self.uint()? as usize;
        let mut strings = Vec::with_capacity(n.min(self.b.len()));
        for _ in 0..n {
            strings.push(self.raw_str()?);
        }
        Some(strings)
    }

    fn string(&self, i: usize) -> Option<&'a str> {
        match &self.strings {
            Table::Read(v) => v.get(i).copied(),
            Table::Spans(text, spans) => {
                let &(from, to) = spans.get(i)?;
                text.get(from as usize..to as usize)
            }
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

    fn str(&mut self) -> Option<&'a str> {
        let i = self.uint()? as usize;
        self.string(i)
    }

    fn opt_str(&mut self, present: bool) -> Option<Option<&'a str>> {
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
        let currency = crate::model::Currency::parse(self.string(i)?).ok()?;
        Some(Some(Money { minor, currency }))
    }

    fn meta(&mut self) -> Option<RecordMeta> {
        let id = self.str()?.to_string();
        let created_at = self.int()?;
        let updated_at = created_at.wrapping_add(self.int()?);
        Some(RecordMeta {
            id,
            created_at,
            updated_at,
            deleted_at: None,
        })
    }

    /// The next task's record (see [`Reader::task_view`]).
    pub(super) fn task(&mut self) -> Option<Task> {
        self.task_view()?.to_task()
    }

    /// The next task, its strings borrowed from the pack. Everything [`TaskView::to_task`] checks
    /// is checked here too (the worksheet's JSON is read), so a view read once makes its record.
    pub(super) fn task_view(&mut self) -> Option<TaskView<'a>> {
        self.view(true)
    }

    /// [`Reader::task_view`] of a record read through before: its worksheet's JSON is not read.
    pub(super) fn task_view_again(&mut self) -> Option<TaskView<'a>> {
        self.view(false)
    }

    /// What the ledger's load reads of the next task, strings as indices into the table: the
    /// fields of [`Reader::task_view`] up to the duration, in its order, the others skipped
    /// (a record read through before: its indices were checked then).
    pub(super) fn head(&mut self) -> Option<PackedHead> {
        let f = flags(self.uint()?);
        self.uint()?; // the id
        let base = self.int()?;
        self.int()?; // updated
        let started_at = base.wrapping_add(self.int()?);
        let codes = self.byte()?;
        self.opt_time(f[0], base)?;
        let session = self.index(f[1])?;
        let platform = self.index(f[2])?;
        let task_type = self.index(f[3])?;
        self.index(f[4])?; // the external id
        let submitted_at = self.opt_time(f[5], base)?;
        let expected = self.amount(f[6])?;
        let confirmed = self.amount(f[7])?;
        self.index(f[9])?; // feedback
        self.index(f[10])?; // justification
        let reviewed_at = self.opt_time(f[11], base)?;
        let pay_expected_at = self.opt_time(f[12], base)?;
        self.opt_time(f[13], base)?;
        self.opt_time(f[14], base)?;
        self.index(f[15])?; // notes
        Some(PackedHead {
            session,
            platform,
            task_type,
            started_at,
            submitted_at,
            reviewed_at,
            status: status_of(codes & 0x0f)?,
            pay_status: pay_status_of(codes >> 4)?,
            is_bonus: f[8],
            expected,
            confirmed,
            pay_expected_at,
            duration_ms: if f[16] { Some(self.int()?) } else { None },
        })
    }

    fn index(&mut self, present: bool) -> Option<Option<u32>> {
        if present {
            u32::try_from(self.uint()?).ok().map(Some)
        } else {
            Some(None)
        }
    }

    fn amount(&mut self, present: bool) -> Option<Option<(i64, u32)>> {
        if present {
            Some(Some((self.int()?, u32::try_from(self.uint()?).ok()?)))
        } else {
            Some(None)
        }
    }

    fn view(&mut self, check: bool) -> Option<TaskView<'a>> {
        let f = flags(self.uint()?);
        let id = self.str()?;
        let created_at = self.int()?;
        let updated_at = created_at.wrapping_add(self.int()?);
        let base = created_at;
        let started_at = base.wrapping_add(self.int()?);
        let codes = self.byte()?;
        Some(TaskView {
            id,
            created_at,
            updated_at,
            deleted_at: self.opt_time(f[0], base)?,
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
                let json = self.raw_str()?;
                // Read now, so that making the record later cannot fail.
                if check {
                    serde_json::from_str::<WorksheetResult>(json).ok()?;
                }
                Some((json, self.bits()?, self.bits()?))
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
        let platform_id = self.opt_str(f[1])?.map(str::to_string);
        let task_type_id = self.opt_str(f[2])?.map(str::to_string);
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
