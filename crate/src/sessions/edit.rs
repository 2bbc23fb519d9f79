//! The dashboard's corrections of recorded sessions and tasks ([`SessionEdit`]) as writes: times
//! moved, spans re-marked, deletes and restores, with the `shards` index's counts kept.

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Session, Task};
use crate::storage::shards::{all_of, Writes};
use crate::storage::{Collection, Snapshot};
use crate::timing::corrections::{self, TimesEdit};
use crate::timing::zone::ZoneOffsets;
use serde::{Deserialize, Serialize};

/// A correction from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "op",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum SessionEdit {
    /// Move a session's start and/or end.
    EditSession {
        id: String,
        #[serde(default)]
        start: Option<i64>,
        #[serde(default)]
        end: Option<i64>,
    },
    /// Delete a stopped session and its tasks (undo with `restoreSession`).
    DeleteSession { id: String },
    /// Undo a session's delete.
    RestoreSession { id: String },
    /// Move a task's lap.
    EditTask {
        id: String,
        #[serde(default)]
        start: Option<i64>,
        #[serde(default)]
        end: Option<i64>,
    },
    /// Delete one task.
    DeleteTask { id: String },
    /// Undo a task's delete.
    RestoreTask { id: String },
    /// Re-mark parts of a session (e.g. idle time that was work, or work that was a break).
    EditSpans {
        id: String,
        spans: Vec<corrections::SpanEdit>,
    },
}

fn not_found(what: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("that {what} no longer exists"))
}

/// Plans a correction against every session and task shard (read with [`super::all_keys`]): the
/// writes.
pub fn plan_edit(
    stored: &Snapshot,
    edit: &SessionEdit,
    now: i64,
    zone: &ZoneOffsets,
) -> Result<Snapshot> {
    let sessions: Vec<Session> = all_of(stored, Collection::Sessions);
    let tasks: Vec<Task> = all_of(stored, Collection::Tasks);
    let find_s = |id: &str| {
        sessions
            .iter()
            .find(|s| s.meta.id == id)
            .ok_or_else(|| not_found("session"))
    };
    let find_t = |id: &str| {
        tasks
            .iter()
            .find(|t| t.meta.id == id)
            .ok_or_else(|| not_found("task"))
    };
    let others = |id: &str| -> Vec<Session> {
        sessions
            .iter()
            .filter(|s| s.meta.id != id)
            .cloned()
            .collect()
    };
    let session_of = |t: &Task| {
        t.session_id
            .as_deref()
            .and_then(|id| sessions.iter().find(|s| s.meta.id == id))
    };
    let siblings = |t: &Task| -> Vec<Task> {
        tasks
            .iter()
            .filter(|x| x.meta.id != t.meta.id && x.session_id == t.session_id)
            .cloned()
            .collect()
    };
    let mut w = Writes::new(stored);
    match edit {
        SessionEdit::EditSession { id, start, end } => {
            let s = find_s(id)?;
            let times = TimesEdit {
                start: *start,
                end: *end,
            };
            let mine: Vec<Task> = tasks
                .iter()
                .filter(|t| t.session_id.as_deref() == Some(id))
                .cloned()
                .collect();
            let out = corrections::edit_session(s, times, &others(id), &mine, now, zone)?;
            w.put(Collection::Sessions, id, out.meta.created_at, &out)?;
        }
        SessionEdit::DeleteSession { id } | SessionEdit::RestoreSession { id } => {
            let s = find_s(id)?;
            let deleting = matches!(edit, SessionEdit::DeleteSession { .. });
            let (out, changed) = if deleting {
                corrections::delete_session(s, &tasks, now)?
            } else {
                corrections::restore_session(s, &tasks, &others(id), now, zone)?
            };
            let delta = if deleting { -1 } else { 1 };
            w.put(Collection::Sessions, id, out.meta.created_at, &out)?;
            w.count(Collection::Sessions, out.meta.created_at, delta);
            for t in &changed {
                w.put(Collection::Tasks, &t.meta.id, t.meta.created_at, t)?;
                w.count(Collection::Tasks, t.meta.created_at, delta);
            }
        }
        SessionEdit::EditTask { id, start, end } => {
            let t = find_t(id)?;
            let times = TimesEdit {
                start: *start,
                end: *end,
            };
            let out = corrections::edit_task(t, times, session_of(t), &siblings(t), now, zone)?;
            w.put(Collection::Tasks, id, out.meta.created_at, &out)?;
        }
        SessionEdit::DeleteTask { id } => {
            let out = corrections::delete_task(find_t(id)?, now)?;
            w.put(Collection::Tasks, id, out.meta.created_at, &out)?;
            w.count(Collection::Tasks, out.meta.created_at, -1);
        }
        SessionEdit::EditSpans { id, spans } => {
            if spans.is_empty() || spans.len() > 100 {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    "send between 1 and 100 span corrections at a time",
                ));
            }
            let out = corrections::edit_spans(find_s(id)?, spans, now)?;
            w.put(Collection::Sessions, id, out.meta.created_at, &out)?;
        }
        SessionEdit::RestoreTask { id } => {
            let t = find_t(id)?;
            let out = corrections::restore_task(t, session_of(t), &siblings(t), now, zone)?;
            w.put(Collection::Tasks, id, out.meta.created_at, &out)?;
            w.count(Collection::Tasks, out.meta.created_at, 1);
        }
    }
    Ok(w.finish())
}
