//! Toggl's detailed CSV into sessions, and the exports' currency columns: hand-made fixtures,
//! expected values worked out in the comments.

use super::*;
use crate::ids::IdGen;
use crate::model::{Currency, Session};
use crate::storage::shards::records;
use crate::storage::Snapshot;
use crate::timing::totals::totals;
use crate::timing::zone::{tests::berlin, ZoneOffsets};
use serde_json::{json, Value};

pub(super) const H: i64 = 3_600_000;
const M: i64 = 60_000;
/// 2026-03-16T00:00:00Z.
pub(super) const DAY0: i64 = 1_773_619_200_000;
const NOW: i64 = DAY0 + 30 * 24 * H;

pub(super) const HEADER: &str = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)";

/// Three entries written by hand in Toggl's layout (UTC):
/// 1. Outlier / Pairwise 09:00–11:00, 2:00:00;
/// 2. Outlier / Pairwise 13:00–14:30, 1:15:00 (15 minutes paused);
/// 3. DataAnnotation, no project, 22:30 on the 16th to 00:15 on the 17th, 1:45:00.
pub(super) fn three_rows() -> String {
    format!(
        "{HEADER}\n\
         Sam,sam@example.com,Outlier,Pairwise,,rating,Yes,2026-03-16,09:00:00,2026-03-16,11:00:00,2:00:00,,50.00\n\
         Sam,sam@example.com,Outlier,Pairwise,,\"rating, again\",Yes,2026-03-16,13:00:00,2026-03-16,14:30:00,1:15:00,,\n\
         Sam,sam@example.com,DataAnnotation,,,,No,2026-03-16,22:30:00,2026-03-17,00:15:00,01:45:00,,\n"
    )
}

pub(super) fn apply(stored: &mut Snapshot, writes: &Snapshot) {
    for (k, v) in writes {
        stored.insert(k.clone(), v.clone());
    }
}

pub(super) fn sessions(stored: &Snapshot) -> Vec<Session> {
    let mut out: Vec<Session> = stored
        .keys()
        .filter(|k| crate::storage::Collection::Sessions.owns_key(k))
        .flat_map(|k| records::<Session>(stored, k))
        .collect();
    out.sort_by_key(|s| s.started_at);
    out
}

pub(super) fn plan(
    stored: &Snapshot,
    text: &str,
    zone: &ZoneOffsets,
) -> crate::error::Result<TogglPlan> {
    plan_read(stored, text, zone, false)
}

/// [`plan`], reading dates that read either way day first when `day_first`.
pub(super) fn plan_read(
    stored: &Snapshot,
    text: &str,
    zone: &ZoneOffsets,
    day_first: bool,
) -> crate::error::Result<TogglPlan> {
    let mut ids = IdGen::new([3; 16]);
    plan_toggl_import(
        stored,
        text,
        zone,
        &Currency::default(),
        &mut ids,
        NOW,
        day_first,
    )
}

#[test]
fn a_toggl_file_becomes_sessions_once() {
    let mut stored = Snapshot::new();
    let first = plan(&stored, &three_rows(), &ZoneOffsets::utc()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.added, first.duplicates), (3, 0));
    assert_eq!(first.new_platforms, ["Outlier", "DataAnnotation"]);
    assert_eq!(first.new_task_types, ["Pairwise"]);
    // 2:00 + 1:15 + 1:45 = 5 h.
    assert_eq!(first.added_ms, 5 * H);
    apply(&mut stored, &first.writes);
    // Sharded by the start's month: the three start in March; the index counts them.
    assert_eq!(stored["shards"]["sessions"]["2026-03"], json!(3));
    let s = sessions(&stored);
    assert_eq!(s.len(), 3);
    assert_eq!(
        (s[0].started_at, s[0].ended_at),
        (DAY0 + 9 * H, Some(DAY0 + 11 * H))
    );
    // Each session's time is the file's Duration: 2 h; 1 h 15 (90 min − 15 paused); 1 h 45.
    let time = |s: &Session| {
        let t = totals(s, &[], NOW);
        t.wall - t.idle_discarded
    };
    assert_eq!(
        s.iter().map(time).collect::<Vec<_>>(),
        [2 * H, 75 * M, 105 * M]
    );
    assert!(s[2].platform_id.is_some());
    assert_eq!(s[2].task_type_id, None, "no project, no task type");
    // The same file again adds nothing and writes nothing.
    let again = plan(&stored, &three_rows(), &ZoneOffsets::utc()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.added, again.duplicates), (0, 3));
    assert!(again.writes.is_empty());
    assert!(again.new_platforms.is_empty() && again.new_task_types.is_empty());
}

#[test]
fn local_times_follow_the_zone() {
    // Berlin is UTC+1 in March until the 29th: 09:00 local is 08:00Z.
    let p = plan(&Snapshot::new(), &three_rows(), &berlin()).unwrap_or_else(|e| panic!("{e}"));
    let mut stored = Snapshot::new();
    apply(&mut stored, &p.writes);
    assert_eq!(sessions(&stored)[0].started_at, DAY0 + 8 * H);
}

#[test]
fn a_malformed_cell_names_its_row_and_column_and_imports_nothing() {
    let bad = three_rows().replace("13:00:00", "1pm-ish");
    let e = plan(&Snapshot::new(), &bad, &ZoneOffsets::utc()).err();
    let message = e.as_ref().map(|e| e.message.clone()).unwrap_or_default();
    assert!(
        message.contains("Row 3") && message.contains("Start time"),
        "{message}"
    );
    assert!(message.contains("nothing was imported"), "{message}");
    assert_eq!(e.and_then(|e| e.line), Some(3));
    // An entry that ends before it starts, a duration longer than the entry, a missing column.
    let backwards = three_rows().replace("2026-03-17,00:15:00", "2026-03-15,00:15:00");
    let m = plan(&Snapshot::new(), &backwards, &ZoneOffsets::utc())
        .err()
        .map(|e| e.message);
    assert!(
        m.as_deref()
            .is_some_and(|m| m.contains("Row 4") && m.contains("End time")),
        "{m:?}"
    );
    let long = three_rows().replace("2:00:00", "9:00:00");
    let m = plan(&Snapshot::new(), &long, &ZoneOffsets::utc())
        .err()
        .map(|e| e.message);
    assert!(
        m.as_deref()
            .is_some_and(|m| m.contains("Row 2") && m.contains("Duration")),
        "{m:?}"
    );
    let m = plan(
        &Snapshot::new(),
        "Client,Start date\nx,2026-01-01\n",
        &ZoneOffsets::utc(),
    )
    .err()
    .map(|e| e.message);
    assert!(
        m.as_deref().is_some_and(|m| m.contains("Start time")),
        "{m:?}"
    );
    let ragged = format!("{HEADER}\nSam,only,three\n");
    assert!(plan(&Snapshot::new(), &ragged, &ZoneOffsets::utc()).is_err());
}

#[test]
fn the_header_is_recognised() {
    assert!(is_toggl_csv(&three_rows()));
    assert!(is_toggl_csv(&format!(
        "\u{feff}\"{}\"\n",
        HEADER.replace(',', "\",\"")
    )));
    assert!(!is_toggl_csv(
        "workDate,itemID,duration,rateApplied,payout,payType,projectName,status\n"
    ));
    assert!(!is_toggl_csv("trigger,replace\n"));
}

#[test]
fn rubricas_own_toggl_export_round_trips() {
    // Import the file in Berlin, load the ledger, export it as Toggl CSV in Berlin: the export
    // re-imported adds nothing, and read into an empty store gives the same sessions and times.
    let zone = berlin();
    let mut stored = Snapshot::new();
    let p = plan(&stored, &three_rows(), &zone).unwrap_or_else(|e| panic!("{e}"));
    apply(&mut stored, &p.writes);
    let mut l = Ledger::new();
    l.load(&stored, NOW);
    let exported = l
        .toggl_csv(DAY0 - 24 * H, DAY0 + 3 * 24 * H, &zone)
        .unwrap_or_else(|e| panic!("{e}"));
    let again = plan(&stored, &exported, &zone).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.added, again.duplicates), (0, 3), "{exported}");
    let fresh = plan(&Snapshot::new(), &exported, &zone).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((fresh.added, fresh.added_ms), (3, 5 * H));
    assert_eq!(fresh.new_task_types, ["Pairwise"]);
    let mut other = Snapshot::new();
    apply(&mut other, &fresh.writes);
    let starts = |s: &Snapshot| {
        sessions(s)
            .iter()
            .map(|s| (s.started_at, s.ended_at))
            .collect::<Vec<_>>()
    };
    assert_eq!(starts(&other), starts(&stored));
}

/// One EUR platform with a session paid €12.50, and (with `mixed`) a second session on a GBP
/// platform paid £8.00.
fn euro_ledger(mixed: bool) -> Ledger {
    let meta = |id: &str| json!({"id": id, "createdAt": 0, "updatedAt": 0});
    let with = |mut v: Value, extra: Value| {
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        v
    };
    let session = |id: &str, platform: &str, h: i64| {
        with(
            meta(id),
            json!({"platformId": platform, "startedAt": DAY0 + h * H,
            "endedAt": DAY0 + (h + 1) * H, "events": [{"kind": "start", "at": DAY0 + h * H},
            {"kind": "stop", "at": DAY0 + (h + 1) * H}]}),
        )
    };
    let task = |id: &str, s: &str, minor: i64, c: &str, h: i64| {
        with(
            meta(id),
            json!({"sessionId": s, "startedAt": DAY0 + h * H, "status": "approved",
            "payConfirmed": {"minor": minor, "currency": c}}),
        )
    };
    let platform = |id: &str, name: &str, c: &str| {
        with(
            meta(id),
            json!({"name": name, "payModel": "hourly", "currency": c}),
        )
    };
    let mut sessions = json!({"ses_e": session("ses_e", "plt_e", 9)});
    let mut tasks = json!({"tsk_e": task("tsk_e", "ses_e", 1250, "EUR", 9)});
    if mixed {
        sessions["ses_g"] = session("ses_g", "plt_g", 12);
        tasks["tsk_g"] = task("tsk_g", "ses_g", 800, "GBP", 12);
    }
    let stored: Snapshot = [
        ("sessions/2026-03".to_string(), sessions),
        ("tasks/2026-03".to_string(), tasks),
        (
            "platforms".to_string(),
            json!({"plt_e": platform("plt_e", "Mercor", "EUR"),
            "plt_g": platform("plt_g", "Prolific", "GBP")}),
        ),
    ]
    .into_iter()
    .collect();
    let mut l = Ledger::new();
    l.load(&stored, NOW);
    l
}

fn header_and_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default();
    let rows = r
        .records()
        .filter_map(|r| r.ok())
        .map(|r| r.iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn exports_name_the_currency_they_hold() {
    let (from, to, utc) = (DAY0, DAY0 + 24 * H, ZoneOffsets::utc());
    // One currency: the last column is "Amount (EUR)" and holds 12.50; nothing says USD.
    let l = euro_ledger(false);
    let toggl = l.toggl_csv(from, to, &utc).unwrap_or_default();
    assert!(!toggl.contains("USD"), "{toggl}");
    let (header, rows) = header_and_rows(&toggl);
    assert_eq!(header.len(), 14);
    assert_eq!(header[13], "Amount (EUR)");
    assert_eq!(rows[0][13], "12.50");
    // Clockify: 1 h at €12.50 is a rate of 12.50 per hour.
    let (header, rows) = header_and_rows(&l.clockify_csv(from, to, &utc).unwrap_or_default());
    assert_eq!(
        &header[15..],
        ["Billable Rate (EUR)", "Billable Amount (EUR)"]
    );
    assert_eq!(&rows[0][15..], ["12.50", "12.50"]);
    // Two currencies, never converted: one column each, sorted by code; each row fills its own.
    let l = euro_ledger(true);
    let (header, rows) = header_and_rows(&l.toggl_csv(from, to, &utc).unwrap_or_default());
    assert_eq!(&header[13..], ["Amount (EUR)", "Amount (GBP)"]);
    assert_eq!(&rows[0][13..], ["12.50", ""]);
    assert_eq!(&rows[1][13..], ["", "8.00"]);
    // No pay and no platform currency: the fallback (the settings' currency) names the column.
    let empty = Ledger::new();
    let jpy = Currency::parse("JPY").unwrap_or_default();
    let text = empty.toggl_csv_in(from, to, &utc, &jpy).unwrap_or_default();
    assert!(text.trim_end().ends_with("Amount (JPY)"), "{text}");
    // The export (EUR) reads back into sessions.
    let back = plan(
        &Snapshot::new(),
        &euro_ledger(true)
            .toggl_csv(from, to, &utc)
            .unwrap_or_default(),
        &utc,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((back.added, back.added_ms), (2, 2 * H));
}

#[test]
fn times_out_of_range_are_refused_with_their_cell_not_overflowed() {
    // Found by the import_csv fuzzer: an hour of 20 digits was multiplied before the range
    // check (a panic in a checked build). Each is refused, naming the row and column.
    for time in [
        "99999999999999999:00:00",
        "25:00:00",
        "12:60:00",
        "-1:00:00",
        "13:00 PM",
    ] {
        let bad = three_rows().replace("13:00:00", time);
        let m = plan(&Snapshot::new(), &bad, &ZoneOffsets::utc())
            .err()
            .map(|e| e.message);
        assert!(
            m.as_deref()
                .is_some_and(|m| m.contains("Row 3") && m.contains("Start time")),
            "{time}: {m:?}"
        );
    }
    assert_eq!(
        super::toggl::parse_time("1:30 PM"),
        Some((13 * 60 + 30) * 60_000)
    );
    assert_eq!(super::toggl::parse_time("12:00 AM"), Some(0));
}
