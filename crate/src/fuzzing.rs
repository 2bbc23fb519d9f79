//! Fuzz harnesses (issue #3), shared by the cargo-fuzz targets in `fuzz/` and by the stable replay
//! test `crate/tests/fuzz_replay.rs`, which runs every saved corpus file and every crash found
//! through the same function. Each function takes the fuzzer's bytes and must never panic: a panic
//! here is a bug in the core. Not part of the crate's API.

use crate::error::ErrorKind;
use crate::ids::IdGen;
use crate::messages::{Request, SenderKind};
use crate::model::{Rubric, Snippet};
use crate::storage::Snapshot;
use crate::template::library::{apply_case_keeping_cursors, LibraryResolver};
use crate::template::{FieldValue, Mode, RenderContext, Rendered};
use crate::triggers::TypedCase;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// 2026-11-26T09:30:00Z.
const NOW: i64 = 1_795_685_400_000;

/// The harness for a target name (the name of its `fuzz/corpus/<target>/` directory).
pub fn harness(target: &str) -> Option<fn(&[u8])> {
    Some(match target {
        "template_render" => template_render,
        "import_espanso" => import_espanso,
        "import_csv" => import_csv,
        "import_json" => import_json,
        "backup_import" => backup_import,
        "message_parse" => message_parse,
        "backup_decrypt" => backup_decrypt,
        _ => return None,
    })
}

fn rubric() -> Rubric {
    crate::template::sample::sample_rubric()
}

/// A few snippets that reference each other (including a cycle and a self-reference).
fn library() -> Vec<Snippet> {
    const SNIPPETS: &[(&str, &str, &str)] = &[
        (
            ";acc",
            "Accuracy phrase",
            "Response {choice: better; A | B} is more accurate{cursor}",
        ),
        (";sig", "Signature", "Thanks,\n{text: name; default=Sam}"),
        (
            ";why",
            "Why",
            "because {=better} {criterion: accuracy} {snippet: ;acc}",
        ),
        (";loop1", "Loop one", "one {snippet: ;loop2}"),
        (";loop2", "Loop two", "two {snippet: ;loop1}"),
        (";self", "Self", "again {snippet: ;self}"),
        (
            ";wide",
            "Wide",
            "{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}",
        ),
        (
            ";w2",
            "W2",
            "{snippet: ;sig}{snippet: ;sig}{snippet: ;sig}{cursor}{snippet: ;why}",
        ),
    ];
    let mut ids = IdGen::new([7; 16]);
    SNIPPETS
        .iter()
        .map(|(trigger, label, template)| {
            let mut s = crate::import::new_snippet(&mut ids, NOW);
            s.triggers = vec![trigger.to_string()];
            s.label = label.to_string();
            s.template = template.to_string();
            s
        })
        .collect()
}

/// A fuzzed value: `!` then anything is a toggle (on when the rest is non-empty), text with `|` is
/// a list, anything else is text.
fn value(raw: &str) -> FieldValue {
    if let Some(rest) = raw.strip_prefix('!') {
        FieldValue::Bool(!rest.is_empty())
    } else if raw.contains('|') {
        FieldValue::List(raw.split('|').map(str::to_string).collect())
    } else {
        FieldValue::Text(raw.to_string())
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Input: `template` or `template NUL values`, where `values` is lines: `@name=value` sets a field
/// by name (e.g. a nested snippet's), any other line is the value of the template's next field in
/// order. The first line of `values` starting with `#` is the clipboard. Parses, then renders in
/// interactive and use-defaults modes with a fixed rubric and a library of snippets that include
/// each other, then applies case propagation. Checks that cursors lie inside the text.
pub fn template_render(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (src, rest) = input.split_once('\0').unwrap_or((input, ""));
    let Ok(template) = crate::template::parse(src) else {
        return;
    };
    let fields = template.fields();
    let mut values = BTreeMap::new();
    let mut clipboard = None;
    let mut next = fields.iter();
    for line in rest.split('\n') {
        if let Some(named) = line.strip_prefix('@') {
            let (name, v) = named.split_once('=').unwrap_or((named, ""));
            values.insert(name.to_string(), value(v));
        } else if let (Some(c), None) = (line.strip_prefix('#'), &clipboard) {
            clipboard = Some(c.to_string());
        } else if let Some(f) = next.next() {
            values.insert(f.name.clone(), value(line));
        }
    }
    let snippets = library();
    let resolver = LibraryResolver(&snippets);
    let rubric = rubric();
    let mut captures = BTreeMap::new();
    captures.insert("word".to_string(), "Fuzz".to_string());
    for mode in [Mode::Interactive, Mode::UseDefaults] {
        let mut ctx = RenderContext::new(NOW);
        ctx.tz_offset_min = 60;
        ctx.clipboard = clipboard.clone();
        ctx.values = values.clone();
        ctx.captures = captures.clone();
        ctx.mode = mode;
        ctx.resolver = &resolver;
        ctx.rubric = Some(&rubric);
        let Ok(rendered) = crate::template::render(&template, &ctx) else {
            continue;
        };
        // Use-defaults mode never asks for input.
        assert!(
            mode == Mode::Interactive || matches!(rendered, Rendered::Done { .. }),
            "use-defaults render asked for input"
        );
        if let Rendered::Done { text, cursors } = rendered {
            let len = utf16_len(&text);
            assert!(
                cursors.iter().all(|&c| c as usize <= len),
                "cursor {cursors:?} outside text of {len} UTF-16 units"
            );
            assert!(text.len() <= crate::template::MAX_OUTPUT_BYTES);
            for case in [TypedCase::Capitalized, TypedCase::Upper] {
                let (cased, moved) = apply_case_keeping_cursors(&text, &cursors, case);
                let len = utf16_len(&cased);
                assert_eq!(moved.len(), cursors.len());
                assert!(
                    moved.iter().all(|&c| c as usize <= len),
                    "cased cursor {moved:?} outside text of {len} UTF-16 units"
                );
            }
        }
    }
}

/// What an importer promises about the templates it writes.
#[derive(Clone, Copy, PartialEq)]
enum Templates {
    /// Converted by the importer (espanso): each must parse.
    Converted,
    /// Literal text escaped for the template language (CSV other than Rubrica's own): each must
    /// parse and render back to text that escapes to the template.
    LiteralUnlessRubricaCsv,
    /// Kept as the file had them (Rubrica JSON): nothing promised.
    Kept,
}

fn check_snippet_import(
    result: crate::error::Result<crate::import::SnippetImport>,
    templates: Templates,
) {
    let Ok(plan) = result else {
        return;
    };
    // The plan is sent to the extension as JSON.
    assert!(serde_json::to_string(&plan).is_ok());
    for s in &plan.added {
        assert!(!s.meta.id.is_empty());
        // Rubrica CSV (its export header) keeps template source and sets propagateCase.
        let literal = templates == Templates::LiteralUnlessRubricaCsv && !s.propagate_case;
        if !(literal || templates == Templates::Converted) {
            continue;
        }
        let template = match crate::template::parse(&s.template) {
            Ok(t) => t,
            // Size limits of the template language are not the importer's to promise.
            Err(e) if e.kind == ErrorKind::Limit => continue,
            Err(e) => panic!("imported template {:?} does not parse: {e}", s.template),
        };
        if literal {
            let mut ctx = RenderContext::new(NOW);
            ctx.mode = Mode::UseDefaults;
            match crate::template::render(&template, &ctx) {
                Ok(Rendered::Done { text, cursors }) => {
                    assert!(cursors.is_empty());
                    assert_eq!(crate::import::escape(&text), s.template);
                }
                other => panic!("literal template {:?} rendered {other:?}", s.template),
            }
        }
    }
}

/// Input: an espanso match file.
pub fn import_espanso(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut ids = IdGen::new([1; 16]);
    check_snippet_import(
        crate::import::import_espanso(text, &mut ids, NOW),
        Templates::Converted,
    );
}

/// Input: a snippet CSV file.
pub fn import_csv(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut ids = IdGen::new([1; 16]);
    let result = crate::import::import_csv(text, &mut ids, NOW);
    if let Ok(plan) = &result {
        // Rubrica's CSV export is read back by the CSV importer.
        let exported = crate::import::export_csv(&plan.added)
            .unwrap_or_else(|e| panic!("export of an import failed: {e}"));
        let again = crate::import::import_csv(&exported.text, &mut ids, NOW)
            .unwrap_or_else(|e| panic!("re-import of {:?} failed: {e}", exported.text));
        assert_eq!(
            triggers_and_templates(&again.added),
            triggers_and_templates(&plan.added),
            "CSV export then import changed snippets: {:?}",
            exported.text
        );
    }
    check_snippet_import(result, Templates::LiteralUnlessRubricaCsv);
    toggl_import(text);
    outlier_import(text);
}

/// The same bytes as an Outlier earnings CSV into the ledger: never a panic; a file that plans
/// once planned again over its own writes adds nothing.
fn outlier_import(text: &str) {
    let zone = crate::timing::zone::ZoneOffsets::fixed(-300).unwrap_or_default();
    let mut ids = IdGen::new([3; 16]);
    let mut stored = Snapshot::new();
    let Ok(plan) = crate::ledger::plan_outlier_import(&stored, text, &zone, &mut ids, NOW) else {
        return;
    };
    let writes = plan
        .writes
        .to_snapshot()
        .unwrap_or_else(|e| panic!("an Outlier plan's writes did not serialise: {e}"));
    stored.extend(writes);
    let again = crate::ledger::plan_outlier_import(&stored, text, &zone, &mut ids, NOW)
        .unwrap_or_else(|e| {
            panic!("an Outlier file that planned once failed the second time: {e}")
        });
    assert_eq!(
        again.added, 0,
        "the same Outlier file twice added tasks: {text:?}"
    );
}

/// The same bytes as a Toggl detailed CSV into sessions: never a panic; a file that plans once
/// planned again over its own writes adds nothing.
fn toggl_import(text: &str) {
    let zone = crate::timing::zone::ZoneOffsets::fixed(60).unwrap_or_default();
    let currency = crate::model::Currency::default();
    let mut ids = IdGen::new([2; 16]);
    let mut stored = Snapshot::new();
    let Ok(plan) =
        crate::ledger::plan_toggl_import(&stored, text, &zone, &currency, &mut ids, NOW, false)
    else {
        return;
    };
    stored.extend(plan.writes);
    let again =
        crate::ledger::plan_toggl_import(&stored, text, &zone, &currency, &mut ids, NOW, false)
            .unwrap_or_else(|e| {
                panic!("a Toggl file that planned once failed the second time: {e}")
            });
    assert_eq!(
        again.added, 0,
        "the same Toggl file twice added sessions: {text:?}"
    );
}

fn triggers_and_templates(snippets: &[Snippet]) -> Vec<(Vec<String>, String)> {
    let mut out: Vec<_> = snippets
        .iter()
        .map(|s| (s.triggers.clone(), s.template.clone()))
        .collect();
    out.sort();
    out
}

/// Input: a Rubrica JSON snippet export.
pub fn import_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut ids = IdGen::new([1; 16]);
    let result = crate::import::import_json(text, &mut ids, NOW);
    if let Ok(plan) = &result {
        // Rubrica's JSON export is read back by the JSON importer.
        let exported = crate::import::export_json(&plan.added, NOW)
            .unwrap_or_else(|e| panic!("export of an import failed: {e}"));
        let text = serde_json::to_string(&exported).unwrap_or_default();
        let again = crate::import::import_json(&text, &mut ids, NOW)
            .unwrap_or_else(|e| panic!("re-import of {text:?} failed: {e}"));
        assert_eq!(
            triggers_and_templates(&again.added),
            triggers_and_templates(&plan.added),
            "JSON export then import changed snippets: {text:?}"
        );
    }
    check_snippet_import(result, Templates::Kept);
}

fn stored() -> Snapshot {
    let snippet = |id: &str, updated: i64| {
        json!({"id": id, "createdAt": 1_764_000_000_000_i64, "updatedAt": updated,
               "triggers": [";acc"], "template": "Accurate."})
    };
    let mut s = Snapshot::new();
    s.insert("meta".into(), json!({"schema": 1}));
    s.insert(
        "snippets".into(),
        json!({"snp_a": snippet("snp_a", 5), "snp_gone": {"id": "snp_gone", "createdAt": 1,
               "updatedAt": 2, "deletedAt": 2, "template": ""}}),
    );
    s.insert(
        "sessions/2025-11".into(),
        json!({"ses_a": {"id": "ses_a", "createdAt": 1_764_000_000_000_i64, "updatedAt": 1,
                         "startedAt": 1_764_000_000_000_i64, "events": []}}),
    );
    s.insert("shards".into(), json!({"sessions": {"2025-11": 1}}));
    s
}

/// Input: a backup or export file, planned against a small stored snapshot.
pub fn backup_import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crate::storage::plan_import(&stored(), text);
}

/// Input: a JSON message, validated as sent from a content script and from an extension page.
pub fn message_parse(data: &[u8]) {
    let Ok(raw) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    for sender in [SenderKind::Content, SenderKind::Page, SenderKind::Overlay] {
        let _ = Request::parse(sender, &raw);
    }
}

/// Input: `passphrase NUL file` (no NUL: the whole input is the file, passphrase `fuzz`). Opening
/// an encrypted backup must never panic, whatever the header asks (costs are refused over the caps
/// and clamped to a few KiB here, so the fuzzer runs fast); a file sealed from the input with that
/// passphrase opens back to the same text, and to nothing with another passphrase.
pub fn backup_decrypt(data: &[u8]) {
    use crate::storage::sealed;
    let input = String::from_utf8_lossy(data);
    let (pass, file) = input.split_once('\0').unwrap_or(("fuzz", &input));
    let _ = sealed::decrypt_with(file, pass, true);
    if pass.is_empty() {
        return;
    }
    let random: Vec<u8> = (0..sealed::RANDOM_LEN as u8)
        .map(|i| i.wrapping_mul(31) ^ data.len() as u8)
        .collect();
    let Ok(sealed_file) = sealed::encrypt_backup(file, pass, &random, sealed::Cost::TEST) else {
        panic!("sealing failed");
    };
    assert_eq!(
        sealed::decrypt_with(&sealed_file, pass, true)
            .ok()
            .as_deref(),
        Some(file),
        "a sealed file does not open to its text"
    );
    assert!(sealed::decrypt_with(&sealed_file, &format!("{pass}x"), true).is_err());
}
