//! espanso match files (`match/*.yml`): `matches:` and `global_vars:`.
//!
//! Each match becomes one snippet in the folder `Imported/espanso`. What Rubrica cannot do is
//! either converted with a note (shell/script variables become fill-in fields, `random` becomes a
//! choice, markdown is kept as plain text) or, for content that is not text (`image_path`,
//! `html`), the match is skipped with the reason. Variable conversion: [`super::espanso_body`].

use super::espanso_body::Body;
use super::espanso_vars::{capture_names, parse_fields, parse_vars, VarDef};
use super::yaml::{self, Node, Value};
use super::{import_error, new_snippet, Format, SnippetImport};
use crate::error::Result;
use crate::ids::IdGen;
use crate::model::TriggerMode;

/// The folder imported espanso snippets go to.
pub const ESPANSO_FOLDER: &str = "Imported/espanso";

/// Match keys that are read; any other key is reported in a note.
const KNOWN: &[&str] = &[
    "trigger",
    "triggers",
    "regex",
    "replace",
    "form",
    "form_fields",
    "vars",
    "label",
    "word",
    "left_word",
    "right_word",
    "propagate_case",
    "uppercase_style",
    "search_terms",
    "markdown",
    "html",
    "image_path",
    "force_clipboard",
    "force_mode",
    "paragraph",
];

/// Imports an espanso match file. Malformed YAML, or a file whose shape is not an espanso match
/// file, is an error with the line; a match Rubrica cannot use is skipped with the reason.
pub fn import_espanso(text: &str, ids: &mut IdGen, now: i64) -> Result<SnippetImport> {
    let text = text.trim_start_matches('\u{feff}');
    let root = yaml::parse(text)?;
    let mut plan = SnippetImport::new(Format::Espanso);
    match root.value {
        Value::Null => return Ok(plan),
        Value::Map(_) => {}
        _ => {
            return Err(import_error(
                "This is not an espanso match file: it should be a mapping with “matches:”",
            )
            .at_line(root.line))
        }
    }
    let globals = parse_vars(root.get("global_vars"))?;
    for (key, node) in root.entries() {
        match key.as_str() {
            "matches" | "global_vars" => {}
            "imports" => plan.note(
                "",
                node.line,
                "“imports:” names other espanso files; import each of them separately",
            ),
            other => plan.note(
                "",
                node.line,
                format!("the top-level key “{other}” was ignored"),
            ),
        }
    }
    let Some(matches) = root.get("matches") else {
        if globals.is_empty() {
            return Err(import_error(
                "This YAML file has no “matches:” list, so it is not an espanso match file",
            )
            .at_line(root.line));
        }
        return Ok(plan);
    };
    if !matches!(matches.value, Value::Seq(_) | Value::Null) {
        return Err(import_error("“matches:” must be a list").at_line(matches.line));
    }
    for m in matches.items() {
        convert_match(m, &globals, ids, now, &mut plan)?;
    }
    Ok(plan)
}

/// A text value of `key`, if present; any other type is malformed.
fn opt_text(m: &Node, key: &str) -> Result<Option<String>> {
    match m.get(key) {
        None => Ok(None),
        Some(n) if n.value == Value::Null => Ok(None),
        Some(n) => n
            .text()
            .map(Some)
            .ok_or_else(|| import_error(format!("“{key}:” must be text")).at_line(n.line)),
    }
}

/// A boolean value of `key` (default false); any other type is malformed.
fn opt_bool(m: &Node, key: &str) -> Result<bool> {
    match m.get(key) {
        None => Ok(false),
        Some(n) => n
            .bool()
            .ok_or_else(|| import_error(format!("“{key}:” must be true or false")).at_line(n.line)),
    }
}

fn triggers_of(m: &Node) -> Result<Vec<String>> {
    let mut out: Vec<String> = opt_text(m, "trigger")?.into_iter().collect();
    if let Some(list) = m.get("triggers") {
        if !matches!(list.value, Value::Seq(_)) {
            return Err(import_error("“triggers:” must be a list").at_line(list.line));
        }
        for t in list.items() {
            out.push(
                t.text()
                    .ok_or_else(|| import_error("Each trigger must be text").at_line(t.line))?,
            );
        }
    }
    out.retain(|t| !t.is_empty());
    out.dedup();
    Ok(out)
}

fn convert_match(
    m: &Node,
    globals: &[VarDef],
    ids: &mut IdGen,
    now: i64,
    plan: &mut SnippetImport,
) -> Result<()> {
    let line = m.line;
    if !matches!(m.value, Value::Map(_)) {
        return Err(import_error(
            "Each item of “matches:” must be a mapping (trigger:, replace:, …)",
        )
        .at_line(line));
    }
    let triggers = triggers_of(m)?;
    let mut regex = opt_text(m, "regex")?;
    let label = opt_text(m, "label")?.unwrap_or_default();
    let name = if !label.is_empty() {
        label.clone()
    } else {
        triggers
            .first()
            .cloned()
            .or_else(|| regex.clone())
            .unwrap_or_default()
    };
    if triggers.is_empty() && regex.is_none() {
        plan.skip(line, None, &name, "it has no trigger, triggers or regex");
        return Ok(());
    }
    for key in ["image_path", "html"] {
        if m.get(key).is_some() {
            plan.skip(
                line,
                None,
                &name,
                format!("its “{key}” content is not plain text, which is all Rubrica inserts"),
            );
            return Ok(());
        }
    }
    let mut notes: Vec<String> = Vec::new();
    let (source, form) = if let Some(r) = opt_text(m, "replace")? {
        (r, false)
    } else if let Some(f) = opt_text(m, "form")? {
        (f, true)
    } else if let Some(md) = opt_text(m, "markdown")? {
        notes.push("markdown was imported as plain text (its * and # are kept)".into());
        (md, false)
    } else {
        plan.skip(
            line,
            None,
            &name,
            "it has no “replace:”, “form:” or “markdown:” text",
        );
        return Ok(());
    };
    let mut vars = parse_vars(m.get("vars"))?;
    vars.extend(globals.iter().cloned());
    let fields = parse_fields(m.get("form_fields"))?;
    if let Some(pattern) = regex.take() {
        match checked_regex(&pattern) {
            Ok(p) => {
                if p != pattern {
                    notes.push(format!(
                        "the regex “{pattern}” became “{p}”: case-insensitive matching covers ASCII letters only"
                    ));
                }
                regex = Some(p);
            }
            Err(why) => {
                plan.skip(
                    line,
                    None,
                    &name,
                    format!("its regex cannot be used: {why}"),
                );
                return Ok(());
            }
        }
    }
    let captures = regex.as_deref().map(capture_names).unwrap_or_default();
    let mut body = Body::new(&vars, &fields, &captures);
    let template = body.convert(&source, form);
    notes.append(&mut body.notes);

    let mut s = new_snippet(ids, now);
    s.triggers = triggers;
    s.label = label;
    s.template = template;
    s.folder = ESPANSO_FOLDER.into();
    s.propagate_case = opt_bool(m, "propagate_case")?;
    let word = opt_bool(m, "word")?;
    s.word_boundary = word || opt_bool(m, "left_word")?;
    if word || opt_bool(m, "right_word")? || regex.is_some() {
        s.mode = TriggerMode::Delimiter;
    }
    if let Some(list) = m.get("search_terms") {
        s.tags = list.items().iter().filter_map(Node::text).collect();
        notes.push("search terms became tags".into());
    }
    if let Some(style) = opt_text(m, "uppercase_style")? {
        if style != "uppercase" {
            notes.push(format!(
                "uppercase_style “{style}” is not supported: typing the trigger in capitals upper-cases the whole text"
            ));
        }
    }
    for key in ["force_clipboard", "force_mode"] {
        if m.get(key).is_some() {
            notes.push(format!(
                "“{key}” is not needed: Rubrica types into the page without the clipboard"
            ));
        }
    }
    for (key, _) in m.entries() {
        if !KNOWN.contains(&key.as_str()) {
            notes.push(format!("the key “{key}” was ignored"));
        }
    }
    s.regex = regex;
    for n in notes {
        plan.note(&name, line, n);
    }
    plan.add(s, line, None);
    Ok(())
}

/// The pattern if Rubrica's regex engine accepts it, else with `(?i)` made ASCII-only, else why not.
fn checked_regex(pattern: &str) -> std::result::Result<String, String> {
    match regex::Regex::new(pattern) {
        Ok(_) => Ok(pattern.to_string()),
        Err(e) => {
            let ascii = pattern.replace("(?i)", "(?i-u)");
            if ascii != pattern && regex::Regex::new(&ascii).is_ok() {
                Ok(ascii)
            } else {
                Err(e.to_string())
            }
        }
    }
}
