//! The dashboard's reading of past sessions: the [`list`] with each session's totals and tasks,
//! and the local-day and week [`report`].

use crate::model::{Session, Task};
use crate::storage::shards::all_of;
use crate::storage::{Collection, Snapshot};
use crate::timing::buckets::{by_day, by_week, DayBucket, WeekBucket, Weekday};
use crate::timing::totals::{totals, Totals};
use crate::timing::zone::ZoneOffsets;
use serde::Serialize;
use std::collections::HashMap;

/// One session as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRow {
    pub session: Session,
    pub totals: Totals,
    /// Its live tasks, in start order.
    pub tasks: Vec<Task>,
}

/// Live sessions overlapping `[from, to)`, newest first, at most `limit`.
pub fn list(stored: &Snapshot, from: i64, to: i64, limit: usize, now: i64) -> Vec<SessionRow> {
    let mut sessions: Vec<Session> = all_of::<Session>(stored, Collection::Sessions)
        .into_iter()
        .filter(|s| !s.meta.is_deleted())
        .filter(|s| s.started_at < to && s.ended_at.unwrap_or(now) >= from)
        .collect();
    sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
    sessions.truncate(limit);
    // Each listed session's live tasks, in one pass over the tasks (in stored order, then sorted
    // by start: the sort is stable).
    let mut mine: HashMap<String, Vec<Task>> = sessions
        .iter()
        .map(|s| (s.meta.id.clone(), Vec::new()))
        .collect();
    for t in all_of::<Task>(stored, Collection::Tasks) {
        if t.meta.is_deleted() {
            continue;
        }
        if let Some(list) = t.session_id.as_deref().and_then(|id| mine.get_mut(id)) {
            list.push(t);
        }
    }
    sessions
        .into_iter()
        .map(|s| {
            // Cloned, not taken: a session id stored twice lists its tasks twice, as before.
            let mut tasks = mine.get(s.meta.id.as_str()).cloned().unwrap_or_default();
            tasks.sort_by_key(|t| t.started_at);
            SessionRow {
                totals: totals(&s, &tasks, now),
                tasks,
                session: s,
            }
        })
        .collect()
}

/// Local-day and week totals of the sessions in `[from, to)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub days: Vec<DayBucket>,
    pub weeks: Vec<WeekBucket>,
}

/// Day and week buckets (weeks start on Monday, ISO labels) of `stored`'s sessions in
/// `[from, to)`, split at local midnight with `zone` (read with [`super::range_keys`]).
pub fn report(stored: &Snapshot, from: i64, to: i64, now: i64, zone: &ZoneOffsets) -> Report {
    let sessions: Vec<Session> = all_of(stored, Collection::Sessions);
    Report {
        days: by_day(&sessions, from..to, now, zone),
        weeks: by_week(&sessions, from..to, now, zone, Weekday::Monday),
    }
}
