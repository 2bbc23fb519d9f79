//! Totals derived from events only: wall, active, idle (kept), idle discarded, paused (breaks),
//! setup, and each task's active time. Exact to the millisecond; a running session uses `now`.
//!
//! Invariant (tested over random event sequences): `wall = active + idle + idleDiscarded +
//! paused`, every figure ≥ 0, and the tasks' active times add up to at most `active`.

use crate::model::{Session, Task};
use crate::timing::timeline::{SpanKind, Timeline};
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// One task's share of its session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct TaskTotals {
    /// The task's id.
    pub task_id: String,
    /// The lap's span inside the session, `[startedAt, submittedAt or session end)`, in ms.
    pub wall: i64,
    /// Active ms within the lap: idle, discarded and paused time inside the lap are excluded.
    pub active: i64,
}

/// A session's figures, all in ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    /// The session's id.
    pub session_id: String,
    /// Start to stop (or `now` while running).
    pub wall: i64,
    /// Working time.
    pub active: i64,
    /// Idle and locked time the user kept.
    pub idle: i64,
    /// Idle time the user discarded.
    pub idle_discarded: i64,
    /// Paused time (breaks).
    pub paused: i64,
    /// Start of the session to the start of its first task (the whole session if it has none).
    pub setup: i64,
    /// Whether the session was still running at `now`.
    pub running: bool,
    /// One entry per live task of the session, in start order.
    pub tasks: Vec<TaskTotals>,
}

/// The totals of `session` at `now`. `tasks` may hold any tasks: those of other sessions and
/// deleted ones are skipped.
pub fn totals(session: &Session, tasks: &[Task], now: i64) -> Totals {
    let tl = Timeline::of(session, now);
    let mut mine: Vec<&Task> = tasks
        .iter()
        .filter(|t| t.session_id.as_deref() == Some(session.meta.id.as_str()))
        .filter(|t| !t.meta.is_deleted())
        .collect();
    totals_of(session, &tl, &mut mine)
}

/// Totals of every live session, with tasks matched to sessions by `sessionId` in one pass
/// (what reports and the benchmark use). Deleted sessions and tasks are skipped; output follows
/// input order.
pub fn totals_all<T: Borrow<Task>>(sessions: &[Session], tasks: &[T], now: i64) -> Vec<Totals> {
    let live: Vec<&Session> = sessions.iter().filter(|s| !s.meta.is_deleted()).collect();
    let (starts, order) = by_owner(&live, tasks);
    let mut grouped: Vec<&Task> = order.iter().map(|&i| tasks[i as usize].borrow()).collect();
    live.iter()
        .enumerate()
        .map(|(i, s)| {
            let tl = Timeline::of(s, now);
            totals_of(s, &tl, &mut grouped[starts[i]..starts[i + 1]])
        })
        .collect()
}

/// A task's active time in its lap of the session laid out as `tl` (as [`TaskTotals::active`]):
/// from its start to its submission (or the session's end), within the session. What the ledger
/// keeps of the totals, without a record per task or its id copied.
pub fn lap_active(tl: &Timeline, started_at: i64, submitted_at: Option<i64>) -> i64 {
    let (from, to) = lap_span(started_at, submitted_at, tl);
    tl.active_within(from, to)
}

/// The live tasks grouped by the session they belong to (matched by `sessionId`): session `i`'s
/// tasks are `order[starts[i]..starts[i + 1]]`, indexes into `tasks` in input order. A counting
/// sort: two allocations in all instead of one vector per session.
fn by_owner<T: Borrow<Task>>(live: &[&Session], tasks: &[T]) -> (Vec<usize>, Vec<u32>) {
    let mut index: FnvMap<&str, u32> =
        FnvMap::with_capacity_and_hasher(live.len(), Default::default());
    for (i, s) in live.iter().enumerate() {
        index.insert(s.meta.id.as_str(), i as u32);
    }
    let owner: Vec<u32> = tasks
        .iter()
        .map(Borrow::borrow)
        .map(
            |t: &Task| match (t.meta.is_deleted(), t.session_id.as_deref()) {
                (false, Some(sid)) => index.get(sid).copied().unwrap_or(u32::MAX),
                _ => u32::MAX,
            },
        )
        .collect();
    let mut starts = vec![0usize; live.len() + 1];
    for &o in owner.iter().filter(|&&o| o != u32::MAX) {
        starts[o as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut fill = starts.clone();
    let mut order = vec![0u32; starts[live.len()]];
    for (t, &o) in owner.iter().enumerate() {
        if o != u32::MAX {
            order[fill[o as usize]] = t as u32;
            fill[o as usize] += 1;
        }
    }
    (starts, order)
}

/// FNV-1a: a fast, non-cryptographic hash for ids the caller already trusts to be unique keys
/// (the user's own records: nothing hostile to defend against), also the ledger's reports'.
#[derive(Default)]
pub(crate) struct Fnv(u64);

/// A `HashMap` hashed with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

fn totals_of(session: &Session, tl: &Timeline, tasks: &mut [&Task]) -> Totals {
    let mut t = Totals {
        session_id: session.meta.id.clone(),
        wall: tl.wall(),
        running: tl.running,
        ..Totals::default()
    };
    for s in &tl.spans {
        let slot = match s.kind {
            SpanKind::Active => &mut t.active,
            SpanKind::Idle => &mut t.idle,
            SpanKind::Discarded => &mut t.idle_discarded,
            SpanKind::Paused => &mut t.paused,
        };
        *slot += s.len();
    }
    tasks.sort_by_key(|task| task.started_at);
    let first = tasks.first().map_or(tl.end, |task| task.started_at);
    t.setup = first.clamp(tl.start, tl.end) - tl.start;
    t.tasks = tasks
        .iter()
        .map(|task| {
            let (from, to) = lap(task, tl);
            TaskTotals {
                task_id: task.meta.id.clone(),
                wall: to - from,
                active: tl.active_within(from, to),
            }
        })
        .collect();
    t
}

/// A task's lap clamped into its session's timeline: `[startedAt, submittedAt or end)`.
pub(crate) fn lap(task: &Task, tl: &Timeline) -> (i64, i64) {
    lap_span(task.started_at, task.submitted_at, tl)
}

fn lap_span(started_at: i64, submitted_at: Option<i64>, tl: &Timeline) -> (i64, i64) {
    let from = started_at.clamp(tl.start, tl.end);
    let to = submitted_at.unwrap_or(tl.end).clamp(from, tl.end);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RecordMeta, SessionEventKind as K, TaskStatus};
    use crate::timing::test_support::session;

    pub(crate) fn task(id: &str, session_id: &str, from: i64, to: Option<i64>) -> Task {
        let json = serde_json::json!({
            "id": id, "createdAt": from, "updatedAt": from, "sessionId": session_id,
            "startedAt": from, "submittedAt": to,
        });
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn idle_inside_a_lap_is_not_the_tasks_active_time() {
        let s = session(
            0,
            &[
                (K::Start, 0, None),
                (K::Idle, 300, None),
                (K::Active, 500, None),
                (K::Idle, 800, None),
                (K::Active, 900, None),
                (K::Discard, 900, Some(800)),
                (K::Stop, 1000, None),
            ],
        );
        let tasks = [
            task("tsk_1", "ses_test", 100, Some(600)),
            task("tsk_2", "ses_test", 600, None),
        ];
        let t = totals(&s, &tasks, 5000);
        assert_eq!(
            (t.wall, t.active, t.idle, t.idle_discarded, t.paused),
            (1000, 700, 200, 100, 0)
        );
        assert_eq!(t.setup, 100);
        assert_eq!(
            t.tasks[0],
            TaskTotals {
                task_id: "tsk_1".into(),
                wall: 500,
                active: 300
            }
        );
        // the open lap ends with the session
        assert_eq!(
            t.tasks[1],
            TaskTotals {
                task_id: "tsk_2".into(),
                wall: 400,
                active: 300
            }
        );
        assert!(!t.running);
    }

    #[test]
    fn running_sessions_use_now_and_tasks_of_others_are_ignored() {
        let s = session(1_000, &[(K::Start, 1_000, None), (K::Pause, 1_500, None)]);
        let mut other = task("tsk_x", "ses_other", 1_100, None);
        other.status = TaskStatus::Submitted;
        let mut deleted = task("tsk_d", "ses_test", 1_100, None);
        deleted.meta = RecordMeta {
            deleted_at: Some(9),
            ..deleted.meta
        };
        let t = totals(&s, &[other, deleted], 2_000);
        assert!(t.running);
        assert_eq!(
            (t.wall, t.active, t.paused, t.setup),
            (1_000, 500, 500, 1_000)
        );
        assert!(t.tasks.is_empty());
        let all = totals_all(&[s], &[task("tsk_1", "ses_test", 1_200, None)], 2_000);
        assert_eq!(all[0].tasks[0].active, 300);
    }

    /// A tiny deterministic generator for property-style loops.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    #[test]
    fn invariants_hold_for_random_event_sequences() {
        let kinds = [
            K::Start,
            K::Pause,
            K::Resume,
            K::Idle,
            K::Active,
            K::Locked,
            K::Discard,
            K::Stop,
        ];
        let mut rng = Rng(0x5eed);
        for round in 0..2_000 {
            let start = rng.next(1_000) as i64;
            let n = rng.next(12) as usize;
            let events: Vec<_> = (0..n)
                .map(|_| {
                    let kind = kinds[rng.next(kinds.len() as u64) as usize];
                    let at = rng.next(3_000) as i64 - 500;
                    let from = (kind == K::Discard).then(|| at - rng.next(800) as i64);
                    (kind, at, from)
                })
                .collect();
            let s = session(start, &events);
            let tasks: Vec<Task> = (0..rng.next(4))
                .map(|i| {
                    let from = rng.next(3_000) as i64;
                    let to = (rng.next(2) == 0).then(|| from + rng.next(1_000) as i64 - 100);
                    task(&format!("tsk_{i}"), "ses_test", from, to)
                })
                .collect();
            let now = rng.next(4_000) as i64;
            let t = totals(&s, &tasks, now);
            let parts = [
                t.active,
                t.idle,
                t.idle_discarded,
                t.paused,
                t.setup,
                t.wall,
            ];
            assert!(parts.iter().all(|p| *p >= 0), "round {round}: {t:?}");
            assert_eq!(
                t.wall,
                t.active + t.idle + t.idle_discarded + t.paused,
                "round {round}: {t:?}"
            );
            assert!(t.setup <= t.wall);
            for task in &t.tasks {
                assert!(0 <= task.active && task.active <= task.wall && task.wall <= t.wall);
            }
            // round trip: the canonical events describe the same timeline
            let tl = Timeline::of(&s, now);
            let back = Session {
                events: tl.to_events(),
                ended_at: None,
                ..s.clone()
            };
            let again = Timeline::of(&back, now);
            assert_eq!(again.spans, tl.spans, "round {round}: {events:?}");
        }
    }

    #[test]
    fn extreme_stored_times_do_not_overflow() {
        let s = session(
            i64::MIN,
            &[
                (K::Idle, i64::MIN, None),
                (K::Active, 0, None),
                (K::Discard, i64::MAX, Some(i64::MIN)),
                (K::Pause, i64::MAX, None),
            ],
        );
        let tasks = [task("tsk_1", "ses_test", i64::MIN, Some(i64::MAX))];
        let t = totals(&s, &tasks, i64::MAX);
        assert_eq!(t.wall, 2 * crate::timing::timeline::MAX_INSTANT);
        assert_eq!(t.wall, t.active + t.idle + t.idle_discarded + t.paused);
        assert_eq!(t.tasks[0].active, t.active);
    }
}
