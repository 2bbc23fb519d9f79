//! The running session's rubric: while a work session is open for a task type with a rubric,
//! `{criterion: …}` in an expansion reads that rubric instead of the default one. The engine
//! reads it from two small start-up keys — the `currentSession` pointer (open or not, and its
//! task type) and `taskTypes` — never from a month shard.

use super::Engine;
use crate::storage::{Collection, Snapshot, KEY_CURRENT_SESSION};
use serde_json::Value;

impl Engine {
    /// Follows the current session: reads the pointer and the task types from `stored` (the
    /// start-up keys). Lenient: anything missing or unreadable means no session rubric.
    pub fn load_session(&mut self, stored: &Snapshot) {
        self.session_rubric_id = session_rubric_id(stored);
    }

    /// The rubric of the open session's task type, if it has one. Expansion uses it when it
    /// names a live rubric, else the default rubric ([`Engine::active_rubric`]).
    pub fn session_rubric_id(&self) -> Option<&str> {
        self.session_rubric_id.as_deref()
    }
}

/// Plain JSON reads (no model types): the start-up module stays small.
fn session_rubric_id(stored: &Snapshot) -> Option<String> {
    let pointer = stored.get(KEY_CURRENT_SESSION)?;
    if pointer.get("open").and_then(Value::as_bool) != Some(true) {
        return None;
    }
    let task_type_id = pointer.get("taskTypeId")?.as_str()?;
    let task_type = stored
        .get(Collection::TaskTypes.name())?
        .get(task_type_id)?;
    if !task_type.get("deletedAt").is_none_or(Value::is_null) {
        return None;
    }
    task_type.get("rubricId")?.as_str().map(String::from)
}
