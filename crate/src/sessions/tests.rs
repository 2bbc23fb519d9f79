use super::*;
use crate::error::{Error, ErrorKind};
use crate::ids::IdGen;
use crate::model::{SessionSettings, Settings};
use crate::storage::shards::pointer_of;
use crate::storage::KEY_CURRENT_SESSION;
use crate::timing::state::{Command, SessionState};
use crate::timing::zone::ZoneOffsets;
use serde_json::{json, Value};

const T0: i64 = 1_772_960_400_000; // 2026-03-08T09:00:00Z
const MIN: i64 = 60_000;

/// The keys the background reads for a command: `currentSession` first, then the keys it names.
fn read(stored: &Snapshot, now: i64) -> Snapshot {
    current_keys(stored.get(KEY_CURRENT_SESSION), now)
        .iter()
        .filter_map(|k| stored.get(k).map(|v| (k.clone(), v.clone())))
        .collect()
}

fn run(stored: &mut Snapshot, cmd: Value, now: i64, ids: &mut IdGen) -> SessionPlan {
    let cmd: Command = serde_json::from_value(cmd).unwrap_or_else(|e| panic!("{e}"));
    let settings = Settings::default();
    let plan = plan_command(&read(stored, now), cmd, now, &settings, ids)
        .unwrap_or_else(|e| panic!("{e}"));
    stored.extend(plan.writes.clone());
    // The plan's view is the view of storage after its writes.
    assert_eq!(plan.view, current_view(stored, &settings.session, now));
    plan
}

#[test]
fn start_lap_stop_writes_shards_index_and_the_pointer() {
    let mut ids = IdGen::new([1; 16]);
    let mut st = Snapshot::new();
    st.insert("shards".into(), json!({"sessions": {}, "tasks": {}}));
    run(&mut st, json!({"type": "start"}), T0, &mut ids);
    run(&mut st, json!({"type": "nextTask"}), T0 + 5 * MIN, &mut ids);
    run(
        &mut st,
        json!({"type": "nextTask"}),
        T0 + 20 * MIN,
        &mut ids,
    );
    let hb = run(
        &mut st,
        json!({"type": "heartbeat"}),
        T0 + 21 * MIN,
        &mut ids,
    );
    assert!(hb.changed);
    run(&mut st, json!({"type": "stop"}), T0 + 30 * MIN, &mut ids);
    assert_eq!(
        st["shards"],
        json!({"sessions": {"2026-03": 1}, "tasks": {"2026-03": 2}})
    );
    assert_eq!(st["sessions/2026-03"].as_object().map(|m| m.len()), Some(1));
    assert_eq!(st["tasks/2026-03"].as_object().map(|m| m.len()), Some(2));
    let view = current_view(&st, &SessionSettings::default(), T0 + 40 * MIN);
    let t = view.totals.unwrap_or_default();
    assert_eq!((t.wall, t.setup, t.tasks.len()), (30 * MIN, 5 * MIN, 2));
    assert_eq!(view.state, SessionState::Stopped);
    // A second session goes to the same shard, counted once more.
    run(&mut st, json!({"type": "start"}), T0 + 60 * MIN, &mut ids);
    assert_eq!(st["shards"]["sessions"]["2026-03"], json!(2));
    // Its first task joins the same tasks shard without replacing the first session's tasks.
    run(
        &mut st,
        json!({"type": "nextTask"}),
        T0 + 61 * MIN,
        &mut ids,
    );
    assert_eq!(st["tasks/2026-03"].as_object().map(|m| m.len()), Some(3));
    assert_eq!(st["sessions/2026-03"].as_object().map(|m| m.len()), Some(2));
    assert_eq!(st["shards"]["tasks"]["2026-03"], json!(3));
    assert!(matches!(
        current_view(&st, &SessionSettings::default(), T0 + 61 * MIN).state,
        SessionState::Running { .. }
    ));
}

#[test]
fn signals_without_a_session_write_nothing() {
    let mut ids = IdGen::new([2; 16]);
    let mut st = Snapshot::new();
    let p = run(&mut st, json!({"type": "idle", "since": T0}), T0, &mut ids);
    assert!(!p.changed && p.writes.is_empty());
    assert_eq!(p.view.state, SessionState::Stopped);
    let settings = Settings::default();
    assert!(plan_command(&st, Command::Pause {}, T0, &settings, &mut ids).is_err());
}

#[test]
fn restart_question_and_stop_at_last_activity() {
    let mut ids = IdGen::new([3; 16]);
    let mut st = Snapshot::new();
    run(&mut st, json!({"type": "start"}), T0, &mut ids);
    run(
        &mut st,
        json!({"type": "heartbeat"}),
        T0 + 10 * MIN,
        &mut ids,
    );
    let settings = Settings::default();
    let q = plan_restart_question(&st, T0 + 100 * MIN, &settings).unwrap_or_else(|e| panic!("{e}"));
    assert!(q.changed);
    assert_eq!(q.view.restart_asked_at, Some(T0 + 100 * MIN));
    st.extend(q.writes);
    let v = current_view(&st, &SessionSettings::default(), T0 + 100 * MIN);
    assert_eq!(v.restart_asked_at, Some(T0 + 100 * MIN));
    assert_eq!(v.last_activity, Some(T0 + 10 * MIN));
    // Asked once only.
    let again = plan_restart_question(&st, T0 + 101 * MIN, &settings);
    assert!(again.is_ok_and(|q| q.writes.is_empty() && !q.changed));
    let p = plan_restart_answer(&st, true, T0 + 101 * MIN, &settings, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.view.state, SessionState::Stopped);
    assert_eq!(p.view.restart_asked_at, None);
    st.extend(p.writes);
    assert_eq!(pointer_of(&st).map(|p| p.open), Some(false));
    let v = current_view(&st, &SessionSettings::default(), T0 + 200 * MIN);
    assert_eq!(v.state, SessionState::Stopped);
    assert_eq!(v.totals.map(|t| t.wall), Some(10 * MIN));
    assert_eq!(v.restart_asked_at, None);
}

#[test]
fn cap_view_uses_the_task_types_cap() {
    let mut ids = IdGen::new([4; 16]);
    let mut st = Snapshot::new();
    st.insert(
        "taskTypes".into(),
        json!({"tty_a": {"id": "tty_a", "createdAt": 0, "updatedAt": 0, "platformId": "plt_a",
               "name": "Rating", "timeCapMs": 600000}}),
    );
    run(
        &mut st,
        json!({"type": "start", "taskTypeId": "tty_a"}),
        T0,
        &mut ids,
    );
    run(&mut st, json!({"type": "nextTask"}), T0 + MIN, &mut ids);
    let v = current_view(&st, &SessionSettings::default(), T0 + 3 * MIN);
    let cap = v.cap.unwrap_or_else(|| panic!("no cap"));
    assert_eq!(cap.task_type_name, "Rating");
    assert_eq!(cap.schedule.warn_at, Some(T0 + MIN + 8 * MIN));
    assert_eq!(cap.schedule.over_at, Some(T0 + 11 * MIN));
}

#[test]
fn edits_keep_the_index_and_refuse_overlaps() {
    let mut ids = IdGen::new([5; 16]);
    let mut st = Snapshot::new();
    run(&mut st, json!({"type": "start"}), T0, &mut ids);
    run(&mut st, json!({"type": "nextTask"}), T0 + MIN, &mut ids);
    run(&mut st, json!({"type": "stop"}), T0 + 60 * MIN, &mut ids);
    let first = pointer_of(&st).map(|r| r.session_id).unwrap_or_default();
    run(&mut st, json!({"type": "start"}), T0 + 120 * MIN, &mut ids);
    run(&mut st, json!({"type": "stop"}), T0 + 180 * MIN, &mut ids);
    let zone = ZoneOffsets::utc();
    let keys = all_keys(st.get("shards"));
    assert_eq!(
        keys,
        vec!["sessions/2026-03".to_string(), "tasks/2026-03".to_string()]
    );
    let e = plan_edit(
        &st,
        &SessionEdit::EditSession {
            id: first.clone(),
            start: None,
            end: Some(T0 + 150 * MIN),
        },
        T0 + 200 * MIN,
        &zone,
    );
    let e = e
        .err()
        .unwrap_or_else(|| Error::new(ErrorKind::Internal, ""));
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("overlap"), "{}", e.message);
    let del: SessionEdit = serde_json::from_value(json!({"op": "deleteSession", "id": first}))
        .unwrap_or_else(|e| panic!("{e}"));
    let w = plan_edit(&st, &del, T0 + 200 * MIN, &zone).unwrap_or_else(|e| panic!("{e}"));
    st.extend(w);
    assert_eq!(
        st["shards"],
        json!({"sessions": {"2026-03": 1}, "tasks": {"2026-03": 0}})
    );
    assert_eq!(
        list(&st, T0 - MIN, T0 + 300 * MIN, 50, T0 + 300 * MIN).len(),
        1
    );
    let undo = SessionEdit::RestoreSession { id: first };
    st.extend(plan_edit(&st, &undo, T0 + 201 * MIN, &zone).unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(
        st["shards"],
        json!({"sessions": {"2026-03": 2}, "tasks": {"2026-03": 1}})
    );
    let rows = list(&st, T0 - MIN, T0 + 300 * MIN, 50, T0 + 300 * MIN);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].tasks.len(), 1);
    assert_eq!(rows[1].totals.setup, MIN);
    assert!(serde_json::from_value::<SessionEdit>(
        json!({"op": "deleteSession", "id": "x", "y": 1})
    )
    .is_err());
}

#[test]
fn keeping_after_a_restart_clears_the_question_and_records_activity() {
    let mut ids = IdGen::new([6; 16]);
    let mut st = Snapshot::new();
    run(&mut st, json!({"type": "start"}), T0, &mut ids);
    let settings = Settings::default();
    let q = plan_restart_question(&st, T0 + 100 * MIN, &settings).unwrap_or_else(|e| panic!("{e}"));
    st.extend(q.writes);
    let p = plan_restart_answer(&st, false, T0 + 101 * MIN, &settings, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(p.changed);
    assert!(matches!(p.view.state, SessionState::Running { .. }));
    assert_eq!(p.view.restart_asked_at, None);
    st.extend(p.writes);
    let pointer = pointer_of(&st).unwrap_or_default();
    assert_eq!((pointer.open, pointer.restart_asked_at), (true, None));
    assert_eq!(
        current_view(&st, &settings.session, T0 + 101 * MIN).last_activity,
        Some(T0 + 101 * MIN)
    );
}

#[test]
fn the_pointer_says_open_and_task_type_and_is_written_only_when_it_changes() {
    let mut ids = IdGen::new([7; 16]);
    let mut st = Snapshot::new();
    let start = json!({"type": "start", "platformId": "plt_a", "taskTypeId": "tty_a"});
    let p = run(&mut st, start, T0, &mut ids);
    assert!(p.writes.contains_key(KEY_CURRENT_SESSION));
    let pointer = pointer_of(&st).unwrap_or_default();
    assert!(pointer.open);
    assert_eq!(pointer.task_type_id.as_deref(), Some("tty_a"));
    // The first lap names its shard; the second lap and a heartbeat change nothing in the pointer.
    let p = run(&mut st, json!({"type": "nextTask"}), T0 + MIN, &mut ids);
    assert!(p.writes.contains_key(KEY_CURRENT_SESSION));
    let p = run(&mut st, json!({"type": "nextTask"}), T0 + 2 * MIN, &mut ids);
    assert!(!p.writes.contains_key(KEY_CURRENT_SESSION));
    let p = run(
        &mut st,
        json!({"type": "heartbeat"}),
        T0 + 3 * MIN,
        &mut ids,
    );
    assert!(p.changed && !p.writes.contains_key(KEY_CURRENT_SESSION));
    let p = run(&mut st, json!({"type": "stop"}), T0 + 4 * MIN, &mut ids);
    assert_eq!(p.writes[KEY_CURRENT_SESSION]["open"], json!(false));
    assert_eq!(p.writes[KEY_CURRENT_SESSION]["taskTypeId"], json!("tty_a"));
}

#[test]
fn a_start_with_picks_remembers_them_in_the_same_writes() {
    let mut ids = IdGen::new([8; 16]);
    let st = Snapshot::new();
    let settings = Settings::default();
    let start = |p: Option<&str>, t: Option<&str>| Command::Start {
        platform_id: p.map(String::from),
        task_type_id: t.map(String::from),
    };
    let p = plan_command(
        &st,
        start(Some("plt_a"), Some("tty_a")),
        T0,
        &settings,
        &mut ids,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let saved: Settings =
        serde_json::from_value(p.writes["settings"].clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.session.last_platform_id.as_deref(), Some("plt_a"));
    assert_eq!(saved.session.last_task_type_id.as_deref(), Some("tty_a"));
    assert_eq!(saved.theme, settings.theme);
    // Nothing new to remember (or no picks at all): the settings are not written.
    let p = plan_command(&st, start(Some("plt_a"), None), T0, &saved, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(p.changed && !p.writes.contains_key("settings"));
    let p = plan_command(&st, start(None, None), T0, &settings, &mut ids)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!p.writes.contains_key("settings"));
    // A refused start remembers nothing.
    let mut running = Snapshot::new();
    run(&mut running, json!({"type": "start"}), T0, &mut ids);
    let refused = plan_command(
        &read(&running, T0),
        start(Some("plt_b"), None),
        T0,
        &settings,
        &mut ids,
    );
    assert!(refused.is_err());
}
