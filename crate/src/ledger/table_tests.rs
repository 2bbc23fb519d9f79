//! The task table's pages by start, read off the ordered entries, checked against a full sort.

use super::*;
use crate::storage::Snapshot;
use serde_json::{json, Value};

const H: i64 = 3_600_000;
/// 2026-03-16T00:00:00Z.
const DAY0: i64 = 1_773_619_200_000;

#[test]
fn pages_by_start_are_read_off_the_sorted_ledger_as_a_full_sort_would_give_them() {
    // 40 tasks, four to each start time (ties ordered by id), loaded out of order.
    let tasks: serde_json::Map<String, Value> = (0..40)
        .map(|i| {
            let id = format!("tsk_{:02}", (i * 7) % 40);
            let at = DAY0 + (i % 10) * H;
            let status = if i % 3 == 0 { "rejected" } else { "approved" };
            let task = json!({"id": id, "createdAt": at, "updatedAt": at, "startedAt": at,
                "status": status, "durationMs": 60_000 + i * 1000});
            (id, task)
        })
        .collect();
    let snapshot: Snapshot =
        serde_json::from_value(json!({ "tasks/2026-03": tasks })).unwrap_or_default();
    let mut l = Ledger::new();
    l.load(&snapshot, DAY0 + 30 * H);
    // What the page must be: every task in range, fully sorted by (start, id), then cut.
    let expected = |from: i64, to: i64, desc: bool, offset: usize, limit: usize| {
        let mut all: Vec<(i64, String)> = (l.entries().iter())
            .filter_map(|e| l.task(e).map(|t| (e.started_at, t.meta.id.clone())))
            .filter(|(at, _)| *at >= from && *at < to)
            .collect();
        all.sort();
        if desc {
            all.reverse();
        }
        let ids: Vec<String> = all
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(_, id)| id)
            .collect();
        ids
    };
    for (from, to) in [
        (DAY0, DAY0 + 10 * H),
        (DAY0 + 2 * H, DAY0 + 5 * H),
        (DAY0 + 20 * H, DAY0 + 21 * H),
    ] {
        for desc in [false, true] {
            for (offset, limit) in [(0, 100), (3, 5), (38, 5)] {
                let page = l.page(&PageQuery {
                    from: Some(from),
                    to: Some(to),
                    desc,
                    offset: offset as u32,
                    limit: Some(limit as u32),
                    ..Default::default()
                });
                let ids: Vec<String> = page.rows.iter().map(|r| r.task.meta.id.clone()).collect();
                assert_eq!(
                    ids,
                    expected(from, to, desc, offset, limit),
                    "{from} {to} {desc} {offset}"
                );
                let in_range = expected(from, to, desc, 0, 1000).len();
                assert_eq!(page.total, in_range);
            }
        }
    }
    // A filtered page by start keeps the same order.
    let rejected = l.page(&PageQuery {
        status: Some(crate::model::TaskStatus::Rejected),
        desc: true,
        ..Default::default()
    });
    assert_eq!(rejected.total, 14);
    let starts: Vec<i64> = rejected.rows.iter().map(|r| r.task.started_at).collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "{starts:?}");
}
