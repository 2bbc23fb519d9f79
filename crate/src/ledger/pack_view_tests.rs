//! A task read from its pack without its record: what the load reads of it (its head) is what
//! its whole view holds, and a record is made only for the tasks something asks for.

use super::pack::{pack_bytes, stamp, TaskPack};
use super::pack_tests::{catalogue, packs_of, stored, DAY0, M};
use super::*;

#[test]
fn a_packed_tasks_head_is_its_view_read_in_short() {
    // What the load reads of each task without its record (`Reader::head`, strings as indices)
    // follows the record's layout field for field: the same values as the whole view's.
    let stored = stored();
    let packs = packs_of(&stored);
    let mut seen = 0;
    for (key, text) in packs.iter().filter(|(k, _)| k.starts_with("tasks/")) {
        let bytes = pack_bytes(text.as_bytes()).unwrap_or_default();
        let place = (0, bytes.len());
        let bytes = std::rc::Rc::new(bytes.into_boxed_slice());
        let read = TaskPack::read(key, &bytes, place, stamp(stored.get("shards"), key));
        let Some((pack, at)) = read else {
            panic!("{key} does not read")
        };
        for (offset, started_at) in at {
            let (Some(v), Some(h)) = (pack.view(offset), pack.head(offset)) else {
                panic!("{key} at {offset} does not read")
            };
            let s = |i: Option<u32>| i.and_then(|i| pack.string(i));
            let pay =
                |m: Option<(i64, u32)>| m.map(|(minor, c)| (minor, s(Some(c)).map(String::from)));
            let of_view = |m: &Option<crate::model::Money>| {
                m.as_ref()
                    .map(|m| (m.minor, Some(m.currency.code().to_string())))
            };
            assert_eq!(
                (s(h.session), s(h.platform), s(h.task_type)),
                (v.session_id, v.platform_id, v.task_type_id)
            );
            assert_eq!((h.started_at, started_at), (v.started_at, v.started_at));
            assert_eq!(
                (
                    h.submitted_at,
                    h.reviewed_at,
                    h.pay_expected_at,
                    h.duration_ms
                ),
                (
                    v.submitted_at,
                    v.reviewed_at,
                    v.pay_expected_at,
                    v.duration_ms
                )
            );
            assert_eq!(
                (h.status, h.pay_status, h.is_bonus),
                (v.status, v.pay_status, v.is_bonus)
            );
            assert_eq!(pay(h.expected), of_view(&v.pay_expected));
            assert_eq!(pay(h.confirmed), of_view(&v.pay_confirmed));
            seen += 1;
        }
    }
    assert_eq!(seen, 41, "every live task of March and April");
}

#[test]
fn records_are_made_only_for_the_tasks_asked_for() {
    let stored = stored();
    let now = DAY0 + 240 * M;
    let packs = packs_of(&stored);
    let keys: Vec<String> = packs.keys().cloned().collect();
    let joined = packs.values().cloned().collect::<Vec<_>>().join("\n");
    let mut l = Ledger::new();
    assert!(l.load_json(&catalogue(&stored), now).is_ok());
    assert!(l
        .load_packs(stored.get("shards"), &keys, joined.as_bytes(), now)
        .is_empty());
    let made = |l: &Ledger| {
        l.entries()
            .iter()
            .filter(|e| e.task.get().is_some())
            .count()
    };
    assert_eq!(made(&l), 0, "a load from packs makes no record");
    // A report reads the facts only; a page of 5 rows makes those 5.
    let q = ReportQuery {
        from: DAY0,
        to: now,
        zone: crate::timing::zone::ZoneOffsets::utc(),
        group_by: GroupBy::Platform,
        min_sample: None,
        currency: crate::model::Currency::default(),
    };
    assert!(!l.report(&q).totals.is_empty());
    assert_eq!(made(&l), 0, "a report makes no record");
    let page = l.page(&PageQuery {
        limit: Some(5),
        ..PageQuery::default()
    });
    assert_eq!(page.rows.len(), 5);
    assert_eq!(made(&l), 5, "the page's rows only");
}

#[test]
fn a_pack_holds_its_tasks_by_start_then_id() {
    // The load's order: a load of months in order is then a few sorted runs, and the facts are
    // read from each pack front to back. Ids in another order than starts, and a tie on start.
    let task = |id: &str, started: i64| {
        serde_json::json!({"id": id, "createdAt": DAY0, "updatedAt": DAY0, "startedAt": started,
            "status": "submitted"})
    };
    let shard: serde_json::Map<String, serde_json::Value> = [
        ("tsk_a", DAY0 + 9 * M),
        ("tsk_b", DAY0 + 2 * M),
        ("tsk_c", DAY0 + 2 * M),
        ("tsk_d", DAY0 - 5 * M),
        ("tsk_e", DAY0 + 7 * M),
    ]
    .into_iter()
    .map(|(id, at)| (id.to_string(), task(id, at)))
    .collect();
    let mut stored = crate::storage::Snapshot::new();
    stored.insert("tasks/2026-03".into(), serde_json::Value::Object(shard));
    stored.insert(
        "shards".into(),
        serde_json::json!({"tasks": {"2026-03": 5}}),
    );
    let text = serde_json::to_string(&stored).unwrap_or_default();
    let packs = super::pack::pack_shards(&text, stored.get("shards")).unwrap_or_default();
    let pack = packs
        .get("ledgerPack/tasks/2026-03")
        .cloned()
        .unwrap_or_default();
    let bytes = pack_bytes(pack.as_bytes()).unwrap_or_default();
    let place = (0, bytes.len());
    let bytes = std::rc::Rc::new(bytes.into_boxed_slice());
    let key = "tasks/2026-03";
    let Some((pack, at)) = TaskPack::read(key, &bytes, place, stamp(stored.get("shards"), key))
    else {
        panic!("the pack does not read")
    };
    let ids: Vec<&str> = at
        .iter()
        .filter_map(|&(offset, _)| pack.view(offset).map(|v| v.id))
        .collect();
    assert_eq!(ids, ["tsk_d", "tsk_b", "tsk_c", "tsk_e", "tsk_a"]);
}
