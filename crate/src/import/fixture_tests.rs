//! Importers and exporters run on the fixture files in `tests/import/`.

use super::*;
use crate::ids::IdGen;
use crate::triggers::{compile_regex_triggers, conflicts};

const NOW: i64 = 1_764_000_000_000;
const ESPANSO: &str = include_str!("../../../tests/import/espanso_trainer.yml");
const ESPANSO_MALFORMED: &str = include_str!("../../../tests/import/espanso_malformed.yml");
const ESPANSO_WRONG_SHAPE: &str = include_str!("../../../tests/import/espanso_wrong_shape.yml");
const CSV_OTHER: &str = include_str!("../../../tests/import/textexpander_style.csv");

fn ids() -> IdGen {
    IdGen::new([9; 16])
}

fn by_trigger<'a>(plan: &'a SnippetImport, trigger: &str) -> Option<&'a Snippet> {
    plan.added
        .iter()
        .find(|s| s.triggers.iter().any(|t| t == trigger))
}

fn template_of(plan: &SnippetImport, trigger: &str) -> String {
    by_trigger(plan, trigger)
        .map(|s| s.template.clone())
        .unwrap_or_default()
}

#[test]
fn espanso_file_converts_every_feature() -> Result<()> {
    let plan = import_snippets("base.yml", ESPANSO, &mut ids(), NOW)?;
    assert_eq!(plan.format, Format::Espanso);
    let acc = by_trigger(&plan, ";acc");
    assert!(acc.is_some_and(|s| s.propagate_case
        && s.word_boundary
        && s.mode == TriggerMode::Delimiter
        && s.label == "Accuracy: OK"));
    let ifx = by_trigger(&plan, ";ifx");
    assert_eq!(ifx.map(|s| s.triggers.len()), Some(2));
    assert_eq!(
        template_of(&plan, ";ifx"),
        "Instruction following: the user asked for \\{format\\} JSON, and {cursor}."
    );
    assert_eq!(
        template_of(&plan, ";src"),
        "Source checked on {date: YYYY-MM-DD}: {clipboard}"
    );
    assert_eq!(
        template_of(&plan, ";due"),
        "Revision due {date: dddd, MMMM D; shift=+2d}"
    );
    assert_eq!(
        template_of(&plan, ";pick"),
        "{choice: better; Response A | Response B} is better. -- reviewed"
    );
    assert_eq!(
        template_of(&plan, ";why"),
        "{choice: verdict; Response A | Response B; default=Response A} is preferred because \
         {paragraph: reason}.\nIn short: {=verdict}.\n"
    );
    assert_eq!(
        template_of(&plan, ";fb"),
        "Feedback for {text: name}: {paragraph: note}"
    );
    assert_eq!(template_of(&plan, ";ip"), "My IP is {text: ip}");
    assert_eq!(
        template_of(&plan, ";sig2"),
        "{snippet: ;acc} {choice: greet; Thanks! | Cheers.}"
    );
    assert_eq!(template_of(&plan, ";md"), "**Verdict:** A");
    let score = plan.added.iter().find(|s| s.regex.is_some());
    assert_eq!(
        score.map(|s| s.template.as_str()),
        Some("Score: {capture: n}/5")
    );
    assert!(plan.added.iter().all(|s| s.folder == "Imported/espanso"));
    Ok(())
}

#[test]
fn espanso_reports_what_it_could_not_carry() -> Result<()> {
    let plan = import_snippets("base.yml", ESPANSO, &mut ids(), NOW)?;
    let skipped: Vec<(&str, u32)> = plan
        .skipped
        .iter()
        .map(|s| (s.item.as_str(), s.line))
        .collect();
    assert_eq!(skipped, vec![(";logo", 107), ("", 115)]);
    let noted = |trigger: &str, word: &str| {
        plan.notes
            .iter()
            .any(|n| n.snippet == trigger && n.note.contains(word))
    };
    assert!(noted(";ip", "shell"), "{:#?}", plan.notes);
    assert!(noted(";sig2", "random"));
    assert!(noted(";md", "markdown"));
    assert!(noted(";sev", "labels"));
    assert_eq!(
        template_of(&plan, ";sev"),
        "Severity: {choice: sev; minor | major}"
    );
    // Every imported snippet compiles into the trigger and regex tables without conflicts.
    assert!(compile_regex_triggers(&plan.added).is_ok());
    assert!(
        conflicts(&plan.added).is_empty(),
        "{:?}",
        conflicts(&plan.added)
    );
    Ok(())
}

#[test]
fn malformed_espanso_names_the_line_and_imports_nothing() {
    let e = import_snippets("m.yml", ESPANSO_MALFORMED, &mut ids(), NOW).err();
    let e = e.map(|e| (e.kind, e.line, e.excerpt.is_some()));
    assert!(
        matches!(e, Some((ErrorKind::Import, Some(l), true)) if (5..=7).contains(&l)),
        "{e:?}"
    );
    let e = import_snippets("m.yml", ESPANSO_WRONG_SHAPE, &mut ids(), NOW).err();
    assert_eq!(
        e.map(|e| (e.kind, e.line)),
        Some((ErrorKind::Import, Some(4)))
    );
    let e = import_espanso("- just\n- a list\n", &mut ids(), NOW).err();
    assert_eq!(e.and_then(|e| e.line), Some(1));
}

#[test]
fn csv_from_another_expander_is_literal_text() -> Result<()> {
    let plan = import_snippets("export.csv", CSV_OTHER, &mut ids(), NOW)?;
    assert_eq!(plan.added.len(), 2);
    assert_eq!(
        template_of(&plan, ";acc"),
        "The answer is accurate, and \\{sourced\\}."
    );
    assert_eq!(template_of(&plan, ";multi"), "Line one\nLine two");
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!((plan.skipped[0].row, plan.skipped[0].line), (Some(3), 4));
    Ok(())
}

#[test]
fn csv_export_round_trips() -> Result<()> {
    let plan = import_snippets("base.yml", ESPANSO, &mut ids(), NOW)?;
    let exported = export_csv(&plan.added)?;
    assert!(exported.text.starts_with(CSV_HEADER));
    // The regex snippet has no row, and says so.
    assert!(exported.notes.iter().any(|n| n.note.contains("no row")));
    let back = import_snippets("snippets.csv", &exported.text, &mut ids(), NOW)?;
    let mut literal: Vec<&Snippet> = plan.added.iter().filter(|s| s.regex.is_none()).collect();
    literal.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    assert_eq!(back.added.len(), literal.len());
    for (a, b) in literal.iter().zip(&back.added) {
        assert_eq!(
            (&a.triggers, &a.label, &a.folder, &a.tags, &a.template),
            (&b.triggers, &b.label, &b.folder, &b.tags, &b.template)
        );
    }
    Ok(())
}

#[test]
fn json_export_round_trips() -> Result<()> {
    let plan = import_snippets("base.yml", ESPANSO, &mut ids(), NOW)?;
    let envelope = export_json(&plan.added, NOW)?;
    assert_eq!(envelope.kind, "snippets");
    let text = serde_json::to_string_pretty(&envelope).unwrap_or_default();
    let back = import_snippets("rubrica-snippets.json", &text, &mut ids(), NOW + 1)?;
    assert_eq!(back.added.len(), plan.added.len());
    let strip = |s: &Snippet| {
        let mut s = s.clone();
        s.meta = Default::default();
        s
    };
    let mut before: Vec<Snippet> = plan.added.iter().map(strip).collect();
    let mut after: Vec<Snippet> = back.added.iter().map(strip).collect();
    before.sort_by(|a, b| a.template.cmp(&b.template));
    after.sort_by(|a, b| a.template.cmp(&b.template));
    assert_eq!(before, after);
    Ok(())
}

#[test]
fn plan_serializes_in_camel_case_for_the_ui() -> Result<()> {
    let plan = import_snippets("base.yml", ESPANSO, &mut ids(), NOW)?;
    let v = serde_json::to_value(&plan).unwrap_or_default();
    assert_eq!(v["format"], "espanso");
    assert_eq!(v["skipped"][0]["item"], ";logo");
    assert_eq!(v["skipped"][0]["line"], 107);
    assert!(v["skipped"][0].get("row").is_none());
    assert!(v["notes"][0]["snippet"].is_string() && v["notes"][0]["note"].is_string());
    assert_eq!(v["added"][0]["propagateCase"], true);
    Ok(())
}

const ESPANSO_SPACED: &str = include_str!("../../../tests/import/espanso_spaced.yml");

#[test]
fn spaced_triggers_import_and_the_preview_skips_exactly_what_the_import_refuses() -> Result<()> {
    let plan = plan_snippet_import("spaced.yml", ESPANSO_SPACED, &[], &mut ids(), NOW)?;
    for t in ["a bas", ":sweat smile:", ".roll d2", ":ok hand:"] {
        assert!(
            plan.added.iter().any(|s| s.triggers.iter().any(|x| x == t)),
            "{t} is imported"
        );
    }
    // Every bad trigger is named, each with its line and reason.
    let reasons: Vec<(u32, &str)> = plan
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].1.contains("a tab") && reasons[0].0 == 12);
    assert!(reasons[1].1.contains("a line break"));
    assert!(reasons[2].1.contains("261 characters"));
    // What the preview adds, the import stores: the same check.
    let (_, summary) = crate::edits::merge_snippets(None, plan.added.clone(), NOW)?;
    assert_eq!(summary.added, plan.added.len());
    // Three snippets with one trigger: one conflict naming all three; the first in the file wins.
    let dups: Vec<_> = plan
        .conflicts
        .iter()
        .filter(|c| c.trigger == "dup")
        .collect();
    assert_eq!(dups.len(), 1, "{dups:?}");
    let first = plan
        .added
        .iter()
        .find(|s| s.template == "first in the file");
    assert_eq!(
        first.map(|s| s.meta.id.as_str()),
        Some(dups[0].snippet_id.as_str())
    );
    assert_eq!(dups[0].also.len(), 1);
    Ok(())
}

#[test]
fn planning_is_not_quadratic() -> Result<()> {
    // 20,000 snippets against 20,000 others: the old plan compared every pair (4 × 10⁸).
    let file = |offset: usize| {
        let mut t = String::from("keyword,content\n");
        for i in 0..20_000 {
            t.push_str(&format!(";k{},Text {}\n", i + offset, i + offset));
        }
        t
    };
    let have = plan_snippet_import("a.csv", &file(0), &[], &mut ids(), NOW)?.added;
    let started = std::time::Instant::now();
    let plan = plan_snippet_import("b.csv", &file(10_000), &have, &mut ids(), NOW)?;
    assert_eq!(plan.added.len(), 10_000);
    assert_eq!(plan.skipped.len(), 10_000);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    Ok(())
}

const ESPANSO_INJECT: &str = include_str!("../../../tests/import/espanso_inject.yml");

#[test]
fn injected_variables_become_template_commands_or_are_noted() -> Result<()> {
    let plan = import_snippets("inject.yml", ESPANSO_INJECT, &mut ids(), NOW)?;
    let at = plan.added.iter().find(|s| s.regex.is_some());
    assert_eq!(
        at.map(|s| s.template.as_str()),
        Some("Meeting at {date: YYYY-MM-DD} {capture: hour}:{capture: minute}:00")
    );
    // inject_vars: false keeps the text literal (escaped so it stays text).
    assert_eq!(template_of(&plan, ";lit"), "\\{\\{who\\}\\} stays literal");
    // A choice cannot hold a command: literal, with a note naming the variable.
    let greet = template_of(&plan, ";greet");
    assert!(greet.starts_with("Hello Ann, {choice: mood;"), "{greet}");
    assert!(plan
        .notes
        .iter()
        .any(|n| n.snippet == ";greet" && n.note.contains("“mood”") && n.note.contains("inject")));
    // A cycle is noted, not followed forever.
    assert!(plan
        .notes
        .iter()
        .any(|n| n.snippet == ";loop" && n.note.contains("refers to itself")));
    for s in &plan.added {
        assert!(
            crate::template::parse(&s.template).is_ok(),
            "{}",
            s.template
        );
    }
    Ok(())
}
