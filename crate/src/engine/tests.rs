use super::*;
use crate::error::Result;
use crate::storage::Snapshot;
use crate::template::{FieldValue, Rendered};
use serde_json::{json, Map, Value};

fn stored_with_snippet(template: &str) -> Snapshot {
    let mut s = Snapshot::new();
    s.insert(
        "snippets".into(),
        json!({"snp_a": {"id": "snp_a", "createdAt": 1, "updatedAt": 1,
                         "triggers": [";acc"], "template": template},
               "snp_bad": {"id": "snp_bad"}}),
    );
    s
}

/// 2026-11-26T09:30:00Z.
const NOW: i64 = 1_795_685_400_000;

fn ctx() -> ExpandContext {
    ExpandContext {
        now: NOW,
        ..ExpandContext::default()
    }
}

fn done(r: Result<ExpandResult>) -> (String, Vec<u32>) {
    match r {
        Ok(ExpandResult {
            rendered: Rendered::Done { text, cursors },
            ..
        }) => (text, cursors),
        other => panic!("not done: {other:?}"),
    }
}

#[test]
fn demo_trigger_expands_with_an_empty_library() {
    let mut e = Engine::new();
    let (text, cursors) = done(e.expand(";rubrica", &ctx()));
    assert_eq!(text, DEMO_TEXT);
    assert_eq!(cursors, vec![DEMO_TEXT.encode_utf16().count() as u32]);
    assert!(e.expand(";nothing", &ctx()).is_err());
}

fn library() -> Snapshot {
    let mut s = Snapshot::new();
    s.insert(
        "snippets".into(),
        json!({
            "snp_j": {"id": "snp_j", "createdAt": 1, "updatedAt": 1, "triggers": [";just"],
                      "template": "Response {choice: better; A | B} is better: {snippet: ;acc}. Straße{cursor} {date: D MMM}"},
            "snp_acc": {"id": "snp_acc", "createdAt": 1, "updatedAt": 1, "triggers": [";acc"],
                        "label": "Accuracy", "template": "{criterion: accuracy}"}
        }),
    );
    s.insert(
        "rubrics".into(),
        json!({
            "rub_user": {"id": "rub_user", "createdAt": 1, "updatedAt": 1, "name": "Mine",
                         "criteria": [{"key": "accuracy", "name": "Accuracy", "phrases": ["my phrase"]}]},
            "rub_std": {"id": "rub_std", "createdAt": 1, "updatedAt": 1, "name": "Standard",
                        "builtin": true,
                        "criteria": [{"key": "accuracy", "name": "Accuracy", "phrases": ["it is correct"]}]}
        }),
    );
    s
}

#[cfg(feature = "palette")]
#[test]
fn the_palette_searches_and_expands_by_id() {
    let mut e = Engine::new();
    e.load(&library());
    let hits = e.search("accurcy", 10);
    assert_eq!(hits.first().map(|h| h.snippet_id.as_str()), Some("snp_acc"));
    let ask = e.expand_snippet("snp_j", &ctx());
    assert!(matches!(
        ask,
        Ok(ExpandResult {
            rendered: Rendered::NeedsInput { .. },
            ..
        })
    ));
    let mut defaults = ctx();
    defaults.use_defaults = true;
    let (text, _) = done(e.expand_snippet("snp_j", &defaults));
    assert!(text.starts_with("Response A is better"), "{text}");
    assert!(e.expand_snippet("snp_gone", &ctx()).is_err());
    assert_eq!(e.palette_replace_len("snp_j", ";ju"), Ok(3));
    assert_eq!(e.palette_replace_len("snp_j", "word"), Ok(0));
    assert!(e.palette_replace_len("snp_gone", ";ju").is_err());
}

#[test]
fn templates_ask_for_input_then_render_with_case_and_cursors() {
    let mut e = Engine::new();
    e.load(&library());
    let ask = e.expand(";just", &ctx()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        serde_json::to_value(&ask).unwrap_or_default(),
        json!({"status": "needsInput", "snippetId": "snp_j", "fields": [
            {"name": "better", "kind": "choice", "options": ["A", "B"], "default": "A"}]})
    );
    let mut answered = ctx();
    answered.values = Some([("better".to_string(), FieldValue::Text("B".into()))].into());
    let (text, cursors) = done(e.expand(";just", &answered));
    assert_eq!(text, "Response B is better: it is correct. Straße 26 Nov");
    assert_eq!(cursors, vec![43]);
    // Upper case turns ß into SS: the cursor stays after it.
    let (text, cursors) = done(e.expand(";JUST", &answered));
    assert_eq!(text, "RESPONSE B IS BETTER: IT IS CORRECT. STRASSE 26 NOV");
    assert_eq!(cursors, vec![44]);
    let json = serde_json::to_value(e.expand(";just", &answered).ok()).unwrap_or_default();
    assert_eq!(json["status"], "done");
    assert_eq!(json["snippetId"], "snp_j");
}

#[test]
fn the_default_rubric_wins_over_the_builtin_one() {
    let mut e = Engine::new();
    e.load(&library());
    let mut c = ctx();
    c.use_defaults = true;
    assert_eq!(done(e.expand(";acc", &c)).0, "it is correct");
    e.set_settings(Settings {
        default_rubric_id: Some("rub_user".into()),
        ..Settings::default()
    });
    assert_eq!(done(e.expand(";acc", &c)).0, "my phrase");
    assert_eq!(e.active_rubric().map(|r| r.name.as_str()), Some("Mine"));
}

#[test]
fn preview_uses_defaults_and_reports_errors_with_positions() {
    let mut e = Engine::new();
    e.load(&library());
    let p = e
        .preview(
            "{text: why; default=x}{cursor} {snippet: Accuracy}",
            &ctx(),
            Some("rub_user"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.text, "x my phrase");
    assert_eq!(p.cursors, vec![1]);
    assert_eq!(p.fields.len(), 1);
    let err = e.preview("ok\n{choice: better}", &ctx(), None).err();
    assert_eq!(
        err.as_ref().map(|e| (e.line, e.column)),
        Some((Some(2), Some(1)))
    );
    assert!(e.preview("x", &ctx(), Some("rub_nope")).is_err());
}

#[test]
fn load_reports_bad_records_and_keeps_good_ones() {
    let mut e = Engine::new();
    let report = e.load(&stored_with_snippet("the response is accurate"));
    assert_eq!(report.counts["snippets"], 1);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].id, "snp_bad");
    assert_eq!(done(e.expand(";Acc", &ctx())).0, "The response is accurate");
    assert_eq!(done(e.expand(";ACC", &ctx())).0, "THE RESPONSE IS ACCURATE");
}

fn patch(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[test]
fn settings_patches_are_checked() {
    let e = Engine::new();
    let ok = e.patch_settings(&patch(
        json!({"theme": "dark", "expansion": {"enabled": false}}),
    ));
    let ok = ok.unwrap_or_else(|e| panic!("{e}"));
    assert!(!ok.expansion.enabled);
    assert!(
        ok.expansion.backspace_undo,
        "untouched settings keep their values"
    );
    let unknown = e.patch_settings(&patch(json!({"expansion": {"turbo": true}})));
    assert_eq!(
        unknown.map_err(|e| e.message),
        Err("unknown setting “expansion.turbo”".to_string())
    );
    assert!(e
        .patch_settings(&patch(json!({"theme": "purple"})))
        .is_err());
    let optional = e.patch_settings(&patch(json!({"defaultRubricId": "rub_x"})));
    assert_eq!(
        optional.map(|s| s.default_rubric_id),
        Ok(Some("rub_x".into()))
    );
}

#[test]
fn the_running_sessions_rubric_wins_over_the_default() {
    let mut s = Snapshot::new();
    let rubric = |id: &str, phrase: &str, builtin: bool| {
        json!({"id": id, "createdAt": 1, "updatedAt": 1, "name": id, "builtin": builtin,
               "criteria": [{"key": "accuracy", "name": "Accuracy", "phrases": [phrase]}]})
    };
    s.insert(
        "rubrics".into(),
        json!({"rub_a": rubric("rub_a", "default phrase", true),
               "rub_b": rubric("rub_b", "project phrase", false)}),
    );
    s.insert(
        "snippets".into(),
        json!({"snp_c": {"id": "snp_c", "createdAt": 1, "updatedAt": 1, "triggers": [";c"],
                         "template": "{criterion: accuracy}"}}),
    );
    let mut e = Engine::new();
    e.load(&s);
    let text = |r: Result<ExpandResult>| match r.map(|x| x.rendered) {
        Ok(Rendered::Done { text, .. }) => text,
        other => format!("{other:?}"),
    };
    assert_eq!(text(e.expand(";c", &ctx())), "default phrase");
    // An open session for a task type with the project rubric.
    let session = |open: bool, tt: &str| json!({"sessionId": "ses_a", "sessionsKey": "sessions/2026-03", "open": open, "taskTypeId": tt});
    s.insert(
        "taskTypes".into(),
        json!({"tty_b": {"id": "tty_b", "createdAt": 1, "updatedAt": 1, "platformId": "plt_a",
                         "name": "Falcon", "rubricId": "rub_b"},
               "tty_gone": {"id": "tty_gone", "createdAt": 1, "updatedAt": 1, "platformId": "plt_a",
                            "name": "Other", "rubricId": "rub_gone"},
               "tty_deleted": {"id": "tty_deleted", "createdAt": 1, "updatedAt": 1, "deletedAt": 2,
                               "platformId": "plt_a", "name": "Old", "rubricId": "rub_b"}}),
    );
    s.insert("currentSession".into(), session(true, "tty_b"));
    e.load(&s);
    assert_eq!(e.session_rubric_id(), Some("rub_b"));
    assert_eq!(text(e.expand(";c", &ctx())), "project phrase");
    // Stopped, a deleted task type, a rubric that no longer exists, an unreadable pointer: the
    // default rubric (load_session alone follows the pointer and the task types).
    for (pointer, rubric) in [
        (session(false, "tty_b"), None),
        (session(true, "tty_deleted"), None),
        (session(true, "tty_gone"), Some("rub_gone")),
        (json!("garbage"), None),
    ] {
        s.insert("currentSession".into(), pointer);
        e.load_session(&s);
        assert_eq!(e.session_rubric_id(), rubric);
        assert_eq!(text(e.expand(";c", &ctx())), "default phrase");
    }
    s.insert("currentSession".into(), session(true, "tty_b"));
    e.load_session(&s);
    assert_eq!(text(e.expand(";c", &ctx())), "project phrase");
    // The context can no longer name a rubric: the core decides.
    let named =
        serde_json::from_value::<ExpandContext>(json!({"now": 0, "sessionRubricId": "rub_b"}));
    assert!(named.is_err());
}

#[test]
#[cfg(feature = "regex-triggers")]
fn regex_triggers_expand_with_their_captures() {
    let mut s = Snapshot::new();
    s.insert(
        "snippets".into(),
        json!({"snp_r": {"id": "snp_r", "createdAt": 1, "updatedAt": 1, "triggers": [],
                         "regex": ";score(?P<n>[1-5])", "template": "Score {capture: n}/5."},
               "snp_bad": {"id": "snp_bad", "createdAt": 1, "updatedAt": 1, "triggers": [],
                           "regex": "(", "template": "x"}}),
    );
    let mut e = Engine::new();
    let report = e.load(&s);
    assert!(report
        .problems
        .iter()
        .any(|p| p.message.contains("regex triggers are off")));
    s.insert(
        "snippets".into(),
        json!({"snp_r": {"id": "snp_r", "createdAt": 1, "updatedAt": 1, "triggers": [],
                         "regex": ";score(?P<n>[1-5])", "template": "Score {capture: n}/5."}}),
    );
    assert!(e.load(&s).problems.is_empty());
    let x = e
        .expand_regex("Overall ;score4", &ctx())
        .unwrap_or_else(|e| panic!("{e}"));
    let x = x.unwrap_or_else(|| panic!("no match"));
    assert_eq!(x.replace_len, 7);
    assert_eq!(
        x.result.rendered,
        Rendered::Done {
            text: "Score 4/5.".into(),
            cursors: vec![10]
        }
    );
    assert_eq!(
        e.expand_regex("nothing here", &ctx()).map(|x| x.is_none()),
        Ok(true)
    );
}

#[test]
fn counts_come_from_small_maps_and_the_shard_index() {
    let mut s = stored_with_snippet("x");
    s.insert(
        "shards".into(),
        json!({"tasks": {"2026-10": 3, "2026-11": 4}, "sessions": {}}),
    );
    let counts = Engine::count_records(&s);
    assert_eq!(counts["snippets"], 2);
    assert_eq!(counts["tasks"], 7);
    assert_eq!(counts["sessions"], 0);
}

#[test]
fn disabled_expansion_is_in_the_table() {
    let mut e = Engine::new();
    let mut s = Settings::default();
    s.expansion.enabled = false;
    e.set_settings(s);
    assert!(!e.trigger_table().enabled);
    let mut s = Settings::default();
    s.expansion.backspace_undo = false;
    e.set_settings(s);
    assert!(
        !e.trigger_table().backspace_undo,
        "the table carries the Backspace setting"
    );
}
