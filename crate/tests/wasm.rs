//! Tests of the WebAssembly facade, run under Node by `wasm-bindgen-test-runner`
//! (`./build.sh test` sets it as the wasm32 runner). Native builds compile this file to nothing.
#![cfg(target_arch = "wasm32")]

use rubrica_core::wasm::{count_records, export_backup, migrate, plan_import, version, Core};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn valid_messages_come_back_normalised() {
    let core = Core::new(&[1; 16]);
    let req = core
        .parse_request(
            "content",
            json(r#"{"type":"expand","payload":{"trigger":";rubrica"}}"#),
        )
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&req, "type").as_string().as_deref(), Some("expand"));
    let trigger = get(&get(&req, "payload"), "trigger");
    assert_eq!(trigger.as_string().as_deref(), Some(";rubrica"));
}

#[wasm_bindgen_test]
fn errors_cross_as_js_errors_with_kind() {
    let core = Core::new(&[1; 16]);
    let err = core
        .parse_request("content", json(r#"{"type":"state.get"}"#))
        .err()
        .unwrap_or(JsValue::NULL);
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("forbidden"));
    let err = core
        .parse_request("page", json(r#"{"type":"nope"}"#))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&err, "kind").as_string().as_deref(),
        Some("invalidMessage")
    );
    let err = core
        .parse_request("martian", json("{}"))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("forbidden"));
    // Not even an object: still an error, never a panic.
    assert!(core.parse_request("page", JsValue::from_f64(3.0)).is_err());
}

#[wasm_bindgen_test]
fn the_demo_trigger_expands() {
    let mut core = Core::new(&[2; 16]);
    let table = core.trigger_table().unwrap_or(JsValue::NULL);
    assert_eq!(get(&table, "version").as_f64(), Some(1.0));
    let out = core
        .expand(";rubrica", json(r#"{"now": 0}"#))
        .unwrap_or(JsValue::NULL);
    let text = get(&out, "text").as_string().unwrap_or_default();
    assert!(text.starts_with("Rubrica is working"));
    assert!(core.expand(";missing", json(r#"{"now": 0}"#)).is_err());
    // A context of the wrong shape is an error, not a panic.
    assert!(core.expand(";rubrica", JsValue::from_str("soon")).is_err());
    assert!(core.expand(";rubrica", json(r#"{"now": "noon"}"#)).is_err());
    // Conversion goes through strict JSON parsing: unknown fields are refused here too.
    assert!(core
        .expand(";rubrica", json(r#"{"now": 0, "colour": "red"}"#))
        .is_err());
}

#[wasm_bindgen_test]
fn templates_render_through_the_facade() {
    let core = Core::new(&[4; 16]);
    let ctx = json(r#"{"now": 1764149400000, "tzOffsetMin": 60}"#);
    let out = core
        .preview(
            "Better: {choice: b; A | B}{cursor} on {date: YYYY-MM-DD}",
            ctx.clone(),
            None,
        )
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&out, "text").as_string().as_deref(),
        Some("Better: A on 2025-11-26")
    );
    let fields = js_sys::Array::from(&get(&out, "fields"));
    assert_eq!(fields.length(), 1);
    let err = core
        .preview("{choice: b}", ctx, None)
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("template"));
    assert_eq!(get(&err, "line").as_f64(), Some(1.0));
    assert!(get(&err, "excerpt")
        .as_string()
        .is_some_and(|e| e.contains('^')));
}

#[wasm_bindgen_test]
fn fresh_install_then_load_and_count() {
    let plan = migrate(json("{}"), 1000.0).unwrap_or(JsValue::NULL);
    assert_eq!(get(&plan, "from").as_f64(), Some(0.0));
    let writes = get(&plan, "writes");
    assert_eq!(
        get(&get(&writes, "meta"), "schema").as_f64(),
        Some(f64::from(rubrica_core::storage::SCHEMA_VERSION))
    );
    assert_eq!(js_sys::Array::from(&get(&plan, "removes")).length(), 0);
    let mut core = Core::new(&[3; 16]);
    let report = core.load(writes.clone()).unwrap_or(JsValue::NULL);
    let problems = js_sys::Array::from(&get(&report, "problems"));
    assert_eq!(problems.length(), 0);
    let counts = count_records(writes).unwrap_or(JsValue::NULL);
    // A fresh install is seeded with the starter pack: ten snippets and one rubric.
    assert_eq!(get(&counts, "snippets").as_f64(), Some(10.0));
    assert_eq!(get(&counts, "rubrics").as_f64(), Some(1.0));
    assert_eq!(get(&counts, "tasks").as_f64(), Some(0.0));
    // A snapshot of the wrong shape is an error, not a panic.
    assert!(core.load(JsValue::from_str("nope")).is_err());
    assert!(migrate(json(r#"{"meta":{"schema":99}}"#), 0.0).is_err());
}

#[wasm_bindgen_test]
fn backups_round_trip_through_the_facade() {
    let stored = json(
        r#"{"meta":{"schema":1},"snippets":{"snp_a":{"id":"snp_a","createdAt":1,"updatedAt":1,
            "triggers":[";a"],"template":"A"}}}"#,
    );
    let envelope = export_backup(stored.clone(), 5.0).unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&envelope, "format").as_string().as_deref(),
        Some("rubrica")
    );
    let text = js_sys::JSON::stringify(&envelope)
        .map(String::from)
        .unwrap_or_default();
    let plan = plan_import(json("{}"), &text).unwrap_or(JsValue::NULL);
    let added = get(&get(&get(&plan, "summary"), "snippets"), "added");
    assert_eq!(added.as_f64(), Some(1.0));
    let err = plan_import(stored, "{not json")
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("import"));
    assert_eq!(get(&err, "line").as_f64(), Some(1.0));
}

// --- snippet import/export facade (issue #3) ----------------------------------------------------

#[wasm_bindgen_test]
fn snippet_files_are_detected_planned_merged_and_exported() {
    use rubrica_core::wasm::{
        detect_format, export_snippets_csv, export_snippets_json, ImportPlanner,
    };
    let csv = "keyword,content\n;acc,Accurate.\n;flu,Fluent.\n";
    assert_eq!(
        detect_format("a.csv", csv).ok().and_then(|v| v.as_string()),
        Some("csv".into())
    );
    let err = detect_format("notes.txt", "hello")
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("import"));

    // The planner: the file first, then the library in parts, then the view and the bytes.
    let plan = |seed: Option<Vec<u8>>, parts: &[&str]| {
        let Ok(mut p) = ImportPlanner::new("a.csv", csv, 1e12, seed) else {
            panic!("the planner refused the file");
        };
        for part in parts {
            assert!(p.add_existing(part).is_ok());
        }
        let out = p.finish(300).unwrap_or(JsValue::NULL);
        assert!(p.finish(300).is_err(), "a plan finishes once");
        out
    };
    let planned = plan(None, &["[]"]);
    let view = get(&planned, "view");
    assert_eq!(get(&get(&view, "counts"), "added").as_f64(), Some(2.0));
    assert_eq!(js_sys::Array::from(&get(&view, "added")).length(), 2);
    assert_eq!(js_sys::Array::from(&get(&view, "conflicts")).length(), 0);
    let bytes = js_sys::Uint8Array::new(&get(&planned, "added")).to_vec();
    let text = String::from_utf8(bytes).unwrap_or_default();
    let added = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    assert_eq!(js_sys::Array::from(&added).length(), 2);

    let core = Core::new(&[2; 16]);
    let merged = core
        .merge_snippets(JsValue::NULL, JsValue::from_str(&text), 1e12)
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&get(&merged, "summary"), "added").as_f64(), Some(2.0));

    // Planning again against what is stored, sent in two parts: both are already there.
    let records: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    let first = serde_json::to_string(&records[..1]).unwrap_or_default();
    let second = serde_json::to_string(&records[1..]).unwrap_or_default();
    let again = get(&plan(Some(vec![7; 16]), &[&first, &second]), "view");
    assert_eq!(get(&get(&again, "counts"), "added").as_f64(), Some(0.0));
    assert_eq!(js_sys::Array::from(&get(&again, "skipped")).length(), 2);

    let out = export_snippets_csv(added.clone()).unwrap_or(JsValue::NULL);
    assert!(get(&out, "text")
        .as_string()
        .unwrap_or_default()
        .contains(";flu"));
    let env = export_snippets_json(added, 1e12).unwrap_or(JsValue::NULL);
    assert_eq!(get(&env, "kind").as_string().as_deref(), Some("snippets"));

    // A malformed file is an error with a line, at once.
    let bad = ImportPlanner::new(
        "bad.yml",
        "matches:\n  - trigger: \";a\"\n    replace: \"x\n",
        1e12,
        None,
    )
    .err()
    .unwrap_or(JsValue::NULL);
    assert_eq!(get(&bad, "kind").as_string().as_deref(), Some("import"));
    assert!(get(&bad, "line").as_f64().is_some());
}

// ---- Work sessions (issue #5) ----

#[wasm_bindgen_test]
fn session_command_plans_writes_and_the_view_reads_them() {
    use rubrica_core::wasm::{catalogue_view, session_current_keys, session_list};
    let mut core = Core::new(&[2; 16]);
    let now = 1_772_960_400_000.0;
    let keys = session_current_keys(JsValue::NULL, now).unwrap_or(JsValue::NULL);
    assert_eq!(js_sys::Array::from(&keys).length(), 5);
    // One call plans the writes (the picks remembered in the settings) and the view after them.
    let plan = core
        .session_command(
            json("{}"),
            json(r#"{"type":"start","platformId":"plt_a"}"#),
            now,
        )
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&plan, "changed").as_bool(), Some(true));
    let writes = get(&plan, "writes");
    assert_eq!(
        get(&get(&writes, "currentSession"), "open").as_bool(),
        Some(true)
    );
    assert!(get(&writes, "sessions/2026-03").is_object());
    assert_eq!(
        get(&get(&get(&writes, "settings"), "session"), "lastPlatformId")
            .as_string()
            .as_deref(),
        Some("plt_a")
    );
    let view = get(&plan, "view");
    assert_eq!(
        get(&get(&view, "state"), "state").as_string().as_deref(),
        Some("running")
    );
    let view = core
        .session_view(writes, now + 60_000.0)
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&get(&view, "state"), "state").as_string().as_deref(),
        Some("running")
    );
    assert_eq!(get(&get(&view, "totals"), "wall").as_f64(), Some(60_000.0));
    // A browser signal with no session is not an error and writes nothing.
    let plan = core
        .session_command(json("{}"), json(r#"{"type":"idle","since":1}"#), now)
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&plan, "changed").as_bool(), Some(false));
    assert!(core
        .session_command(json("[]"), json(r#"{"type":"start"}"#), now)
        .is_err());
    // The catalogue answers the rate in force and the digits of its amount.
    let task_types = json(
        r#"{"tty_a": {"id": "tty_a", "createdAt": 1, "updatedAt": 1, "platformId": "plt_a",
            "name": "Search", "rates": [{"kind": "perTask", "amount": {"minor": 700, "currency": "JPY"},
            "effectiveFrom": 1}]}}"#,
    );
    let platforms = json(
        r#"{"plt_a": {"id": "plt_a", "createdAt": 1, "updatedAt": 1, "name": "Appen",
            "payModel": "perTask", "currency": "JPY"}}"#,
    );
    let cat = catalogue_view(platforms, task_types, now).unwrap_or(JsValue::NULL);
    let first = |v: JsValue| js_sys::Reflect::get_u32(&v, 0).unwrap_or(JsValue::NULL);
    let tt = first(get(&first(get(&cat, "platforms")), "taskTypes"));
    assert_eq!(
        get(&get(&get(&tt, "rateNow"), "amount"), "digits").as_f64(),
        Some(0.0)
    );
    // Anything stored that is not a map is an empty catalogue, not an error.
    let empty = catalogue_view(json("5"), JsValue::NULL, now).unwrap_or(JsValue::NULL);
    assert_eq!(js_sys::Array::from(&get(&empty, "platforms")).length(), 0);
    // The engine follows the current session alone; a snapshot of the wrong shape is an error.
    assert!(core
        .load_session(json(r#"{"currentSession": {"open": true}}"#))
        .is_ok());
    assert!(core.load_session(JsValue::from_str("nope")).is_err());
    // The list totals every session of generated storage (what tests/bench/timing.mjs times).
    let (sessions, tasks) =
        rubrica_core::timing::fixtures::generate(2026, 10, 50, 1_577_836_800_000);
    let stored = rubrica_core::timing::fixtures::stored(&sessions, &tasks).unwrap_or_default();
    let stored = json(&serde_json::to_string(&stored).unwrap_or_default());
    let rows = session_list(stored, 0.0, now, 100, now).unwrap_or(JsValue::NULL);
    let rows = js_sys::Array::from(&rows);
    assert_eq!(rows.length(), 10);
    assert_eq!(js_sys::Array::from(&get(&rows.get(0), "tasks")).length(), 5);
}

#[cfg(feature = "palette")]
#[wasm_bindgen_test]
fn the_palette_searches_and_expands_through_the_facade() {
    let mut core = Core::new(&[1; 16]);
    let _ = core.load(json(
        r#"{"snippets": {"snp_s": {"id": "snp_s", "createdAt": 1, "updatedAt": 1,
            "triggers": [";signoff"], "label": "Sign-off",
            "template": "Thanks for the {choice: what; careful | quick} review."}}}"#,
    ));
    let hits = core.search("crfl rvw", 10).unwrap_or(JsValue::NULL);
    let first = js_sys::Reflect::get_u32(&hits, 0).unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&first, "snippetId").as_string().as_deref(),
        Some("snp_s")
    );
    assert_eq!(get(&first, "needsInput").as_bool(), Some(true));
    let ask = core
        .expand_snippet("snp_s", json(r#"{"now": 0}"#))
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&ask, "status").as_string().as_deref(),
        Some("needsInput")
    );
    let done = core
        .expand_snippet("snp_s", json(r#"{"now": 0, "values": {"what": "quick"}}"#))
        .unwrap_or(JsValue::NULL);
    assert_eq!(
        get(&done, "text").as_string().as_deref(),
        Some("Thanks for the quick review.")
    );
    assert_eq!(core.palette_replace_len("snp_s", ";sig").ok(), Some(4));
    assert_eq!(core.palette_replace_len("snp_s", "sig").ok(), Some(0));
    assert!(core
        .expand_snippet("snp_gone", json(r#"{"now": 0}"#))
        .is_err());
    // An overlay message through the facade: the overlay sender kind and the token check.
    let ok = core.parse_request(
        "overlay",
        json(r#"{"type":"overlay.search","payload":{"token":"0123456789abcdef0123456789abcdef","query":"x"}}"#),
    );
    assert!(ok.is_ok());
    assert!(core
        .parse_request("overlay", json(r#"{"type":"library.get"}"#))
        .is_err());
}

/// An encrypted backup sealed at the cheapest cost (`tests/storage/encrypted-backup-test-cost.enc`, passphrase `fuzz`): detected,
/// opened with the right passphrase, refused with an import error otherwise.
#[wasm_bindgen_test]
fn encrypted_backups_open_through_the_facade() {
    use rubrica_core::wasm::{decrypt_backup, is_encrypted_backup};
    let sealed = include_str!("../../tests/storage/encrypted-backup-test-cost.enc");
    assert!(is_encrypted_backup(sealed));
    assert!(!is_encrypted_backup(r#"{"format":"rubrica"}"#));
    let plain = decrypt_backup(sealed, "fuzz").unwrap_or(JsValue::NULL);
    assert!(plain
        .as_string()
        .is_some_and(|t| t.starts_with(r#"{"format":"rubrica""#)));
    let err = decrypt_backup(sealed, "not it")
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(get(&err, "kind").as_string().as_deref(), Some("import"));
    let message = get(&err, "message").as_string().unwrap_or_default();
    assert!(message.starts_with("Wrong passphrase"), "{message}");
}
