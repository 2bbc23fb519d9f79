//! The state machine's wire types: the [`Command`]s the background sends to
//! [`crate::timing::state::apply`] and the [`Outcome`] it gets back (serde, camelCase, tagged by
//! `type`, as they cross to JavaScript).

use crate::model::{Session, Task};
use serde::{Deserialize, Serialize};

/// Something the user or the browser did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
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
    Pause,
    /// Resume after a pause.
    Resume,
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
    Active,
    /// The background's periodic check found the user active: records `lastActivityAt` only.
    Heartbeat,
    /// The user keeps the idle span awaiting a decision (it stays idle time).
    KeepIdle,
    /// The user discards the idle span awaiting a decision (it leaves idle time).
    DiscardIdle,
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
