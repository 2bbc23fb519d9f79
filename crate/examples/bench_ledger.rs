//! Native timing of the ledger: loading 100,000 tasks and 20,000 sessions into a `Ledger`, then
//! every figure of the overview over all of it. `cargo run --release --example bench_ledger`

use rubrica_core::ledger::{GroupBy, Ledger, ReportQuery};
use rubrica_core::timing::fixtures::{generate, stored};
use rubrica_core::timing::zone::ZoneOffsets;
use std::time::Instant;

const FIRST: i64 = 1_577_836_800_000;

fn main() {
    let (sessions, tasks) = generate(2026, 20_000, 100_000, FIRST);
    let Ok(snapshot) = stored(&sessions, &tasks) else {
        return;
    };
    let now = FIRST + 20 * 365 * 86_400_000;
    let t = Instant::now();
    let mut l = Ledger::new();
    let (n, s) = l.load(&snapshot, now);
    println!(
        "load {n} tasks, {s} sessions: {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let q = ReportQuery {
        from: FIRST,
        to: now,
        zone: ZoneOffsets::fixed(-300).unwrap_or_default(),
        group_by: GroupBy::Platform,
        min_sample: None,
        currency: Default::default(),
    };
    // 2025-01-01 + 400 days: the longest range the section offers; then all 20 years.
    let from = 1_735_689_600_000;
    let ranges = [(from, from + 400 * 86_400_000), (FIRST, now)];
    for (from, to) in ranges {
        let q = ReportQuery {
            from,
            to,
            ..q.clone()
        };
        for _ in 0..3 {
            let t = Instant::now();
            let r = l.report(&q);
            println!(
                "report over {} weeks: {:.1} ms",
                r.weeks.len(),
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
