//! The `shards` index's reach (`reach.rs`): a task or session whose start moved later than a
//! range's reads look is still read by every range that holds its start, however it was written.
//! Days are written out: 2026-01-05 is 1,767,571,200,000 ms (20,458 days × 86,400,000).

use super::keys::Snapshot;
use super::shards::{ledger_range_keys, range_keys, Writes};
use super::{migrate, plan_import, Collection, KEY_SHARDS, SCHEMA_VERSION};
use serde_json::{json, Value};

const DAY: i64 = 86_400_000;
/// 2026-01-05 00:00 UTC.
const JAN_5: i64 = 1_767_571_200_000;
/// 2026-03-01 00:00 UTC (Jan 5 + 26 + 28 + 1 days = 55 days).
const MAR_1: i64 = JAN_5 + 55 * DAY;
/// 2026-03-20 00:00 UTC.
const MAR_20: i64 = MAR_1 + 19 * DAY;
/// 2026-05-01 00:00 UTC (March 31 + April 30 days after MAR_1).
const MAY_1: i64 = MAR_1 + 61 * DAY;

const SCHEMA_3: &str = include_str!("../../../tests/storage/schema-3.json");

fn task(id: &str, created: i64, started: i64) -> Value {
    json!({"id": id, "createdAt": created, "updatedAt": created, "startedAt": started,
           "status": "submitted", "payStatus": "pending"})
}

/// The stored January shard with one task and its index.
fn january() -> Snapshot {
    let mut s = Snapshot::new();
    s.insert(
        "tasks/2026-01".into(),
        json!({"tsk_a": task("tsk_a", JAN_5, JAN_5)}),
    );
    s.insert(
        KEY_SHARDS.into(),
        json!({"sessions": {}, "tasks": {"2026-01": 1}}),
    );
    s
}

/// `stored` with `writes` applied.
fn after(stored: &Snapshot, writes: Snapshot) -> Snapshot {
    let mut s = stored.clone();
    s.extend(writes);
    s
}

fn put(stored: &Snapshot, record: &Value) -> Snapshot {
    let mut w = Writes::new(stored);
    let r = w.put(Collection::Tasks, "tsk_a", JAN_5, record);
    assert!(r.is_ok());
    w.finish()
}

#[test]
fn the_window_is_32_days_back_from_a_range_start() {
    // A task of January that starts on 1 February is found by a range starting that day: its
    // window goes back to 30 December. On 3 March the window starts on 30 January, still in January.
    assert!(!super::reach::beyond("2026-01", MAR_1 - 28 * DAY));
    assert!(!super::reach::beyond("2026-01", MAR_1 + 2 * DAY));
    // On 5 March it starts on 1 February: January is past the window.
    assert!(super::reach::beyond("2026-01", MAR_1 + 4 * DAY));
}

#[test]
fn a_task_moved_two_months_later_is_read_by_the_ranges_holding_its_start() {
    let stored = january();
    // Before: the January task starting on 20 March is not among the keys of a range starting on
    // 11 March, whose reads begin on 7 February.
    let old_index = stored.get(KEY_SHARDS);
    let from = MAR_1 + 10 * DAY;
    assert!(!range_keys(old_index, from, MAY_1).contains(&"tasks/2026-01".to_string()));
    let writes = put(&stored, &task("tsk_a", JAN_5, MAR_20));
    assert_eq!(
        writes[KEY_SHARDS]["reach"],
        json!({"tasks": {"2026-01": "2026-03"}})
    );
    // The live counts are as they were (no count() was asked for).
    assert_eq!(writes[KEY_SHARDS]["tasks"], json!({"2026-01": 1}));
    let s = after(&stored, writes);
    let index = s.get(KEY_SHARDS);
    for (from, to) in [(from, MAY_1), (MAR_20, MAR_20 + DAY), (JAN_5, MAY_1)] {
        assert!(range_keys(index, from, to).contains(&"tasks/2026-01".to_string()));
        assert!(ledger_range_keys(index, from, to).contains(&"tasks/2026-01".to_string()));
    }
    // A range after its start does not read January (its window begins on 30 March).
    assert!(!range_keys(index, MAY_1, MAY_1 + 31 * DAY).contains(&"tasks/2026-01".to_string()));
}

#[test]
fn moving_it_back_or_deleting_it_takes_the_reach_away() {
    let moved = after(&january(), put(&january(), &task("tsk_a", JAN_5, MAR_20)));
    let back = put(&moved, &task("tsk_a", JAN_5, JAN_5 + DAY));
    assert_eq!(back[KEY_SHARDS]["reach"], json!({"tasks": {}}));
    let mut deleted = task("tsk_a", JAN_5, MAR_20);
    deleted["deletedAt"] = json!(MAR_20 + DAY);
    let gone = put(&moved, &deleted);
    assert_eq!(gone[KEY_SHARDS]["reach"], json!({"tasks": {}}));
    assert!(!range_keys(gone.get(KEY_SHARDS), MAR_20, MAY_1).contains(&"tasks/2026-01".to_string()));
}

#[test]
fn a_write_planned_without_the_index_never_writes_one_from_nothing() {
    let mut stored = january();
    stored.remove(KEY_SHARDS);
    let writes = put(&stored, &task("tsk_a", JAN_5, MAR_20));
    assert_eq!(writes.keys().collect::<Vec<_>>(), ["tasks/2026-01"]);
}

#[test]
fn a_write_that_changes_no_reach_leaves_the_index_alone() {
    let writes = put(&january(), &task("tsk_a", JAN_5, JAN_5 + 2 * DAY));
    assert_eq!(writes.keys().collect::<Vec<_>>(), ["tasks/2026-01"]);
    // A session moved later reaches too (the sessions section and the ledger read it).
    let stored = january();
    let mut w = Writes::new(&stored);
    let session = json!({"id": "ses_a", "createdAt": JAN_5, "updatedAt": JAN_5,
                         "startedAt": MAR_20, "events": []});
    assert!(w
        .put(Collection::Sessions, "ses_a", JAN_5, &session)
        .is_ok());
    let out = w.finish();
    assert_eq!(
        out[KEY_SHARDS]["reach"],
        json!({"sessions": {"2026-01": "2026-03"}})
    );
}

#[test]
fn schema_3_storage_gains_the_reach_of_what_it_holds_and_migrating_again_changes_nothing() {
    let stored: Snapshot =
        serde_json::from_str(SCHEMA_3).unwrap_or_else(|e| panic!("the fixture: {e}"));
    let m = migrate(&stored, 9).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((m.from, m.to), (3, SCHEMA_VERSION));
    assert_eq!(
        m.applied,
        ["the shards index notes the shards that reach later months"]
    );
    let mut keys: Vec<&str> = m.writes.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["meta", "shards"]);
    // Task 1 (created 5 January, its start moved to 20 March) reaches March; task 3 (created
    // 7 January, starts 1 June) is deleted; task 4 (created 10 February, starts 25 February) is
    // inside the window; the session starts when it was created.
    let index = &m.writes[KEY_SHARDS];
    assert_eq!(index["reach"], json!({"tasks": {"2026-01": "2026-03"}}));
    assert_eq!(index["tasks"], stored[KEY_SHARDS]["tasks"]);
    assert!(
        ledger_range_keys(Some(index), MAR_20, MAR_20 + DAY).contains(&"tasks/2026-01".to_string())
    );
    assert!(m.removes.is_empty());
    let again = migrate(&after(&stored, m.writes), 10).unwrap_or_else(|e| panic!("{e}"));
    assert!(again.writes.is_empty() && again.removes.is_empty() && again.applied.is_empty());
}

#[test]
fn schema_3_storage_with_nothing_moved_or_a_broken_index_only_changes_the_version() {
    let mut stored: Snapshot = serde_json::from_str(SCHEMA_3).unwrap_or_else(|e| panic!("{e}"));
    stored.insert(
        "tasks/2026-01".into(),
        json!({"tsk_b": task("tsk_b", JAN_5, JAN_5)}),
    );
    let m = migrate(&stored, 9).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.writes.keys().collect::<Vec<_>>(), ["meta"]);
    stored.insert(KEY_SHARDS.into(), json!("not an index"));
    stored.insert(
        "tasks/2026-01".into(),
        json!({"tsk_a": task("tsk_a", JAN_5, MAR_20)}),
    );
    let m = migrate(&stored, 9).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(m.writes.keys().collect::<Vec<_>>(), ["meta"]);
}

#[test]
fn a_backup_import_notes_the_reach_of_the_shards_it_writes() {
    let file = json!({"format": "rubrica", "schema": 3, "kind": "backup", "exportedAt": 0,
                      "data": {"tasks": [task("tsk_01JQ0000000000000000000001", JAN_5, MAR_20)]}});
    let plan = plan_import(&Snapshot::new(), &file.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        plan.writes[KEY_SHARDS]["reach"],
        json!({"tasks": {"2026-01": "2026-03"}})
    );
    assert_eq!(plan.writes[KEY_SHARDS]["tasks"], json!({"2026-01": 1}));
}

#[cfg(feature = "pages")]
#[test]
fn a_rejection_logged_two_months_after_the_task_is_in_the_alerts_window() {
    // Started and created on 5 January, rejected on 20 March: the alert's 14 days before 22 March
    // read from February on (8 March − 32 days is 4 February), so January only through its reach.
    let mut rejected = task("tsk_a", JAN_5, JAN_5);
    rejected["status"] = json!("rejected");
    rejected["reviewedAt"] = json!(MAR_20);
    let s = after(&january(), put(&january(), &rejected));
    assert_eq!(
        s[KEY_SHARDS]["reach"],
        json!({"tasks": {"2026-01": "2026-03"}})
    );
    let keys = crate::ledger::alert_keys(s.get(KEY_SHARDS), 14, MAR_20 + 2 * DAY);
    assert!(keys.contains(&"tasks/2026-01".to_string()));
    assert!(
        !crate::ledger::alert_keys(january().get(KEY_SHARDS), 14, MAR_20 + 2 * DAY)
            .contains(&"tasks/2026-01".to_string())
    );
}
