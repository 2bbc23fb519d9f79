//! [`Fact`]: what the overview reads of one loaded task, worked out once when the ledger loads.
//! Ids are interned (platform and task type as integers), the currency is resolved to an index,
//! and nothing is a string, so a report over 100,000 tasks compares integers in a few compact
//! arrays instead of strings in 600-byte records (the strings' comparisons were most of its time).

use super::book::{Ids, Ledger};
use crate::model::{Currency, PayStatus, Task, TaskStatus};
use crate::timing::totals::FnvMap;

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

impl Ledger {
    /// Works out the facts of every entry and the interned ids of every session, after a load.
    /// Sessions first, then tasks in start order: the same ids whichever way the months loaded.
    pub(super) fn index_facts(&mut self) {
        let mut ids = Ids::new();
        let mut currencies: Vec<Currency> = Vec::new();
        self.session_keys = self
            .sessions
            .iter()
            .map(|s| {
                (
                    ids.of(s.platform_id.as_deref()),
                    ids.of(s.task_type_id.as_deref()),
                )
            })
            .collect();
        let facts: Vec<Fact> = self
            .entries
            .iter()
            .map(|e| {
                let t = &e.task;
                let currency = match self.task_currency(t) {
                    Some(c) => match currencies.iter().position(|x| x == c) {
                        Some(i) => i as u32,
                        None => {
                            currencies.push(*c);
                            (currencies.len() - 1) as u32
                        }
                    },
                    None => QUERY_CURRENCY,
                };
                Fact {
                    started_at: t.started_at,
                    time_ms: e.time_ms,
                    duration_ms: t.duration_ms,
                    confirmed: t.pay_confirmed.as_ref().map(|m| m.minor),
                    expected: t.pay_expected.as_ref().map(|m| m.minor),
                    pay_expected_at: t.pay_expected_at,
                    platform: ids.of(t.platform_id.as_deref()),
                    task_type: ids.of(t.task_type_id.as_deref()),
                    currency,
                    status: t.status,
                    pay_status: t.pay_status,
                    is_bonus: t.is_bonus,
                    in_session: t.session_id.is_some(),
                }
            })
            .collect();
        // The rejections by when they were given (ties in load order), each criterion a row.
        let mut rejected: Vec<(i64, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.task.status == TaskStatus::Rejected)
            .map(|(i, e)| (super::alert::rejected_at(&e.task), i))
            .collect();
        rejected.sort_unstable();
        let mut criteria: Vec<String> = Vec::new();
        let mut criterion: FnvMap<&str, u32> = FnvMap::default();
        let mut cited = Vec::new();
        for (at, i) in rejected {
            let (Some(e), Some(f)) = (self.entries.get(i), facts.get(i)) else {
                continue;
            };
            for c in &e.task.criteria_cited {
                let n = *criterion.entry(c.as_str()).or_insert_with(|| {
                    criteria.push(c.clone());
                    (criteria.len() - 1) as u32
                });
                cited.push((at, f.task_type, n));
            }
        }
        // Each interned task type's time cap (0, no task type, has none).
        self.type_caps = ids
            .names
            .iter()
            .map(|id| {
                let ty = id.as_deref().and_then(|id| self.task_types.get(id));
                ty.and_then(|t| t.time_cap_ms)
            })
            .collect();
        self.cited = cited;
        self.criteria = criteria;
        self.facts = facts;
        self.ids = ids;
        self.currencies = currencies;
    }

    /// A task's currency: its confirmed pay's, else its expected pay's, else its platform's;
    /// None: the report's.
    fn task_currency<'a>(&'a self, t: &'a Task) -> Option<&'a Currency> {
        t.pay_confirmed
            .as_ref()
            .or(t.pay_expected.as_ref())
            .map(|m| &m.currency)
            .or_else(|| {
                t.platform_id
                    .as_deref()
                    .and_then(|p| self.platforms.get(p))
                    .map(|p| &p.currency)
            })
    }

    /// The facts of the tasks that started in `[from, to)`, in start order.
    pub(crate) fn facts_in(&self, from: i64, to: i64) -> &[Fact] {
        let lo = self.facts.partition_point(|f| f.started_at < from);
        let hi = self.facts.partition_point(|f| f.started_at < to);
        self.facts.get(lo..hi.max(lo)).unwrap_or_default()
    }
}
