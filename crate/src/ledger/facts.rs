//! [`Fact`]: what the overview reads of one loaded task, worked out once when the ledger loads.
//! Ids are interned (platform and task type as integers), the currency is resolved to an index,
//! and nothing is a string, so a report over 100,000 tasks compares integers in a few compact
//! arrays instead of strings in 600-byte records (the strings' comparisons were most of its time).

use super::book::{Ids, Ledger};
use crate::model::{Currency, PayStatus, Task, TaskStatus};
use crate::timing::totals::{lap_active, FnvMap};

/// A task's currency when it has no money and its platform none either: the report's (the
/// settings') currency, which only the query knows.
pub(crate) const QUERY_CURRENCY: u32 = u32::MAX;

/// An optional integer in 8 bytes instead of 16 (`i64::MIN` stands for none: no time, amount
/// or instant a person records comes near it), so 100,000 facts take 6.4 MB instead of 10.4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Opt(i64);

impl Opt {
    const NONE: Opt = Opt(i64::MIN);

    pub fn of(v: Option<i64>) -> Opt {
        v.map_or(Opt::NONE, Opt)
    }

    pub fn get(self) -> Option<i64> {
        (self != Opt::NONE).then_some(self.0)
    }
}

/// The overview's view of one entry (same index as [`Ledger::entries`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fact {
    pub started_at: i64,
    /// Active ms of the task, when known (its lap's active time from its session, or the time
    /// recorded by hand or by an import).
    pub time_ms: Opt,
    /// The time recorded on the task itself (by hand or by an import).
    pub duration_ms: Opt,
    /// Minor units of the confirmed and the expected pay.
    pub confirmed: Opt,
    pub expected: Opt,
    pub pay_expected_at: Opt,
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

/// What the ledger's load reads of one task, from its record or straight from its pack (nothing
/// made), its strings resolved: its session's index, its interned platform and task type, its
/// currency.
#[derive(Debug)]
struct Head {
    owner: Option<u32>,
    platform: u32,
    task_type: u32,
    currency: Option<Currency>,
    in_session: bool,
    started_at: i64,
    submitted_at: Option<i64>,
    reviewed_at: Option<i64>,
    status: TaskStatus,
    pay_status: PayStatus,
    is_bonus: bool,
    confirmed: Option<i64>,
    expected: Option<i64>,
    pay_expected_at: Option<i64>,
    duration_ms: Option<i64>,
}

/// Not worked out yet, in [`Resolver`]'s per-pack tables.
#[cfg(feature = "pages")]
const UNSET: u32 = u32::MAX;
/// No session of that id is loaded.
#[cfg(feature = "pages")]
const NO_SESSION: u32 = u32::MAX - 1;

/// Resolves tasks' strings during one [`Ledger::index_facts`]: sessions by id, platforms and task
/// types interned in load order (sessions first, then tasks in start order). A packed task's
/// strings are indices into its pack's table, each resolved once per pack.
struct Resolver<'s> {
    ledger: &'s Ledger,
    ids: Ids,
    owner: FnvMap<&'s str, u32>,
    /// Per pack, per string: the session it names and its interned id.
    #[cfg(feature = "pages")]
    resolved: Vec<Vec<[u32; 2]>>,
}

/// Which of a pack string's resolutions ([`Resolver`]'s `resolved`).
#[cfg(feature = "pages")]
const SESSION: usize = 0;
#[cfg(feature = "pages")]
const INTERNED: usize = 1;

impl<'s> Resolver<'s> {
    fn new(ledger: &'s Ledger) -> Self {
        let mut owner: FnvMap<&str, u32> =
            FnvMap::with_capacity_and_hasher(ledger.sessions.len(), Default::default());
        for (i, s) in ledger.sessions.iter().enumerate() {
            owner.insert(s.meta.id.as_str(), i as u32);
        }
        Resolver {
            ledger,
            ids: Ids::new(),
            owner,
            #[cfg(feature = "pages")]
            resolved: (ledger.packs.iter())
                .map(|p| vec![[UNSET; 2]; p.strings()])
                .collect(),
        }
    }

    fn platform_currency(&self, platform: Option<&str>) -> Option<Currency> {
        (platform.and_then(|p| self.ledger.platforms.get(p))).map(|p| p.currency)
    }

    fn of_task(&mut self, t: &Task) -> Head {
        let pay = t.pay_confirmed.as_ref().or(t.pay_expected.as_ref());
        Head {
            owner: (t.session_id.as_deref()).and_then(|s| self.owner.get(s).copied()),
            platform: self.ids.of(t.platform_id.as_deref()),
            task_type: self.ids.of(t.task_type_id.as_deref()),
            currency: (pay.map(|m| m.currency))
                .or_else(|| self.platform_currency(t.platform_id.as_deref())),
            in_session: t.session_id.is_some(),
            started_at: t.started_at,
            submitted_at: t.submitted_at,
            reviewed_at: t.reviewed_at,
            status: t.status,
            pay_status: t.pay_status,
            is_bonus: t.is_bonus,
            confirmed: t.pay_confirmed.as_ref().map(|m| m.minor),
            expected: t.pay_expected.as_ref().map(|m| m.minor),
            pay_expected_at: t.pay_expected_at,
            duration_ms: t.duration_ms,
        }
    }

    /// The head of the task at `offset` of pack `n`.
    #[cfg(feature = "pages")]
    fn of_packed(&mut self, n: u32, offset: u32) -> Option<Head> {
        let pack = self.ledger.packs.get(n as usize)?;
        let h = pack.head(offset)?;
        let (ids, owners, resolved) = (&mut self.ids, &self.owner, &mut self.resolved);
        // String `i` of the pack resolved as `what`, worked out the first time it is met.
        let mut resolve = |i: u32, what: usize| -> Option<u32> {
            let cell = resolved
                .get_mut(n as usize)?
                .get_mut(i as usize)?
                .get_mut(what)?;
            if *cell == UNSET {
                let s = pack.string(i)?;
                *cell = match what {
                    SESSION => owners.get(s).copied().unwrap_or(NO_SESSION),
                    _ => ids.of(Some(s)),
                };
            }
            Some(*cell)
        };
        let owner = match h.session {
            Some(i) => Some(resolve(i, SESSION)?).filter(|&o| o != NO_SESSION),
            None => None,
        };
        let mut intern = |i: Option<u32>| i.map_or(Some(0), |i| resolve(i, INTERNED));
        let platform = intern(h.platform)?;
        let task_type = intern(h.task_type)?;
        let currency = match h.confirmed.or(h.expected) {
            Some((_, c)) => Some(Currency::parse(pack.string(c)?).ok()?),
            None => self.platform_currency(h.platform.and_then(|i| pack.string(i))),
        };
        Some(Head {
            owner,
            platform,
            task_type,
            currency,
            in_session: h.session.is_some(),
            started_at: h.started_at,
            submitted_at: h.submitted_at,
            reviewed_at: h.reviewed_at,
            status: h.status,
            pay_status: h.pay_status,
            is_bonus: h.is_bonus,
            confirmed: h.confirmed.map(|m| m.0),
            expected: h.expected.map(|m| m.0),
            pay_expected_at: h.pay_expected_at,
            duration_ms: h.duration_ms,
        })
    }

    #[cfg(not(feature = "pages"))]
    fn of_packed(&mut self, _: u32, _: u32) -> Option<Head> {
        None
    }
}

/// What [`Ledger::index_facts`] works out, before it is kept.
struct Indexed {
    facts: Vec<Fact>,
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
            time_ms: Opt::NONE,
            duration_ms: Opt::NONE,
            confirmed: Opt::NONE,
            expected: Opt::NONE,
            pay_expected_at: Opt::NONE,
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
    /// after a load, reading each task once (a packed task's head straight from its pack: its
    /// record is not made). Sessions first, then tasks in start order: the same ids whichever way
    /// the months loaded.
    pub(super) fn index_facts(&mut self) {
        let x = self.indexed();
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
        let mut r = Resolver::new(self);
        let session_keys = (self.sessions.iter())
            .map(|s| {
                (
                    r.ids.of(s.platform_id.as_deref()),
                    r.ids.of(s.task_type_id.as_deref()),
                )
            })
            .collect();
        let mut currencies: Vec<Currency> = Vec::new();
        let n = self.entries.len();
        let mut facts = Vec::with_capacity(n);
        // The rejections, then by when they were given (ties in load order).
        let mut rejected: Vec<(i64, usize)> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            let head = match e.task.get() {
                Some(t) => Some(r.of_task(t)),
                None => r.of_packed(e.from.0, e.from.1),
            };
            let Some(h) = head else {
                // Not reachable (a packed task's pack read when it loaded): a task of nothing.
                facts.push(Fact::bare(e.started_at));
                continue;
            };
            let lap = (h.owner)
                .and_then(|o| self.timelines.get(o as usize))
                .map(|tl| lap_active(tl, h.started_at, h.submitted_at));
            let time_ms = h.duration_ms.or(lap);
            let currency = match h.currency {
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
                time_ms: Opt::of(time_ms),
                duration_ms: Opt::of(h.duration_ms),
                confirmed: Opt::of(h.confirmed),
                expected: Opt::of(h.expected),
                pay_expected_at: Opt::of(h.pay_expected_at),
                platform: h.platform,
                task_type: h.task_type,
                currency,
                status: h.status,
                pay_status: h.pay_status,
                is_bonus: h.is_bonus,
                in_session: h.in_session,
            });
            if h.status == TaskStatus::Rejected {
                let at = super::alert::verdict_at(h.reviewed_at, h.submitted_at, h.started_at);
                rejected.push((at, i));
            }
        }
        rejected.sort_unstable();
        let mut criteria: Vec<String> = Vec::new();
        let mut criterion: FnvMap<String, u32> = FnvMap::default();
        let mut cited = Vec::new();
        for (at, i) in rejected {
            let (Some(e), Some(f)) = (self.entries.get(i), facts.get(i)) else {
                continue;
            };
            for c in self.criteria_of(e) {
                let n = match criterion.get(c) {
                    Some(&n) => n,
                    None => {
                        let n = criteria.len() as u32;
                        criteria.push(c.to_string());
                        criterion.insert(c.to_string(), n);
                        n
                    }
                };
                cited.push((at, f.task_type, n));
            }
        }
        Indexed {
            facts,
            session_keys,
            cited,
            criteria,
            ids: r.ids,
            currencies,
        }
    }

    /// The facts of the tasks that started in `[from, to)`, in start order.
    pub(crate) fn facts_in(&self, from: i64, to: i64) -> &[Fact] {
        let lo = self.facts.partition_point(|f| f.started_at < from);
        let hi = self.facts.partition_point(|f| f.started_at < to);
        self.facts.get(lo..hi.max(lo)).unwrap_or_default()
    }
}
