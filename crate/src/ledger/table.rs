//! The ledger's task table: the loaded tasks filtered, sorted and cut into one page, so the page
//! shows a few hundred rows of 100,000 without holding them all.

use super::book::{Entry, Ledger};
use crate::model::{Task, TaskStatus};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Most rows in one page.
pub const MAX_PAGE: u32 = 500;

/// A column the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    #[default]
    StartedAt,
    Status,
    Platform,
    TaskType,
    Pay,
    Time,
    ExternalId,
}

/// Which tasks, in what order, which page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageQuery {
    /// Tasks that started in `[from, to)` (UTC ms); absent bounds are open.
    #[serde(default)]
    pub from: Option<i64>,
    #[serde(default)]
    pub to: Option<i64>,
    #[serde(default)]
    pub status: Option<TaskStatus>,
    #[serde(default)]
    pub platform_id: Option<String>,
    #[serde(default)]
    pub task_type_id: Option<String>,
    /// Case-insensitive text in the task id, feedback, notes or criteria.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub sort: SortKey,
    /// Descending (newest, highest first).
    #[serde(default)]
    pub desc: bool,
    #[serde(default)]
    pub offset: u32,
    /// Rows wanted (at most 500; default 100).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRow {
    pub task: Task,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_ms: Option<i64>,
    /// Minor digits of the pay's currency (confirmed, else expected), to show the amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digits: Option<u32>,
}

/// A page of the table and how many tasks match in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskPage {
    pub total: usize,
    pub offset: u32,
    pub rows: Vec<TaskRow>,
}

fn contains(hay: Option<&str>, needle: &str) -> bool {
    hay.is_some_and(|h| h.to_lowercase().contains(needle))
}

impl Ledger {
    fn platform_name(&self, t: &Task) -> Option<String> {
        let id = t.platform_id.as_deref()?;
        self.platforms.get(id).map(|p| p.name.clone())
    }

    fn task_type_name(&self, t: &Task) -> Option<String> {
        let id = t.task_type_id.as_deref()?;
        self.task_types.get(id).map(|p| p.name.clone())
    }

    /// Whether entry `i` (its fact `f`) is one `q` asks for. Status, platform and task type
    /// are read from the facts; only a text filter makes the tasks' records.
    fn matches(&self, i: usize, q: &PageQuery, text: Option<&str>) -> bool {
        let (Some(e), Some(f)) = (self.entries.get(i), self.facts.get(i)) else {
            return false;
        };
        q.status.is_none_or(|s| f.status == s)
            && q.platform_id
                .as_deref()
                .is_none_or(|p| self.ids.id(f.platform) == Some(p))
            && q.task_type_id
                .as_deref()
                .is_none_or(|p| self.ids.id(f.task_type) == Some(p))
            && text.is_none_or(|n| {
                self.task(e).is_some_and(|t| {
                    contains(t.external_id.as_deref(), n)
                        || contains(t.feedback.as_deref(), n)
                        || contains(t.notes.as_deref(), n)
                        || t.criteria_cited.iter().any(|c| contains(Some(c), n))
                })
            })
    }

    fn compare(&self, a: &Entry, b: &Entry, key: SortKey) -> Ordering {
        let (x, y) = (self.task(a), self.task(b));
        let pay = |t: Option<&Task>| {
            let t = t?;
            (t.pay_confirmed.as_ref().or(t.pay_expected.as_ref())).map(|m| m.minor)
        };
        let name = |t: Option<&Task>, by: fn(&Self, &Task) -> Option<String>| by(self, t?);
        match key {
            SortKey::StartedAt => Ordering::Equal,
            SortKey::Status => x.map(|t| t.status as u8).cmp(&y.map(|t| t.status as u8)),
            SortKey::Platform => name(x, Self::platform_name).cmp(&name(y, Self::platform_name)),
            SortKey::TaskType => name(x, Self::task_type_name).cmp(&name(y, Self::task_type_name)),
            SortKey::Pay => pay(x).cmp(&pay(y)),
            SortKey::Time => a.time_ms.cmp(&b.time_ms),
            SortKey::ExternalId => x
                .and_then(|t| t.external_id.as_deref())
                .cmp(&y.and_then(|t| t.external_id.as_deref())),
        }
        .then(a.started_at.cmp(&b.started_at))
        .then_with(|| x.map(|t| &t.meta.id).cmp(&y.map(|t| &t.meta.id)))
    }

    /// One page of the table for `q`.
    pub fn page(&self, q: &PageQuery) -> TaskPage {
        let text = q
            .text
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty());
        // Entries are in start order: the range is one slice of them, found by halving.
        let lo = q
            .from
            .map_or(0, |f| self.facts.partition_point(|x| x.started_at < f));
        let hi = q.to.map_or(self.entries.len(), |to| {
            self.facts.partition_point(|x| x.started_at < to)
        });
        let (lo, hi) = (lo.min(self.entries.len()), hi.min(self.entries.len()));
        let slice = self.entries.get(lo..hi.max(lo)).unwrap_or_default();
        let filtered = q.status.is_some()
            || q.platform_id.is_some()
            || q.task_type_id.is_some()
            || text.is_some();
        let mut hits: Vec<&Entry> = if filtered {
            (lo..hi.max(lo))
                .filter(|&i| self.matches(i, q, text.as_deref()))
                .filter_map(|i| self.entries.get(i))
                .collect()
        } else {
            slice.iter().collect()
        };
        let limit = q.limit.unwrap_or(100).min(MAX_PAGE) as usize;
        let total = hits.len();
        if q.sort == SortKey::StartedAt {
            // Already in the table's order (start, then id): the page is read off either end.
            if q.desc {
                hits.reverse();
            }
        } else {
            let cmp = |a: &&Entry, b: &&Entry| {
                let o = self.compare(a, b, q.sort);
                if q.desc {
                    o.reverse()
                } else {
                    o
                }
            };
            let end = (q.offset as usize).saturating_add(limit).min(total);
            // Only the rows up to the page's end need their final order.
            if end < total && end > 0 {
                hits.select_nth_unstable_by(end - 1, cmp);
                hits.truncate(end);
            }
            hits.sort_by(cmp);
        }
        let rows = hits
            .into_iter()
            .skip(q.offset as usize)
            .take(limit)
            .filter_map(|e| {
                let t = self.task(e)?;
                Some(TaskRow {
                    platform_name: self.platform_name(t),
                    task_type_name: self.task_type_name(t),
                    time_ms: e.time_ms,
                    digits: (t.pay_confirmed.as_ref().or(t.pay_expected.as_ref()))
                        .map(|m| m.currency.minor_digits()),
                    task: t.clone(),
                })
            })
            .collect();
        TaskPage {
            total,
            offset: q.offset,
            rows,
        }
    }
}
