//! The state machine's wire types: the [`Command`]s the background sends to
//! [`crate::timing::state::apply`] and the [`Outcome`] it gets back (serde, camelCase, tagged by
//! `type`, as they cross to JavaScript).

use crate::model::{Session, Task};
use serde::{Deserialize, Serialize};

/// Something the user or the browser did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    deny_unknown_fields,
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Command {
    /// Start a new session for a platform and task type (both optional).
    Start {
        /// The platform worked on.
        #[serde(default)]
        platform_id: Option<String>,
        /// The task type worked on; new tasks inherit it.
        #[serde(default)]
        task_type_id: Option<String>,
    },
    /// Pause (a break). Allowed while running or idle.
    Pause {},
    /// Resume after a pause.
    Resume {},
    /// `chrome.idle` reported idle; `since` is back-dated to when input stopped
    /// (`now - idleThreshold`). Ignored unless the session is running and active.
    Idle {
        /// When input stopped (UTC epoch ms); clamped to the last event and to `now`.
        since: i64,
    },
    /// `chrome.idle` reported the screen locked or the machine asleep; counts as idle.
    Locked {
        /// When the lock began or input stopped (UTC epoch ms).
        since: i64,
    },
    /// `chrome.idle` reported input again. Ends an idle span and asks the user about it.
    Active {},
    /// The background's periodic check found the user active: records `lastActivityAt` only.
    Heartbeat {},
    /// The user keeps the idle span awaiting a decision (it stays idle time).
    KeepIdle {},
    /// The user discards the idle span awaiting a decision (it leaves idle time).
    DiscardIdle {},
    /// Close the open task (lap) and open the next; the first task ends setup.
    NextTask {
        /// Task type of the new task; defaults to the session's.
        #[serde(default)]
        task_type_id: Option<String>,
    },
    /// Stop the session at `at` (default `now`), e.g. at [`last_activity`](crate::timing::state::last_activity) after a restart.
    Stop {
        /// When the session ends (UTC epoch ms); not before its last event, not after `now`.
        #[serde(default)]
        at: Option<i64>,
    },
}

/// Something the UI should tell the user after a command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Notice {
    /// The user came back after being idle: ask whether to keep or discard `[from, to)`.
    IdleReview {
        /// Start of the idle span (UTC epoch ms).
        from: i64,
        /// End of the idle span (UTC epoch ms).
        to: i64,
    },
}

/// What a command did: the session to store and the task records to create or update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The session after the command (`None` when no session runs and none was started).
    pub session: Option<Session>,
    /// Tasks created or changed by the command (write them by id).
    pub tasks: Vec<Task>,
    /// Whether anything changed; `false` means there is nothing to write.
    pub changed: bool,
    /// Something to show the user, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::IdGen;
    use crate::timing::state::apply;
    use serde_json::json;

    #[test]
    fn outcome_json_shape() {
        let mut ids = IdGen::new([3; 16]);
        let start = Command::Start {
            platform_id: Some("plt_a".into()),
            task_type_id: None,
        };
        let out = apply(None, &[], start, 1_000, &mut ids).unwrap_or_else(|e| panic!("{e}"));
        let s = out.session.clone();
        let out = apply(
            s.as_ref(),
            &[],
            Command::Idle { since: 2_000 },
            9_000,
            &mut ids,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let out = apply(
            out.session.as_ref(),
            &[],
            Command::Active {},
            20_000,
            &mut ids,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut v = serde_json::to_value(&out).unwrap_or_default();
        let id = v["session"]["id"].take();
        assert!(id.as_str().is_some_and(|id| id.starts_with("ses_")));
        assert_eq!(
            v,
            json!({
                "session": {
                    "id": null, "createdAt": 1000, "updatedAt": 20000,
                    "platformId": "plt_a", "startedAt": 1000,
                    "events": [
                        {"kind": "start", "at": 1000},
                        {"kind": "idle", "at": 2000},
                        {"kind": "active", "at": 20000}
                    ],
                    "lastActivityAt": 20000, "pendingIdleFrom": 2000, "pendingIdleTo": 20000
                },
                "tasks": [],
                "changed": true,
                "notice": {"type": "idleReview", "from": 2000, "to": 20000}
            })
        );
        let cmds = json!([
            {"type": "pause"}, {"type": "resume"}, {"type": "locked", "since": 5},
            {"type": "active"}, {"type": "heartbeat"}, {"type": "keepIdle"}, {"type": "discardIdle"},
            {"type": "nextTask"}, {"type": "nextTask", "taskTypeId": "tty_b"},
            {"type": "stop"}, {"type": "stop", "at": 7}, {"type": "start"}
        ]);
        let parsed: Result<Vec<Command>, _> = serde_json::from_value(cmds);
        assert_eq!(parsed.map(|c| c.len()).ok(), Some(12));
        for bad in [json!({"type": "fly"}), json!({"type": "idle"})] {
            assert!(
                serde_json::from_value::<Command>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}

#[cfg(test)]
mod strictness_tests {
    use super::*;

    #[test]
    fn commands_refuse_unknown_fields() {
        let ok: Result<Command, _> =
            serde_json::from_str(r#"{"type":"start","platformId":"plt_a"}"#);
        assert!(ok.is_ok());
        let extra: Result<Command, _> = serde_json::from_str(r#"{"type":"start","colour":"red"}"#);
        assert!(extra.is_err());
        let extra_unit: Result<Command, _> = serde_json::from_str(r#"{"type":"pause","x":1}"#);
        assert!(extra_unit.is_err());
    }
}
