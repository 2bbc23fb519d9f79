//! Toggl files whose dates are day and month as numbers: which order the whole file is read in,
//! and what the plan says about it (the fixtures are toggl_tests.rs's).

use super::toggl_tests::{apply, plan, plan_read, sessions, three_rows, DAY0, H, HEADER};
use crate::storage::Snapshot;
use crate::timing::zone::ZoneOffsets;

/// A Toggl file in a day-first format: `row` is `date,time,date,time,duration`.
fn day_first(rows: &[&str]) -> String {
    let mut out = format!("{HEADER}\n");
    for r in rows {
        let [sd, st, ed, et, d] = r.split(',').collect::<Vec<_>>()[..] else {
            panic!("five cells: {r}")
        };
        out.push_str(&format!(
            "Sam,s@x,Outlier,Pairwise,,,No,{sd},{st},{ed},{et},{d},,\n"
        ));
    }
    out
}

#[test]
fn dates_are_read_day_first_or_month_first_as_the_whole_file_allows() {
    let starts = |text: &str| -> Vec<i64> {
        let p = plan(&Snapshot::new(), text, &ZoneOffsets::utc()).unwrap_or_else(|e| panic!("{e}"));
        let mut stored = Snapshot::new();
        apply(&mut stored, &p.writes);
        sessions(&stored).iter().map(|s| s.started_at).collect()
    };
    // 16/03/2026 can only be 16 March: the file is day first, so 03/04/2026 is 3 April
    // (2026-04-03 is 18 days after 2026-03-16).
    let eu = day_first(&[
        "03/04/2026,09:00:00,03/04/2026,10:00:00,1:00:00",
        "16/03/2026,09:00:00,16/03/2026,10:00:00,1:00:00",
    ]);
    assert_eq!(starts(&eu), [DAY0 + 9 * H, DAY0 + 18 * 24 * H + 9 * H]);
    // The same first row with 03/16/2026 below it: month first, so 03/04/2026 is 4 March
    // (12 days before 2026-03-16).
    let us = day_first(&[
        "03/04/2026,09:00:00,03/04/2026,10:00:00,1:00:00",
        "03/16/2026,09:00:00,03/16/2026,10:00:00,1:00:00",
    ]);
    assert_eq!(starts(&us), [DAY0 - 12 * 24 * H + 9 * H, DAY0 + 9 * H]);
    // Dots are written day first (DD.MM.YYYY), as are dashes with the year last.
    let de = day_first(&["03.04.2026,09:00:00,03.04.2026,10:00:00,1:00:00"]);
    assert_eq!(starts(&de), [DAY0 + 18 * 24 * H + 9 * H]);
    let dash = day_first(&["16-03-2026,09:00:00,16-03-2026,10:00:00,1:00:00"]);
    assert_eq!(starts(&dash), [DAY0 + 9 * H]);
    // Both in one file: refused, naming the row and column of the date that does not fit.
    let mixed = day_first(&[
        "16/03/2026,09:00:00,16/03/2026,10:00:00,1:00:00",
        "03/16/2026,11:00:00,03/17/2026,10:00:00,1:00:00",
    ]);
    let e = plan(&Snapshot::new(), &mixed, &ZoneOffsets::utc())
        .map(|_| ())
        .unwrap_err();
    assert!(
        e.message
            .starts_with("Row 3, column “Start date”: “03/16/2026” is not in the same date format"),
        "{}",
        e.message
    );
    assert!(e.message.ends_with("nothing was imported"), "{}", e.message);
}

#[test]
fn the_plan_says_how_the_dates_were_read_and_when_it_guessed() {
    let read = |text: &str| {
        plan(&Snapshot::new(), text, &ZoneOffsets::utc())
            .map(|p| (p.dates, p.dates_guessed))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(read(&three_rows()), ("iso", false));
    let decided = day_first(&["16/03/2026,09:00:00,16/03/2026,10:00:00,1:00:00"]);
    assert_eq!(read(&decided), ("dayFirst", false));
    let us = day_first(&["03/16/2026,09:00:00,03/16/2026,10:00:00,1:00:00"]);
    assert_eq!(read(&us), ("monthFirst", false));
    // 03/04 and 11/12 read either way: month first is taken, and said to be a guess.
    let either = day_first(&[
        "03/04/2026,09:00:00,03/04/2026,10:00:00,1:00:00",
        "11/12/2026,09:00:00,11/12/2026,10:00:00,1:00:00",
    ]);
    assert_eq!(read(&either), ("monthFirst", true));
    let json = plan(&Snapshot::new(), &either, &ZoneOffsets::utc())
        .ok()
        .and_then(|p| serde_json::to_value(&p).ok())
        .unwrap_or_default();
    assert_eq!(json["dates"], "monthFirst");
    assert_eq!(json["datesGuessed"], true);
}

#[test]
fn a_file_that_reads_either_way_is_read_day_first_when_the_person_says_so() {
    let starts = |text: &str, day_first: bool| {
        let p = plan_read(&Snapshot::new(), text, &ZoneOffsets::utc(), day_first)
            .unwrap_or_else(|e| panic!("{e}"));
        let mut stored = Snapshot::new();
        apply(&mut stored, &p.writes);
        let at: Vec<i64> = sessions(&stored).iter().map(|s| s.started_at).collect();
        (p.dates, p.dates_guessed, at)
    };
    let either = day_first(&[
        "03/04/2026,09:00:00,03/04/2026,10:00:00,1:00:00",
        "03/05/2026,09:00:00,03/05/2026,10:00:00,1:00:00",
    ]);
    // Month first unless told: 4 and 5 March (12 and 11 days before 2026-03-16).
    let d = 24 * H;
    assert_eq!(
        starts(&either, false),
        (
            "monthFirst",
            true,
            vec![DAY0 - 12 * d + 9 * H, DAY0 - 11 * d + 9 * H]
        )
    );
    // Day first when the person says so: 3 April (16 March + 18 days) and 3 May (+ 31 + 17).
    // Still marked as read either way, so the preview keeps the choice on screen.
    assert_eq!(
        starts(&either, true),
        (
            "dayFirst",
            true,
            vec![DAY0 + 18 * d + 9 * H, DAY0 + 48 * d + 9 * H]
        )
    );
    // A file whose dates show their order is read so, whatever was chosen: 16 March.
    let us = day_first(&["03/16/2026,09:00:00,03/16/2026,10:00:00,1:00:00"]);
    assert_eq!(starts(&us, true), ("monthFirst", false, vec![DAY0 + 9 * H]));
}

#[test]
fn a_file_saved_again_with_semicolons_reads_as_the_same_file() {
    let read = |text: &str| {
        let p = plan(&Snapshot::new(), text, &ZoneOffsets::utc()).unwrap_or_else(|e| panic!("{e}"));
        let mut stored = Snapshot::new();
        apply(&mut stored, &p.writes);
        let at: Vec<(i64, Option<i64>)> = sessions(&stored)
            .iter()
            .map(|s| (s.started_at, s.ended_at))
            .collect();
        (p.added, p.added_ms, at)
    };
    let commas = three_rows();
    assert!(super::is_toggl_csv(&commas.replace(',', ";")));
    assert_eq!(read(&commas.replace(',', ";")), read(&commas));
}

#[test]
fn durations_in_a_trackers_formats_and_clockifys_decimal_column() {
    let ms = |text: &str| super::csv_file::tracked_duration(text);
    let m = 60_000;
    assert_eq!(ms("1:02:03"), Some(H + 2 * m + 3000));
    assert_eq!(ms("47:06 min"), Some(47 * m + 6000)); // Toggl's classic format
    assert_eq!(ms("12 sec"), Some(12_000));
    // Decimal hours, never minutes: 0.75 h is 45 min, 2 h is two hours.
    assert_eq!(ms("0.75"), Some(45 * m));
    assert_eq!(ms("2.00 h"), Some(2 * H));
    assert_eq!(ms("30 min"), Some(30 * m));
    assert_eq!(ms("-1"), None);
    assert_eq!(ms("soon"), None);
    // A Clockify file whose user shows durations as decimals: `Duration (h)` reads 2.00, and the
    // `Duration (decimal)` column is taken first: a two-hour session, not two minutes.
    let clockify = "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\n\
        Pairwise,Outlier,rating,,Sam,,s@x,,Yes,2026-03-16,09:00:00 AM,2026-03-16,11:30:00 AM,2.00,2.00,25.00,50.00\n";
    let p = plan(&Snapshot::new(), clockify, &ZoneOffsets::utc()).unwrap_or_else(|e| panic!("{e}"));
    // 09:00–11:30 with 2 hours tracked: 30 minutes paused.
    assert_eq!((p.added, p.added_ms), (1, 2 * H));
}

#[test]
fn a_plans_writes_go_to_storage_as_shard_texts_and_whole_values() {
    let p = plan(&Snapshot::new(), &three_rows(), &ZoneOffsets::utc())
        .unwrap_or_else(|e| panic!("{e}"));
    let all = p.writes.clone();
    let w = super::ImportWrites::of(p.writes).unwrap_or_else(|e| panic!("{e}"));
    // The March sessions' shard as its JSON text; the catalogue and the index as values.
    assert_eq!(
        w.shard_texts.keys().collect::<Vec<_>>(),
        ["sessions/2026-03"]
    );
    let text = &w.shard_texts["sessions/2026-03"];
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .as_ref(),
        all.get("sessions/2026-03")
    );
    assert!(w.values.contains_key("shards") && w.values.contains_key("platforms"));
    assert_eq!(w.values.len() + 1, all.len());
}
