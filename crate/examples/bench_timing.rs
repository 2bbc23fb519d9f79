//! Benchmark: derive every total for 20,000 sessions and 100,000 tasks.
//!
//! Run with `cargo run --release --example bench_timing`. Prints the median of several runs of
//! `timing::totals::totals_all` (tasks grouped by session in one pass, one timeline per session)
//! next to the 50 ms target set for WASM, and, measured in the same run, a naive approach that
//! re-derives the session's timeline for every task. Native figures only: the WASM run reuses
//! `timing::fixtures::generate` and is not part of this harness.

use rubrica_core::model::{Session, Task};
use rubrica_core::timing::buckets::{by_day, by_week, Weekday};
use rubrica_core::timing::fixtures::generate;
use rubrica_core::timing::timeline::Timeline;
use rubrica_core::timing::totals::{totals, totals_all, TaskTotals, Totals};
use rubrica_core::timing::zone::{Transition, ZoneOffsets};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

const SESSIONS: usize = 20_000;
const TASKS: usize = 100_000;
const RUNS: usize = 9;
const TARGET_MS: f64 = 50.0;
/// 2020-01-01T00:00:00Z; 20,000 sessions at ~4 per day reach into 2033.
const FIRST: i64 = 1_577_836_800_000;

fn median_ms(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut check = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        check = black_box(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[RUNS / 2], check)
}

/// The obvious way, same output: session totals first, then for each task find its session and
/// lay the session out again to intersect the lap with its active time.
fn naive(sessions: &[Session], tasks: &[Task], now: i64) -> Vec<Totals> {
    let mut out: Vec<Totals> = sessions.iter().map(|s| totals(s, &[], now)).collect();
    let index: HashMap<&str, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.meta.id.as_str(), i))
        .collect();
    for t in tasks {
        if let Some(&i) = t.session_id.as_deref().and_then(|id| index.get(id)) {
            let tl = Timeline::of(&sessions[i], now);
            let (from, to) = (t.started_at, t.submitted_at.unwrap_or(tl.end));
            if out[i].tasks.is_empty() {
                out[i].setup = from.clamp(tl.start, tl.end) - tl.start;
            }
            out[i].tasks.push(TaskTotals {
                task_id: t.meta.id.clone(),
                wall: to - from,
                active: tl.active_within(from, to),
            });
        }
    }
    out
}

fn main() {
    let t = Instant::now();
    let (sessions, tasks) = generate(2026, SESSIONS, TASKS, FIRST);
    let events: usize = sessions.iter().map(|s| s.events.len()).sum();
    println!(
        "generated {} sessions, {} tasks, {} events in {:.1} ms",
        sessions.len(),
        tasks.len(),
        events,
        t.elapsed().as_secs_f64() * 1000.0
    );
    let now = FIRST + 20 * 365 * 86_400_000;

    let (fast, n) = median_ms(|| totals_all(&sessions, &tasks, now).len());
    println!(
        "totals_all (all totals + per-task active): median {fast:.2} ms over {RUNS} runs, {n} sessions | target 50 ms in WASM | {}",
        if fast <= TARGET_MS { "native within target" } else { "native OVER target" }
    );
    let (slow, _) = median_ms(|| naive(&sessions, &tasks, now).len());
    let same = naive(&sessions, &tasks, now) == totals_all(&sessions, &tasks, now);
    println!(
        "naive (timeline re-derived per task):     median {slow:.2} ms ({:.1}x the fast path; same output: {same})",
        slow / fast
    );

    // New York-like offsets for every year covered, to time DST-aware bucketing too.
    let mut transitions = Vec::new();
    for year in 0..15i64 {
        let base = FIRST + year * 31_556_952_000; // mean Gregorian year
        transitions.push(Transition {
            from: base + 67 * 86_400_000,
            offset_min: -240,
        });
        transitions.push(Transition {
            from: base + 305 * 86_400_000,
            offset_min: -300,
        });
    }
    let zone = ZoneOffsets::new(transitions).unwrap_or_default();
    let (days, nd) = median_ms(|| by_day(&sessions, FIRST..now, now, &zone).len());
    println!("by_day (local-day buckets, DST-aware):    median {days:.2} ms, {nd} days");
    let (weeks, nw) =
        median_ms(|| by_week(&sessions, FIRST..now, now, &zone, Weekday::Monday).len());
    println!("by_week (ISO weeks):                      median {weeks:.2} ms, {nw} weeks");
}
