//! Saving library entries: a draft from the dashboard, the context menu or the palette becomes a
//! `Justification` in its month shard (`justifications/YYYY-MM`, by creation time), and the
//! `shards` index keeps its live count. Delete is a tombstone, restore clears it, a use is
//! counted on insertion. Nothing here touches storage: each function answers the writes.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{Justification, RecordMeta, TaskStatus};
use crate::storage::shards::Writes;
use crate::storage::{month_of, Collection, Snapshot, KEY_SHARDS};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// Longest entry accepted, in characters (a long justification is a few thousand).
pub const MAX_TEXT_CHARS: usize = 20_000;

/// What a save sends: a new entry (no `id`) or the changed fields of an existing one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JustificationDraft {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub platform_id: Option<String>,
    #[serde(default)]
    pub task_type_id: Option<String>,
    #[serde(default)]
    pub task_id: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub outcome: Option<TaskStatus>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

fn clean_list(items: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && seen.insert(s.to_lowercase()))
        .collect()
}

fn not_found() -> Error {
    Error::new(
        ErrorKind::NotFound,
        "this library entry no longer exists (deleted elsewhere?); reload the Library section",
    )
}

/// The creation month of an entry id (its ULID's time), if the id is well formed.
fn id_month(id: &str) -> Option<String> {
    let ulid = ulid::Ulid::from_string(id.strip_prefix(IdKind::Justification.prefix())?).ok()?;
    Some(month_of(ulid.timestamp_ms() as i64))
}

/// Keys a save, delete or restore of entry `id` (none = a new entry at `now`) reads: the `shards`
/// index and the shard the id's time names. An entry imported from elsewhere may sit in another
/// shard: when the change answers `notFound`, read [`all_keys`] and try again.
pub fn keys_for(id: Option<&str>, now: i64) -> Vec<String> {
    let month = id.and_then(id_month).unwrap_or_else(|| month_of(now));
    vec![
        KEY_SHARDS.to_string(),
        format!("{}/{month}", Collection::Justifications.name()),
    ]
}

/// Every justification shard the `shards` index lists, and the index itself.
pub fn all_keys(shards: Option<&Value>) -> Vec<String> {
    let name = Collection::Justifications.name();
    let mut keys = vec![KEY_SHARDS.to_string()];
    if let Some(m) = shards.and_then(|s| s.get(name)).and_then(Value::as_object) {
        let mut months: Vec<&String> = m.keys().collect();
        months.sort();
        months.reverse(); // newest first: a page shows them first
        keys.extend(months.into_iter().map(|k| format!("{name}/{k}")));
    }
    keys
}

/// Every parsable entry in the snapshot's justification shards (tombstones included).
pub fn entries_of(stored: &Snapshot) -> Vec<Justification> {
    crate::storage::shards::all_of(stored, Collection::Justifications)
}

fn find(stored: &Snapshot, id: &str) -> Option<Justification> {
    entries_of(stored).into_iter().find(|j| j.meta.id == id)
}

/// Saves `draft` against `stored` (the keys of [`keys_for`]): the saved entry and the writes.
pub fn save(
    stored: &Snapshot,
    draft: JustificationDraft,
    ids: &mut IdGen,
    now: i64,
) -> Result<(Justification, Snapshot)> {
    let text = draft.text.trim().to_string();
    if text.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidMessage,
            "the entry has no text; select or type the justification to keep",
        ));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::new(
            ErrorKind::Limit,
            format!(
                "the entry is longer than {MAX_TEXT_CHARS} characters; keep the part worth reusing"
            ),
        ));
    }
    let (meta, was_live) = match &draft.id {
        Some(id) => {
            let old = find(stored, id).ok_or_else(not_found)?;
            let live = !old.meta.is_deleted();
            (
                RecordMeta {
                    updated_at: now.max(old.meta.updated_at + 1),
                    deleted_at: None,
                    ..old.meta
                },
                live,
            )
        }
        None => (
            RecordMeta::new(ids.next(IdKind::Justification, now), now),
            false,
        ),
    };
    let blank = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let record = Justification {
        meta,
        text,
        platform_id: blank(draft.platform_id),
        task_type_id: blank(draft.task_type_id),
        task_id: blank(draft.task_id),
        criteria: clean_list(&draft.criteria),
        outcome: draft.outcome,
        notes: draft.notes.trim().to_string(),
        tags: clean_list(&draft.tags),
        last_used_at: None,
    };
    let record = match &draft.id {
        Some(id) => Justification {
            last_used_at: find(stored, id).and_then(|o| o.last_used_at),
            ..record
        },
        None => record,
    };
    let mut w = Writes::new(stored);
    let c = Collection::Justifications;
    w.put(c, &record.meta.id, record.meta.created_at, &record)?;
    if !was_live {
        w.count(c, record.meta.created_at, 1);
    }
    Ok((record, w.finish()))
}

/// Deletes (tombstone) or restores entry `id`: the changed entry and the writes.
pub fn set_deleted(
    stored: &Snapshot,
    id: &str,
    deleted: bool,
    now: i64,
) -> Result<(Justification, Snapshot)> {
    let mut j = find(stored, id).ok_or_else(not_found)?;
    let mut w = Writes::new(stored);
    let c = Collection::Justifications;
    if j.meta.is_deleted() != deleted {
        w.count(c, j.meta.created_at, if deleted { -1 } else { 1 });
    }
    j.meta.deleted_at = deleted.then_some(now);
    j.meta.updated_at = now.max(j.meta.updated_at + 1);
    w.put(c, id, j.meta.created_at, &j)?;
    Ok((j, w.finish()))
}

/// Counts a use of entry `id` (inserted from the palette): `lastUsedAt = now`. A missing entry
/// changes nothing.
pub fn record_use(stored: &Snapshot, id: &str, now: i64) -> Result<Snapshot> {
    let Some(mut j) = find(stored, id) else {
        return Ok(Snapshot::new());
    };
    j.last_used_at = Some(now);
    let mut w = Writes::new(stored);
    w.put(Collection::Justifications, id, j.meta.created_at, &j)?;
    Ok(w.finish())
}
