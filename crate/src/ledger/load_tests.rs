//! [`Ledger::load_json`] (the dashboard's typed load) reads what [`Ledger::load`] reads.

use super::*;
use crate::storage::Snapshot;
use serde_json::json;

#[test]
fn the_typed_load_reads_what_the_value_load_reads() {
    let task = |id: &str, at: i64| {
        json!({"id": id, "createdAt": at, "updatedAt": at, "startedAt": at,
        "status": "rejected", "criteriaCited": ["accuracy"], "reviewedAt": at + 5})
    };
    // One shard with a record that cannot be read (a string for a time): it is skipped, the
    // others are kept; a deleted session is left out; the catalogue is read.
    let stored: Snapshot = serde_json::from_value(json!({
        "tasks/2026-03": {"tsk_b": task("tsk_b", 20), "tsk_a": task("tsk_a", 10),
            "tsk_x": {"id": "tsk_x", "createdAt": 1, "updatedAt": 1, "startedAt": "soon"}},
        "tasks/2026-04": {"tsk_c": task("tsk_c", 30)},
        "sessions/2026-03": {"ses_1": {"id": "ses_1", "createdAt": 0, "updatedAt": 0, "startedAt": 0,
            "endedAt": 60, "events": []}, "ses_2": {"id": "ses_2", "createdAt": 0, "updatedAt": 0,
            "deletedAt": 5, "startedAt": 0, "events": []}},
        "platforms": {"plt_o": {"id": "plt_o", "createdAt": 0, "updatedAt": 0, "name": "Outlier",
            "payModel": "hourly"}},
        "settings": {"anything": true}
    }))
    .unwrap_or_default();
    let mut by_value = Ledger::new();
    let counts = by_value.load(&stored, 100);
    let mut by_text = Ledger::new();
    let text = serde_json::to_string(&stored).unwrap_or_default();
    assert_eq!(by_text.load_json(&text, 100).ok(), Some(counts));
    assert_eq!(counts, (3, 1));
    let ids = |l: &Ledger| {
        l.entries()
            .iter()
            .filter_map(|e| l.task(e).map(|t| t.meta.id.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&by_text), ids(&by_value));
    assert_eq!(ids(&by_text), ["tsk_a", "tsk_b", "tsk_c"], "in start order");
    assert_eq!(by_text.platforms.len(), 1);
    // The rejections of a range come from the time index of cited criteria: only tsk_b's
    // (reviewed at 20 + 5 = 25; tsk_a at 15, tsk_c at 35).
    let cited: Vec<(i64, &str)> = by_text
        .cited
        .iter()
        .filter(|c| (21..30).contains(&c.0))
        .map(|c| (c.0, by_text.criteria[c.2 as usize].as_str()))
        .collect();
    assert_eq!(cited, [(25, "accuracy")]);
    assert_eq!(
        by_text.cited.len(),
        3,
        "one row per rejection and criterion"
    );
    // The facts of a range: tsk_a (10) and tsk_b (20) start in [10, 30).
    assert_eq!(by_text.facts_in(10, 30).len(), 2);
    assert_eq!(by_text.facts.len(), by_text.entries().len());
    // Loading the same shards again adds nothing; a text that is not an object is an error.
    assert_eq!(by_text.load_json(&text, 100).ok(), Some((3, 1)));
    assert!(by_text.load_json("[1, 2]", 100).is_err());
}
