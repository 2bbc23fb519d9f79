//! Corrections: moving a session's start or end, re-marking part of it (idle, discarded, active,
//! paused), moving a task's lap, and delete with undo through the `deletedAt` tombstone.
//!
//! Every function returns the records to write and changes nothing else. Edits that would make
//! two sessions overlap, or put a lap outside its session or over another lap, are refused with
//! [`ErrorKind::Conflict`] and a message naming the other record's local times (formatted with the
//! caller's [`ZoneOffsets`]). A session's events are rewritten canonically from its edited
//! timeline ([`Timeline::to_events`]); a pending idle decision is dropped by any edit.

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Session, Task, TaskStatus};
use crate::timing::state::{state_of, SessionState};
use crate::timing::timeline::{sorted_events, stop_time, SpanKind, Timeline, MAX_INSTANT};
use crate::timing::zone::ZoneOffsets;
use serde::{Deserialize, Serialize};

/// New start and/or end for a session or a task; a missing field is left as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TimesEdit {
    /// New start (UTC epoch ms).
    #[serde(default)]
    pub start: Option<i64>,
    /// New end (UTC epoch ms): a session's stop, a task's `submittedAt`.
    #[serde(default)]
    pub end: Option<i64>,
}

/// Re-marks `[from, to)` of a session as `kind`. Moving an idle span is two edits: the old span
/// as `active`, then the new one as `idle` (or `discarded`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpanEdit {
    /// Start (UTC epoch ms).
    pub from: i64,
    /// End, exclusive (UTC epoch ms).
    pub to: i64,
    /// What the time was.
    pub kind: SpanKind,
}

/// Moves a session's start and/or end. The start of a running session may move; its end may not
/// (stop it first). Tasks must stay inside, and no other live session may overlap the result.
/// Time added before the start counts as active; time added after the end continues the last span.
pub fn edit_session(
    session: &Session,
    edit: TimesEdit,
    others: &[Session],
    tasks: &[Task],
    now: i64,
    zone: &ZoneOffsets,
) -> Result<Session> {
    live(session.meta.deleted_at, "session")?;
    let running = is_running(session);
    if running && edit.end.is_some() {
        return Err(invalid(
            "the session is still running; stop it first, then correct its end",
        ));
    }
    let mut tl = Timeline::of(session, now);
    let start = edit.start.unwrap_or(tl.start);
    let end = edit.end.unwrap_or(tl.end);
    in_range(start)?;
    if start > now || end > now {
        return Err(invalid("a session cannot start or end in the future"));
    }
    if end <= start {
        return Err(invalid("a session must end after it starts"));
    }
    for t in live_tasks_of(session, tasks) {
        let lap_end = t.submitted_at.unwrap_or(end);
        if t.started_at < start || lap_end > end {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "the task from {} would fall outside the session; move or delete the task first",
                    span_text(t.started_at, t.submitted_at, zone)
                ),
            ));
        }
    }
    check_no_overlap(session, start, end, others, now, zone)?;
    tl.set_start(start);
    if !running {
        tl.set_end(end);
    }
    Ok(rewrite(session, &tl, now))
}

/// Re-marks parts of a past or running session, in order. Edits must lie inside the session and,
/// for a running session, before its current state began (that part is still being recorded).
pub fn edit_spans(session: &Session, edits: &[SpanEdit], now: i64) -> Result<Session> {
    live(session.meta.deleted_at, "session")?;
    let mut tl = Timeline::of(session, now);
    let limit = match state_of(session) {
        SessionState::Running { since }
        | SessionState::Idle { since }
        | SessionState::Paused { since } => since,
        SessionState::Stopped => tl.end,
    };
    for e in edits {
        if e.to <= e.from {
            return Err(invalid("a corrected span must end after it starts"));
        }
        if e.from < tl.start || e.to > tl.end {
            return Err(invalid("a corrected span must lie inside its session"));
        }
        if e.to > limit {
            return Err(invalid(
                "that time is still being recorded; correct it after the session moves on or stops",
            ));
        }
        tl.paint(e.from, e.to, e.kind);
    }
    Ok(rewrite(session, &tl, now))
}

/// Moves a task's lap. A task of a session must stay inside it and off its other laps. Setting
/// the end of an open lap closes it (status `submitted`).
pub fn edit_task(
    task: &Task,
    edit: TimesEdit,
    session: Option<&Session>,
    siblings: &[Task],
    now: i64,
    zone: &ZoneOffsets,
) -> Result<Task> {
    live(task.meta.deleted_at, "task")?;
    let start = edit.start.unwrap_or(task.started_at);
    let end = edit.end.or(task.submitted_at);
    in_range(start)?;
    if start > now || end.is_some_and(|e| e > now) {
        return Err(invalid("a task cannot start or end in the future"));
    }
    if end.is_some_and(|e| e <= start) {
        return Err(invalid("a task must end after it starts"));
    }
    check_lap(task, start, end, session, siblings, now, zone)?;
    let mut out = task.clone();
    out.started_at = start;
    out.submitted_at = end;
    if edit.end.is_some() && out.status == TaskStatus::InProgress {
        out.status = TaskStatus::Submitted;
    }
    out.meta.updated_at = now;
    Ok(out)
}

/// Deletes a stopped session and its live tasks (tombstones stamped `now`, so undo restores
/// exactly these). Returns the records to write.
pub fn delete_session(session: &Session, tasks: &[Task], now: i64) -> Result<(Session, Vec<Task>)> {
    live(session.meta.deleted_at, "session")?;
    if is_running(session) {
        return Err(Error::new(
            ErrorKind::Conflict,
            "the session is still running; stop it before deleting it",
        ));
    }
    let mut s = session.clone();
    s.meta.deleted_at = Some(now);
    s.meta.updated_at = now;
    let gone = live_tasks_of(session, tasks)
        .map(|t| {
            let mut t = t.clone();
            t.meta.deleted_at = Some(now);
            t.meta.updated_at = now;
            t
        })
        .collect();
    Ok((s, gone))
}

/// Undoes [`delete_session`]: restores the session and the tasks deleted with it, unless another
/// session now overlaps it.
pub fn restore_session(
    session: &Session,
    tasks: &[Task],
    others: &[Session],
    now: i64,
    zone: &ZoneOffsets,
) -> Result<(Session, Vec<Task>)> {
    let Some(deleted_at) = session.meta.deleted_at else {
        return Err(Error::new(
            ErrorKind::NotFound,
            "the session is not deleted",
        ));
    };
    let tl = Timeline::of(session, now);
    check_no_overlap(session, tl.start, tl.end, others, now, zone)?;
    let mut s = session.clone();
    s.meta.deleted_at = None;
    s.meta.updated_at = now;
    let back = tasks
        .iter()
        .filter(|t| t.session_id.as_deref() == Some(session.meta.id.as_str()))
        .filter(|t| t.meta.deleted_at == Some(deleted_at))
        .map(|t| {
            let mut t = t.clone();
            t.meta.deleted_at = None;
            t.meta.updated_at = now;
            t
        })
        .collect();
    Ok((s, back))
}

/// Deletes one task (a tombstone stamped `now`).
pub fn delete_task(task: &Task, now: i64) -> Result<Task> {
    live(task.meta.deleted_at, "task")?;
    let mut t = task.clone();
    t.meta.deleted_at = Some(now);
    t.meta.updated_at = now;
    Ok(t)
}

/// Undoes [`delete_task`], unless its lap now overlaps another or falls outside its session.
pub fn restore_task(
    task: &Task,
    session: Option<&Session>,
    siblings: &[Task],
    now: i64,
    zone: &ZoneOffsets,
) -> Result<Task> {
    if task.meta.deleted_at.is_none() {
        return Err(Error::new(ErrorKind::NotFound, "the task is not deleted"));
    }
    check_lap(
        task,
        task.started_at,
        task.submitted_at,
        session,
        siblings,
        now,
        zone,
    )?;
    let mut t = task.clone();
    t.meta.deleted_at = None;
    t.meta.updated_at = now;
    Ok(t)
}

fn check_lap(
    task: &Task,
    start: i64,
    end: Option<i64>,
    session: Option<&Session>,
    siblings: &[Task],
    now: i64,
    zone: &ZoneOffsets,
) -> Result<()> {
    let Some(s) = session.filter(|s| task.session_id.as_deref() == Some(s.meta.id.as_str())) else {
        return Ok(());
    };
    let tl = Timeline::of(s, now);
    if start < tl.start || end.unwrap_or(start) > tl.end {
        let until = (!tl.running).then_some(tl.end);
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "a task must lie inside its session, which runs from {}",
                span_text(tl.start, until, zone)
            ),
        ));
    }
    let end_eff = end.unwrap_or(tl.end);
    for o in live_tasks_of(s, siblings).filter(|o| o.meta.id != task.meta.id) {
        let o_end = o.submitted_at.unwrap_or(tl.end);
        if start < o_end && o.started_at < end_eff {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "these times overlap the task from {}",
                    span_text(o.started_at, o.submitted_at, zone)
                ),
            ));
        }
    }
    Ok(())
}

fn check_no_overlap(
    session: &Session,
    start: i64,
    end: i64,
    others: &[Session],
    now: i64,
    zone: &ZoneOffsets,
) -> Result<()> {
    for o in others
        .iter()
        .filter(|o| o.meta.id != session.meta.id && !o.meta.is_deleted())
    {
        let events = sorted_events(o);
        let o_end_stored = stop_time(o, &events);
        let o_end = o_end_stored.unwrap_or(now).max(o.started_at);
        if start < o_end && o.started_at < end {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "these times overlap the session from {}",
                    span_text(o.started_at, o_end_stored, zone)
                ),
            ));
        }
    }
    Ok(())
}

/// "2026-03-08 09:00 to 2026-03-08 11:30", or "… (still running)" with no end.
fn span_text(from: i64, to: Option<i64>, zone: &ZoneOffsets) -> String {
    match to {
        Some(to) => format!("{} to {}", zone.format(from), zone.format(to)),
        None => format!("{} (still running)", zone.format(from)),
    }
}

fn rewrite(session: &Session, tl: &Timeline, now: i64) -> Session {
    let mut s = session.clone();
    s.events = tl.to_events();
    s.started_at = tl.start;
    s.ended_at = (!tl.running).then_some(tl.end);
    s.pending_idle_from = None;
    s.pending_idle_to = None;
    if let Some(last) = s.last_activity_at {
        s.last_activity_at = Some(last.clamp(tl.start, tl.end));
    }
    s.meta.updated_at = now;
    s
}

fn live_tasks_of<'a>(session: &'a Session, tasks: &'a [Task]) -> impl Iterator<Item = &'a Task> {
    tasks
        .iter()
        .filter(move |t| t.session_id.as_deref() == Some(session.meta.id.as_str()))
        .filter(|t| !t.meta.is_deleted())
}

fn is_running(session: &Session) -> bool {
    state_of(session) != SessionState::Stopped
}

fn live(deleted_at: Option<i64>, what: &str) -> Result<()> {
    match deleted_at {
        Some(_) => Err(Error::new(
            ErrorKind::NotFound,
            format!("the {what} was deleted; undo the delete first"),
        )),
        None => Ok(()),
    }
}

/// Refuses instants before JavaScript's earliest date (later ones are refused as "future").
fn in_range(t: i64) -> Result<()> {
    if t < -MAX_INSTANT {
        return Err(invalid("that time is out of range"));
    }
    Ok(())
}

fn invalid(message: &str) -> Error {
    Error::new(ErrorKind::InvalidMessage, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RecordMeta, SessionEventKind as K};
    use crate::timing::test_support::session;
    use crate::timing::totals::totals;
    use crate::timing::zone::tests::new_york;

    const M: i64 = 60_000;
    const H: i64 = 3_600_000;
    /// 2026-03-09 09:00 EDT.
    const D: i64 = 1_773_028_800_000 + 9 * H;
    const NOW: i64 = D + 24 * H;

    fn past(id: &str, from: i64, to: i64) -> Session {
        let mut s = session(from, &[(K::Start, from, None), (K::Stop, to, None)]);
        s.meta = RecordMeta::new(id.into(), from);
        s.ended_at = Some(to);
        s
    }

    fn lap(id: &str, session: &str, from: i64, to: Option<i64>) -> Task {
        let json = serde_json::json!({
            "id": id, "createdAt": from, "updatedAt": from, "sessionId": session,
            "startedAt": from, "submittedAt": to,
        });
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    fn msg<T: std::fmt::Debug>(r: Result<T>) -> (ErrorKind, String) {
        match r {
            Err(e) => (e.kind, e.message),
            Ok(v) => panic!("expected an error, got {v:?}"),
        }
    }

    #[test]
    fn overlapping_sessions_are_refused_naming_the_other() {
        let a = past("ses_a", D, D + 2 * H);
        let b = past("ses_b", D + 3 * H, D + 4 * H);
        let edit = TimesEdit {
            start: None,
            end: Some(D + 3 * H + 30 * M),
        };
        let (kind, text) = msg(edit_session(
            &a,
            edit,
            &[a.clone(), b.clone()],
            &[],
            NOW,
            &new_york(),
        ));
        assert_eq!(kind, ErrorKind::Conflict);
        assert_eq!(
            text,
            "these times overlap the session from 2026-03-09 12:00 to 2026-03-09 13:00"
        );
        // touching end to start is fine
        let edit = TimesEdit {
            start: Some(D - H),
            end: Some(D + 3 * H),
        };
        let moved = edit_session(&a, edit, std::slice::from_ref(&b), &[], NOW, &new_york())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((moved.started_at, moved.ended_at), (D - H, Some(D + 3 * H)));
        assert_eq!(totals(&moved, &[], NOW).active, 4 * H);
        // a deleted session does not block
        let mut gone = b.clone();
        gone.meta.deleted_at = Some(NOW);
        let edit = TimesEdit {
            start: None,
            end: Some(D + 5 * H),
        };
        assert!(edit_session(&a, edit, &[gone], &[], NOW, &new_york()).is_ok());
    }

    #[test]
    fn laps_stay_inside_their_session_and_off_each_other() {
        let s = past("ses_a", D, D + 2 * H);
        let t1 = lap("tsk_1", "ses_a", D + 10 * M, Some(D + 40 * M));
        let t2 = lap("tsk_2", "ses_a", D + 40 * M, Some(D + 90 * M));
        let tasks = [t1.clone(), t2.clone()];
        let z = new_york();
        let (kind, text) = msg(edit_session(
            &s,
            TimesEdit {
                start: Some(D + 20 * M),
                end: None,
            },
            &[],
            &tasks,
            NOW,
            &z,
        ));
        assert_eq!(kind, ErrorKind::Conflict);
        assert!(
            text.starts_with("the task from 2026-03-09 09:10 to 2026-03-09 09:40"),
            "{text}"
        );
        let (_, text) = msg(edit_task(
            &t2,
            TimesEdit {
                start: Some(D + 30 * M),
                end: None,
            },
            Some(&s),
            &tasks,
            NOW,
            &z,
        ));
        assert_eq!(
            text,
            "these times overlap the task from 2026-03-09 09:10 to 2026-03-09 09:40"
        );
        let (_, text) = msg(edit_task(
            &t2,
            TimesEdit {
                start: None,
                end: Some(D + 3 * H),
            },
            Some(&s),
            &tasks,
            NOW,
            &z,
        ));
        assert_eq!(text, "a task must lie inside its session, which runs from 2026-03-09 09:00 to 2026-03-09 11:00");
        let ok = edit_task(
            &t2,
            TimesEdit {
                start: Some(D + 45 * M),
                end: Some(D + 100 * M),
            },
            Some(&s),
            &tasks,
            NOW,
            &z,
        );
        assert_eq!(
            ok.map(|t| (t.started_at, t.submitted_at)),
            Ok((D + 45 * M, Some(D + 100 * M)))
        );
        assert!(edit_task(
            &t2,
            TimesEdit {
                start: Some(D + 95 * M),
                end: None
            },
            Some(&s),
            &tasks,
            NOW,
            &z
        )
        .is_err());
    }

    #[test]
    fn idle_spans_can_be_moved_and_discarded() {
        let s = session(
            D,
            &[
                (K::Start, D, None),
                (K::Idle, D + 10 * M, None),
                (K::Active, D + 20 * M, None),
                (K::Stop, D + H, None),
            ],
        );
        let edits = [
            SpanEdit {
                from: D + 10 * M,
                to: D + 20 * M,
                kind: SpanKind::Active,
            },
            SpanEdit {
                from: D + 30 * M,
                to: D + 45 * M,
                kind: SpanKind::Discarded,
            },
        ];
        let s2 = edit_spans(&s, &edits, NOW).unwrap_or_else(|e| panic!("{e}"));
        let t = totals(&s2, &[], NOW);
        assert_eq!((t.active, t.idle, t.idle_discarded), (45 * M, 0, 15 * M));
        assert!(edit_spans(
            &s,
            &[SpanEdit {
                from: D - M,
                to: D + M,
                kind: SpanKind::Idle
            }],
            NOW
        )
        .is_err());
        // a running session's current state is still being recorded
        let running = session(D, &[(K::Start, D, None), (K::Pause, D + 30 * M, None)]);
        assert!(edit_spans(
            &running,
            &[SpanEdit {
                from: D + 40 * M,
                to: D + 50 * M,
                kind: SpanKind::Idle
            }],
            NOW
        )
        .is_err());
        let r2 = edit_spans(
            &running,
            &[SpanEdit {
                from: D,
                to: D + 5 * M,
                kind: SpanKind::Idle,
            }],
            NOW,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state_of(&r2), SessionState::Paused { since: D + 30 * M });
        assert_eq!(totals(&r2, &[], D + H).idle, 5 * M);
    }

    #[test]
    fn running_sessions_move_their_start_but_not_their_end() {
        let s = session(D, &[(K::Start, D, None)]);
        let (kind, _) = msg(edit_session(
            &s,
            TimesEdit {
                start: None,
                end: Some(D + M),
            },
            &[],
            &[],
            NOW,
            &new_york(),
        ));
        assert_eq!(kind, ErrorKind::InvalidMessage);
        let s2 = edit_session(
            &s,
            TimesEdit {
                start: Some(D - H),
                end: None,
            },
            &[],
            &[],
            NOW,
            &new_york(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(state_of(&s2), SessionState::Running { since: D - H });
        assert!(s2.ended_at.is_none());
        assert!(edit_session(
            &s,
            TimesEdit {
                start: Some(NOW + 1),
                end: None
            },
            &[],
            &[],
            NOW,
            &new_york()
        )
        .is_err());
    }

    #[test]
    fn delete_and_undo() {
        let a = past("ses_a", D, D + H);
        let tasks = [
            lap("tsk_1", "ses_a", D, Some(D + H)),
            lap("tsk_x", "ses_x", D, None),
        ];
        let (gone, gone_tasks) = delete_session(&a, &tasks, NOW).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gone.meta.deleted_at, Some(NOW));
        assert_eq!(gone_tasks.len(), 1);
        assert!(delete_session(&gone, &gone_tasks, NOW).is_err());
        assert_eq!(
            msg(edit_session(
                &gone,
                TimesEdit::default(),
                &[],
                &[],
                NOW,
                &new_york()
            ))
            .0,
            ErrorKind::NotFound
        );
        // another session took the slot meanwhile: undo is refused
        let b = past("ses_b", D + 30 * M, D + 2 * H);
        let (kind, text) = msg(restore_session(
            &gone,
            &gone_tasks,
            &[b],
            NOW + 1,
            &new_york(),
        ));
        assert_eq!(kind, ErrorKind::Conflict);
        assert!(text.contains("09:30 to 2026-03-09 11:00"), "{text}");
        let (back, back_tasks) = restore_session(&gone, &gone_tasks, &[], NOW + 1, &new_york())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(back.meta.deleted_at.is_none() && back_tasks[0].meta.deleted_at.is_none());
        let running = session(D, &[(K::Start, D, None)]);
        assert_eq!(
            msg(delete_session(&running, &[], NOW)).0,
            ErrorKind::Conflict
        );
        let t = delete_task(&tasks[0], NOW).unwrap_or_else(|e| panic!("{e}"));
        let t2 = lap("tsk_2", "ses_a", D + 10 * M, Some(D + 20 * M));
        assert!(restore_task(&t, Some(&a), &[t2], NOW, &new_york()).is_err());
        assert!(restore_task(&t, Some(&a), &[], NOW, &new_york()).is_ok());
    }

    #[test]
    fn random_span_edits_keep_wall_and_paint_exactly() {
        let mut seed = 0xdead_beef_u64;
        let mut next = |n: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n.max(1) as u64) as i64
        };
        let kinds = [
            SpanKind::Active,
            SpanKind::Idle,
            SpanKind::Discarded,
            SpanKind::Paused,
        ];
        for round in 0..500 {
            let mut s = session(D, &[(K::Start, D, None), (K::Stop, D + H, None)]);
            for _ in 0..next(6) {
                let from = D + next(H);
                let to = from + 1 + next(D + H - from);
                let kind = kinds[next(4) as usize];
                s = edit_spans(&s, &[SpanEdit { from, to, kind }], NOW)
                    .unwrap_or_else(|e| panic!("{e}"));
                let tl = Timeline::of(&s, NOW);
                let covered: i64 = tl
                    .spans
                    .iter()
                    .filter(|x| x.kind == kind)
                    .map(|x| x.to.min(to) - x.from.max(from))
                    .filter(|d| *d > 0)
                    .sum();
                assert_eq!(covered, to - from, "round {round}");
                let t = totals(&s, &[], NOW);
                assert_eq!(t.wall, H);
                assert_eq!(t.wall, t.active + t.idle + t.idle_discarded + t.paused);
            }
        }
    }
}
