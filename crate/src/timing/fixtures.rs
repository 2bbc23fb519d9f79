//! A deterministic generator of realistic sessions and tasks for benchmarks: the native
//! `examples/bench_timing.rs`, and `examples/gen_sessions.rs`, which prints the same data as a
//! storage snapshot ([`stored`]) for the WASM benchmark of the production exports
//! (`tests/bench/timing.mjs`).
//!
//! Each session lasts 1–4 hours with a few minutes of setup, idle spans (some discarded, some
//! from a locked screen), an occasional pause, and back-to-back laps; sessions follow each other
//! with gaps, so they never overlap.

use crate::error::Result;
use crate::model::{RecordMeta, Session, SessionEvent, SessionEventKind, Task, TaskStatus};
use crate::storage::shards::Writes;
use crate::storage::{Collection, Snapshot};

const M: i64 = 60_000;

/// xorshift64*: tiny, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (x % n.max(1) as u64) as i64
    }
}

/// `sessions` stopped sessions starting at `first_start` and `tasks` laps spread over them
/// (as evenly as possible), the same for the same `seed`.
#[doc(hidden)]
pub fn generate(
    seed: u64,
    sessions: usize,
    tasks: usize,
    first_start: i64,
) -> (Vec<Session>, Vec<Task>) {
    let mut rng = Rng(seed | 1);
    let mut out_s = Vec::with_capacity(sessions);
    let mut out_t = Vec::with_capacity(tasks);
    let mut at = first_start;
    for i in 0..sessions {
        let start = at + rng.below(60) * M;
        let length = 60 * M + rng.below(180) * M;
        let end = start + length;
        let sid = format!("ses_{i:08}");
        let mut events = vec![ev(SessionEventKind::Start, start, None)];
        let mut t = start + 5 * M;
        while t < end - 20 * M {
            t += 5 * M + rng.below(40) * M;
            if t >= end - 15 * M {
                break;
            }
            let gap = M + rng.below(12) * M;
            match rng.below(6) {
                0 => {
                    events.push(ev(SessionEventKind::Pause, t, None));
                    events.push(ev(SessionEventKind::Resume, t + gap, None));
                }
                1 => {
                    events.push(ev(SessionEventKind::Locked, t, None));
                    events.push(ev(SessionEventKind::Active, t + gap, None));
                }
                2 => {
                    events.push(ev(SessionEventKind::Idle, t, None));
                    events.push(ev(SessionEventKind::Active, t + gap, None));
                    events.push(ev(SessionEventKind::Discard, t + gap, Some(t)));
                }
                _ => {
                    events.push(ev(SessionEventKind::Idle, t, None));
                    events.push(ev(SessionEventKind::Active, t + gap, None));
                }
            }
            t += gap;
        }
        events.push(ev(SessionEventKind::Stop, end, None));
        // Laps: this session's share of the tasks, back to back after a short setup.
        let n = tasks / sessions.max(1) + usize::from(i < tasks % sessions.max(1));
        let setup = rng.below(10) * M;
        let lap_len = (length - setup) / n.max(1) as i64;
        for k in 0..n {
            let from = start + setup + k as i64 * lap_len;
            out_t.push(Task {
                meta: RecordMeta::new(format!("tsk_{i:08}_{k:02}"), from),
                session_id: Some(sid.clone()),
                platform_id: None,
                task_type_id: None,
                external_id: None,
                started_at: from,
                submitted_at: Some(from + lap_len),
                status: TaskStatus::Submitted,
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
            });
        }
        out_s.push(Session {
            meta: RecordMeta::new(sid, start),
            platform_id: None,
            task_type_id: None,
            started_at: start,
            ended_at: Some(end),
            events,
            last_activity_at: Some(end),
            pending_idle_from: None,
            pending_idle_to: None,
        });
        at = end + 30 * M + rng.below(600) * M;
    }
    (out_s, out_t)
}

/// `sessions` and `tasks` as the background stores them: in the month shards of their
/// `createdAt`, counted in the `shards` index.
#[doc(hidden)]
pub fn stored(sessions: &[Session], tasks: &[Task]) -> Result<Snapshot> {
    let empty = Snapshot::new();
    let mut w = Writes::new(&empty);
    for s in sessions {
        w.put(Collection::Sessions, &s.meta.id, s.meta.created_at, s)?;
        w.count(Collection::Sessions, s.meta.created_at, 1);
    }
    for t in tasks {
        w.put(Collection::Tasks, &t.meta.id, t.meta.created_at, t)?;
        w.count(Collection::Tasks, t.meta.created_at, 1);
    }
    Ok(w.finish())
}

fn ev(kind: SessionEventKind, at: i64, from: Option<i64>) -> SessionEvent {
    SessionEvent { kind, at, from }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::totals::totals_all;

    #[test]
    fn generator_is_deterministic_and_consistent() {
        let (s1, t1) = generate(42, 50, 230, 1_767_225_600_000);
        let (s2, t2) = generate(42, 50, 230, 1_767_225_600_000);
        assert_eq!((s1.len(), t1.len()), (50, 230));
        assert_eq!((&s1, &t1), (&s2, &t2));
        for w in s1.windows(2) {
            assert!(w[0].ended_at < Some(w[1].started_at));
        }
        let all = totals_all(&s1, &t1, 0);
        for t in &all {
            assert_eq!(t.wall, t.active + t.idle + t.idle_discarded + t.paused);
            assert!(t.tasks.iter().map(|x| x.active).sum::<i64>() <= t.active);
        }
        assert!(all.iter().any(|t| t.idle_discarded > 0) && all.iter().any(|t| t.paused > 0));
    }

    #[test]
    fn stored_fixtures_are_what_the_session_list_reads() {
        let (s, t) = generate(7, 40, 200, 1_767_225_600_000);
        let stored = stored(&s, &t).unwrap_or_default();
        let shards = crate::sessions::all_keys(stored.get("shards"));
        assert!(shards.len() >= 2, "{shards:?}");
        let total: usize = shards
            .iter()
            .filter_map(|k| stored.get(k).and_then(|v| v.as_object()).map(|m| m.len()))
            .sum();
        assert_eq!(total, 240);
        let now = 1_900_000_000_000;
        let rows = crate::sessions::list(&stored, 0, now, 1_000, now);
        assert_eq!(rows.len(), 40);
        let want = totals_all(&s, &t, now);
        for row in &rows {
            let i = s.iter().position(|x| x.meta.id == row.session.meta.id);
            assert_eq!(i.map(|i| &want[i]), Some(&row.totals));
        }
    }
}
