//! Importers and exporters for snippet files: espanso match YAML, snippet CSV and Rubrica JSON
//! (see `docs/import-formats.md`).
//!
//! Every importer is pure: it takes the file's text, an [`IdGen`] and `now`, and returns a
//! [`SnippetImport`] plan for the user to review — the snippets to add, what was skipped and why,
//! and per-snippet notes on anything that could not be carried over exactly. Nothing is dropped
//! silently. A malformed file is an [`ErrorKind::Import`] error naming the line or row, and then
//! nothing is imported.
//!
//! ```
//! use rubrica_core::ids::IdGen;
//! use rubrica_core::import::{detect_format, import_snippets, Format};
//!
//! # fn main() -> Result<(), rubrica_core::error::Error> {
//! let csv = "keyword,content,label\n;acc,The answer is accurate.,Accuracy\n";
//! assert_eq!(detect_format("phrases.csv", csv), Format::Csv);
//! let mut ids = IdGen::new([1; 16]);
//! let plan = import_snippets("phrases.csv", csv, &mut ids, 1_764_000_000_000)?;
//! assert_eq!(plan.added.len(), 1);
//! assert_eq!(plan.added[0].triggers, vec![";acc".to_string()]);
//! assert!(plan.skipped.is_empty() && plan.notes.is_empty());
//! # Ok(())
//! # }
//! ```

mod csv;
mod emit;
mod espanso;
mod espanso_body;
mod espanso_vars;
mod export;
mod json;
mod outline;
mod plan;
mod planner;
mod yaml;
mod yaml_fast;

pub use self::csv::import_csv;
pub use emit::{date_template, escape, escape_option};
pub use espanso::import_espanso;
pub use export::{export_csv, export_json, CsvExport, CSV_HEADER};
pub use json::import_json;
pub use outline::outline;
pub use plan::{
    detect_known_format, plan_against, plan_snippet_import, SnippetImportPlan, ALREADY_THERE,
};
pub use planner::{added_json, AddedRow, ImportPlanner, NamedSnippet, PlanCounts, PlanView};

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{RecordMeta, Snippet, TriggerMode};
use serde::{Deserialize, Serialize};

/// A snippet file format Rubrica knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// espanso match file (`matches:` YAML).
    Espanso,
    /// Snippet CSV (keyword/abbreviation, content/snippet, name/label columns).
    Csv,
    /// Rubrica JSON export or backup (`{"format": "rubrica", …}`).
    Rubrica,
    /// None of the above.
    Unknown,
}

/// The plan of a snippet import, shown to the user before anything is stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetImport {
    /// The format the file was read as.
    pub format: Format,
    /// New snippets with fresh ids, ready to store.
    pub added: Vec<Snippet>,
    /// Items of the file that were not imported, with the reason.
    pub skipped: Vec<Skipped>,
    /// Things that were changed or left out of imported snippets.
    pub notes: Vec<ImportNote>,
}

/// An item of the file that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// 1-based line of the file where the item starts; 0 when the format has no lines (JSON records).
    pub line: u32,
    /// For CSV, the 1-based data row (the header row not counted); for JSON, the record number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The item's label or trigger, when it has one.
    pub item: String,
    /// Why it was not imported.
    pub reason: String,
}

/// Something about one imported snippet that the user should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportNote {
    /// The snippet's label, or its trigger when it has no label; empty for the whole file.
    pub snippet: String,
    /// 1-based line of the file where the snippet (or the thing noted) is.
    pub line: u32,
    /// What was changed or left out.
    pub note: String,
}

impl SnippetImport {
    /// An empty plan for `format`.
    pub fn new(format: Format) -> Self {
        SnippetImport {
            format,
            added: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(crate) fn note(&mut self, snippet: &str, line: u32, note: impl Into<String>) {
        self.notes.push(ImportNote {
            snippet: snippet.to_string(),
            line,
            note: note.into(),
        });
    }

    /// Adds `s` to the plan, or skips it (at `line`/`row`) naming every reason it could not be
    /// stored: [`crate::edits::snippet_problems`], the same check the import makes, so the
    /// preview never promises a snippet the import refuses.
    pub(crate) fn add(&mut self, s: Snippet, line: u32, row: Option<u32>) {
        let problems = crate::edits::snippet_problems(&s);
        if problems.is_empty() {
            self.added.push(s);
            return;
        }
        let name = if s.label.is_empty() {
            s.triggers.first().cloned().or(s.regex).unwrap_or_default()
        } else {
            s.label
        };
        self.skip(line, row, &name, problems.join("; "));
    }

    pub(crate) fn skip(
        &mut self,
        line: u32,
        row: Option<u32>,
        item: &str,
        reason: impl Into<String>,
    ) {
        self.skipped.push(Skipped {
            line,
            row,
            item: item.to_string(),
            reason: reason.into(),
        });
    }
}

/// Guesses the format from the file name's extension, then from the content.
pub fn detect_format(file_name: &str, text: &str) -> Format {
    let lower = file_name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext {
        "yml" | "yaml" => return Format::Espanso,
        "csv" | "tsv" => return Format::Csv,
        "json" => return Format::Rubrica,
        _ => {}
    }
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('{') && body.contains("\"format\"") {
        Format::Rubrica
    } else if body
        .lines()
        .any(|l| l.starts_with("matches:") || l.starts_with("global_vars:"))
    {
        Format::Espanso
    } else if body
        .lines()
        .next()
        .is_some_and(|l| l.contains(',') || l.contains(';') || l.contains('\t'))
    {
        Format::Csv
    } else {
        Format::Unknown
    }
}

/// Detects the format and runs its importer. An unknown format is an error that says which
/// formats are accepted.
pub fn import_snippets(
    file_name: &str,
    text: &str,
    ids: &mut IdGen,
    now: i64,
) -> Result<SnippetImport> {
    match detect_format(file_name, text) {
        Format::Espanso => import_espanso(text, ids, now),
        Format::Csv => import_csv(text, ids, now),
        Format::Rubrica => import_json(text, ids, now),
        Format::Unknown => Err(import_error(format!(
            "Rubrica cannot tell what kind of file “{file_name}” is. It imports espanso match \
             files (.yml with a “matches:” list), snippet CSV files (.csv with trigger and \
             content columns) and Rubrica exports (.json)."
        ))),
    }
}

pub(crate) fn import_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Import, message)
}

/// A blank user snippet with a fresh id: immediate, case-sensitive, no word boundary.
pub(crate) fn new_snippet(ids: &mut IdGen, now: i64) -> Snippet {
    Snippet {
        meta: RecordMeta::new(ids.next(IdKind::Snippet, now), now),
        triggers: Vec::new(),
        regex: None,
        label: String::new(),
        folder: String::new(),
        tags: Vec::new(),
        template: String::new(),
        mode: TriggerMode::Immediate,
        word_boundary: false,
        propagate_case: false,
        criteria: Vec::new(),
        usage_count: 0,
        last_used_at: None,
        builtin: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_extension_then_content() {
        assert_eq!(detect_format("base.YML", ""), Format::Espanso);
        assert_eq!(detect_format("x.csv", ""), Format::Csv);
        assert_eq!(detect_format("x.json", ""), Format::Rubrica);
        assert_eq!(
            detect_format("paste", "\u{feff}{\"format\": \"rubrica\"}"),
            Format::Rubrica
        );
        assert_eq!(detect_format("paste", "# hi\nmatches:\n"), Format::Espanso);
        assert_eq!(detect_format("paste", "a;b\n"), Format::Csv);
        assert_eq!(detect_format("notes.txt", "hello"), Format::Unknown);
    }

    #[test]
    fn unknown_format_says_what_is_accepted() {
        let mut ids = IdGen::new([1; 16]);
        let e = import_snippets("notes.txt", "hello", &mut ids, 0).err();
        assert!(e.is_some_and(|e| e.kind == ErrorKind::Import && e.message.contains("espanso")));
    }
}

#[cfg(test)]
mod fixture_tests;
