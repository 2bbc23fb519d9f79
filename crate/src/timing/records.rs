//! The records the state machine writes: a new session and a new lap, events inserted in time
//! order, and the pending idle question settled (keep, or a `discard` event).

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{RecordMeta, Session, SessionEvent, SessionEventKind, Task, TaskStatus};
use crate::timing::command::Outcome;

/// A new session started at `now`, with its `start` event.
pub(super) fn start(
    platform_id: Option<String>,
    task_type_id: Option<String>,
    now: i64,
    ids: &mut IdGen,
) -> Outcome {
    let session = Session {
        meta: RecordMeta::new(ids.next(IdKind::Session, now), now),
        platform_id,
        task_type_id,
        started_at: now,
        ended_at: None,
        events: vec![SessionEvent {
            kind: SessionEventKind::Start,
            at: now,
            from: None,
        }],
        last_activity_at: Some(now),
        pending_idle_from: None,
        pending_idle_to: None,
    };
    Outcome {
        session: Some(session),
        tasks: Vec::new(),
        changed: true,
        notice: None,
    }
}

/// A new open lap of `s` from `at`; it inherits the session's platform and task type unless
/// `task_type_id` names another.
pub(super) fn new_task(
    s: &Session,
    id: String,
    task_type_id: Option<String>,
    at: i64,
    now: i64,
) -> Task {
    Task {
        meta: RecordMeta::new(id, now),
        session_id: Some(s.meta.id.clone()),
        platform_id: s.platform_id.clone(),
        task_type_id: task_type_id.or_else(|| s.task_type_id.clone()),
        external_id: None,
        started_at: at,
        submitted_at: None,
        status: TaskStatus::InProgress,
        pay_expected: None,
        pay_confirmed: None,
        pay_status: Default::default(),
        is_bonus: false,
        feedback: None,
        criteria_cited: Vec::new(),
        justification_id: None,
        reviewed_at: None,
        pay_expected_at: None,
        pay_approved_at: None,
        paid_at: None,
        notes: None,
        duration_ms: None,
        import_key: None,
        worksheet: None,
    }
}

/// Answers the pending idle question: keep (nothing to record) or discard (a `discard` event).
pub(super) fn settle(s: &mut Session, discard: bool) -> Result<()> {
    let (Some(from), Some(to)) = (s.pending_idle_from, s.pending_idle_to) else {
        return Err(Error::new(
            ErrorKind::NotFound,
            "there is no idle time waiting for a decision",
        ));
    };
    if discard && from < to {
        let at = s.events.partition_point(|e| e.at <= to);
        s.events.insert(
            at,
            SessionEvent {
                kind: SessionEventKind::Discard,
                at: to,
                from: Some(from),
            },
        );
    }
    s.pending_idle_from = None;
    s.pending_idle_to = None;
    Ok(())
}

/// Inserts an event at `at`, after every event at or before it (events stay in time order).
pub(super) fn push_event(s: &mut Session, kind: SessionEventKind, at: i64) {
    let pos = s.events.partition_point(|e| e.at <= at);
    s.events.insert(
        pos,
        SessionEvent {
            kind,
            at,
            from: None,
        },
    );
}

/// The latest event's instant (never before the start).
pub(super) fn last_event_at(s: &Session) -> i64 {
    s.events
        .iter()
        .map(|e| e.at)
        .max()
        .unwrap_or(s.started_at)
        .max(s.started_at)
}
