//! Data-driven tests: the fixtures in `tests/templates/` and the examples in `docs/templates.md`,
//! plus unit tests of rendering details.
//!
//! A fixture is `name.tpl` (the template) and optionally `name.json`: `{"values": {…},
//! "clipboard": "…", "captures": {…}, "interactive": true, "fuel": N, "tz": minutes,
//! "noRubric": true}`; what it renders to is its `insta` snapshot,
//! `tests/templates/snapshots/fixtures@name.tpl.snap`. One trailing newline is dropped from
//! `.tpl` files.

use super::*;
use crate::model::Rubric;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// 2026-11-26T09:30:00Z, the "now" of every fixture and doc example.
pub(crate) const NOW: i64 = 1_795_685_400_000;

/// The snippets every fixture and doc example can include.
struct Library;

const SNIPPETS: &[(&str, &str, &str)] = &[
    (";acc", "Accuracy phrase", "Response {choice: better; A | B} is more accurate"),
    (";sig", "Signature", "Thanks,\n{text: name; default=Sam}"),
    (";why", "Why", "because {=better} {criterion: accuracy}"),
    (";loop1", "Loop one", "one {snippet: ;loop2}"),
    (";loop2", "Loop two", "two {snippet: ;loop1}"),
    (";self", "Self", "again {snippet: ;self}"),
    (";bad", "Broken", "oops {choice: x}"),
    (";wide", "Wide", "{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}{snippet: ;w2}"),
    (";w2", "W2", "{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}{snippet: ;w3}"),
    (";w3", "W3", "{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}{snippet: ;w4}"),
    (";w4", "W4", "{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}{snippet: ;w5}"),
    (";w5", "W5", "xxxxxxxxxx{cursor}"),
];

impl SnippetResolver for Library {
    fn resolve(&self, reference: &str) -> Option<ResolvedSnippet> {
        if let Some(n) = reference.strip_prefix(";d") {
            // ;d1 … ;d20 each include the next: a chain deeper than MAX_DEPTH.
            let n: u32 = n.parse().ok()?;
            return Some(ResolvedSnippet {
                key: format!("d{n}"),
                name: reference.to_string(),
                template: format!("{n} {{snippet: ;d{}}}", n + 1),
            });
        }
        SNIPPETS
            .iter()
            .find(|(t, l, _)| *t == reference || l.eq_ignore_ascii_case(reference))
            .map(|(t, _, src)| ResolvedSnippet {
                key: t.to_string(),
                name: t.to_string(),
                template: src.to_string(),
            })
    }
}

pub(crate) fn rubric() -> Rubric {
    super::sample::sample_rubric()
}

/// Renders `src` with the options in `opts` (the fixture JSON shape).
fn run(src: &str, opts: &Value, rubric: Option<&Rubric>) -> Result<Output> {
    let template = parse(src)?;
    let values: BTreeMap<String, FieldValue> =
        serde_json::from_value(opts.get("values").cloned().unwrap_or(Value::Null))
            .unwrap_or_default();
    let captures: BTreeMap<String, String> =
        serde_json::from_value(opts.get("captures").cloned().unwrap_or(Value::Null))
            .unwrap_or_default();
    let ctx = RenderContext {
        now_ms: NOW,
        tz_offset_min: opts
            .get("tz")
            .and_then(Value::as_i64)
            .map_or(0, |t| t as i32),
        clipboard: opts
            .get("clipboard")
            .and_then(Value::as_str)
            .map(str::to_string),
        values,
        captures,
        mode: if opts.get("interactive").and_then(Value::as_bool) == Some(true) {
            Mode::Interactive
        } else {
            Mode::UseDefaults
        },
        resolver: &Library,
        rubric,
        fuel: opts
            .get("fuel")
            .and_then(Value::as_u64)
            .unwrap_or(DEFAULT_FUEL),
    };
    render_output(&template, &ctx)
}

/// The fixture snapshots (`insta` is a native-only dev-dependency).
#[cfg(not(target_arch = "wasm32"))]
mod snapshots {
    use super::*;
    use std::path::Path;

    fn read(path: &Path) -> Option<String> {
        let text = std::fs::read_to_string(path).ok()?;
        Some(text.strip_suffix('\n').map(str::to_string).unwrap_or(text))
    }

    /// A render as its snapshot shows it: the text (verbatim, up to an `<end>` line, so trailing
    /// spaces and newlines show) with its cursors, the fields it asks for, or the error with its kind,
    /// position and caret excerpt.
    fn snapshot_of(got: &Result<Output>) -> String {
        match got {
            Ok(Output {
                rendered: Rendered::Done { text, cursors },
                ..
            }) => format!("done, cursors {cursors:?}:\n{text}\n<end>"),
            Ok(Output {
                rendered: Rendered::NeedsInput { fields },
                ..
            }) => {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                format!("needsInput: {}", names.join(", "))
            }
            Err(e) => format!("error {}:\n{e}", e.kind.as_str()),
        }
    }

    /// Every `tests/templates/*.tpl` rendered with the options of its `.json`, against its snapshot in
    /// `tests/templates/snapshots/` (review and update: docs/testing.md).
    #[test]
    fn fixtures() {
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../../../tests/templates/snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        let count = std::cell::Cell::new(0);
        settings.bind(|| {
            insta::glob!("../../../tests/templates", "*.tpl", |tpl| {
                count.set(count.get() + 1);
                let src = read(tpl).unwrap_or_default();
                let opts: Value = read(&tpl.with_extension("json"))
                    .map(|j| {
                        serde_json::from_str(&j).unwrap_or_else(|e| {
                            panic!("{}: {e}", tpl.with_extension("json").display())
                        })
                    })
                    .unwrap_or(Value::Null);
                let no_rubric = opts.get("noRubric").and_then(Value::as_bool) == Some(true);
                let rubric = rubric();
                let got = run(&src, &opts, (!no_rubric).then_some(&rubric));
                insta::assert_snapshot!(snapshot_of(&got));
            });
        });
        assert!(count.get() >= 30, "only {} fixtures", count.get());
    }
}

/// Every ```template block of the guide is followed by an ```output or ```error block (a
/// ```values block before it supplies fill-in values); this test runs them all.
#[test]
fn guide_examples() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/templates.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut blocks: Vec<(String, String, usize)> = Vec::new();
    let mut lines = doc.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if let Some(info) = line.strip_prefix("```").filter(|i| !i.is_empty()) {
            let mut body = Vec::new();
            for (_, l) in lines.by_ref() {
                if l == "```" {
                    break;
                }
                body.push(l);
            }
            blocks.push((info.trim().to_string(), body.join("\n"), n + 1));
        }
    }
    let rubric = rubric();
    let mut opts = Value::Null;
    let mut pending: Option<(String, usize)> = None;
    let mut failures = Vec::new();
    let mut ran = 0;
    for (info, body, line) in blocks {
        match info.as_str() {
            "values" => {
                opts = serde_json::from_str(&body).unwrap_or_else(|e| panic!("line {line}: {e}"))
            }
            "template" => {
                if let Some((_, l)) = pending.replace((body, line)) {
                    failures.push(format!("template at line {l} has no output or error block"));
                }
            }
            "output" | "error" => {
                let Some((src, l)) = pending.take() else {
                    failures.push(format!("{info} block at line {line} follows no template"));
                    continue;
                };
                ran += 1;
                let got = match run(&src, &opts, Some(&rubric)) {
                    Ok(Output {
                        rendered: Rendered::Done { text, .. },
                        ..
                    }) => ("output", text),
                    Ok(other) => ("output", format!("{other:?}")),
                    Err(e) => ("error", e.to_string()),
                };
                if got != (info.as_str(), body.clone()) {
                    failures.push(format!(
                        "example at line {l}:\n  got {}: {:?}\n  want {info}: {body:?}",
                        got.0, got.1
                    ));
                }
                opts = Value::Null;
            }
            _ => {}
        }
    }
    assert!(ran >= 20, "only {ran} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn fields_are_listed_in_order_with_nested_snippets() {
    let t = parse("{text: a}{snippet: ;acc}{toggle: c}{multi: m; x | y; default=y}{end}{text: a}")
        .unwrap_or_else(|e| panic!("{e}"));
    let own: Vec<String> = t.fields().into_iter().map(|f| f.name).collect();
    assert_eq!(own, ["a", "c", "m"]);
    let mut ctx = RenderContext::new(NOW);
    ctx.resolver = &Library;
    let out = render_output(&t, &ctx).unwrap_or_else(|e| panic!("{e}"));
    let all: Vec<&str> = out.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(all, ["a", "better", "c", "m"]);
    assert!(matches!(out.rendered, Rendered::NeedsInput { .. }));
    let json = serde_json::to_value(&out.fields).unwrap_or_default();
    assert_eq!(
        json.get(3),
        Some(
            &serde_json::json!({"name": "m", "kind": "multi", "options": ["x", "y"], "default": ["y"]})
        )
    );
}

#[test]
fn rendered_has_the_wire_shape() {
    let done = Rendered::Done {
        text: "hi".into(),
        cursors: vec![1],
    };
    assert_eq!(
        serde_json::to_value(&done).unwrap_or_default(),
        serde_json::json!({"status": "done", "text": "hi", "cursors": [1]})
    );
    let ask = Rendered::NeedsInput { fields: vec![] };
    assert_eq!(
        serde_json::to_value(&ask).unwrap_or_default(),
        serde_json::json!({"status": "needsInput", "fields": []})
    );
}

#[test]
fn hostile_input_never_panics() {
    let pieces = [
        "{",
        "}",
        "\\",
        ";",
        "|",
        "=",
        ":",
        "!",
        "{if: a",
        "{end}",
        "{else}",
        "{text: a}",
        "é",
        "👍",
        "\n",
        "{=a}",
        "{date: [",
        "{multi: m; x|y}",
    ];
    let mut src = String::new();
    for i in 0..2000usize {
        src.push_str(pieces.get(i * 7 % pieces.len()).copied().unwrap_or(""));
        let _ = parse(&src).map(|t| render(&t, &RenderContext::new(NOW)));
    }
}
