//! The `shards` index's `reach`: month shards that hold records a range selects later than its
//! reads would look for them.
//!
//! Sessions and tasks are stored in the month shard of their `createdAt`, and a range `[from, to)`
//! reads the shards from the month of `from` − [`WINDOW_MS`] on ([`super::shards::range_keys`]):
//! a session or lap starts when it is created, or earlier (an import, a task added by hand for an
//! earlier day). A record with a later time would be missed: a task added by hand whose start is
//! edited forward a month or more after, a session whose times are moved, a rejection logged
//! weeks after the task (the alert's window goes by the review). So the index notes, per
//! collection and shard month, the latest month of such a record's times ([`TIMES`]):
//!
//! `{"sessions": {…}, "tasks": {"2026-01": 4}, …, "reach": {"tasks": {"2026-01": "2026-04"}}}`
//!
//! and a range that starts in or before that month reads the shard too. Kept with every write of
//! a shard ([`super::shards::Writes`]), an import's new tasks, a backup import, and schema 4's
//! migration for what earlier builds stored. A shard without an entry reaches no further.

use super::keys::{month_of, Collection, Snapshot, KEY_SHARDS};
use super::shards::object_at;
use crate::error::Result;
use serde_json::{Map, Value};

/// How far back from a range's start its reads look for records that may start in it.
pub const WINDOW_MS: i64 = 32 * 86_400_000;
/// The key of the reach in the `shards` index.
const KEY_REACH: &str = "reach";
/// The collections whose records have a start (`startedAt`) that ranges select by.
const STARTED: [Collection; 2] = [Collection::Sessions, Collection::Tasks];

/// Whether a record of shard `month` with a time at `at` is past the window (a range that starts
/// on that day would not read `month`).
pub(crate) fn beyond(month: &str, at: i64) -> bool {
    month_of(at.saturating_sub(WINDOW_MS)).as_str() > month
}

/// The times of a record that ranges select it by: its start (the ledger, session reports),
/// submission and review (the rejection alert's window).
const TIMES: [&str; 3] = ["startedAt", "submittedAt", "reviewedAt"];

/// The reach of shard `month`'s records: the latest month of a live record's [`TIMES`] past the
/// window, if any.
pub(crate) fn of_records<'a>(
    month: &str,
    records: impl Iterator<Item = &'a Value>,
) -> Option<String> {
    records
        .filter(|r| r.get("deletedAt").is_none_or(Value::is_null))
        .filter_map(|r| TIMES.iter().filter_map(|k| r.get(*k)?.as_i64()).max())
        .filter(|&s| beyond(month, s))
        .max()
        .map(month_of)
}

/// `(collection name, month)` of a session or task shard key.
fn shard_of(key: &str) -> Option<(&str, &str)> {
    STARTED
        .iter()
        .find(|c| c.owns_key(key))
        .and_then(|_| key.split_once('/'))
}

/// The reach `index` notes for shard `month` of collection `name`.
fn current<'a>(index: &'a Map<String, Value>, name: &str, month: &str) -> Option<&'a str> {
    index.get(KEY_REACH)?.get(name)?.get(month)?.as_str()
}

/// Notes `reach` for shard `key` in `index` (a `shards` index object); whether that changed it.
pub(crate) fn set(index: &mut Map<String, Value>, key: &str, reach: Option<String>) -> bool {
    let Some((name, month)) = shard_of(key) else {
        return false;
    };
    if current(index, name, month) == reach.as_deref() {
        return false;
    }
    let Some(per) = object_at(index, KEY_REACH).and_then(|all| object_at(all, name)) else {
        return false;
    };
    match reach {
        Some(r) => per.insert(month.to_string(), Value::from(r)),
        None => per.remove(month),
    };
    true
}

/// Notes in `index` the reach of every session and task shard `data` holds whole (a write's
/// shards, a backup's, or everything stored); whether that changed it.
pub(crate) fn note_shards(index: &mut Map<String, Value>, data: &Snapshot) -> bool {
    let mut changed = false;
    for (key, value) in data {
        let (Some((_, month)), Some(records)) = (shard_of(key), value.as_object()) else {
            continue;
        };
        changed |= set(index, key, of_records(month, records.values()));
    }
    changed
}

/// Raises shard `key`'s reach in `index` to `month` if it reaches less far; whether it did (an
/// import's new tasks: the ledger's importers).
#[cfg(all(feature = "pages", feature = "importers"))]
pub(crate) fn raise(index: &mut Map<String, Value>, key: &str, month: String) -> bool {
    let further = shard_of(key)
        .and_then(|(name, m)| current(index, name, m))
        .is_some_and(|now| now >= month.as_str());
    !further && set(index, key, Some(month))
}

/// Whether the reach noted in `index` (the `shards` index) brings shard `month` of collection
/// `name` into a range starting in month `first`.
pub(crate) fn reaches(index: Option<&Value>, name: &str, month: &str, first: &str) -> bool {
    index
        .and_then(Value::as_object)
        .and_then(|i| current(i, name, month))
        .is_some_and(|r| r >= first)
}

/// Schema 3 → 4: notes the reach of every stored session and task shard (earlier builds kept
/// none). An index that is not an object is left as it is (readers take it for none).
pub(crate) fn reach_noted(data: &mut Snapshot) -> Result<()> {
    let mut index = match data.get(KEY_SHARDS) {
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Ok(()),
        None => Map::new(),
    };
    if note_shards(&mut index, data) {
        data.insert(KEY_SHARDS.into(), Value::Object(index));
    }
    Ok(())
}
