use super::tests::*;
use super::*;
use crate::error::ErrorKind;
use crate::ids::IdGen;
use crate::model::{PayStatus, Task};
use crate::storage::Snapshot;
use serde_json::{json, Value};

/// A rejected task of `tty` citing `criteria`, reviewed at `at`.
fn rejected(id: &str, tty: &str, at: i64, criteria: &[&str]) -> (String, Value) {
    (
        id.to_string(),
        task_json(
            id,
            at,
            json!({"taskTypeId": tty, "status": "rejected", "reviewedAt": at,
            "criteriaCited": criteria}),
        ),
    )
}

fn tasks_shard(list: Vec<(String, Value)>) -> Value {
    Value::Object(list.into_iter().collect())
}

#[test]
fn three_rejections_citing_one_criterion_raise_the_alert_once() {
    let mut ids = IdGen::new([9; 16]);
    // Defaults: 3 rejections within 14 days.
    // tty_a/accuracy: T0-20d (outside the window: 20 > 14), T0-10d, T0-2d, T0 → 3 inside.
    // tty_a/tone: T0-2d only → 1. tty_b/accuracy: T0-1d → 1 (another task type).
    let shard = tasks_shard(vec![
        rejected("tsk_1", "tty_a", T0 - 20 * DAY, &["accuracy"]),
        rejected("tsk_2", "tty_a", T0 - 10 * DAY, &["accuracy"]),
        rejected("tsk_3", "tty_a", T0 - 2 * DAY, &["Accuracy", "tone"]),
        rejected("tsk_4", "tty_a", T0, &["accuracy"]),
        rejected("tsk_5", "tty_b", T0 - DAY, &["accuracy"]),
    ]);
    let stored = snapshot(&[("tasks/2026-03", shard.clone())]);
    let plan = plan_rejection_alerts(&stored, &mut ids, T0).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(plan.raised.len(), 1);
    let kind = serde_json::to_value(&plan.raised[0].kind).unwrap_or_default();
    assert_eq!(
        kind,
        json!({"type": "repeatedRejection", "taskTypeId": "tty_a", "criterion": "accuracy", "count": 3})
    );
    // Checked again with the alert stored: nothing new (once per pattern).
    let mut again = stored.clone();
    again.extend(plan.writes.clone());
    let second =
        plan_rejection_alerts(&again, &mut ids, T0 + 1).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(second.raised.is_empty() && second.writes.is_empty());
    // Dismissed, it leaves the view but still holds the pattern back.
    let id = plan.raised[0].meta.id.clone();
    assert_eq!(alert_views(&again).len(), 1);
    let dismissed = plan_dismiss(&again, &id, T0 + 2).unwrap_or_else(|e| panic!("{e:?}"));
    again.extend(dismissed);
    assert!(alert_views(&again).is_empty());
    assert!(plan_rejection_alerts(&again, &mut ids, T0 + 3).map(|p| p.raised.len()) == Ok(0));
    assert_eq!(
        plan_dismiss(&again, "alr_nope", T0).err().map(|e| e.kind),
        Some(ErrorKind::NotFound)
    );
}

#[test]
fn the_threshold_and_window_come_from_the_settings() {
    let mut ids = IdGen::new([9; 16]);
    let shard = tasks_shard(vec![
        rejected("tsk_1", "tty_a", T0 - 20 * DAY, &["accuracy"]),
        rejected("tsk_2", "tty_a", T0 - 10 * DAY, &["accuracy"]),
    ]);
    // 2 in 30 days: both count (20 and 10 days ago are inside 30).
    let stored = snapshot(&[
        ("tasks/2026-03", shard),
        (
            "settings",
            json!({"alerts": {"sameCriterionRejections": 2, "rejectionWindowDays": 30}}),
        ),
    ]);
    let plan = plan_rejection_alerts(&stored, &mut ids, T0).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(plan.raised.len(), 1);
    // 0 turns the alert off.
    let mut off = stored.clone();
    off.insert(
        "settings".into(),
        json!({"alerts": {"sameCriterionRejections": 0}}),
    );
    assert_eq!(
        plan_rejection_alerts(&off, &mut ids, T0).map(|p| p.raised.len()),
        Ok(0)
    );
}

#[test]
fn the_quick_log_lists_recent_tasks_with_their_rubric() {
    let stored = snapshot(&[
        (
            "tasks/2026-03",
            tasks_shard(vec![
                (
                    "tsk_1".into(),
                    task_json(
                        "tsk_1",
                        T0 - DAY,
                        json!({"taskTypeId": "tty_a", "platformId": "plt_a"}),
                    ),
                ),
                (
                    "tsk_2".into(),
                    task_json("tsk_2", T0, json!({"deletedAt": T0})),
                ),
                ("tsk_3".into(), task_json("tsk_3", T0 - 2 * DAY, json!({}))),
            ]),
        ),
        (
            "platforms",
            json!({"plt_a": {"id": "plt_a", "createdAt": 0, "updatedAt": 0, "name": "Outlier", "payModel": "hourly"}}),
        ),
        (
            "taskTypes",
            json!({"tty_a": {"id": "tty_a", "createdAt": 0, "updatedAt": 0, "platformId": "plt_a", "name": "Pairwise", "rubricId": "rub_a"}}),
        ),
        (
            "rubrics",
            json!({"rub_a": {"id": "rub_a", "createdAt": 0, "updatedAt": 0, "name": "R", "criteria": [
            {"key": "tone", "name": "Tone", "priority": 2}, {"key": "accuracy", "name": "Accuracy", "priority": 1}]}}),
        ),
    ]);
    let list = recent(&stored, 10);
    assert_eq!(
        list.iter()
            .map(|r| r.task.meta.id.as_str())
            .collect::<Vec<_>>(),
        ["tsk_1", "tsk_3"]
    );
    assert_eq!(list[0].platform_name.as_deref(), Some("Outlier"));
    assert_eq!(list[0].task_type_name.as_deref(), Some("Pairwise"));
    let keys: Vec<&str> = list[0].criteria.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["accuracy", "tone"], "priority order");
    // The keys: this month's and last month's shards, when listed.
    let k = recent_keys(Some(&json!({"tasks": {"2026-03": 2, "2026-01": 1}})), T0);
    assert!(k.contains(&"tasks/2026-03".to_string()) && !k.iter().any(|k| k.ends_with("2026-01")));
}

mod outlier_import {
    use super::*;
    use crate::timing::zone::ZoneOffsets;

    const FILE: &str = "workDate,itemID,duration,rateApplied,payout,payType,projectName,status\n\
\"2026-03-16\",\"a1\",\"1h 2m 3s\",\"$25.00/hr\",\"$25.86\",\"prod\",\"Pairwise\",\"paid\"\n\
\"2026-03-16\",\"a2\",\"45m\",\"$25.00/hr\",\"$18.75\",\"prod\",\"Pairwise\",\"pending\"\n\
\"2026-03-17\",\"\",\"\",\"\",\"$50.00\",\"missionReward\",\"\",\"paid\"\n\
\"2026-03-17\",\"a1\",\"1h 2m 3s\",\"$25.00/hr\",\"$25.86\",\"prod\",\"Pairwise\",\"paid\"\n";

    #[test]
    fn durations_like_outlier_writes_them() {
        // 1 h 2 min 3 s = 3,600,000 + 120,000 + 3,000 ms.
        assert_eq!(parse_duration("1h 2m 3s"), Some(3_723_000));
        assert_eq!(parse_duration("45m"), Some(2_700_000));
        assert_eq!(parse_duration("30s"), Some(30_000));
        assert_eq!(parse_duration(""), Some(0));
        assert_eq!(parse_duration("1:00:30"), Some(3_630_000));
        assert_eq!(parse_duration("an hour"), None);
        // 2 min 5 s = 125,000 ms; 1.5 h = 5,400,000 ms; a bare number is minutes (90 × 60,000).
        assert_eq!(parse_duration("2:05"), Some(125_000));
        assert_eq!(parse_duration("1.5h"), Some(5_400_000));
        assert_eq!(parse_duration("90"), Some(5_400_000));
    }

    #[test]
    fn dates_past_the_month_end_are_refused_not_rolled_over() {
        assert!(outlier::parse_date("2026-02-30").is_none());
        assert!(
            outlier::parse_date("2/29/2026").is_none(),
            "2026 is not a leap year"
        );
        assert_eq!(
            outlier::parse_date("2/29/2028"),
            outlier::parse_date("2028-02-29"),
            "2028 is"
        );
        assert!(outlier::parse_date("2028-02-29").is_some());
        assert!(outlier::parse_date("2026-04-31").is_none());
        assert!(outlier::parse_date("99999999999999999-01-01").is_none());
    }

    #[test]
    fn durations_out_of_range_are_refused_not_wrapped() {
        // Found by the import_csv fuzzer: h × 60 overflowed i64 (a panic in a checked build, a
        // wrapped nonsense duration in release).
        assert_eq!(parse_duration("288888888888888:00:00"), None);
        assert_eq!(parse_duration("99999999999999999999:00:00"), None);
        assert_eq!(parse_duration("1e300"), None);
        assert_eq!(parse_duration("9999999999999h"), None);
        assert_eq!(parse_duration("-5"), None);
        assert_eq!(parse_duration("-1:00:00"), None);
        assert_eq!(
            parse_duration("1:75:00"),
            None,
            "minutes past 59 after hours"
        );
        assert_eq!(parse_duration("1:00:60"), None);
        assert_eq!(parse_duration("NaN"), None);
        assert_eq!(parse_duration("inf"), None);
        // 366 days is the last duration taken: 366 × 24 = 8,784 h.
        assert_eq!(parse_duration("8784:00:00"), Some(MAX_DURATION_MS));
        assert_eq!(parse_duration("8784:00:01"), None);
    }

    #[test]
    fn an_outlier_file_imports_once() {
        let mut ids = IdGen::new([5; 16]);
        let plan = plan_outlier_import(&Snapshot::new(), FILE, &ZoneOffsets::utc(), &mut ids, T0)
            .unwrap_or_else(|e| panic!("{e:?}"));
        // 4 rows; the 4th repeats the 1st on another day, so it is a task of its own.
        assert_eq!((plan.added, plan.duplicates), (4, 0));
        assert!(plan.new_platform);
        assert_eq!(plan.new_task_types, vec!["Pairwise".to_string()]);
        let writes = plan
            .writes
            .to_snapshot()
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(plan.writes.len(), 4);
        let shard = writes
            .get("tasks/2026-03")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let tasks: Vec<Task> = shard
            .values()
            .filter_map(|v| serde_json::from_value(v.clone()).ok())
            .collect();
        let bonus: Vec<&Task> = tasks.iter().filter(|t| t.is_bonus).collect();
        assert_eq!(bonus.len(), 1, "missionReward is a bonus");
        assert_eq!(bonus[0].duration_ms, None, "with no time of its own");
        let a2 = tasks
            .iter()
            .find(|t| t.external_id.as_deref() == Some("a2"));
        assert_eq!(
            a2.map(|t| (t.pay_status, t.duration_ms)),
            Some((PayStatus::Pending, Some(2_700_000)))
        );
        // Stored, the same file again adds nothing.
        let stored = writes.clone();
        assert!(stored.get("shards").is_some_and(Value::is_object));
        let again = plan_outlier_import(&stored, FILE, &ZoneOffsets::utc(), &mut ids, T0 + 1)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (again.added, again.duplicates, again.new_platform),
            (0, 4, false)
        );
        assert!(again.writes.is_empty() && again.new_task_types.is_empty());
    }

    /// [`FILE`] imported into an empty store at `T0`: the ids it went on with, UTC, the store.
    fn stored_file() -> (IdGen, ZoneOffsets, Snapshot) {
        let mut ids = IdGen::new([5; 16]);
        let utc = ZoneOffsets::utc();
        let first = plan_outlier_import(&Snapshot::new(), FILE, &utc, &mut ids, T0)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let stored = first
            .writes
            .to_snapshot()
            .unwrap_or_else(|e| panic!("{e:?}"));
        (ids, utc, stored)
    }

    #[test]
    fn a_file_saved_again_with_semicolons_or_tabs_reads_as_the_same_file() {
        let (mut ids, utc, stored) = stored_file();
        // A European spreadsheet saves it with semicolons (and may write its amounts with a
        // decimal comma); a copy from a table, with tabs.
        let european = FILE.replace(',', ";").replace("$25.86", "25,86 $");
        for (d, again) in [
            (";", FILE.replace(',', ";")),
            ("\t", FILE.replace(',', "\t")),
            ("; and 25,86 $", european),
        ] {
            assert!(is_outlier_csv(&again), "{d:?}");
            let fresh = plan_outlier_import(&Snapshot::new(), &again, &utc, &mut ids, T0)
                .unwrap_or_else(|e| panic!("{d:?}: {e:?}"));
            assert_eq!((fresh.added, fresh.duplicates), (4, 0), "{d:?}");
            // Stored from the comma file, it adds nothing: the same rows.
            let plan = plan_outlier_import(&stored, &again, &utc, &mut ids, T0 + 1)
                .unwrap_or_else(|e| panic!("{d:?}: {e:?}"));
            assert_eq!((plan.added, plan.duplicates), (0, 4), "{d:?}");
        }
    }

    #[test]
    fn new_tasks_are_written_beside_the_stored_shard_records_unchanged() {
        let (mut ids, utc, stored) = stored_file();
        let before = stored
            .get("tasks/2026-03")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        // Other items, the same month: the stored shard gains 2 tasks (a row for b1 and one
        // for b2; the bonus row and the repeated a1 row are already there).
        let other = FILE.replace("a1", "b1").replace("a2", "b2");
        let plan = plan_outlier_import(&stored, &other, &utc, &mut ids, T0 + 1)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((plan.added, plan.duplicates), (3, 1));
        let writes = plan
            .writes
            .to_snapshot()
            .unwrap_or_else(|e| panic!("{e:?}"));
        let shard = writes
            .get("tasks/2026-03")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        assert_eq!(shard.len(), before.len() + 3);
        for (id, record) in &before {
            assert_eq!(
                shard.get(id),
                Some(record),
                "stored record {id} kept as it was"
            );
        }
        // Each new task's JSON is exactly the record serialised as a value (the old path).
        for (id, record) in shard.iter().filter(|(id, _)| !before.contains_key(*id)) {
            let task: Task =
                serde_json::from_value(record.clone()).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(serde_json::to_value(&task).ok().as_ref(), Some(record));
            assert_eq!(&task.meta.id, id);
        }
        // The index counts 4 + 3 tasks in the month.
        let count = writes
            .get("shards")
            .and_then(|s| s.pointer("/tasks/2026-03"))
            .and_then(Value::as_i64);
        assert_eq!(count, Some(7));
    }

    #[test]
    fn a_malformed_file_names_row_and_column_and_plans_nothing() {
        let mut ids = IdGen::new([5; 16]);
        let bad = FILE.replace("\"45m\"", "\"soon\"");
        let e =
            plan_outlier_import(&Snapshot::new(), &bad, &ZoneOffsets::utc(), &mut ids, T0).err();
        let e = e.unwrap_or_else(|| panic!("expected an error"));
        assert_eq!(e.line, Some(3));
        assert!(
            e.message.starts_with("Row 3, column “duration”"),
            "{}",
            e.message
        );
        let bad = FILE.replace("$18.75", "$18.755");
        let e =
            plan_outlier_import(&Snapshot::new(), &bad, &ZoneOffsets::utc(), &mut ids, T0).err();
        assert!(e.is_some_and(|e| e.message.contains("column “payout”")));
        let e = plan_outlier_import(
            &Snapshot::new(),
            "a,b\n1,2\n",
            &ZoneOffsets::utc(),
            &mut ids,
            T0,
        )
        .err();
        assert!(e.is_some_and(|e| e.message.contains("not an Outlier earnings CSV")));
    }
}
