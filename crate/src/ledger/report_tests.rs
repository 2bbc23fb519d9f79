//! Every figure of the overview on one small fixture, worked out by hand in the comments.

use super::*;
use crate::storage::Snapshot;
use crate::timing::zone::ZoneOffsets;
use serde_json::{json, Value};

const H: i64 = 3_600_000;
const M: i64 = 60_000;
/// 2026-03-16T00:00:00Z, a Monday (ISO week 2026-W12).
const DAY0: i64 = 1_773_619_200_000;

fn at(h: i64, m: i64) -> i64 {
    DAY0 + h * H + m * M
}

fn usd(minor: i64) -> Value {
    json!({"minor": minor, "currency": "USD"})
}

fn task(id: &str, extra: Value) -> (String, Value) {
    let mut v = json!({"id": id, "createdAt": DAY0, "updatedAt": DAY0});
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    (id.to_string(), v)
}

/// The fixture:
/// - session s1 on Outlier / Pairwise, 09:00–11:00 UTC, idle 10:00–10:30 kept:
///   wall 2 h, active 1.5 h, setup 09:00–09:10;
///   laps t1 09:10–09:40 (active 30 min), t2 09:40–10:40 (20 + 10 = 30 min active: the idle
///   half hour is not work), t3 10:40–11:00 (20 min);
/// - t4: an Outlier mission reward of $20 (a bonus, no time);
/// - t5: a DataAnnotation task added by hand, 60 minutes, no task type.
fn fixture() -> Ledger {
    let mut l = Ledger::new();
    let session = json!({"id": "ses_1", "createdAt": at(9, 0), "updatedAt": at(11, 0),
        "platformId": "plt_o", "taskTypeId": "tty_p", "startedAt": at(9, 0), "endedAt": at(11, 0),
        "events": [{"kind": "start", "at": at(9, 0)}, {"kind": "idle", "at": at(10, 0)},
            {"kind": "active", "at": at(10, 30)}, {"kind": "stop", "at": at(11, 0)}]});
    let lap = |id: &str, from, to, extra: Value| {
        let mut v = json!({"sessionId": "ses_1", "platformId": "plt_o", "taskTypeId": "tty_p",
            "startedAt": from, "submittedAt": to});
        if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        task(id, v)
    };
    let tasks: serde_json::Map<String, Value> = [
        lap(
            "tsk_1",
            at(9, 10),
            at(9, 40),
            json!({"status": "approved", "payConfirmed": usd(1500), "payStatus": "paid"}),
        ),
        lap(
            "tsk_2",
            at(9, 40),
            at(10, 40),
            json!({"status": "rejected", "payExpected": usd(1500),
            "criteriaCited": ["accuracy"]}),
        ),
        lap(
            "tsk_3",
            at(10, 40),
            at(11, 0),
            json!({"status": "approved", "payConfirmed": usd(1000),
            "payStatus": "approved", "payExpectedAt": at(48, 0)}),
        ),
        task(
            "tsk_4",
            json!({"platformId": "plt_o", "startedAt": at(12, 0), "status": "approved",
            "isBonus": true, "payConfirmed": usd(2000)}),
        ),
        task(
            "tsk_5",
            json!({"platformId": "plt_d", "startedAt": at(14, 0), "status": "approved",
            "durationMs": H, "payConfirmed": usd(3000), "payStatus": "paid"}),
        ),
    ]
    .into_iter()
    .collect();
    let meta = |id: &str| json!({"id": id, "createdAt": 0, "updatedAt": 0});
    let platform = |id: &str, name: &str| {
        let mut p = meta(id);
        if let Some(o) = p.as_object_mut() {
            o.insert("name".into(), json!(name));
            o.insert("payModel".into(), json!("hourly"));
        }
        (id.to_string(), p)
    };
    let platforms: serde_json::Map<String, Value> = [
        platform("plt_o", "Outlier"),
        platform("plt_d", "DataAnnotation"),
    ]
    .into_iter()
    .collect();
    let stored: Snapshot = [
        ("sessions/2026-03".to_string(), json!({"ses_1": session})),
        ("tasks/2026-03".to_string(), Value::Object(tasks)),
        ("platforms".to_string(), Value::Object(platforms)),
        (
            "taskTypes".to_string(),
            json!({"tty_p": {"id": "tty_p", "createdAt": 0, "updatedAt": 0,
            "platformId": "plt_o", "name": "Pairwise", "timeCapMs": 25 * M}}),
        ),
    ]
    .into_iter()
    .collect();
    l.load(&stored, at(23, 0));
    l
}

fn query(group_by: GroupBy) -> ReportQuery {
    ReportQuery {
        from: DAY0,
        to: DAY0 + 24 * H,
        zone: ZoneOffsets::utc(),
        group_by,
        min_sample: Some(2),
        currency: Default::default(),
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

#[test]
fn the_totals_of_the_range() {
    let r = fixture().report(&query(GroupBy::Platform));
    assert_eq!(r.totals.len(), 1, "one currency");
    let t = &r.totals[0];
    // Tasks: t1, t2, t3, t5 (the bonus t4 is money, not a task). Verdicts: 3 approved, 1 rejected.
    assert_eq!((t.tasks, t.approved, t.rejected), (4, 3, 1));
    assert!(close(t.approval_rate, 0.75), "3 ÷ (3 + 1)");
    // Confirmed: 15 + 10 + 20 (bonus) + 30 = $75; expected: t2's $15, shown apart.
    assert_eq!((t.confirmed, t.bonus, t.expected), (7500, 2000, 1500));
    // Wall: the session's 2 h + t5's 1 h = 3 h; active: 1.5 h + 1 h = 2.5 h.
    assert_eq!((t.wall_ms, t.active_ms), (3 * H, 5 * H / 2));
    // Effective: 7500 ÷ 3 h = 2500/h ($25.00/h); base: (7500 − 2000) ÷ 3 = 1833.33/h;
    // active: 7500 ÷ 2.5 h = 3000/h.
    assert!(close(t.effective_rate, 2500.0));
    assert!(close(t.base_rate, 5500.0 / 3.0));
    assert!(close(t.active_rate, 3000.0));
    // Pay status (confirmed, else expected): pending t2 1500 + t4 2000 = 3500; approved t3 1000;
    // paid t1 1500 + t5 3000 = 4500. The next money expected: t3's date.
    assert_eq!((t.pending, t.pay_approved, t.paid), (3500, 1000, 4500));
    assert_eq!(t.next_pay_at, Some(at(48, 0)));
}

#[test]
fn by_platform_and_by_week() {
    let r = fixture().report(&query(GroupBy::Platform));
    let names: Vec<&str> = r.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(names, ["DataAnnotation", "Outlier"]);
    let o = &r.groups[1];
    // Outlier: 4500 confirmed (2000 of it bonus) over the session's 2 h wall and 1.5 h active:
    // effective 2250/h, base 2500 ÷ 2 = 1250/h, active 4500 ÷ 1.5 = 3000/h.
    assert_eq!((o.confirmed, o.bonus, o.wall_ms), (4500, 2000, 2 * H));
    assert!(
        close(o.effective_rate, 2250.0)
            && close(o.base_rate, 1250.0)
            && close(o.active_rate, 3000.0)
    );
    let d = &r.groups[0];
    assert!(close(d.effective_rate, 3000.0), "3000 over 1 h");
    // One ISO week holds it all.
    assert_eq!(
        r.weeks.iter().map(|w| w.key.as_str()).collect::<Vec<_>>(),
        ["2026-W12"]
    );
    assert_eq!(r.weeks[0].confirmed, 7500);
    // The trend: each platform's effective rate that week, platforms by name.
    let trend: Vec<(&str, Option<f64>)> = r
        .platform_weeks
        .iter()
        .map(|p| (p.platform_name.as_str(), p.effective_rate))
        .collect();
    assert_eq!(
        trend,
        [("DataAnnotation", Some(3000.0)), ("Outlier", Some(2250.0))]
    );
    // By day and month: the same totals, under the local date.
    let days = fixture().report(&query(GroupBy::Day)).groups;
    assert_eq!(
        (days.len(), days[0].key.as_str(), days[0].confirmed),
        (1, "2026-03-16", 7500)
    );
    let months = fixture().report(&query(GroupBy::Month)).groups;
    assert_eq!(months[0].key, "2026-03");
}

#[test]
fn earnings_per_minute_caps_and_rejections() {
    let r = fixture().report(&query(GroupBy::TaskType));
    // Pairwise: t1 $15 in 30 min + t3 $10 in 20 min = 2500 ÷ 50 min = 50/min, sample 2 → ranked.
    // No task type: t5 $30 in 60 min = 50/min, sample 1 < 2 → no rank. (t2 has no confirmed pay.)
    let pm: Vec<(&str, u32, f64, Option<u32>)> = r
        .per_minute
        .iter()
        .map(|p| (p.task_type_name.as_str(), p.sample, p.per_minute, p.rank))
        .collect();
    assert_eq!(
        pm,
        [
            ("Pairwise", 2, 50.0, Some(1)),
            ("No task type", 1, 50.0, None)
        ]
    );
    // Cap 25 min: t1 30 and t2 30 are over, t3 20 is not; average (30 + 30 + 20) ÷ 3 = 26 min 40 s.
    assert_eq!(r.caps.len(), 1);
    let c = &r.caps[0];
    assert_eq!((c.timed, c.over, c.average_ms), (3, 2, 26 * M + 40_000));
    // Rejections: accuracy once, on Pairwise.
    assert_eq!(r.rejections.len(), 1);
    assert_eq!(
        (r.rejections[0].criterion.as_str(), r.rejections[0].count),
        ("accuracy", 1)
    );
    assert_eq!(r.rejections[0].task_type_name, "Pairwise");
}

#[test]
fn a_range_that_misses_everything_is_empty_and_a_new_york_day_moves_the_cut() {
    let mut q = query(GroupBy::Day);
    q.from = DAY0 + 24 * H;
    q.to = DAY0 + 48 * H;
    let r = fixture().report(&q);
    assert!(r.totals.is_empty() && r.groups.is_empty() && r.per_minute.is_empty());
    // In New York (UTC−4 on 2026-03-16, after the 8 March switch) the 14:00 UTC task is on the
    // same local day; the range of that local day starts at 04:00 UTC.
    let mut q = query(GroupBy::Day);
    q.zone = ZoneOffsets::fixed(-240).unwrap_or_default();
    q.from = DAY0 + 4 * H;
    q.to = DAY0 + 28 * H;
    let r = fixture().report(&q);
    assert_eq!(r.groups[0].key, "2026-03-16");
    assert_eq!(r.groups[0].confirmed, 7500);
}

#[test]
fn the_table_filters_sorts_and_pages() {
    let l = fixture();
    let page = l.page(&PageQuery {
        sort: SortKey::Pay,
        desc: true,
        limit: Some(2),
        ..Default::default()
    });
    assert_eq!(page.total, 5);
    // Pay (confirmed, else expected): t5 3000, t4 2000, then t1 and t2 1500 each.
    let ids: Vec<&str> = page.rows.iter().map(|r| r.task.meta.id.as_str()).collect();
    assert_eq!(ids, ["tsk_5", "tsk_4"]);
    let next = l.page(&PageQuery {
        sort: SortKey::Pay,
        desc: true,
        offset: 2,
        limit: Some(2),
        ..Default::default()
    });
    assert_eq!(next.rows.len(), 2);
    let rejected = l.page(&PageQuery {
        status: Some(crate::model::TaskStatus::Rejected),
        ..Default::default()
    });
    assert_eq!(rejected.total, 1);
    assert_eq!(
        rejected.rows[0].time_ms,
        Some(30 * M),
        "the lap's active time"
    );
    let text = l.page(&PageQuery {
        text: Some("ACCUR".into()),
        ..Default::default()
    });
    assert_eq!(text.total, 1);
    assert_eq!(
        l.page(&PageQuery {
            platform_id: Some("plt_d".into()),
            ..Default::default()
        })
        .rows[0]
            .platform_name
            .as_deref(),
        Some("DataAnnotation")
    );
}

#[test]
fn exports_read_back_with_every_value() {
    let l = fixture();
    let read = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .filter_map(|r| r.ok())
            .map(|r| r.iter().map(String::from).collect())
            .collect()
    };
    // Toggl: one session, 09:00–11:00, 2 h of time (no idle discarded), $25.00 of laps' pay.
    let toggl = l
        .toggl_csv(DAY0, DAY0 + 24 * H, &ZoneOffsets::utc())
        .unwrap_or_default();
    assert!(toggl.starts_with(&TOGGL_HEADER.join(",")));
    let rows = read(&toggl);
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][2..4], ["Outlier", "Pairwise"]);
    assert_eq!(
        &rows[0][7..14],
        [
            "2026-03-16",
            "09:00:00",
            "2026-03-16",
            "11:00:00",
            "2:00:00",
            "rubrica",
            "25.00"
        ]
    );
    // Clockify: the same, with decimal hours and the rate 25.00 ÷ 2 h = 12.50.
    let rows = read(
        &l.clockify_csv(DAY0, DAY0 + 24 * H, &ZoneOffsets::utc())
            .unwrap_or_default(),
    );
    assert_eq!(&rows[0][13..17], ["2:00:00", "2.00", "12.50", "25.00"]);
    // Tasks: every task, every field; a rejected task's criteria and the bonus flag survive.
    let rows = read(&l.tasks_csv(DAY0, DAY0 + 24 * H).unwrap_or_default());
    assert_eq!(rows.len(), 5);
    let t2 = rows
        .iter()
        .find(|r| r[0] == "tsk_2")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (
            t2[7].as_str(),
            t2[8].as_str(),
            t2[18].as_str(),
            t2[20].as_str()
        ),
        ("rejected", "15.00", "accuracy", "1800000")
    );
    let t4 = rows
        .iter()
        .find(|r| r[0] == "tsk_4")
        .cloned()
        .unwrap_or_default();
    assert_eq!((t4[9].as_str(), t4[11].as_str()), ("20.00", "true"));
}
