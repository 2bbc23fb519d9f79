//! [`Fact`]: what the overview reads of one loaded task, worked out once when the ledger loads.
//! Ids are interned (platform and task type as integers), the currency is resolved to an index,
//! and nothing is a string, so a report over 100,000 tasks compares integers in a few compact
//! arrays instead of strings in 600-byte records (the strings' comparisons were most of its time).

use super::book::{Ids, Ledger};
use crate::model::{Currency, Money, PayStatus, Task, TaskStatus};
use crate::timing::totals::{lap_active, FnvMap};

/// A task's currency when it has no money and its platform none either: the report's (the
/// settings') currency, which only the query knows.
pub(crate) const QUERY_CURRENCY: u32 = u32::MAX;

/// The overview's view of one entry (same index as [`Ledger::entries`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact {
    pub started_at: i64,
    /// Active ms of the task, when known (the entry's `time_ms`).
    pub time_ms: Option<i64>,
    /// The time recorded on the task itself (by hand or by an import).
    pub duration_ms: Option<i64>,
    /// Minor units of the confirmed and the expected pay.
    pub confirmed: Option<i64>,
    pub expected: Option<i64>,
    pub pay_expected_at: Option<i64>,
    /// Interned in [`Ledger`]'s ids; 0 is none.
    pub platform: u32,
    pub task_type: u32,
    /// Index into the ledger's currencies, or [`QUERY_CURRENCY`].
    pub currency: u32,
    pub status: TaskStatus,
    pub pay_status: PayStatus,
    pub is_bonus: bool,
    /// Whether the task is a lap of a session (its time is the session's, not its own).
    pub in_session: bool,
}

/// What the ledger's load reads of one task, from its record or straight from its pack (strings
/// borrowed, nothing made): its facts, its lap time, its rejection.
#[derive(Debug)]
pub(crate) struct Head<'a> {
    pub id: &'a str,
    pub session_id: Option<&'a str>,
    pub platform_id: Option<&'a str>,
    pub task_type_id: Option<&'a str>,
    pub started_at: i64,
    pub submitted_at: Option<i64>,
    pub reviewed_at: Option<i64>,
    pub status: TaskStatus,
    pub pay_status: PayStatus,
    pub is_bonus: bool,
    pub confirmed: Option<(i64, Currency)>,
    pub expected: Option<(i64, Currency)>,
    pub pay_expected_at: Option<i64>,
    pub duration_ms: Option<i64>,
    pub criteria: Vec<&'a str>,
}

fn pair(m: Option<&Money>) -> Option<(i64, Currency)> {
    m.map(|m| (m.minor, m.currency))
}

impl<'a> Head<'a> {
    pub fn of_task(t: &'a Task) -> Self {
        Head {
            id: &t.meta.id,
            session_id: t.session_id.as_deref(),
            platform_id: t.platform_id.as_deref(),
            task_type_id: t.task_type_id.as_deref(),
            started_at: t.started_at,
            submitted_at: t.submitted_at,
            reviewed_at: t.reviewed_at,
            status: t.status,
            pay_status: t.pay_status,
            is_bonus: t.is_bonus,
            confirmed: pair(t.pay_confirmed.as_ref()),
            expected: pair(t.pay_expected.as_ref()),
            pay_expected_at: t.pay_expected_at,
            duration_ms: t.duration_ms,
            criteria: t.criteria_cited.iter().map(String::as_str).collect(),
        }
    }

    #[cfg(feature = "pages")]
    pub fn of_view(v: super::pack_read::TaskView<'a>) -> Self {
        Head {
            id: v.id,
            session_id: v.session_id,
            platform_id: v.platform_id,
            task_type_id: v.task_type_id,
            started_at: v.started_at,
            submitted_at: v.submitted_at,
            reviewed_at: v.reviewed_at,
            status: v.status,
            pay_status: v.pay_status,
            is_bonus: v.is_bonus,
            confirmed: pair(v.pay_confirmed.as_ref()),
            expected: pair(v.pay_expected.as_ref()),
            pay_expected_at: v.pay_expected_at,
            duration_ms: v.duration_ms,
            criteria: v.criteria_cited,
        }
    }
}

/// What [`Ledger::index_facts`] works out, before it is kept.
struct Indexed {
    facts: Vec<Fact>,
    times: Vec<Option<i64>>,
    session_keys: Vec<(u32, u32)>,
    cited: Vec<(i64, u32, u32)>,
    criteria: Vec<String>,
    ids: Ids,
    currencies: Vec<Currency>,
}

impl Fact {
    /// A task known only by its start.
    fn bare(started_at: i64) -> Fact {
        Fact {
            started_at,
            time_ms: None,
            duration_ms: None,
            confirmed: None,
            expected: None,
            pay_expected_at: None,
            platform: 0,
            task_type: 0,
            currency: QUERY_CURRENCY,
            status: TaskStatus::default(),
            pay_status: PayStatus::default(),
            is_bonus: false,
            in_session: false,
        }
    }
}

impl Ledger {
    /// Works out the facts and the time of every entry and the interned ids of every session,
    /// after a load, reading each task once ([`Ledger::head`]: a packed task's record is not
    /// made). Sessions first, then tasks in start order: the same ids whichever way the months
    /// loaded.
    pub(super) fn index_facts(&mut self) {
        let x = self.indexed();
        for (e, t) in self.entries.iter_mut().zip(&x.times) {
            e.time_ms = *t;
        }
        // Each interned task type's time cap (0, no task type, has none).
        self.type_caps = (x.ids.names.iter())
            .map(|id| {
                let ty = id.as_deref().and_then(|id| self.task_types.get(id));
                ty.and_then(|t| t.time_cap_ms)
            })
            .collect();
        self.session_keys = x.session_keys;
        self.cited = x.cited;
        self.criteria = x.criteria;
        self.facts = x.facts;
        self.ids = x.ids;
        self.currencies = x.currencies;
    }

    fn indexed(&self) -> Indexed {
        let mut ids = Ids::new();
        let mut currencies: Vec<Currency> = Vec::new();
        let session_keys = (self.sessions.iter())
            .map(|s| {
                (
                    ids.of(s.platform_id.as_deref()),
                    ids.of(s.task_type_id.as_deref()),
                )
            })
            .collect();
        let mut owner: FnvMap<&str, u32> =
            FnvMap::with_capacity_and_hasher(self.sessions.len(), Default::default());
        for (i, s) in self.sessions.iter().enumerate() {
            owner.insert(s.meta.id.as_str(), i as u32);
        }
        let n = self.entries.len();
        let (mut facts, mut times) = (Vec::with_capacity(n), Vec::with_capacity(n));
        // The rejections with their criteria, then by when they were given (ties in load order).
        let mut rejected: Vec<(i64, usize, Vec<&str>)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(h) = self.head(e) else {
                // Not reachable (a packed task's pack read when it loaded): a task of nothing.
                facts.push(Fact::bare(e.started_at));
                times.push(None);
                continue;
            };
            let lap = (h.session_id)
                .and_then(|s| owner.get(s))
                .and_then(|&o| self.timelines.get(o as usize))
                .map(|tl| lap_active(tl, h.started_at, h.submitted_at));
            let time_ms = h.duration_ms.or(lap);
            let currency = match self.task_currency(&h) {
                Some(c) => match currencies.iter().position(|x| *x == c) {
                    Some(i) => i as u32,
                    None => {
                        currencies.push(c);
                        (currencies.len() - 1) as u32
                    }
                },
                None => QUERY_CURRENCY,
            };
            facts.push(Fact {
                started_at: h.started_at,
                time_ms,
                duration_ms: h.duration_ms,
                confirmed: h.confirmed.map(|m| m.0),
                expected: h.expected.map(|m| m.0),
                pay_expected_at: h.pay_expected_at,
                platform: ids.of(h.platform_id),
                task_type: ids.of(h.task_type_id),
                currency,
                status: h.status,
                pay_status: h.pay_status,
                is_bonus: h.is_bonus,
                in_session: h.session_id.is_some(),
            });
            times.push(time_ms);
            if h.status == TaskStatus::Rejected {
                let at = super::alert::verdict_at(h.reviewed_at, h.submitted_at, h.started_at);
                rejected.push((at, i, h.criteria));
            }
        }
        rejected.sort_unstable_by_key(|r| (r.0, r.1));
        let mut criteria: Vec<String> = Vec::new();
        let mut criterion: FnvMap<&str, u32> = FnvMap::default();
        let mut cited = Vec::new();
        for (at, i, named) in rejected {
            let Some(f) = facts.get(i) else { continue };
            for c in named {
                let n = *criterion.entry(c).or_insert_with(|| {
                    criteria.push(c.to_string());
                    (criteria.len() - 1) as u32
                });
                cited.push((at, f.task_type, n));
            }
        }
        Indexed {
            facts,
            times,
            session_keys,
            cited,
            criteria,
            ids,
            currencies,
        }
    }

    /// A task's currency: its confirmed pay's, else its expected pay's, else its platform's;
    /// None: the report's.
    fn task_currency(&self, h: &Head) -> Option<Currency> {
        (h.confirmed.or(h.expected).map(|m| m.1)).or_else(|| {
            (h.platform_id)
                .and_then(|p| self.platforms.get(p))
                .map(|p| p.currency)
        })
    }

    /// The facts of the tasks that started in `[from, to)`, in start order.
    pub(crate) fn facts_in(&self, from: i64, to: i64) -> &[Fact] {
        let lo = self.facts.partition_point(|f| f.started_at < from);
        let hi = self.facts.partition_point(|f| f.started_at < to);
        self.facts.get(lo..hi.max(lo)).unwrap_or_default()
    }
}
