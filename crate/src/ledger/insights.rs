//! The overview's lists beside the figures: rejections by criterion, time per task against the
//! task type's cap, and earnings per minute by task type, ranked with a minimum sample.

use super::book::Ledger;
use super::recent::criteria_for;
use super::report::{CapRow, CriterionCount, GroupBy, PerMinute, ReportQuery};
use crate::model::Currency;
use std::collections::BTreeMap;

impl Ledger {
    pub(super) fn rejections(&self, q: &ReportQuery) -> Vec<CriterionCount> {
        let mut counts: BTreeMap<(Option<String>, String), (String, u32)> = BTreeMap::new();
        for t in self.rejected_in(q.from, q.to) {
            for c in &t.criteria_cited {
                let e = counts
                    .entry((t.task_type_id.clone(), c.to_lowercase()))
                    .or_insert_with(|| (c.clone(), 0));
                e.1 += 1;
            }
        }
        let mut out: Vec<CriterionCount> = counts
            .into_iter()
            .map(|((tt, _), (criterion, count))| {
                let ty = tt.as_deref().and_then(|id| self.task_types.get(id));
                let (rubric_id, criteria) = criteria_for(ty, &self.rubrics, None);
                let named = criteria
                    .iter()
                    .find(|c| c.key.eq_ignore_ascii_case(&criterion));
                CriterionCount {
                    criterion_name: named.map(|c| c.name.clone()),
                    rubric_id: named.and(rubric_id),
                    task_type_name: self.name(GroupBy::TaskType, tt.as_deref()),
                    task_type_id: tt,
                    criterion,
                    count,
                }
            })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.criterion.cmp(&b.criterion)));
        out
    }

    pub(super) fn caps(&self, q: &ReportQuery) -> Vec<CapRow> {
        let mut acc: BTreeMap<&str, (u32, u32, i64)> = BTreeMap::new();
        for e in self.in_range(q.from, q.to) {
            let t = &e.task;
            let (Some(tt), Some(ms)) = (t.task_type_id.as_deref(), e.time_ms) else {
                continue;
            };
            let Some(cap) = self.task_types.get(tt).and_then(|x| x.time_cap_ms) else {
                continue;
            };
            if t.started_at < q.from || t.started_at >= q.to || t.is_bonus {
                continue;
            }
            let a = acc.entry(tt).or_default();
            a.0 += 1;
            a.1 += u32::from(ms > cap);
            a.2 = a.2.saturating_add(ms);
        }
        acc.into_iter()
            .filter_map(|(tt, (n, over, sum))| {
                let ty = self.task_types.get(tt)?;
                Some(CapRow {
                    task_type_id: tt.to_string(),
                    task_type_name: ty.name.clone(),
                    cap_ms: ty.time_cap_ms?,
                    timed: n,
                    over,
                    average_ms: sum / i64::from(n.max(1)),
                })
            })
            .collect()
    }

    pub(super) fn per_minute(&self, q: &ReportQuery, min_sample: u32) -> Vec<PerMinute> {
        let mut acc: BTreeMap<(Option<&str>, &Currency), (u32, i64, i64)> = BTreeMap::new();
        for e in self.in_range(q.from, q.to) {
            let t = &e.task;
            let (Some(pay), Some(ms)) = (t.pay_confirmed.as_ref(), e.time_ms) else {
                continue;
            };
            if t.is_bonus || ms <= 0 || t.started_at < q.from || t.started_at >= q.to {
                continue;
            }
            let a = acc
                .entry((t.task_type_id.as_deref(), &pay.currency))
                .or_default();
            a.0 += 1;
            a.1 = a.1.saturating_add(pay.minor);
            a.2 = a.2.saturating_add(ms);
        }
        let mut out: Vec<PerMinute> = acc
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
