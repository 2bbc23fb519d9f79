//! Native timing of the ledger: loading 100,000 tasks and 20,000 sessions into a `Ledger` (from a
//! `Value` snapshot, and from its JSON text as the dashboard's `LedgerBook.load` does), every
//! figure of the overview, and planning a 50,000-row Outlier import.
//! `packs`: the same data from its ledger packs (docs/ledger.md, Packs).
//! `toggl`: planning a 50,000-row Toggl detailed CSV into an empty store, and into one that
//! already holds 20,000 sessions (the duplicate check reads them all).
//! `cargo run --release --example bench_ledger [-- load|packs|report|outlier|toggl]` (one part alone is what
//! `valgrind --tool=callgrind` runs to count instructions).

use rubrica_core::ids::IdGen;
use rubrica_core::ledger::{
    pack_shards, plan_outlier_import, plan_toggl_import, GroupBy, Ledger, ReportQuery,
};
use rubrica_core::model::Currency;
use rubrica_core::storage::Snapshot;
use rubrica_core::timing::fixtures::{generate, stored};
use rubrica_core::timing::zone::ZoneOffsets;
use std::time::Instant;

const FIRST: i64 = 1_577_836_800_000;
const DAY: i64 = 86_400_000;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// The same rows as `tests/bench/ledger.mjs`'s `outlierFile`.
fn outlier_file(rows: usize) -> String {
    let mut out =
        String::from("workDate,itemID,duration,rateApplied,payout,payType,projectName,status\n");
    for i in 0..rows {
        let day = rubrica_core::timing::zone::date_of_day(20_089 + (i % 365) as i64);
        let pay_type = if i % 40 == 0 { "missionReward" } else { "prod" };
        out.push_str(&format!(
            "\"{day}\",\"item{i}\",\"{}h {}m {}s\",\"$25.00/hr\",\"${}.{:02}\",\"{pay_type}\",\"Project {}\",\"paid\"\n",
            i % 3, i % 60, i % 60, i % 97 + 1, i % 100, i % 7
        ));
    }
    out
}

/// `rows` Toggl entries of one to two hours, a day apart from 2025-01-01 on (the same entry
/// hours each day, 4 a day), on 3 clients and 12 projects, dates day first (`16/03/2025`).
fn toggl_file(rows: usize) -> String {
    let mut out = String::from("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)\n");
    for i in 0..rows {
        let day = rubrica_core::timing::zone::date_of_day(20_089 + (i / 4) as i64);
        let (y, m, d) = (&day[0..4], &day[5..7], &day[8..10]);
        let h = 8 + (i % 4) * 3;
        out.push_str(&format!(
            "Sam,sam@example.com,Client {},Project {},,entry {i},Yes,{d}/{m}/{y},{h:02}:00:00,{d}/{m}/{y},{:02}:{:02}:00,01:{:02}:00,,\n",
            i % 3, i % 12, h + 1, 30 + i % 30, i % 30 + 30
        ));
    }
    out
}

fn main() {
    let part = std::env::args().nth(1).unwrap_or_default();
    let all = part.is_empty();
    let now = FIRST + 20 * 365 * DAY;
    if all || part == "toggl" {
        let text = toggl_file(50_000);
        let (sessions, tasks) = generate(2026, 20_000, 100_000, FIRST);
        let held = stored(&sessions, &tasks).unwrap_or_default();
        for (name, store) in [
            ("an empty store", Snapshot::new()),
            ("20,000 sessions stored", held),
        ] {
            let t = Instant::now();
            let plan = plan_toggl_import(
                &store,
                &text,
                &ZoneOffsets::utc(),
                &Currency::default(),
                &mut IdGen::new([7; 16]),
                now,
                false,
            );
            println!(
                "toggl plan, 50,000 rows ({:.1} MB) into {name}: {:.1} ms ({} added, {} duplicates)",
                text.len() as f64 / 1e6,
                ms(t),
                plan.as_ref().map(|p| p.added).unwrap_or(0),
                plan.as_ref().map(|p| p.duplicates).unwrap_or(0)
            );
        }
        if !all {
            return;
        }
    }
    if all || part == "outlier" {
        let text = outlier_file(50_000);
        let t = Instant::now();
        let plan = plan_outlier_import(
            &Snapshot::new(),
            &text,
            &ZoneOffsets::utc(),
            &mut IdGen::new([7; 16]),
            now,
        );
        let planned = ms(t);
        // What the WASM answer then does: the writes as one JSON text.
        let json = plan
            .as_ref()
            .map(|p| serde_json::to_string(&p.writes).unwrap_or_default())
            .unwrap_or_default();
        println!(
            "outlier plan, 50,000 rows: {planned:.1} ms; with the writes as JSON text ({:.1} MB): {:.1} ms ({} added)",
            json.len() as f64 / 1e6,
            ms(t),
            plan.map(|p| p.added).unwrap_or(0)
        );
        if !all {
            return;
        }
    }
    let (sessions, tasks) = generate(2026, 20_000, 100_000, FIRST);
    let Ok(snapshot) = stored(&sessions, &tasks) else {
        return;
    };
    if part == "dense" {
        return dense(&snapshot, now);
    }
    let text = serde_json::to_string(&snapshot).unwrap_or_default();
    let mut l = Ledger::new();
    if all || part == "packs" {
        let index = snapshot.get("shards");
        let t = Instant::now();
        let packs = pack_shards(&text, index).unwrap_or_default();
        let made = ms(t);
        let keys: Vec<String> = packs
            .keys()
            .map(|k| k.trim_start_matches("ledgerPack/").to_string())
            .collect();
        let joined = packs.values().cloned().collect::<Vec<_>>().join("\n");
        println!(
            "packs of {} shards ({:.1} MB of base64, JSON {:.1} MB): made in {made:.1} ms",
            keys.len(),
            joined.len() as f64 / 1e6,
            text.len() as f64 / 1e6
        );
        for _ in 0..3 {
            let t = Instant::now();
            let mut book = Ledger::new();
            let rest = book.load_packs(index, &keys, joined.as_bytes(), now);
            println!(
                "  load {} tasks from the packs: {:.1} ms ({} refused)",
                book.entries().len(),
                ms(t),
                rest.len()
            );
        }
        if !all {
            return;
        }
    }
    if all || part == "load" {
        let t = Instant::now();
        let (n, s) = Ledger::new().load(&snapshot, now);
        println!(
            "load {n} tasks, {s} sessions from a Value snapshot: {:.1} ms",
            ms(t)
        );
        let t = Instant::now();
        let parsed: Snapshot = serde_json::from_str(&text).unwrap_or_default();
        let (n, s) = Ledger::new().load(&parsed, now);
        println!("  the same from JSON text through Value (the old LedgerBook.load): {:.1} ms ({n}, {s})", ms(t));
        let t = Instant::now();
        let counts = l.load_json(&text, now);
        println!(
            "  the same from JSON text, typed (LedgerBook.load): {:.1} ms ({counts:?})",
            ms(t)
        );
        if !all {
            return;
        }
    } else {
        let _ = l.load_json(&text, now);
    }
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
    let ranges = [(from, from + 400 * DAY), (FIRST, now)];
    for (from, to) in ranges {
        let q = ReportQuery {
            from,
            to,
            ..q.clone()
        };
        for _ in 0..3 {
            let t = Instant::now();
            let r = l.report(&q);
            println!("report over {} weeks: {:.1} ms", r.weeks.len(), ms(t));
        }
    }
}

/// The same records folded into one 400-day range from 2025-01-01 (as `tests/bench/ledger.mjs`
/// does): each session and its tasks move back by whole 400-day periods. Then every figure over
/// all 100,000 tasks at once, `RUNS` times (20; what `perf record` profiles).
fn dense(snapshot: &Snapshot, now: i64) {
    use serde_json::Value;
    const W: i64 = 400 * DAY;
    let from: i64 = 1_735_689_600_000;
    let shift_of = |t: i64| from - FIRST - (t - FIRST).div_euclid(W) * W;
    let shift = |v: &mut Value, d: i64| {
        if let Value::Object(m) = v {
            for (k, x) in m.iter_mut() {
                if k.ends_with("At") {
                    if let Some(n) = x.as_i64() {
                        *x = Value::from(n + d);
                    }
                }
            }
            if let Some(Value::Array(events)) = m.get_mut("events") {
                for e in events {
                    if let Some(at) = e.get("at").and_then(Value::as_i64) {
                        e["at"] = Value::from(at + d);
                    }
                }
            }
        }
    };
    let mut folded = snapshot.clone();
    let mut by_session = std::collections::HashMap::new();
    for (key, shard) in folded.iter_mut() {
        if let (true, Value::Object(m)) = (key.starts_with("sessions/"), shard) {
            for s in m.values_mut() {
                let d = shift_of(s["startedAt"].as_i64().unwrap_or(FIRST));
                by_session.insert(s["id"].as_str().unwrap_or("").to_string(), d);
                shift(s, d);
            }
        }
    }
    const CRITERIA: [&str; 3] = ["accuracy", "tone", "verbosity"];
    let mut i = 0usize;
    for (key, shard) in folded.iter_mut() {
        if let (true, Value::Object(m)) = (key.starts_with("tasks/"), shard) {
            for t in m.values_mut() {
                // Outcomes, pay and criteria as tests/bench/ledger.mjs gives them.
                i += 1;
                let status = [
                    "approved",
                    "approved",
                    "approved",
                    "rejected",
                    "submitted",
                    "revision",
                ][i % 6];
                t["status"] = status.into();
                if status == "approved" {
                    t["payConfirmed"] =
                        serde_json::json!({"minor": 1000 + i % 900, "currency": "USD"});
                } else {
                    t["payExpected"] = serde_json::json!({"minor": 1200, "currency": "USD"});
                }
                if status == "rejected" {
                    t["criteriaCited"] = serde_json::json!([CRITERIA[i % 3]]);
                }
                t["isBonus"] = (i % 50 == 0).into();
                t["payStatus"] = ["pending", "approved", "paid"][i % 3].into();
                t["taskTypeId"] = format!("tty_{}", i % 12).into();
                let own = shift_of(t["startedAt"].as_i64().unwrap_or(FIRST));
                let d = t["sessionId"]
                    .as_str()
                    .and_then(|id| by_session.get(id).copied())
                    .unwrap_or(own);
                shift(t, d);
            }
        }
    }
    // A catalogue for the task types: names, and a time cap on every other one (the caps list).
    let types: serde_json::Map<String, Value> = (0..12)
        .map(|n| {
            let mut t = serde_json::json!({"id": format!("tty_{n}"), "createdAt": 0, "updatedAt": 0,
                "platformId": "plt_x", "name": format!("Type {n}")});
            if n % 2 == 0 {
                t["timeCapMs"] = (600_000 * (n + 1)).into();
            }
            (format!("tty_{n}"), t)
        })
        .collect();
    folded.insert("taskTypes".into(), Value::Object(types));
    let mut l = Ledger::new();
    let counts = l.load_json(&serde_json::to_string(&folded).unwrap_or_default(), now);
    let q = ReportQuery {
        from,
        to: from + W,
        zone: ZoneOffsets::fixed(-300).unwrap_or_default(),
        group_by: GroupBy::Platform,
        min_sample: None,
        currency: Default::default(),
    };
    if std::env::var("DUMP").is_ok() {
        // The whole answer, to compare two builds' figures (identical output, not just timing).
        for group_by in GroupBy::ALL {
            let r = l.report(&ReportQuery {
                group_by,
                ..q.clone()
            });
            println!("{}", serde_json::to_string(&r).unwrap_or_default());
        }
        return;
    }
    let runs = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    for _ in 0..runs {
        let t = Instant::now();
        let r = l.report(&q);
        println!(
            "dense {counts:?}: report over {} weeks, {} tasks counted: {:.1} ms",
            r.weeks.len(),
            r.totals.iter().map(|f| f.tasks).sum::<u32>(),
            ms(t)
        );
    }
}
