//! The ledger's reports over a range: every figure of the overview, by platform, task type, local
//! day, ISO week or month, grouped by currency ([`Figures`]), plus rejections by criterion, time
//! against the task type's cap and earnings per minute by task type ("what to take next").
//!
//! Where figures come from:
//! - money, counts and approval: the tasks that **started** in the range, on their local day;
//! - time: session time split at local midnight (setup and idle included in wall time), plus the
//!   recorded time of tasks that have no session. A session's time belongs to its platform and
//!   task type (the one picked at start);
//! - a task's currency is its confirmed pay's, else its expected pay's, else its platform's,
//!   else the settings' currency.

use super::book::Ledger;
use super::cells::Cell;
use super::cells::TimeItem;
use super::figures::{Figures, Sums};
use crate::model::Currency;
use crate::timing::buckets::{first_day_of_week, iso_week, Weekday};
use crate::timing::totals::FnvMap;
use crate::timing::zone::{date_of_day, ZoneOffsets};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// How a report's groups are cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum GroupBy {
    #[default]
    Platform,
    TaskType,
    Day,
    Week,
    Month,
}

impl GroupBy {
    /// Every way a report's groups can be cut.
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Platform,
        GroupBy::TaskType,
        GroupBy::Day,
        GroupBy::Week,
        GroupBy::Month,
    ];
}

/// A report's question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportQuery {
    /// Range start (UTC ms), inclusive.
    pub from: i64,
    /// Range end (UTC ms), exclusive.
    pub to: i64,
    /// The browser's offsets over the range (docs/time.md).
    #[serde(default)]
    pub zone: ZoneOffsets,
    #[serde(default)]
    pub group_by: GroupBy,
    /// Fewest tasks a task type needs for a rank in earnings per minute (default 5).
    #[serde(default)]
    pub min_sample: Option<u32>,
    /// Currency of tasks without money or platform (the settings' currency).
    #[serde(default)]
    pub currency: Currency,
}

/// Rejections of one task type citing one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionCount {
    pub criterion: String,
    /// The rubric's name for it, when the task type's rubric has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    pub task_type_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
    pub count: u32,
}

/// Time per task of one task type against its cap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapRow {
    pub task_type_id: String,
    pub task_type_name: String,
    pub cap_ms: i64,
    /// Tasks with a known time.
    pub timed: u32,
    /// Of those, how many took longer than the cap.
    pub over: u32,
    pub average_ms: i64,
}

/// Earnings per minute of one task type, in one currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PerMinute {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    pub task_type_name: String,
    pub currency: String,
    pub digits: u32,
    /// Tasks counted: confirmed pay, a known time, not a bonus.
    pub sample: u32,
    pub earned: i64,
    pub minutes: f64,
    /// Minor units per minute.
    pub per_minute: f64,
    /// 1 = best; absent below the minimum sample.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
}

/// The effective rate of one platform in one ISO week (the trend chart).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformWeek {
    pub week: String,
    pub platform_id: String,
    pub platform_name: String,
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_rate: Option<f64>,
}

/// Everything the overview shows for a range.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerReport {
    /// The whole range, one row per currency.
    pub totals: Vec<Figures>,
    /// The groups asked for, one row per group and currency.
    pub groups: Vec<Figures>,
    /// ISO weeks, one row per week and currency (the weekly chart).
    pub weeks: Vec<Figures>,
    pub platform_weeks: Vec<PlatformWeek>,
    /// Most cited first.
    pub rejections: Vec<CriterionCount>,
    pub caps: Vec<CapRow>,
    /// Ranked first (best first), then too-small samples.
    pub per_minute: Vec<PerMinute>,
    pub min_sample: u32,
}

impl Ledger {
    pub(super) fn name(&self, kind: GroupBy, id: Option<&str>) -> String {
        let none = || match kind {
            GroupBy::Platform => "No platform".to_string(),
            _ => "No task type".to_string(),
        };
        let Some(id) = id else { return none() };
        match kind {
            GroupBy::Platform => self.platforms.get(id).map(|p| p.name.clone()),
            _ => self.task_types.get(id).map(|t| t.name.clone()),
        }
        .unwrap_or_else(|| "Deleted".to_string())
    }

    /// One group's `(key, label)` for a local day, platform and task type.
    fn key(&self, by: GroupBy, day: i64, p: u32, tt: u32) -> (String, String) {
        match by {
            GroupBy::Platform | GroupBy::TaskType => {
                let id = self.ids.id(if by == GroupBy::Platform { p } else { tt });
                (id.unwrap_or("none").to_string(), self.name(by, id))
            }
            GroupBy::Day => (date_of_day(day), date_of_day(day)),
            GroupBy::Week => {
                let w = iso_week(first_day_of_week(day, Weekday::Monday));
                (w.clone(), w)
            }
            GroupBy::Month => {
                let d = date_of_day(day);
                (d[..7].to_string(), d[..7].to_string())
            }
        }
    }

    /// Figures of `cells` and `time`, cut by `by` (None: the whole range). A group's key and
    /// label are worked out once per the part of a cell they depend on (its day, or its platform
    /// or task type), not once per cell and time item: a range holds tens of thousands of both.
    fn rows(
        &self,
        by: Option<GroupBy>,
        q: &ReportQuery,
        time: &[TimeItem],
        cells: &[Cell],
        currencies: &[Currency],
    ) -> Vec<Figures> {
        // Groups by index: (key, label); the index of a cell's group, by what decides it.
        let mut groups: Vec<(String, String)> = Vec::new();
        let mut by_key: FnvMap<String, usize> = FnvMap::default();
        let mut memo: FnvMap<i64, usize> = FnvMap::default();
        let mut group_of = |day: i64, p: u32, tt: u32| -> usize {
            let part = match by {
                None => 0,
                Some(GroupBy::Platform) => i64::from(p),
                Some(GroupBy::TaskType) => i64::from(tt),
                Some(GroupBy::Day | GroupBy::Week | GroupBy::Month) => day,
            };
            *memo.entry(part).or_insert_with(|| {
                let (k, l) = match by {
                    Some(by) => self.key(by, day, p, tt),
                    None => ("all".to_string(), "All".to_string()),
                };
                *by_key.entry(k.clone()).or_insert_with(|| {
                    groups.push((k, l));
                    groups.len() - 1
                })
            })
        };
        let mut times: FnvMap<usize, (i64, i64)> = FnvMap::default();
        for i in time {
            let e = times
                .entry(group_of(i.day, i.platform, i.task_type))
                .or_default();
            e.0 = e.0.saturating_add(i.wall);
            e.1 = e.1.saturating_add(i.active);
        }
        let mut sums: FnvMap<(usize, u32), Sums> = FnvMap::default();
        for c in cells {
            let g = group_of(c.day, c.platform, c.task_type);
            sums.entry((g, c.currency)).or_default().merge(&c.sums);
        }
        let default = Sums::default();
        let mut rows: Vec<(usize, Currency, &Sums)> = sums
            .iter()
            .map(|(&(g, c), s)| {
                (
                    g,
                    currencies.get(c as usize).cloned().unwrap_or_default(),
                    s,
                )
            })
            .collect();
        // A group with time but no task still shows its time, in the default currency.
        let grouped: BTreeSet<usize> = sums.keys().map(|&(g, _)| g).collect();
        rows.extend(
            times
                .keys()
                .filter(|g| !grouped.contains(g))
                .map(|&g| (g, q.currency, &default)),
        );
        // One row per group and currency, by key, then currency.
        rows.sort_by(|a, b| (&groups[a.0].0, &a.1).cmp(&(&groups[b.0].0, &b.1)));
        let mut out: Vec<Figures> = rows
            .into_iter()
            .map(|(g, c, s)| {
                let (wall, active) = times.get(&g).copied().unwrap_or_default();
                let (k, label) = &groups[g];
                Figures::new(k.clone(), label.clone(), Some(&c), s, wall, active)
            })
            .collect();
        if matches!(by, Some(GroupBy::Platform | GroupBy::TaskType)) {
            out.sort_by(|a, b| {
                (a.label.to_lowercase(), &a.key, &a.currency).cmp(&(
                    b.label.to_lowercase(),
                    &b.key,
                    &b.currency,
                ))
            });
        }
        out
    }

    /// The overview's figures for `q`.
    pub fn report(&self, q: &ReportQuery) -> LedgerReport {
        let time = self.time_items(q.from, q.to, &q.zone);
        let mut currencies = self.currencies.clone();
        let cells = self.cells(q, &mut currencies);
        let cur = &currencies;
        let totals = self.rows(None, q, &time, &cells, cur);
        let groups = self.rows(Some(q.group_by), q, &time, &cells, cur);
        let weeks = self.rows(Some(GroupBy::Week), q, &time, &cells, cur);
        let platform_weeks = self.platform_weeks(q, &time, &cells, cur);
        let min_sample = q.min_sample.unwrap_or(5).max(1);
        let rejections = self.rejections(q);
        let caps = self.caps(&cells);
        let per_minute = self.per_minute(&cells, cur, min_sample);
        LedgerReport {
            totals,
            groups,
            weeks,
            platform_weeks,
            rejections,
            caps,
            per_minute,
            min_sample,
        }
    }

    fn platform_weeks(
        &self,
        q: &ReportQuery,
        time: &[TimeItem],
        cells: &[Cell],
        currencies: &[Currency],
    ) -> Vec<PlatformWeek> {
        let mut out = Vec::new();
        let mut platforms: Vec<u32> = time.iter().map(|i| i.platform).collect();
        platforms.extend(cells.iter().map(|c| c.platform));
        platforms.sort_unstable();
        platforms.dedup();
        // By name as shown (then id): the trend chart's series in an order a person expects, and
        // the same whichever order the records were loaded in.
        platforms.sort_by_cached_key(|&p| {
            let id = self.ids.id(p);
            (
                self.name(GroupBy::Platform, id).to_lowercase(),
                id.map(str::to_string),
            )
        });
        for p in platforms {
            let time: Vec<TimeItem> = time.iter().filter(|i| i.platform == p).copied().collect();
            let mine: Vec<Cell> = cells.iter().filter(|c| c.platform == p).cloned().collect();
            let id = self.ids.id(p).map(str::to_string);
            for f in self.rows(Some(GroupBy::Week), q, &time, &mine, currencies) {
                out.push(PlatformWeek {
                    week: f.key,
                    platform_id: id.clone().unwrap_or_else(|| "none".into()),
                    platform_name: self.name(GroupBy::Platform, id.as_deref()),
                    currency: f.currency.unwrap_or_default(),
                    effective_rate: f.effective_rate,
                });
            }
        }
        out
    }
}
