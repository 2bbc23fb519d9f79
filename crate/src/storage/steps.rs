//! The migration steps, one per schema bump, oldest first; `migrate.rs` runs them. Each step has a
//! fixture of the previous schema's storage under `tests/storage/` that a test migrates.
//!
//! | schema | change |
//! |---|---|
//! | 1 | the first released schema |
//! | 2 | `running` becomes `currentSession`, which also says whether the session is open and its task type |
//! | 3 | use counts move out of the snippet records into `snippetUses` (`uses.rs`) |
//! | 4 | the `shards` index notes shards whose records start later than a range's reads look (`reach.rs`) |
//!
//! Steps read stored records as plain JSON (no model types): they must cope with anything an
//! older build wrote, and they run in the background's start-up module, which stays small.

use super::keys::{Snapshot, KEY_CURRENT_SESSION};
use super::migrate::Step;
use crate::error::Result;
use serde_json::{Map, Value};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 4;

/// Every migration step, oldest first.
pub const MIGRATIONS: &[Step] = &[
    Step {
        from: 1,
        describe: "the running pointer becomes currentSession",
        apply: current_session_pointer,
    },
    Step {
        from: 2,
        describe: "use counts move apart from the snippets",
        apply: super::uses::uses_apart,
    },
    Step {
        from: 3,
        describe: "the shards index notes the shards that reach later months",
        apply: super::reach::reach_noted,
    },
];

/// Schema 1's name of the current-session pointer.
const KEY_RUNNING_V1: &str = "running";

/// Keys an earlier schema used that a step removed. A migration writes first and removes these
/// after; a worker stopped in between leaves the new store plus a stale key, which the background
/// removes at its next start (`staleKeys` in the start-up module; crash test `tests/e2e/crash.test.mjs`).
pub const STALE_KEYS: &[&str] = &[KEY_RUNNING_V1];

/// 1 → 2: `running` (`{sessionId, sessionsKey, tasksKeys, restartAskedAt?}`) is renamed
/// `currentSession` and gains `open` and `taskTypeId` from the session it points at, so the
/// engine can pick the running session's rubric without reading a month shard. A pointer whose
/// session cannot be found says `open: false`; a value that is not an object moves over as it is
/// (the engine reads it as no session, as schema 1 did).
fn current_session_pointer(data: &mut Snapshot) -> Result<()> {
    let Some(old) = data.remove(KEY_RUNNING_V1) else {
        return Ok(());
    };
    if data.contains_key(KEY_CURRENT_SESSION) {
        // Written by a newer build that was then downgraded: that pointer is the current one.
        return Ok(());
    }
    let Value::Object(mut pointer) = old else {
        data.insert(KEY_CURRENT_SESSION.into(), old);
        return Ok(());
    };
    let session = session_of(data, &pointer).cloned();
    let open = session.as_ref().is_some_and(is_open);
    pointer.insert("open".into(), Value::Bool(open));
    if let Some(tt) = session
        .as_ref()
        .and_then(|s| s.get("taskTypeId"))
        .filter(|v| v.is_string())
    {
        pointer.insert("taskTypeId".into(), tt.clone());
    }
    data.insert(KEY_CURRENT_SESSION.into(), Value::Object(pointer));
    Ok(())
}

/// The stored session a schema-1 pointer names, if its shard holds it.
fn session_of<'a>(data: &'a Snapshot, pointer: &Map<String, Value>) -> Option<&'a Value> {
    let key = pointer.get("sessionsKey")?.as_str()?;
    let id = pointer.get("sessionId")?.as_str()?;
    data.get(key)?.get(id)
}

/// Whether a stored session is open: not ended, no stop event, not deleted.
fn is_open(session: &Value) -> bool {
    let absent = |k: &str| session.get(k).is_none_or(Value::is_null);
    let stopped = session
        .get("events")
        .and_then(Value::as_array)
        .is_some_and(|es| {
            es.iter()
                .any(|e| e.get("kind").and_then(Value::as_str) == Some("stop"))
        });
    absent("endedAt") && absent("deletedAt") && !stopped
}

#[cfg(test)]
mod tests {
    use super::super::migrate::migrate;
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    /// A schema-1 store with a session running for a task type, its tasks and a stopped session.
    const SCHEMA_1: &str = include_str!("../../../tests/storage/schema-1.json");

    fn fixture() -> Snapshot {
        serde_json::from_str(SCHEMA_1).unwrap_or_else(|e| panic!("the fixture: {e}"))
    }

    #[test]
    fn schema_1_storage_migrates_and_migrating_again_changes_nothing() {
        let stored = fixture();
        let m = migrate(&stored, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((m.from, m.to), (1, SCHEMA_VERSION));
        assert_eq!(m.applied[0], "the running pointer becomes currentSession");
        assert_eq!(m.removes, vec!["running".to_string()]);
        let pointer = &m.writes["currentSession"];
        assert_eq!(pointer["open"], json!(true));
        assert_eq!(
            pointer["taskTypeId"],
            json!("tty_01JQ0000000000000000000001")
        );
        assert_eq!(pointer["sessionId"], stored["running"]["sessionId"]);
        assert_eq!(pointer["tasksKeys"], stored["running"]["tasksKeys"]);
        assert_eq!(m.writes["meta"]["schema"], json!(SCHEMA_VERSION));
        assert_eq!(
            m.writes["meta"]["installedAt"],
            stored["meta"]["installedAt"]
        );
        // Only the pointer and the version change: records are left as they were.
        let mut keys: Vec<&str> = m.writes.keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["currentSession", "meta"]);
        // The migrated pointer reads as the model's, and the session view follows it.
        let read = crate::storage::shards::pointer_of(&m.writes);
        assert!(read.is_some_and(|p| p.open && p.tasks_keys.len() == 1));
        let mut after = stored.clone();
        after.extend(m.writes);
        for k in &m.removes {
            after.remove(k);
        }
        let again = migrate(&after, 6).unwrap_or_else(|e| panic!("{e}"));
        assert!(again.writes.is_empty() && again.removes.is_empty());
        assert!(again.applied.is_empty());
    }

    #[test]
    fn a_stopped_or_missing_session_is_not_open() {
        let mut stored = fixture();
        let id = stored["running"]["sessionId"].clone();
        let key = stored["running"]["sessionsKey"].as_str().map(String::from);
        let key = key.unwrap_or_default();
        if let Some(s) = stored
            .get_mut(&key)
            .and_then(|m| m.get_mut(id.as_str().unwrap_or("")))
        {
            s["endedAt"] = json!(1_772_964_000_000_i64);
        }
        let m = migrate(&stored, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.writes["currentSession"]["open"], json!(false));
        stored.insert(
            "running".into(),
            json!({"sessionId": "ses_gone", "sessionsKey": "sessions/2020-01"}),
        );
        let m = migrate(&stored, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            m.writes["currentSession"],
            json!({"sessionId": "ses_gone", "sessionsKey": "sessions/2020-01", "open": false})
        );
    }

    #[test]
    fn schema_1_without_a_session_only_changes_the_version() {
        let stored: Snapshot = [("meta".to_string(), json!({"schema": 1, "installedAt": 3}))]
            .into_iter()
            .collect();
        let m = migrate(&stored, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.writes.len(), 1);
        assert!(m.removes.is_empty());
    }

    #[test]
    fn data_from_a_newer_schema_is_still_refused_untouched() {
        let mut stored = fixture();
        stored.insert("meta".into(), json!({"schema": SCHEMA_VERSION + 1}));
        let e = migrate(&stored, 5).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Storage));
    }
}
