use super::*;
use crate::error::ErrorKind;
use crate::ids::IdGen;
use crate::model::{Currency, PayStatus, Task, TaskStatus};
use crate::storage::Snapshot;
use serde_json::{json, Value};

pub(super) const DAY: i64 = 86_400_000;
/// 2026-03-16T12:00:00Z, a Monday.
pub(super) const T0: i64 = 1_773_662_400_000;

pub(super) fn usd() -> Currency {
    Currency::default()
}

/// A stored task record as JSON.
pub(super) fn task_json(id: &str, created: i64, extra: Value) -> Value {
    let mut v = json!({"id": id, "createdAt": created, "updatedAt": created, "startedAt": created});
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    v
}

pub(super) fn snapshot(entries: &[(&str, Value)]) -> Snapshot {
    entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

pub(super) fn patch(v: Value) -> OutcomePatch {
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
pub(super) fn schema_2_tasks_read_unchanged() {
    // A lap as schema 2 stored it: none of the ledger's new fields.
    let old = json!({"id": "tsk_a", "createdAt": 1, "updatedAt": 1, "sessionId": "ses_a",
        "startedAt": 1, "submittedAt": 2, "status": "submitted"});
    let t: Task = serde_json::from_value(old.clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (t.reviewed_at, t.notes.as_deref(), t.duration_ms),
        (None, None, None)
    );
    // …and writes back without them.
    assert_eq!(
        serde_json::to_value(&t).ok(),
        Some(json!({"id": "tsk_a", "createdAt": 1,
        "updatedAt": 1, "sessionId": "ses_a", "startedAt": 1, "submittedAt": 2,
        "status": "submitted", "payStatus": "pending", "isBonus": false, "criteriaCited": []}))
    );
}

#[test]
pub(super) fn a_patch_sets_clears_and_stamps() {
    let key = crate::storage::Collection::Tasks.key_for(T0);
    let stored = snapshot(&[(
        key.as_str(),
        json!({"tsk_a": task_json("tsk_a", T0, json!({"feedback": "old", "status": "submitted"}))}),
    )]);
    let p = patch(
        json!({"status": "rejected", "payExpected": {"amount": "12.50"},
        "payConfirmed": {"amount": "3", "currency": "eur"}, "feedback": null,
        "criteriaCited": [" accuracy ", "accuracy", "", "tone"], "payStatus": "paid",
        "notes": "  ask the reviewer  ", "durationMin": 1.5}),
    );
    let (t, writes) =
        plan_update(&stored, "tsk_a", &p, &usd(), T0 + 5).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(t.status, TaskStatus::Rejected);
    assert_eq!(t.reviewed_at, Some(T0 + 5), "a verdict is stamped");
    assert_eq!(
        t.pay_expected
            .as_ref()
            .map(|m| (m.minor, m.currency.code())),
        Some((1250, "USD"))
    );
    assert_eq!(
        t.pay_confirmed
            .as_ref()
            .map(|m| (m.minor, m.currency.code())),
        Some((300, "EUR"))
    );
    assert_eq!(t.feedback, None, "null clears");
    assert_eq!(
        t.criteria_cited,
        vec!["accuracy", "tone"],
        "trimmed, blank and repeats dropped"
    );
    assert_eq!((t.pay_status, t.paid_at), (PayStatus::Paid, Some(T0 + 5)));
    assert_eq!(t.notes.as_deref(), Some("ask the reviewer"));
    assert_eq!(t.duration_ms, Some(90_000), "1.5 min = 90,000 ms");
    assert_eq!(
        writes
            .get(&key)
            .and_then(|m| m.get("tsk_a"))
            .and_then(|t| t.get("updatedAt")),
        Some(&json!(T0 + 5))
    );
    assert_eq!(writes.len(), 1, "only the task's shard");
}

#[test]
pub(super) fn bad_outcomes_name_the_field_and_change_nothing() {
    let key = crate::storage::Collection::Tasks.key_for(T0);
    let stored = snapshot(&[(
        key.as_str(),
        json!({"tsk_a": task_json("tsk_a", T0, json!({}))}),
    )]);
    let too_precise = patch(json!({"payConfirmed": {"amount": "1.234"}}));
    let e = plan_update(&stored, "tsk_a", &too_precise, &usd(), T0).err();
    assert!(e.is_some_and(|e| e.message.starts_with("Confirmed pay")));
    let gone = plan_update(&stored, "tsk_b", &OutcomePatch::default(), &usd(), T0).err();
    assert_eq!(gone.map(|e| e.kind), Some(ErrorKind::NotFound));
    let long = patch(json!({"feedback": "x".repeat(10_001)}));
    assert!(plan_update(&stored, "tsk_a", &long, &usd(), T0).is_err());
}

#[test]
pub(super) fn a_task_added_by_hand_goes_to_this_months_shard_and_is_counted() {
    let mut ids = IdGen::new([3; 16]);
    let stored = snapshot(&[("shards", json!({"tasks": {"2026-03": 4}}))]);
    let new: NewTask = serde_json::from_value(json!({"platformId": "plt_a", "startedAt": T0 - DAY,
        "outcome": {"status": "approved", "payConfirmed": {"amount": "20"}}}))
    .unwrap_or_else(|e| panic!("{e}"));
    let (t, writes) =
        plan_add(&stored, &new, &usd(), &mut ids, T0).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(t.meta.id.starts_with("tsk_"));
    assert_eq!((t.status, t.started_at), (TaskStatus::Approved, T0 - DAY));
    assert_eq!(
        writes.get("shards"),
        Some(&json!({"tasks": {"2026-03": 5}}))
    );
    assert!(writes
        .get("tasks/2026-03")
        .and_then(|m| m.get(&t.meta.id))
        .is_some());
    // Its id's timestamp names the shard it is in.
    assert_eq!(
        task_keys(&t.meta.id, writes.get("shards")),
        vec!["tasks/2026-03".to_string()]
    );
}
