//! What the popup and the badge show: the current session at `now`, with its totals, the idle
//! span waiting for an answer, the next focus break and the open task's cap.

use super::current;
use crate::model::{Session, SessionSettings, Task, TaskType};
use crate::storage::shards::records;
use crate::storage::{Collection, Snapshot};
use crate::timing::reminders::{
    next_focus_break, task_cap, CapSchedule, FocusReminder, DEFAULT_CAP_WARN_PERCENT,
};
use crate::timing::state::{last_activity, open_task, state_of, SessionState};
use crate::timing::totals::{totals, Totals};
use serde::Serialize;

/// The idle span waiting for the user's keep/discard answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingIdle {
    pub from: i64,
    pub to: i64,
}

/// A task type's cap on the open task, with the task type's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapView {
    pub task_id: String,
    pub task_type_name: String,
    #[serde(flatten)]
    pub schedule: CapSchedule,
}

/// What the popup and the badge show: the current session at `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentView {
    pub session: Option<Session>,
    pub state: SessionState,
    pub totals: Option<Totals>,
    pub open_task: Option<Task>,
    /// How many live laps the session has.
    pub task_count: usize,
    pub last_activity: Option<i64>,
    pub pending_idle: Option<PendingIdle>,
    /// Set when the browser started with the session running: ask keep or stop at `lastActivity`.
    pub restart_asked_at: Option<i64>,
    pub focus: Option<FocusReminder>,
    pub cap: Option<CapView>,
}

impl CurrentView {
    /// No current session.
    fn none() -> CurrentView {
        CurrentView {
            session: None,
            state: SessionState::Stopped,
            totals: None,
            open_task: None,
            task_count: 0,
            last_activity: None,
            pending_idle: None,
            restart_asked_at: None,
            focus: None,
            cap: None,
        }
    }
}

/// The current session's view at `now`.
pub fn current_view(stored: &Snapshot, settings: &SessionSettings, now: i64) -> CurrentView {
    let Some(c) = current(stored) else {
        return CurrentView::none();
    };
    let s = &c.session;
    let state = state_of(s);
    let open = open_task(s, &c.tasks).cloned();
    let cap = open.as_ref().and_then(|t| cap_view(stored, s, t, now));
    let pending_idle = match (s.pending_idle_from, s.pending_idle_to) {
        (Some(from), Some(to)) => Some(PendingIdle { from, to }),
        _ => None,
    };
    let running = state != SessionState::Stopped;
    CurrentView {
        totals: Some(totals(s, &c.tasks, now)),
        task_count: c.tasks.iter().filter(|t| !t.meta.is_deleted()).count(),
        last_activity: Some(last_activity(s)),
        pending_idle,
        restart_asked_at: c.pointer.restart_asked_at.filter(|_| running),
        focus: next_focus_break(s, settings, now),
        cap,
        open_task: open,
        state,
        session: Some(c.session),
    }
}

/// The cap of the open task `t`'s task type (from the stored `taskTypes`), if it has one.
fn cap_view(stored: &Snapshot, s: &Session, t: &Task, now: i64) -> Option<CapView> {
    let tt_id = t.task_type_id.as_deref()?;
    let tt = records::<TaskType>(stored, Collection::TaskTypes.name())
        .into_iter()
        .find(|x| x.meta.id == tt_id)?;
    let schedule = task_cap(s, t, tt.time_cap_ms?, DEFAULT_CAP_WARN_PERCENT, now)?;
    Some(CapView {
        task_id: t.meta.id.clone(),
        task_type_name: tt.name,
        schedule,
    })
}
