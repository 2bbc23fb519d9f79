//! Work sessions in storage (issue #5): the pure glue between the timing engine
//! ([`crate::timing`]) and the stored month shards ([`crate::storage::shards`]).
//!
//! Every function takes a storage [`Snapshot`] the background read (the keys come from
//! [`current_keys`], [`range_keys`] or [`all_keys`]) and answers with a view, or with the writes
//! (`{key: value}`) to send in one `set`.
//!
//! | file | what |
//! |---|---|
//! | `command.rs` | [`plan_command`]: a start, lap, stop or browser signal as one [`SessionPlan`] (the writes and the view after them); the browser-restart question and its answer |
//! | `view.rs` | [`current_view`]: what the popup and the badge show — totals, pending idle span, focus break, the task type's cap |
//! | `report.rs` | [`list`] of sessions with their tasks for the dashboard, and the day/week [`report`] |
//! | `edit.rs` | [`plan_edit`]: the dashboard's corrections ([`SessionEdit`]) as writes |
//!
//! Platforms and task types (what a session is for) live in [`crate::catalogue`].

mod command;
mod edit;
mod report;
mod view;

pub use crate::storage::shards::{all_keys, current_keys, range_keys, CurrentSession};
pub use command::{plan_command, plan_restart_answer, plan_restart_question, SessionPlan};
pub use edit::{plan_edit, SessionEdit};
pub use report::{list, report, Report, SessionRow};
pub use view::{current_view, CapView, CurrentView, PendingIdle};

use crate::model::{Session, Task};
use crate::storage::shards::{pointer_of, records};
use crate::storage::Snapshot;

/// The current session, the pointer to it, and its tasks.
struct Current {
    pointer: CurrentSession,
    session: Session,
    tasks: Vec<Task>,
}

/// The session `currentSession` points at, with its tasks; `None` when there is none (or it
/// cannot be read).
fn current(stored: &Snapshot) -> Option<Current> {
    let pointer = pointer_of(stored)?;
    let session = records::<Session>(stored, &pointer.sessions_key)
        .into_iter()
        .find(|s| s.meta.id == pointer.session_id)?;
    let tasks = pointer
        .tasks_keys
        .iter()
        .flat_map(|k| records::<Task>(stored, k))
        .filter(|t| t.session_id.as_deref() == Some(session.meta.id.as_str()))
        .collect();
    Some(Current {
        pointer,
        session,
        tasks,
    })
}

#[cfg(test)]
mod tests;
