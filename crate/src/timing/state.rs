//! The session state machine: `apply(session, tasks, command, now) -> Outcome`.
//!
//! Like a matcher that maps `(state, event)` to `(state, output)`, [`apply`] is pure: it takes the
//! current session (if any), the session's tasks, one [`Command`] and the caller's `now`, and
//! returns the updated session and the task records to write. It appends events; it never keeps a
//! counter. Browser signals (`idle`, `active`, `locked`, heartbeats) that arrive while no session
//! runs, or that do not apply to the current state, change nothing (`changed: false`): idle
//! detection never fires while no timer runs. User commands that make no sense in the current
//! state are refused with an error saying what to do instead.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{Session, SessionEventKind, Task, TaskStatus};
use crate::timing::records::{last_event_at, new_task, push_event, settle, start};
use crate::timing::timeline::{sorted_events, step, stop_time, Phase};
use serde::{Deserialize, Serialize};

pub use crate::timing::command::{Command, Notice, Outcome};

/// Where a session stands, as the popup and badge show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "state",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SessionState {
    /// Not running (stopped, or no session).
    Stopped,
    /// Running and active since `since`.
    Running {
        /// Last change of state (UTC epoch ms).
        since: i64,
    },
    /// Running but idle (or locked) since `since`.
    Idle {
        /// When input stopped (UTC epoch ms).
        since: i64,
    },
    /// Paused since `since`.
    Paused {
        /// When the pause began (UTC epoch ms).
        since: i64,
    },
}

/// The state of `session` from its events alone.
pub fn state_of(session: &Session) -> SessionState {
    let events = sorted_events(session);
    if stop_time(session, &events).is_some() {
        return SessionState::Stopped;
    }
    let mut phase = Phase::Active;
    let mut since = session.started_at;
    for e in events.iter() {
        let next = step(phase, e.kind);
        if next != phase {
            phase = next;
            since = e.at.max(session.started_at);
        }
    }
    match phase {
        Phase::Active => SessionState::Running { since },
        Phase::Idle => SessionState::Idle { since },
        Phase::Paused => SessionState::Paused { since },
        Phase::Stopped => SessionState::Stopped,
    }
}

/// The last instant the user was known to be active in `session`: the stop time of a stopped
/// session; the start of the idle span or pause; otherwise the later of the last change of state
/// and the persisted `lastActivityAt`. After a browser restart, offer "stop at last activity" as
/// `Command::Stop { at: Some(last_activity(&session)) }`.
pub fn last_activity(session: &Session) -> i64 {
    match state_of(session) {
        SessionState::Stopped => {
            let events = sorted_events(session);
            stop_time(session, &events).unwrap_or(session.started_at)
        }
        SessionState::Idle { since } | SessionState::Paused { since } => since,
        SessionState::Running { since } => since.max(session.last_activity_at.unwrap_or(since)),
    }
}

/// The task (lap) of `session` that is still open, if any.
pub fn open_task<'a>(session: &Session, tasks: &'a [Task]) -> Option<&'a Task> {
    tasks
        .iter()
        .filter(|t| t.session_id.as_deref() == Some(session.meta.id.as_str()))
        .filter(|t| !t.meta.is_deleted() && t.submitted_at.is_none())
        .max_by_key(|t| t.started_at)
}

/// Applies `cmd` at `now`. `session` is the current (latest) session, running or not; `tasks` are
/// its tasks; `ids` makes ids for new records.
pub fn apply(
    session: Option<&Session>,
    tasks: &[Task],
    cmd: Command,
    now: i64,
    ids: &mut IdGen,
) -> Result<Outcome> {
    let running = session.filter(|s| state_of(s) != SessionState::Stopped);
    let Some(current) = running else {
        return match cmd {
            Command::Start {
                platform_id,
                task_type_id,
            } => Ok(start(platform_id, task_type_id, now, ids)),
            Command::Idle { .. }
            | Command::Locked { .. }
            | Command::Active {}
            | Command::Heartbeat {} => Ok(unchanged(session)),
            // The user may answer the idle question after stopping the session.
            Command::KeepIdle {} | Command::DiscardIdle {} => match session {
                Some(done) => {
                    let mut s = done.clone();
                    settle(&mut s, cmd == Command::DiscardIdle {})?;
                    s.meta.updated_at = now;
                    Ok(Outcome {
                        session: Some(s),
                        tasks: Vec::new(),
                        changed: true,
                        notice: None,
                    })
                }
                None => Err(no_session()),
            },
            _ => Err(no_session()),
        };
    };
    let mut s = current.clone();
    let state = state_of(&s);
    let mut out = Outcome {
        session: None,
        tasks: Vec::new(),
        changed: true,
        notice: None,
    };
    match cmd {
        Command::Start { .. } => {
            return Err(Error::new(
                ErrorKind::Conflict,
                "a session is already running; stop it before starting another",
            ))
        }
        Command::Idle { since } | Command::Locked { since } => {
            let SessionState::Running {
                since: active_since,
            } = state
            else {
                return Ok(unchanged(Some(current)));
            };
            let kind = match cmd {
                Command::Locked { .. } => SessionEventKind::Locked,
                _ => SessionEventKind::Idle,
            };
            let floor = active_since.max(last_event_at(&s));
            push_event(&mut s, kind, since.clamp(floor, now.max(floor)));
        }
        Command::Active {} => {
            if !matches!(state, SessionState::Idle { .. }) {
                return Ok(unchanged(Some(current)));
            }
            out.notice = wake(&mut s, now);
        }
        Command::Heartbeat {} => {
            if !matches!(state, SessionState::Running { .. }) {
                return Ok(unchanged(Some(current)));
            }
        }
        Command::Pause {} => {
            if let SessionState::Paused { .. } = state {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    "the session is already paused",
                ));
            }
            out.notice = wake(&mut s, now);
            let at = now.max(last_event_at(&s));
            push_event(&mut s, SessionEventKind::Pause, at);
        }
        Command::Resume {} => {
            if !matches!(state, SessionState::Paused { .. }) {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    "the session is not paused, so there is nothing to resume",
                ));
            }
            let at = now.max(last_event_at(&s));
            push_event(&mut s, SessionEventKind::Resume, at);
        }
        Command::KeepIdle {} | Command::DiscardIdle {} => {
            if matches!(state, SessionState::Idle { .. }) {
                wake(&mut s, now);
            }
            settle(&mut s, cmd == Command::DiscardIdle {})?;
        }
        Command::NextTask { task_type_id } => {
            if let SessionState::Paused { .. } = state {
                return Err(paused());
            }
            out.notice = wake(&mut s, now);
            let at = now.max(last_event_at(&s));
            if let Some(open) = open_task(&s, tasks) {
                let mut done = open.clone();
                done.submitted_at = Some(at.max(done.started_at));
                done.status = TaskStatus::Submitted;
                done.meta.updated_at = now;
                out.tasks.push(done);
            }
            let id = ids.next(IdKind::Task, now);
            out.tasks.push(new_task(&s, id, task_type_id, at, now));
        }
        Command::Stop { at } => {
            let floor =
                last_event_at(&s).max(open_task(&s, tasks).map_or(i64::MIN, |t| t.started_at));
            let at = at.unwrap_or(now);
            if at > now {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    "a session cannot be stopped in the future",
                ));
            }
            if at < floor {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    "the stop time is before the session's last recorded change; pick a later time",
                ));
            }
            push_event(&mut s, SessionEventKind::Stop, at);
            s.ended_at = Some(at);
            if let Some(open) = open_task(&s, tasks) {
                let mut done = open.clone();
                done.submitted_at = Some(at);
                done.status = TaskStatus::Submitted;
                done.meta.updated_at = now;
                out.tasks.push(done);
            }
        }
    }
    // Ending in the active state means the user is active at `now`; idle and pauses carry their
    // own start as the last activity.
    if matches!(state_of(&s), SessionState::Running { .. }) {
        s.last_activity_at = Some(now.max(s.last_activity_at.unwrap_or(i64::MIN)));
    }
    if s.ended_at.is_some() {
        s.last_activity_at = s.ended_at;
    }
    s.meta.updated_at = now;
    out.session = Some(s);
    Ok(out)
}

/// If idle, ends the idle span at `now` and records it for review.
fn wake(s: &mut Session, now: i64) -> Option<Notice> {
    let SessionState::Idle { since } = state_of(s) else {
        return None;
    };
    let at = now.max(last_event_at(s));
    push_event(s, SessionEventKind::Active, at);
    // A decision still pending on an earlier span is settled as "keep": only one question at a time.
    s.pending_idle_from = Some(since);
    s.pending_idle_to = Some(at);
    Some(Notice::IdleReview {
        from: since,
        to: at,
    })
}

fn unchanged(session: Option<&Session>) -> Outcome {
    Outcome {
        session: session.cloned(),
        tasks: Vec::new(),
        changed: false,
        notice: None,
    }
}

fn no_session() -> Error {
    Error::new(
        ErrorKind::NotFound,
        "no session is running; start one first",
    )
}

fn paused() -> Error {
    Error::new(
        ErrorKind::InvalidMessage,
        "the session is paused; resume it first",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::totals::totals;

    const M: i64 = 60_000;
    const T0: i64 = 1_772_960_400_000; // 2026-03-08T09:00:00Z

    struct Sim {
        session: Option<Session>,
        tasks: Vec<Task>,
        ids: IdGen,
    }

    impl Sim {
        fn new() -> Self {
            Sim {
                session: None,
                tasks: Vec::new(),
                ids: IdGen::new([1; 16]),
            }
        }

        fn run(&mut self, cmd: Command, now: i64) -> Result<Outcome> {
            let out = apply(self.session.as_ref(), &self.tasks, cmd, now, &mut self.ids)?;
            if out.changed {
                self.session = out.session.clone();
                for t in &out.tasks {
                    match self.tasks.iter_mut().find(|x| x.meta.id == t.meta.id) {
                        Some(x) => *x = t.clone(),
                        None => self.tasks.push(t.clone()),
                    }
                }
            }
            Ok(out)
        }

        fn ok(&mut self, cmd: Command, now: i64) -> Outcome {
            match self.run(cmd, now) {
                Ok(o) => o,
                Err(e) => panic!("{e}"),
            }
        }

        fn state(&self) -> SessionState {
            self.session
                .as_ref()
                .map_or(SessionState::Stopped, state_of)
        }
    }

    fn start() -> Command {
        Command::Start {
            platform_id: Some("plt_a".into()),
            task_type_id: Some("tty_a".into()),
        }
    }

    #[test]
    fn nothing_fires_without_a_session() {
        let mut sim = Sim::new();
        for cmd in [
            Command::Idle { since: T0 },
            Command::Active {},
            Command::Locked { since: T0 },
            Command::Heartbeat {},
        ] {
            let out = sim.ok(cmd, T0);
            assert!(!out.changed && out.session.is_none());
        }
        for cmd in [
            Command::Pause {},
            Command::Resume {},
            Command::KeepIdle {},
            Command::NextTask { task_type_id: None },
            Command::Stop { at: None },
        ] {
            let err = sim.run(cmd, T0).err();
            assert_eq!(
                err.map(|e| e.message),
                Some("no session is running; start one first".into())
            );
        }
    }

    #[test]
    fn invalid_transitions_say_what_to_do() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        assert_eq!(
            sim.run(start(), T0 + M).err().map(|e| e.kind),
            Some(ErrorKind::Conflict)
        );
        assert!(sim.run(Command::Resume {}, T0 + M).is_err());
        sim.ok(Command::Pause {}, T0 + M);
        let e = sim
            .run(Command::NextTask { task_type_id: None }, T0 + 2 * M)
            .err();
        assert_eq!(
            e.map(|e| e.message),
            Some("the session is paused; resume it first".into())
        );
        assert!(sim.run(Command::Pause {}, T0 + 2 * M).is_err());
        assert!(sim.run(Command::KeepIdle {}, T0 + 2 * M).is_err());
        // idle signals during a pause are ignored
        assert!(
            !sim.ok(Command::Idle { since: T0 + 90_000 }, T0 + 3 * M)
                .changed
        );
        assert!(sim
            .run(
                Command::Stop {
                    at: Some(T0 + 30_000)
                },
                T0 + 3 * M
            )
            .is_err());
        assert!(sim
            .run(
                Command::Stop {
                    at: Some(T0 + 4 * M)
                },
                T0 + 3 * M
            )
            .is_err());
    }

    #[test]
    fn idle_is_back_dated_and_discard_removes_it() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        // chrome.idle fires at +15 min with a 5 min threshold: idle since +10
        sim.ok(Command::Idle { since: T0 + 10 * M }, T0 + 15 * M);
        assert_eq!(sim.state(), SessionState::Idle { since: T0 + 10 * M });
        // a locked screen while already idle changes nothing
        assert!(
            !sim.ok(Command::Locked { since: T0 + 16 * M }, T0 + 16 * M)
                .changed
        );
        let out = sim.ok(Command::Active {}, T0 + 40 * M);
        assert_eq!(
            out.notice,
            Some(Notice::IdleReview {
                from: T0 + 10 * M,
                to: T0 + 40 * M
            })
        );
        sim.ok(Command::DiscardIdle {}, T0 + 41 * M);
        sim.ok(Command::Stop { at: None }, T0 + 60 * M);
        let s = sim.session.as_ref().map(|s| totals(s, &[], T0 + 99 * M));
        let t = s.unwrap_or_default();
        assert_eq!(
            (t.wall, t.active, t.idle, t.idle_discarded),
            (60 * M, 30 * M, 0, 30 * M)
        );
    }

    #[test]
    fn idle_can_be_discarded_after_the_session_stopped() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        sim.ok(Command::Idle { since: T0 + 10 * M }, T0 + 15 * M);
        sim.ok(Command::Active {}, T0 + 40 * M);
        sim.ok(Command::Stop { at: None }, T0 + 50 * M);
        sim.ok(Command::DiscardIdle {}, T0 + 51 * M);
        let t = sim
            .session
            .as_ref()
            .map(|s| totals(s, &[], T0 + 99 * M))
            .unwrap_or_default();
        assert_eq!(
            (t.wall, t.active, t.idle, t.idle_discarded),
            (50 * M, 20 * M, 0, 30 * M)
        );
        let again = sim
            .run(Command::KeepIdle {}, T0 + 52 * M)
            .err()
            .map(|e| e.kind);
        assert_eq!(again, Some(ErrorKind::NotFound));
    }

    #[test]
    fn keep_idle_keeps_it_and_locked_counts_as_idle() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        sim.ok(Command::Locked { since: T0 + 5 * M }, T0 + 5 * M);
        // the user clicks "keep" in the popup before chrome reports input: that is input
        sim.ok(Command::KeepIdle {}, T0 + 20 * M);
        assert_eq!(sim.state(), SessionState::Running { since: T0 + 20 * M });
        assert!(sim.run(Command::DiscardIdle {}, T0 + 21 * M).is_err());
        let t = sim
            .session
            .as_ref()
            .map(|s| totals(s, &[], T0 + 30 * M))
            .unwrap_or_default();
        assert_eq!((t.active, t.idle, t.idle_discarded), (15 * M, 15 * M, 0));
    }

    #[test]
    fn idle_cannot_be_back_dated_before_the_last_change() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        sim.ok(Command::Pause {}, T0 + M);
        sim.ok(Command::Resume {}, T0 + 10 * M);
        sim.ok(Command::Idle { since: T0 + 2 * M }, T0 + 11 * M);
        assert_eq!(sim.state(), SessionState::Idle { since: T0 + 10 * M });
    }

    #[test]
    fn laps_setup_and_pause() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        let first = sim.ok(Command::NextTask { task_type_id: None }, T0 + 5 * M);
        assert_eq!(first.tasks.len(), 1);
        assert_eq!(first.tasks[0].task_type_id.as_deref(), Some("tty_a"));
        sim.ok(Command::Pause {}, T0 + 20 * M);
        sim.ok(Command::Resume {}, T0 + 30 * M);
        let next = sim.ok(
            Command::NextTask {
                task_type_id: Some("tty_b".into()),
            },
            T0 + 45 * M,
        );
        assert_eq!(next.tasks.len(), 2);
        assert_eq!(next.tasks[0].submitted_at, Some(T0 + 45 * M));
        assert_eq!(next.tasks[0].status, TaskStatus::Submitted);
        let stop = sim.ok(Command::Stop { at: None }, T0 + 60 * M);
        assert_eq!(stop.tasks.len(), 1);
        assert_eq!(stop.tasks[0].submitted_at, Some(T0 + 60 * M));
        let s = sim.session.clone().unwrap_or_else(|| panic!("no session"));
        let t = totals(&s, &sim.tasks, T0 + 99 * M);
        assert_eq!(
            (t.wall, t.active, t.paused, t.setup),
            (60 * M, 50 * M, 10 * M, 5 * M)
        );
        assert_eq!(
            t.tasks.iter().map(|x| x.active).collect::<Vec<_>>(),
            vec![30 * M, 15 * M]
        );
        assert_eq!(sim.state(), SessionState::Stopped);
        // a stopped session lets a new one start
        assert!(sim.ok(start(), T0 + 61 * M).changed);
    }

    #[test]
    fn stop_at_last_activity_after_a_restart() {
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        sim.ok(Command::Heartbeat {}, T0 + 30 * M);
        sim.ok(Command::Heartbeat {}, T0 + 31 * M);
        // the browser quit at +31.5; it comes back at +200 and the user chooses "stop at last activity"
        let s = sim.session.clone().unwrap_or_else(|| panic!("no session"));
        assert_eq!(last_activity(&s), T0 + 31 * M);
        sim.ok(
            Command::Stop {
                at: Some(last_activity(&s)),
            },
            T0 + 200 * M,
        );
        let t = sim
            .session
            .as_ref()
            .map(|s| totals(s, &[], T0 + 300 * M))
            .unwrap_or_default();
        assert_eq!(t.wall, 31 * M);

        // left idle: last activity is when input stopped
        let mut sim = Sim::new();
        sim.ok(start(), T0);
        sim.ok(Command::Idle { since: T0 + 7 * M }, T0 + 12 * M);
        let s = sim.session.clone().unwrap_or_else(|| panic!("no session"));
        assert_eq!(last_activity(&s), T0 + 7 * M);
        sim.ok(
            Command::Stop {
                at: Some(T0 + 7 * M),
            },
            T0 + 100 * M,
        );
        let t = sim
            .session
            .as_ref()
            .map(|s| totals(s, &[], T0 + 300 * M))
            .unwrap_or_default();
        assert_eq!((t.wall, t.idle), (7 * M, 0));
    }

    #[test]
    fn commands_round_trip_as_json() {
        let cmd: Command = serde_json::from_value(serde_json::json!(
            {"type": "start", "platformId": "plt_a", "taskTypeId": null}
        ))
        .unwrap_or(Command::Pause {});
        assert_eq!(
            cmd,
            Command::Start {
                platform_id: Some("plt_a".into()),
                task_type_id: None
            }
        );
        let v = serde_json::to_value(Command::Idle { since: 5 }).unwrap_or_default();
        assert_eq!(v, serde_json::json!({"type": "idle", "since": 5}));
        let v = serde_json::to_value(SessionState::Paused { since: 5 }).unwrap_or_default();
        assert_eq!(v, serde_json::json!({"state": "paused", "since": 5}));
        let bad: std::result::Result<Command, _> =
            serde_json::from_value(serde_json::json!({"type": "fly"}));
        assert!(bad.is_err());
    }

    #[test]
    fn random_command_sequences_keep_the_books_balanced() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..300 {
            let mut sim = Sim::new();
            let mut now = T0;
            for _ in 0..40 {
                now += next(20 * M as u64) as i64;
                let back = next(10 * M as u64) as i64;
                let cmd = match next(11) {
                    0 => start(),
                    1 => Command::Pause {},
                    2 => Command::Resume {},
                    3 => Command::Idle { since: now - back },
                    4 => Command::Locked { since: now - back },
                    5 => Command::Active {},
                    6 => Command::KeepIdle {},
                    7 => Command::DiscardIdle {},
                    8 => Command::NextTask { task_type_id: None },
                    9 => Command::Heartbeat {},
                    _ => Command::Stop {
                        at: (next(2) == 0).then(|| now - back),
                    },
                };
                let _ = sim.run(cmd, now);
                let Some(s) = sim.session.as_ref() else {
                    continue;
                };
                assert!(
                    s.events.windows(2).all(|w| w[0].at <= w[1].at),
                    "round {round}"
                );
                let mine: Vec<Task> = sim
                    .tasks
                    .iter()
                    .filter(|t| t.session_id.as_deref() == Some(s.meta.id.as_str()))
                    .cloned()
                    .collect();
                let t = totals(s, &mine, now);
                assert_eq!(
                    t.wall,
                    t.active + t.idle + t.idle_discarded + t.paused,
                    "round {round}"
                );
                assert!([t.active, t.idle, t.idle_discarded, t.paused, t.setup]
                    .iter()
                    .all(|x| *x >= 0));
                assert!(
                    t.tasks.iter().map(|x| x.active).sum::<i64>() <= t.active,
                    "round {round}"
                );
                // laps are inside the session, in order, and do not overlap
                let end = s.ended_at.unwrap_or(now);
                let mut laps: Vec<(i64, i64)> = mine
                    .iter()
                    .map(|x| (x.started_at, x.submitted_at.unwrap_or(end)))
                    .collect();
                laps.sort_unstable();
                assert!(
                    laps.iter()
                        .all(|&(a, b)| s.started_at <= a && a <= b && b <= end),
                    "round {round}"
                );
                assert!(laps.windows(2).all(|w| w[0].1 <= w[1].0), "round {round}");
                assert!(mine.iter().filter(|x| x.submitted_at.is_none()).count() <= 1);
                if s.ended_at.is_some() {
                    assert!(open_task(s, &mine).is_none());
                }
            }
        }
    }
}
