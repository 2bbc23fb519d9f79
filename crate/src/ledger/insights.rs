//! The overview's lists beside the figures: rejections by criterion, time per task against the
//! task type's cap, and earnings per minute by task type, ranked with a minimum sample.

use super::book::Ledger;
use super::cells::Cell;
use super::recent::criteria_for;
use super::report::{CapRow, CriterionCount, GroupBy, PerMinute, ReportQuery};
use crate::model::Currency;
use crate::timing::totals::FnvMap;
use std::collections::BTreeMap;

impl Ledger {
    pub(super) fn rejections(&self, q: &ReportQuery) -> Vec<CriterionCount> {
        // Counted first by task type and the criterion as written (no string made per
        // rejection), keeping when each was first met; then merged by criterion in any case,
        // shown as first written.
        let lo = self.cited.partition_point(|c| c.0 < q.from);
        let hi = self.cited.partition_point(|c| c.0 < q.to);
        let mut exact: FnvMap<(u32, u32), (usize, u32)> = FnvMap::default();
        for (seq, &(_, tt, c)) in self
            .cited
            .get(lo..hi.max(lo))
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            exact.entry((tt, c)).or_insert((seq, 0)).1 += 1;
        }
        let mut merged: BTreeMap<(Option<&str>, String), (usize, &str, u32)> = BTreeMap::new();
        for ((tt, c), (first, n)) in exact {
            let c = self.criteria.get(c as usize).map_or("", String::as_str);
            let e = merged
                .entry((self.ids.id(tt), c.to_lowercase()))
                .or_insert((first, c, 0));
            if first < e.0 {
                (e.0, e.1) = (first, c);
            }
            e.2 += n;
        }
        let mut out: Vec<CriterionCount> = merged
            .into_iter()
            .map(|((tt, _), (_, criterion, count))| {
                let ty = tt.and_then(|id| self.task_types.get(id));
                let (rubric_id, criteria) = criteria_for(ty, &self.rubrics, None);
                let named = criteria
                    .iter()
                    .find(|c| c.key.eq_ignore_ascii_case(criterion));
                CriterionCount {
                    criterion_name: named.map(|c| c.name.clone()),
                    rubric_id: named.and(rubric_id),
                    task_type_name: self.name(GroupBy::TaskType, tt),
                    task_type_id: tt.map(str::to_string),
                    criterion: criterion.to_string(),
                    count,
                }
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.criterion.cmp(&b.criterion)));
        out
    }

    /// Time per task against its task type's cap, from the report's cells.
    pub(super) fn caps(&self, cells: &[Cell]) -> Vec<CapRow> {
        let mut acc: FnvMap<u32, (u32, u32, i64)> = FnvMap::default();
        for c in cells.iter().filter(|c| c.timed.capped > 0) {
            let a = acc.entry(c.task_type).or_default();
            a.0 += c.timed.capped;
            a.1 += c.timed.over;
            a.2 = a.2.saturating_add(c.timed.capped_ms);
        }
        let mut out: Vec<CapRow> = acc
            .into_iter()
            .filter_map(|(tt, (n, over, sum))| {
                let id = self.ids.id(tt)?;
                let ty = self.task_types.get(id)?;
                Some(CapRow {
                    task_type_id: id.to_string(),
                    task_type_name: ty.name.clone(),
                    cap_ms: ty.time_cap_ms?,
                    timed: n,
                    over,
                    average_ms: sum / i64::from(n.max(1)),
                })
            })
            .collect();
        out.sort_by(|a, b| a.task_type_id.cmp(&b.task_type_id));
        out
    }

    /// Earnings per minute by task type and currency, from the report's cells: a confirmed
    /// pay's currency is the task's own (facts.rs), never the query's.
    pub(super) fn per_minute(
        &self,
        cells: &[Cell],
        currencies: &[Currency],
        min_sample: u32,
    ) -> Vec<PerMinute> {
        let mut acc: FnvMap<(u32, u32), (u32, i64, i64)> = FnvMap::default();
        for c in cells.iter().filter(|c| c.timed.paid > 0) {
            let a = acc.entry((c.task_type, c.currency)).or_default();
            a.0 += c.timed.paid;
            a.1 = a.1.saturating_add(c.timed.earned);
            a.2 = a.2.saturating_add(c.timed.paid_ms);
        }
        let fallback = Currency::default();
        let mut keyed: Vec<_> = acc
            .into_iter()
            .map(|((tt, c), v)| {
                let currency = currencies.get(c as usize).unwrap_or(&fallback);
                ((self.ids.id(tt), currency), v)
            })
            .collect();
        // By task type id, then currency (the ties of the ranking below keep this order).
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<PerMinute> = keyed
            .into_iter()
            .map(|((tt, c), (n, earned, ms))| {
                let minutes = ms as f64 / 60_000.0;
                PerMinute {
                    task_type_name: self.name(GroupBy::TaskType, tt),
                    task_type_id: tt.map(str::to_string),
                    currency: c.code().to_string(),
                    digits: c.minor_digits(),
                    sample: n,
                    earned,
                    minutes,
                    per_minute: earned as f64 / minutes,
                    rank: None,
                }
            })
            .collect();
        // Best first within each currency; samples too small go last, unranked.
        out.sort_by(|a, b| {
            let small = |x: &PerMinute| x.sample < min_sample;
            (small(a), &a.currency)
                .cmp(&(small(b), &b.currency))
                .then(b.per_minute.total_cmp(&a.per_minute))
        });
        let mut rank: BTreeMap<String, u32> = BTreeMap::new();
        for p in out.iter_mut().filter(|p| p.sample >= min_sample) {
            let r = rank.entry(p.currency.clone()).or_insert(0);
            *r += 1;
            p.rank = Some(*r);
        }
        out
    }
}
