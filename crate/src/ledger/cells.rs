//! The report's cells: the tasks of a range summed per local day, platform, task type and
//! currency, in one pass over their [`Fact`]s. Every grouping of the overview, the caps and the
//! earnings per minute then add up cells (thousands) instead of tasks (up to 100,000). Beside
//! them, the time worked per local day, platform and task type ([`TimeItem`]), from the sessions'
//! timelines kept by the load.

use super::book::Ledger;
use super::facts::{Fact, QUERY_CURRENCY};
use super::figures::Sums;
use super::report::ReportQuery;
use crate::model::Currency;
use crate::timing::buckets::timeline_days;
use crate::timing::timeline::Timeline;
use crate::timing::totals::FnvMap;
use crate::timing::zone::{DayCursor, ZoneOffsets};
use std::collections::BTreeMap;

/// Time worked on one local day for one platform and task type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeItem {
    pub day: i64,
    pub platform: u32,
    pub task_type: u32,
    pub wall: i64,
    pub active: i64,
}

impl Ledger {
    /// Time worked per local day, platform and task type within `[from, to)`: every session split
    /// at local midnight (DST-safe, as the session totals), plus the recorded time of tasks that
    /// have no session, on the day they started.
    pub(crate) fn time_items(&self, from: i64, to: i64, zone: &ZoneOffsets) -> Vec<TimeItem> {
        // Only sessions that overlap the range go into their partition.
        let mut parts: BTreeMap<(u32, u32), Vec<&Timeline>> = BTreeMap::new();
        for (tl, key) in self.timelines.iter().zip(&self.session_keys) {
            if tl.start < to && tl.end > from {
                parts.entry(*key).or_default().push(tl);
            }
        }
        let mut out = Vec::new();
        for ((platform, task_type), timelines) in parts {
            for (day, amounts) in timeline_days(timelines, from..to, zone) {
                out.push(TimeItem {
                    day,
                    platform,
                    task_type,
                    wall: amounts.wall,
                    active: amounts.active,
                });
            }
        }
        let mut days = DayCursor::new(zone);
        for f in self.facts_in(from, to) {
            if f.in_session {
                continue;
            }
            if let Some(ms) = f.duration_ms.get().filter(|&ms| ms > 0) {
                out.push(TimeItem {
                    day: days.day_of(f.started_at),
                    platform: f.platform,
                    task_type: f.task_type,
                    wall: ms,
                    active: ms,
                });
            }
        }
        out
    }

    /// The tasks of the range summed per local day, platform, task type and currency: every
    /// grouping, the caps and earnings per minute then add up these cells (thousands) instead of
    /// the tasks (up to 100,000), which are read once. `currencies`: the ledger's, with the
    /// query's added when a task uses it.
    pub(super) fn cells(&self, q: &ReportQuery, currencies: &mut Vec<Currency>) -> Vec<Cell> {
        let mut query_currency = None;
        let mut cells: Vec<Cell> = Vec::new();
        // A day holds a few platform × task type × currency cells: found by a look along the
        // day's list (tasks come in time order), past 32 in a map.
        let mut today: Vec<((u32, u32, u32), usize)> = Vec::new();
        let mut crowded: FnvMap<(i64, u32, u32, u32), usize> = FnvMap::default();
        let mut days = DayCursor::new(&q.zone);
        let mut day = i64::MIN;
        for f in self.facts_in(q.from, q.to) {
            let cur = if f.currency == QUERY_CURRENCY {
                *query_currency.get_or_insert_with(|| {
                    currencies
                        .iter()
                        .position(|c| *c == q.currency)
                        .unwrap_or_else(|| {
                            currencies.push(q.currency);
                            currencies.len() - 1
                        }) as u32
                })
            } else {
                f.currency
            };
            let d = days.day_of(f.started_at);
            if d != day {
                (day, today) = (d, Vec::new());
            }
            let part = (f.platform, f.task_type, cur);
            let mut new_cell = || {
                cells.push(Cell {
                    day,
                    platform: part.0,
                    task_type: part.1,
                    currency: part.2,
                    sums: Sums::default(),
                    timed: Timed::default(),
                });
                cells.len() - 1
            };
            let i = match today.iter().find(|(k, _)| *k == part) {
                Some(&(_, i)) => i,
                None if today.len() < 32 => {
                    let i = new_cell();
                    today.push((part, i));
                    i
                }
                None => *crowded
                    .entry((day, part.0, part.1, part.2))
                    .or_insert_with(new_cell),
            };
            if let Some(cell) = cells.get_mut(i) {
                cell.sums.add(f);
                let cap = self.type_caps.get(f.task_type as usize).copied().flatten();
                cell.timed.add(f, cap);
            }
        }
        cells
    }
}

/// The sums of the tasks of one local day, platform, task type and currency.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub day: i64,
    pub platform: u32,
    pub task_type: u32,
    pub currency: u32,
    pub sums: Sums,
    pub timed: Timed,
}

/// What the caps and earnings per minute read of a cell's tasks (bonuses left out).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Timed {
    /// Tasks with a known time whose task type has a cap; of those over the cap; their ms.
    pub capped: u32,
    pub over: u32,
    pub capped_ms: i64,
    /// Tasks with confirmed pay and a time over zero; their pay (minor units) and ms.
    pub paid: u32,
    pub earned: i64,
    pub paid_ms: i64,
}

impl Timed {
    fn add(&mut self, f: &Fact, cap: Option<i64>) {
        let Some(ms) = f.time_ms.get().filter(|_| !f.is_bonus) else {
            return;
        };
        if let Some(cap) = cap {
            self.capped += 1;
            self.over += u32::from(ms > cap);
            self.capped_ms = self.capped_ms.saturating_add(ms);
        }
        if let (Some(pay), true) = (f.confirmed.get(), ms > 0) {
            self.paid += 1;
            self.earned = self.earned.saturating_add(pay);
            self.paid_ms = self.paid_ms.saturating_add(ms);
        }
    }
}
