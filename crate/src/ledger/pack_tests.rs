//! Ledger packs: a book loaded from packs answers every report and page exactly as one loaded
//! from the shards; a pack that is broken, of another shard or stale is refused, never used.

use super::pack::{pack_key, pack_shards, read_pack, stamp, Packed};
use super::*;
use crate::storage::Snapshot;
use crate::timing::zone::ZoneOffsets;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub(super) const M: i64 = 60_000;
/// 2026-03-16T00:00:00Z.
pub(super) const DAY0: i64 = 1_773_619_200_000;

/// Two months of sessions and tasks with every field a task can hold, a record that cannot be
/// read, deleted ones, a running session and a discarded idle span.
pub(super) fn stored() -> Snapshot {
    let worksheet = json!({"rubricId": "rub_1", "rubricName": "Common rubric", "scale": [1, 5],
        "scores": [{"key": "accuracy", "name": "Accuracy", "a": 2, "b": 5, "evidence": "A misdates it"}],
        "winner": "b", "decidedBy": "priority", "criterion": "accuracy",
        "totalA": 0.1 + 0.2, "totalB": 1.0 / 3.0, "draft": "Response B is better.", "savedAt": DAY0 + 9});
    let mut march = serde_json::Map::new();
    for i in 0..40i64 {
        let at = DAY0 + i * 7 * M;
        let status = [
            "approved",
            "rejected",
            "submitted",
            "revision",
            "inProgress",
        ][i as usize % 5];
        let pay_status = ["pending", "approved", "paid"][i as usize % 3];
        let mut t = json!({"id": format!("tsk_{i:03}"), "createdAt": at, "updatedAt": at + i,
            "sessionId": format!("ses_{}", i % 3), "platformId": format!("plt_{}", i % 2),
            "taskTypeId": "tty_p", "startedAt": at, "submittedAt": at + 5 * M, "status": status,
            "payStatus": pay_status, "isBonus": i % 13 == 0});
        let extra = match i % 4 {
            0 => json!({"payConfirmed": {"minor": 1000 + i, "currency": "USD"}, "paidAt": at + 99}),
            1 => {
                json!({"payExpected": {"minor": 700, "currency": "JPY"}, "criteriaCited": ["accuracy", "tone"],
                "feedback": "Cite the criterion. ünïcode ✓", "reviewedAt": at + 60 * M})
            }
            2 => json!({"notes": "mine", "externalId": format!("ext-{i}"), "durationMs": 12 * M,
                "importKey": format!("outlier:{i}"), "payExpectedAt": at + 1, "payApprovedAt": at + 2,
                "justificationId": "jst_1"}),
            _ => {
                json!({"worksheet": worksheet.clone(), "payExpected": {"minor": -5, "currency": "EUR"}})
            }
        };
        if let (Some(o), Some(e)) = (t.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        march.insert(format!("tsk_{i:03}"), t);
    }
    march.insert(
        "tsk_del".into(),
        json!({"id": "tsk_del", "createdAt": DAY0, "updatedAt": DAY0,
        "deletedAt": DAY0 + 1, "startedAt": DAY0, "status": "approved"}),
    );
    march.insert(
        "tsk_bad".into(),
        json!({"id": "tsk_bad", "createdAt": 1, "updatedAt": 1, "startedAt": "soon"}),
    );
    let ev = |kind: &str, at: i64| json!({"kind": kind, "at": at});
    let sessions = json!({
        "ses_0": {"id": "ses_0", "createdAt": DAY0, "updatedAt": DAY0, "platformId": "plt_0",
            "taskTypeId": "tty_p", "startedAt": DAY0, "endedAt": DAY0 + 120 * M,
            "events": [ev("start", DAY0), ev("idle", DAY0 + 30 * M), ev("active", DAY0 + 40 * M),
                {"kind": "discard", "at": DAY0 + 50 * M, "from": DAY0 + 30 * M}, ev("stop", DAY0 + 120 * M)]},
        "ses_1": {"id": "ses_1", "createdAt": DAY0 + 200 * M, "updatedAt": DAY0, "platformId": "plt_1",
            "startedAt": DAY0 + 200 * M, "lastActivityAt": DAY0 + 230 * M,
            "pendingIdleFrom": DAY0 + 210 * M, "pendingIdleTo": DAY0 + 220 * M,
            "events": [ev("start", DAY0 + 200 * M), ev("pause", DAY0 + 205 * M), ev("resume", DAY0 + 206 * M),
                ev("locked", DAY0 + 207 * M), ev("active", DAY0 + 208 * M)]},
        "ses_2": {"id": "ses_2", "createdAt": DAY0, "updatedAt": DAY0, "deletedAt": DAY0 + 3,
            "startedAt": DAY0, "events": []}
    });
    let april = json!({"tsk_apr": {"id": "tsk_apr", "createdAt": DAY0 + 20 * 86_400_000,
        "updatedAt": DAY0 + 20 * 86_400_000, "startedAt": DAY0, "status": "approved",
        "payConfirmed": {"minor": 5, "currency": "USD"}, "durationMs": M}});
    serde_json::from_value(json!({
        "tasks/2026-03": march, "tasks/2026-04": april, "sessions/2026-03": sessions,
        "shards": {"tasks": {"2026-03": 41, "2026-04": 1}, "sessions": {"2026-03": 2}},
        "platforms": {"plt_0": {"id": "plt_0", "createdAt": 0, "updatedAt": 0, "name": "Outlier", "payModel": "hourly"}},
        "taskTypes": {"tty_p": {"id": "tty_p", "createdAt": 0, "updatedAt": 0, "platformId": "plt_0",
            "name": "Pairwise", "timeCapMs": 6 * M}}
    }))
    .unwrap_or_default()
}

const SHARDS: [&str; 3] = ["sessions/2026-03", "tasks/2026-03", "tasks/2026-04"];

/// `{shardKey: packText}` of the stored shards, stamped from the stored index.
pub(super) fn packs_of(stored: &Snapshot) -> BTreeMap<String, String> {
    let text = serde_json::to_string(stored).unwrap_or_default();
    let packs = pack_shards(&text, stored.get("shards")).unwrap_or_default();
    SHARDS
        .iter()
        .map(|k| {
            let pack = pack_key(k).and_then(|p| packs.get(&p).cloned());
            (k.to_string(), pack.unwrap_or_default())
        })
        .collect()
}

pub(super) fn catalogue(stored: &Snapshot) -> String {
    let only: Snapshot = stored
        .iter()
        .filter(|(k, _)| !k.contains('/'))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    serde_json::to_string(&only).unwrap_or_default()
}

/// Everything the dashboard asks of a book, as JSON values.
fn answers(l: &Ledger) -> Vec<Value> {
    let mut out = Vec::new();
    for group_by in GroupBy::ALL {
        let q = ReportQuery {
            from: DAY0 - 86_400_000,
            to: DAY0 + 40 * 86_400_000,
            zone: ZoneOffsets::utc(),
            group_by,
            min_sample: Some(2),
            currency: Default::default(),
        };
        out.push(serde_json::to_value(l.report(&q)).unwrap_or_default());
    }
    for sort in [
        SortKey::StartedAt,
        SortKey::Pay,
        SortKey::Time,
        SortKey::Status,
        SortKey::ExternalId,
    ] {
        for desc in [false, true] {
            let q = PageQuery {
                sort,
                desc,
                limit: Some(500),
                ..PageQuery::default()
            };
            out.push(serde_json::to_value(l.page(&q)).unwrap_or_default());
        }
    }
    out
}

#[test]
fn a_book_from_packs_answers_as_one_from_shards() {
    let stored = stored();
    let now = DAY0 + 240 * M;
    let mut by_shards = Ledger::new();
    let text = serde_json::to_string(&stored).unwrap_or_default();
    assert!(by_shards.load_json(&text, now).is_ok());
    assert_eq!(
        by_shards.entries().len(),
        41,
        "40 tasks of March and April's one"
    );

    let packs = packs_of(&stored);
    let keys: Vec<String> = packs.keys().cloned().collect();
    let joined = packs.values().cloned().collect::<Vec<_>>().join("\n");
    let mut by_packs = Ledger::new();
    assert!(by_packs.load_json(&catalogue(&stored), now).is_ok());
    let rest = by_packs.load_packs(stored.get("shards"), &keys, joined.as_bytes(), now);
    assert_eq!(rest, Vec::<String>::new(), "every pack read");
    assert_eq!(answers(&by_packs), answers(&by_shards));
    // The same packs as bytes (base64 decoded by the page), one after another with their lengths.
    let decoded: Vec<Vec<u8>> = packs
        .values()
        .map(|p| super::pack::pack_bytes(p.as_bytes()).unwrap_or_default())
        .collect();
    let lengths: Vec<u32> = decoded.iter().map(|b| b.len() as u32).collect();
    let mut by_bytes = Ledger::new();
    assert!(by_bytes.load_json(&catalogue(&stored), now).is_ok());
    let rest = by_bytes.load_pack_bytes(
        stored.get("shards"),
        &keys,
        &decoded.concat(),
        &lengths,
        now,
    );
    assert_eq!(rest, Vec::<String>::new(), "every pack read from its bytes");
    assert_eq!(answers(&by_bytes), answers(&by_shards));
    // Lengths that run past the bytes, or are missing, refuse those packs (read as shards).
    let mut short = Ledger::new();
    let cut = &lengths[..lengths.len() - 1];
    let rest = short.load_pack_bytes(
        stored.get("shards"),
        &keys,
        &decoded.concat()[..10],
        cut,
        now,
    );
    assert_eq!(rest, keys, "none fits in 10 bytes, the last has no length");
    // Record for record, the typed tasks are the same (floats bit for bit, worksheet included).
    let tasks = |l: &Ledger| {
        l.entries()
            .iter()
            .filter_map(|e| l.task(e).cloned())
            .collect::<Vec<_>>()
    };
    assert_eq!(tasks(&by_packs), tasks(&by_shards));
    assert_eq!(by_packs.sessions, by_shards.sessions);
    // Loading the same packs again adds nothing.
    assert_eq!(
        by_packs
            .load_packs(stored.get("shards"), &keys, joined.as_bytes(), now)
            .len(),
        0
    );
    assert_eq!(answers(&by_packs), answers(&by_shards));
}

#[test]
fn a_bad_or_stale_pack_is_refused_and_its_shard_read_instead() {
    let stored = stored();
    let now = DAY0 + 240 * M;
    let packs = packs_of(&stored);
    let march = packs.get("tasks/2026-03").cloned().unwrap_or_default();
    assert!(read_pack("tasks/2026-03", march.as_bytes(), Some(41)).is_some());
    // Stale: the index counts another number of tasks (a writer added one without its pack).
    assert!(read_pack("tasks/2026-03", march.as_bytes(), Some(42)).is_none());
    assert!(read_pack("tasks/2026-03", march.as_bytes(), None).is_none());
    // Another shard's pack, a session shard's key, cut short, garbage, empty.
    assert!(read_pack("tasks/2026-04", march.as_bytes(), Some(41)).is_none());
    assert!(read_pack("sessions/2026-03", march.as_bytes(), Some(41)).is_none());
    for cut in [march.len() / 2, march.len() - 1, 7] {
        assert!(read_pack("tasks/2026-03", &march.as_bytes()[..cut], Some(41)).is_none());
    }
    for junk in ["", "not base64!", "UkxQMQ", "{\"tsk_1\": {}}"] {
        assert!(read_pack("tasks/2026-03", junk.as_bytes(), Some(41)).is_none());
    }
    // In a book: the stale March pack is refused, April's and the sessions' are read; the
    // shard read after gives the same answers as shards alone.
    let mut index = stored.get("shards").cloned().unwrap_or_default();
    index["tasks"]["2026-03"] = json!(42);
    let keys: Vec<String> = packs.keys().cloned().collect();
    let joined = packs.values().cloned().collect::<Vec<_>>().join("\n");
    let mut book = Ledger::new();
    assert!(book.load_json(&catalogue(&stored), now).is_ok());
    assert_eq!(
        book.load_packs(Some(&index), &keys, joined.as_bytes(), now),
        ["tasks/2026-03"]
    );
    let march_only: Snapshot = stored
        .iter()
        .filter(|(k, _)| *k == "tasks/2026-03")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let text = serde_json::to_string(&march_only).unwrap_or_default();
    assert!(book.load_json(&text, now).is_ok());
    let mut by_shards = Ledger::new();
    assert!(by_shards
        .load_json(&serde_json::to_string(&stored).unwrap_or_default(), now)
        .is_ok());
    assert_eq!(answers(&book), answers(&by_shards));
    // A missing pack (fewer parts than keys) is a shard to read.
    let mut short = Ledger::new();
    assert_eq!(
        short
            .load_packs(stored.get("shards"), &keys, b"", now)
            .len(),
        3
    );
}

#[test]
fn packs_are_named_and_stamped_by_the_core() {
    assert_eq!(
        pack_key("tasks/2026-03").as_deref(),
        Some("ledgerPack/tasks/2026-03")
    );
    assert_eq!(
        pack_key("sessions/2026-03").as_deref(),
        Some("ledgerPack/sessions/2026-03")
    );
    for other in [
        "justifications/2026-03",
        "tasks",
        "settings",
        "tasks/2026-3",
    ] {
        assert_eq!(pack_key(other), None, "{other}");
    }
    let index = json!({"tasks": {"2026-03": 41}});
    assert_eq!(stamp(Some(&index), "tasks/2026-03"), Some(41));
    assert_eq!(stamp(Some(&index), "sessions/2026-03"), None);
    assert_eq!(stamp(None, "tasks/2026-03"), None);
    // A shard that is not an object packs as empty; other keys are not packed; text that is
    // not an object is an error.
    let packs = pack_shards(r#"{"tasks/2026-05": 3, "settings": {}}"#, None).unwrap_or_default();
    assert_eq!(
        packs.keys().collect::<Vec<_>>(),
        ["ledgerPack/tasks/2026-05"]
    );
    let empty = packs.values().next().cloned().unwrap_or_default();
    assert!(
        matches!(read_pack("tasks/2026-05", empty.as_bytes(), None), Some(Packed::Tasks(t)) if t.is_empty())
    );
    assert!(pack_shards("[1]", None).is_err());
}

/// An import's writes taken apart ([`NewTasks::into_parts`], the background's path): each task
/// shard's text is the shard the whole-snapshot path wrote, stored records kept as they were, and
/// each pack made from the typed records is the pack `pack_shards` makes from that text.
#[test]
fn an_imports_shard_texts_and_packs_are_what_the_snapshot_path_writes() {
    const FILE: &str = "workDate,itemID,duration,rateApplied,payout,payType,projectName,status\n\
\"2026-03-16\",\"a1\",\"1h 2m 3s\",\"$25.00/hr\",\"$25.86\",\"prod\",\"Pairwise\",\"paid\"\n\
\"2026-03-16\",\"a2\",\"45m\",\"$25.00/hr\",\"$18.75\",\"prod\",\"Pairwise\",\"pending\"\n\
\"2026-03-17\",\"\",\"\",\"\",\"$50.00\",\"missionReward\",\"\",\"paid\"\n";
    let stored = stored();
    let mut ids = crate::ids::IdGen::new([7; 16]);
    // Imported in March, beside March's stored records (one of them unreadable, some deleted).
    let plan = plan_outlier_import(&stored, FILE, &ZoneOffsets::utc(), &mut ids, DAY0 + 5 * M)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(plan.added, 3);
    let whole = plan
        .writes
        .to_snapshot()
        .unwrap_or_else(|e| panic!("{e:?}"));
    let (writes, pending) = plan.writes.into_parts().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        writes.shard_texts.keys().collect::<Vec<_>>(),
        ["tasks/2026-03"]
    );
    let text = &writes.shard_texts["tasks/2026-03"];
    let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Some(&parsed), whole.get("tasks/2026-03"));
    // Every stored record of the month is still there, unchanged.
    let kept = stored["tasks/2026-03"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (id, record) in &kept {
        assert_eq!(parsed.get(id), Some(record), "{id}");
    }
    assert_eq!(parsed.as_object().map(|m| m.len()), Some(kept.len() + 3));
    // The other keys are the snapshot path's, the index among them.
    for (key, value) in &writes.values {
        assert_eq!(whole.get(key), Some(value), "{key}");
    }
    assert!(writes.values.contains_key("shards"));
    // The packs: byte for byte what packing the text gives, stamped from the index written.
    let index = writes.values.get("shards");
    let from_text = pack_shards(&format!(r#"{{"tasks/2026-03":{text}}}"#), index)
        .unwrap_or_else(|e| panic!("{e:?}"));
    let packs = pending.packs();
    assert_eq!(packs, from_text);
    let stamp = stamp(index, "tasks/2026-03");
    assert!(stamp.is_some());
    let pack = packs["ledgerPack/tasks/2026-03"].as_bytes();
    assert!(read_pack("tasks/2026-03", pack, stamp).is_some());
    // Nothing pending once taken, and nothing for a plan that wrote no shard.
    assert!(PendingPacks::default().packs().is_empty());
}
