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

#[test]
fn every_sort_reads_its_facts_as_a_sort_of_the_records_would() {
    // 30 tasks on two platforms (one named "Alpha", one unknown to the catalogue), with and
    // without pay, time and an external id, some starting together: each sort key's page is the
    // records sorted by that key, then start, then id.
    let tasks: serde_json::Map<String, Value> = (0..30i64)
        .map(|i| {
            let id = format!("tsk_{:02}", (i * 11) % 30);
            let at = DAY0 + (i % 7) * H;
            let status = ["approved", "rejected", "submitted"][(i % 3) as usize];
            let mut task = json!({"id": id, "createdAt": at, "updatedAt": at, "startedAt": at,
                "status": status,
                "platformId": if i % 2 == 0 { "plt_a" } else { "plt_z" },
                "taskTypeId": if i % 4 < 2 { "tty_b" } else { "tty_c" }});
            if i % 5 != 0 {
                task["payConfirmed"] = json!({"minor": 100 + (i * 37) % 400, "currency": "USD"});
            }
            if i % 3 != 0 {
                task["durationMs"] = json!(60_000 + (i * 13 % 7) * 1000);
            }
            if i % 4 != 0 {
                task["externalId"] = json!(format!("ext-{}", (i * 7) % 9));
            }
            (id, task)
        })
        .collect();
    let snapshot: Snapshot = serde_json::from_value(json!({
        "tasks/2026-03": tasks,
        "platforms": {"plt_a": {"id": "plt_a", "createdAt": 0, "updatedAt": 0, "name": "Alpha",
            "payModel": "hourly"}},
        "taskTypes": {"tty_b": {"id": "tty_b", "createdAt": 0, "updatedAt": 0, "platformId": "plt_a",
            "name": "Beta", "rates": []}, "tty_c": {"id": "tty_c", "createdAt": 0, "updatedAt": 0,
            "platformId": "plt_a", "name": "Alpha type", "rates": []}}
    }))
    .unwrap_or_default();
    let mut l = Ledger::new();
    l.load(&snapshot, DAY0 + 30 * H);
    assert_eq!(l.entries().len(), 30);
    let pay = |t: &crate::model::Task| {
        (t.pay_confirmed.as_ref().or(t.pay_expected.as_ref())).map(|m| m.minor)
    };
    let platform = |t: &crate::model::Task| match t.platform_id.as_deref() {
        Some("plt_a") => Some("Alpha"),
        _ => None,
    };
    let task_type = |t: &crate::model::Task| match t.task_type_id.as_deref() {
        Some("tty_b") => Some("Beta"),
        Some("tty_c") => Some("Alpha type"),
        _ => None,
    };
    for sort in [
        SortKey::Status,
        SortKey::Platform,
        SortKey::TaskType,
        SortKey::Pay,
        SortKey::Time,
        SortKey::ExternalId,
    ] {
        for desc in [false, true] {
            let mut all: Vec<(&crate::model::Task, Option<i64>)> = (l.entries().iter())
                .zip(&l.facts)
                .filter_map(|(e, f)| Some((l.task(e)?, f.time_ms.get())))
                .collect();
            all.sort_by(|(a, at), (b, bt)| {
                let o = match sort {
                    SortKey::Status => (a.status as u8).cmp(&(b.status as u8)),
                    SortKey::Platform => platform(a).cmp(&platform(b)),
                    SortKey::TaskType => task_type(a).cmp(&task_type(b)),
                    SortKey::Pay => pay(a).cmp(&pay(b)),
                    SortKey::Time => at.cmp(bt),
                    _ => a.external_id.cmp(&b.external_id),
                }
                .then(a.started_at.cmp(&b.started_at))
                .then(a.meta.id.cmp(&b.meta.id));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
            let want: Vec<&str> = all
                .iter()
                .take(12)
                .map(|(t, _)| t.meta.id.as_str())
                .collect();
            let page = l.page(&PageQuery {
                sort,
                desc,
                limit: Some(12),
                ..Default::default()
            });
            let got: Vec<&str> = page.rows.iter().map(|r| r.task.meta.id.as_str()).collect();
            assert_eq!(got, want, "{sort:?} desc {desc}");
        }
    }
}
