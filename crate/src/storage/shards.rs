//! Month shards of sessions and tasks: which keys to read, and the `Writes` that put records into
//! their shard while keeping the `shards` index's live counts.
//!
//! Records are stored in the month shard of their `createdAt` (`sessions/YYYY-MM`,
//! `tasks/YYYY-MM`); a shard's other records are carried over untouched, even ones this build
//! cannot parse. The `currentSession` key points at the **current** session — the latest one,
//! running or just stopped (so the idle question can still be answered after a stop) — and says
//! whether it is open and for which task type, so the engine picks the session's rubric without
//! reading a shard.

use super::keys::{month_of, Collection, Snapshot, KEY_CURRENT_SESSION, KEY_SHARDS};
use super::reach;
use crate::error::{Error, ErrorKind, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The value of the `currentSession` key: where the current session (running or not) is stored,
/// and what the engine needs of it without reading its shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CurrentSession {
    /// The current session's id.
    pub session_id: String,
    /// The shard holding it.
    pub sessions_key: String,
    /// The shards holding its tasks.
    #[serde(default)]
    pub tasks_keys: Vec<String>,
    /// The session's task type, if it has one (its rubric applies while the session is open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    /// Whether the session is open (running, idle or paused; not stopped).
    #[serde(default)]
    pub open: bool,
    /// Set when the browser started with this session running: the popup asks keep or stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_asked_at: Option<i64>,
}

/// The stored `currentSession` pointer, if it can be read.
pub(crate) fn pointer_of(stored: &Snapshot) -> Option<CurrentSession> {
    stored
        .get(KEY_CURRENT_SESSION)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Keys to read for the current session at `now`: `currentSession`, `shards`, `taskTypes`, the
/// session's shards, and the shards of `now`'s month, where a new session or task goes (so the plan merges into them instead of
/// replacing them). `pointer` is the stored `currentSession` value.
pub fn current_keys(pointer: Option<&Value>, now: i64) -> Vec<String> {
    let mut keys = vec![
        KEY_CURRENT_SESSION.to_string(),
        KEY_SHARDS.to_string(),
        Collection::TaskTypes.name().to_string(),
        Collection::Sessions.key_for(now),
        Collection::Tasks.key_for(now),
    ];
    if let Some(r) = pointer.and_then(|v| serde_json::from_value::<CurrentSession>(v.clone()).ok())
    {
        keys.push(r.sessions_key);
        keys.extend(r.tasks_keys);
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Shard keys of sessions and tasks for months `from`..=`to` (UTC ms), plus the month before
/// (a session may start there and run into the range), that the `shards` index lists; and the
/// earlier shards whose records reach into the range (their starts moved later: [`reach`]).
pub fn range_keys(shards: Option<&Value>, from: i64, to: i64) -> Vec<String> {
    let lo = month_of(from.saturating_sub(reach::WINDOW_MS));
    let hi = month_of(to);
    let first = month_of(from);
    let mut keys = Vec::new();
    for c in [Collection::Sessions, Collection::Tasks] {
        if let Some(m) = shards
            .and_then(|s| s.get(c.name()))
            .and_then(Value::as_object)
        {
            keys.extend(
                m.keys()
                    .filter(|k| {
                        let k = k.as_str();
                        (k >= lo.as_str() && k <= hi.as_str())
                            || (k < lo.as_str() && reach::reaches(shards, c.name(), k, &first))
                    })
                    .map(|k| format!("{}/{k}", c.name())),
            );
        }
    }
    keys
}

/// Shard keys the ledger reads for `[from, to)` (UTC ms): the sessions of [`range_keys`], and
/// every task shard from that first month on, past `to` too. A task is stored in the month it
/// was created, which can be long after the day it started: an imported earnings file or a task
/// added by hand for an earlier day is stored in the month it was added, and a range that ends
/// before that month still holds it.
pub fn ledger_range_keys(shards: Option<&Value>, from: i64, to: i64) -> Vec<String> {
    let sessions = range_keys(shards, from, to);
    let tasks = range_keys(shards, from, i64::MAX / 4);
    (sessions
        .into_iter()
        .filter(|k| Collection::Sessions.owns_key(k)))
    .chain(tasks.into_iter().filter(|k| Collection::Tasks.owns_key(k)))
    .collect()
}

/// Every session and task shard the `shards` index lists (what corrections read).
pub fn all_keys(shards: Option<&Value>) -> Vec<String> {
    range_keys(shards, i64::MIN / 4, i64::MAX / 4)
}

/// The parsable records of one stored `{id: record}` map.
pub(crate) fn records<T: DeserializeOwned>(stored: &Snapshot, key: &str) -> Vec<T> {
    stored
        .get(key)
        .and_then(Value::as_object)
        .map(|m| m.values().filter_map(|v| T::deserialize(v).ok()).collect())
        .unwrap_or_default()
}

/// Every parsable record of a sharded collection present in the snapshot.
pub(crate) fn all_of<T: DeserializeOwned>(stored: &Snapshot, c: Collection) -> Vec<T> {
    stored
        .keys()
        .filter(|k| c.owns_key(k))
        .flat_map(|k| records::<T>(stored, k))
        .collect()
}

/// A record as JSON; failing is a bug in the core, reported as [`ErrorKind::Internal`].
pub(crate) fn to_value<T: Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))
}

/// The object under `key` in `map`, made an empty one when it is missing or is not an object
/// (the `shards` index's maps: a damaged value is replaced, never indexed into).
pub(crate) fn object_at<'a>(
    map: &'a mut Map<String, Value>,
    key: &str,
) -> Option<&'a mut Map<String, Value>> {
    let slot = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut()
}

/// Accumulates writes: record puts into shard maps, and live-count changes in the index.
pub(crate) struct Writes<'a> {
    stored: &'a Snapshot,
    out: Snapshot,
    index: Option<Value>,
}

impl<'a> Writes<'a> {
    /// No writes yet, against what is stored.
    pub(crate) fn new(stored: &'a Snapshot) -> Self {
        Writes {
            stored,
            out: Snapshot::new(),
            index: None,
        }
    }

    /// Puts `record` under `id` into `c`'s shard for `created_at` (the stored shard's other
    /// records are kept).
    pub(crate) fn put<T: Serialize>(
        &mut self,
        c: Collection,
        id: &str,
        created_at: i64,
        record: &T,
    ) -> Result<()> {
        let key = c.key_for(created_at);
        let value = to_value(record)?;
        let map = self
            .out
            .entry(key.clone())
            .or_insert_with(|| match self.stored.get(&key) {
                Some(Value::Object(m)) => Value::Object(m.clone()),
                _ => Value::Object(Map::new()),
            });
        if let Value::Object(m) = map {
            m.insert(id.to_string(), value);
        }
        Ok(())
    }

    /// Adds `delta` to the live count of `c`'s shard for `created_at`.
    pub(crate) fn count(&mut self, c: Collection, created_at: i64, delta: i64) {
        let index = self.index.get_or_insert_with(|| {
            self.stored
                .get(KEY_SHARDS)
                .filter(|v| v.is_object())
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new()))
        });
        let Some(per) = index.as_object_mut().and_then(|i| object_at(i, c.name())) else {
            return;
        };
        let month = month_of(created_at);
        let n = per.get(&month).and_then(Value::as_i64).unwrap_or(0);
        per.insert(month, Value::from((n + delta).max(0)));
    }

    /// The writes, the changed index included (its live counts, and the reach of every session
    /// and task shard written).
    /// Without a count, the reach is noted only in an index the caller read: one made from
    /// nothing would replace the stored index's counts.
    pub(crate) fn finish(mut self) -> Snapshot {
        let counted = self.index.is_some();
        let Some(mut index) = self.index.take().or_else(|| {
            self.stored
                .get(KEY_SHARDS)
                .filter(|v| v.is_object())
                .cloned()
        }) else {
            return self.out;
        };
        let reached = index
            .as_object_mut()
            .is_some_and(|i| reach::note_shards(i, &self.out));
        if counted || reached {
            self.out.insert(KEY_SHARDS.to_string(), index);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// UTC ms of the first of a month.
    fn first_of(year: i64, month: u32) -> i64 {
        crate::civil::days_from_civil(year, month, 1) * 86_400_000
    }

    #[test]
    fn a_range_reads_the_month_before_and_the_ledger_reads_later_task_months_too() {
        let index = json!({
            "sessions": {"2026-01": 3, "2026-02": 4, "2026-03": 5, "2026-12": 1},
            "tasks": {"2026-01": 9, "2026-02": 8, "2026-03": 7, "2026-12": 6},
        });
        // 10 to 31 March 2026: February too (32 days back: a session may start there and run
        // into the range).
        let (from, to) = (first_of(2026, 3) + 9 * 86_400_000, first_of(2026, 4));
        let mut plain = range_keys(Some(&index), from, to);
        plain.sort();
        assert_eq!(
            plain,
            [
                "sessions/2026-02",
                "sessions/2026-03",
                "tasks/2026-02",
                "tasks/2026-03"
            ]
        );
        // The ledger also reads December's tasks: an Outlier file imported in December holds
        // tasks that started in March.
        let mut ledger = ledger_range_keys(Some(&index), from, to);
        ledger.sort();
        assert_eq!(
            ledger,
            [
                "sessions/2026-02",
                "sessions/2026-03",
                "tasks/2026-02",
                "tasks/2026-03",
                "tasks/2026-12"
            ]
        );
        // No index: nothing to read.
        assert!(ledger_range_keys(None, from, to).is_empty());
    }
}
