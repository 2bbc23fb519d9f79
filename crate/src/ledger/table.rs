//! The ledger's task table: the loaded tasks filtered, sorted and cut into one page, so the page
//! shows a few hundred rows of 100,000 without holding them all.

use super::book::Ledger;
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

    /// The name of interned platform (`key` Platform) or task type `i`, from the catalogue.
    fn name_of(&self, i: u32, key: SortKey) -> Option<&str> {
        let id = self.ids.id(i)?;
        match key {
            SortKey::Platform => self.platforms.get(id).map(|p| p.name.as_str()),
            _ => self.task_types.get(id).map(|t| t.name.as_str()),
        }
    }

    /// Entries `a` and `b` in `key`'s order, then by start and id. Read from their facts: only
    /// the external id, and the id of two tasks that start together, make their records.
    fn compare(&self, a: usize, b: usize, key: SortKey) -> Ordering {
        let (Some(x), Some(y)) = (self.facts.get(a), self.facts.get(b)) else {
            return a.cmp(&b);
        };
        let task = |i: usize| self.entries.get(i).and_then(|e| self.task(e));
        match key {
            SortKey::StartedAt => Ordering::Equal,
            SortKey::Status => (x.status as u8).cmp(&(y.status as u8)),
            SortKey::Platform => {
                (self.name_of(x.platform, key)).cmp(&self.name_of(y.platform, key))
            }
            SortKey::TaskType => {
                (self.name_of(x.task_type, key)).cmp(&self.name_of(y.task_type, key))
            }
            SortKey::Pay => (x.confirmed.get().or(x.expected.get()))
                .cmp(&y.confirmed.get().or(y.expected.get())),
            SortKey::Time => x.time_ms.get().cmp(&y.time_ms.get()),
            SortKey::ExternalId => (task(a).and_then(|t| t.external_id.as_deref()))
                .cmp(&task(b).and_then(|t| t.external_id.as_deref())),
        }
        .then(x.started_at.cmp(&y.started_at))
        .then_with(|| {
            task(a)
                .map(|t| &t.meta.id)
                .cmp(&task(b).map(|t| &t.meta.id))
        })
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
        let filtered = q.status.is_some()
            || q.platform_id.is_some()
            || q.task_type_id.is_some()
            || text.is_some();
        // Indices of the entries (and of their facts).
        let mut hits: Vec<usize> = if filtered {
            (lo..hi.max(lo))
                .filter(|&i| self.matches(i, q, text.as_deref()))
                .collect()
        } else {
            (lo..hi.max(lo)).collect()
        };
        let limit = q.limit.unwrap_or(100).min(MAX_PAGE) as usize;
        let total = hits.len();
        if q.sort == SortKey::StartedAt {
            // Already in the table's order (start, then id): the page is read off either end.
            if q.desc {
                hits.reverse();
            }
        } else {
            let cmp = |a: &usize, b: &usize| {
                let o = self.compare(*a, *b, q.sort);
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
            .filter_map(|i| {
                let (t, f) = (self.task(self.entries.get(i)?)?, self.facts.get(i)?);
                let name = |i, key| self.name_of(i, key).map(String::from);
                Some(TaskRow {
                    platform_name: name(f.platform, SortKey::Platform),
                    task_type_name: name(f.task_type, SortKey::TaskType),
                    time_ms: f.time_ms.get(),
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
