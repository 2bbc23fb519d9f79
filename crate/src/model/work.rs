use super::{Money, RecordMeta};
use serde::{Deserialize, Serialize};

/// What happened in a session, at an instant. Elapsed, active, idle, setup and break time are all
/// derived from these events; nothing stores a ticking counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SessionEventKind {
    Start,
    Pause,
    Resume,
    /// Input stopped; `at` is back-dated to the last input.
    Idle,
    /// Input resumed after idle or locked.
    Active,
    /// Screen locked or machine asleep.
    Locked,
    /// The user discarded the idle span `[from, at)`.
    Discard,
    Stop,
}

/// One timestamped session event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionEvent {
    pub kind: SessionEventKind,
    /// UTC epoch ms.
    pub at: i64,
    /// For `discard`: start of the discarded span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
}

/// A work session: from start to stop, with its events. Tasks ("laps") point at it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    /// First `start` event's time (also the shard key).
    pub started_at: i64,
    /// `stop` event's time; `None` while running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<i64>,
    /// Events in time order.
    #[serde(default)]
    pub events: Vec<SessionEvent>,
    /// The last instant the user was known to be active (heartbeats and commands), persisted so a
    /// session left running across a browser restart can be stopped at its last activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_activity_at: Option<i64>,
    /// Start of the idle span awaiting the user's keep/discard decision (UTC epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_idle_from: Option<i64>,
    /// End of the idle span awaiting the user's keep/discard decision (UTC epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_idle_to: Option<i64>,
}

/// Where a task stands with the platform's reviewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum TaskStatus {
    /// Still being worked on (an open lap).
    #[default]
    InProgress,
    Submitted,
    Approved,
    Rejected,
    Revision,
}

/// Where the money for a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum PayStatus {
    #[default]
    Pending,
    Approved,
    Paid,
}

/// One task: a lap of a session, later given its outcome and pay in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    /// The platform's own id for the task, if the user records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub started_at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<i64>,
    #[serde(default)]
    pub status: TaskStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_expected: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_confirmed: Option<Money>,
    #[serde(default)]
    pub pay_status: PayStatus,
    /// A bonus (mission reward, overtime) counts in true earnings but not in base hourly rates.
    #[serde(default)]
    pub is_bonus: bool,
    /// Reviewer feedback, verbatim as the user pasted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// Keys of the rubric criteria the reviewer cited.
    #[serde(default)]
    pub criteria_cited: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification_id: Option<String>,
    /// When the reviewer's verdict (approved, rejected, revision) came (UTC epoch ms); the
    /// repeated-rejection alert counts rejections by this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_at: Option<i64>,
    /// When the platform says the money should arrive (UTC epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_expected_at: Option<i64>,
    /// When the pay was approved (UTC epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_approved_at: Option<i64>,
    /// When the pay arrived (UTC epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<i64>,
    /// The user's own notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Time spent, for a task added by hand or imported (a lap's time comes from its session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<i64>,
    /// Where an imported task came from (`outlier:…`), so importing the same file twice adds nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_key: Option<String>,
    /// The scoring worksheet's result, when the user saved it with this task (added in issue 12;
    /// older records have none). Boxed: few tasks have one, and inline it made every task in
    /// memory ~160 bytes larger (100,000 of them are loaded for the ledger's reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worksheet: Option<Box<super::WorksheetResult>>,
}
