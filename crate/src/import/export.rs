//! Snippet exporters: Rubrica JSON (the envelope with `kind: "snippets"`) and CSV
//! (`trigger,label,folder,tags,content`), both read back by the importers.

use super::ImportNote;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Snippet;
use crate::storage::{Envelope, FORMAT, SCHEMA_VERSION};
use serde::Serialize;
use serde_json::{json, Value};

/// The header row of Rubrica's CSV export. The CSV importer recognises it and then reads the
/// content column as template source instead of literal text.
pub const CSV_HEADER: &str = "trigger,label,folder,tags,content";

/// A CSV export and what it could not carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvExport {
    /// The CSV text (UTF-8, `\n` line ends, no BOM).
    pub text: String,
    /// Snippets or settings the CSV format cannot hold (regex triggers, trigger modes, …).
    pub notes: Vec<ImportNote>,
}

/// The live snippets, sorted by id, as a Rubrica JSON envelope of kind `snippets`.
pub fn export_json<'a>(
    snippets: impl IntoIterator<Item = &'a Snippet>,
    now: i64,
) -> Result<Envelope> {
    let mut live: Vec<&Snippet> = snippets
        .into_iter()
        .filter(|s| !s.meta.is_deleted())
        .collect();
    live.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    let records = live
        .into_iter()
        .map(serde_json::to_value)
        .collect::<std::result::Result<Vec<Value>, _>>()
        .map_err(|e| Error::new(ErrorKind::Internal, format!("export failed: {e}")))?;
    Ok(Envelope {
        format: FORMAT.into(),
        schema: SCHEMA_VERSION,
        kind: "snippets".into(),
        exported_at: now,
        app: crate::VERSION.into(),
        data: json!({ "snippets": records }),
    })
}

/// The live snippets as CSV: one row per snippet, triggers joined with a space, tags with `, `,
/// the template source as content. What CSV cannot hold is listed in the notes; a snippet with
/// only a regex trigger has no row.
pub fn export_csv<'a>(snippets: impl IntoIterator<Item = &'a Snippet>) -> Result<CsvExport> {
    let fail = |e: csv::Error| Error::new(ErrorKind::Internal, format!("CSV export failed: {e}"));
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER.split(',')).map_err(fail)?;
    let mut notes = Vec::new();
    let mut live: Vec<&Snippet> = snippets
        .into_iter()
        .filter(|s| !s.meta.is_deleted())
        .collect();
    live.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    let mut line = 2;
    for s in live {
        let name = if s.label.is_empty() {
            s.triggers.join(" ")
        } else {
            s.label.clone()
        };
        let mut note = |n: String| {
            notes.push(ImportNote {
                snippet: name.clone(),
                line,
                note: n,
            })
        };
        if let Some(re) = &s.regex {
            note(format!("its regex trigger “{re}” is not in the CSV"));
        }
        if s.triggers.is_empty() {
            note("it has no literal trigger, so it has no row".into());
            continue;
        }
        if s.triggers
            .iter()
            .any(|t| t.chars().any(char::is_whitespace))
        {
            note("a trigger contains a space and will split in two when read back".into());
        }
        if s.mode != Default::default() || s.word_boundary || !s.propagate_case {
            note("trigger options (mode, word boundary, case) are not in the CSV".into());
        }
        let tags = s.tags.join(", ");
        let row = [
            s.triggers.join(" "),
            s.label.clone(),
            s.folder.clone(),
            tags,
            s.template.clone(),
        ];
        writer.write_record(&row).map_err(fail)?;
        line += 1 + s.template.matches('\n').count() as u32;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::new(ErrorKind::Internal, format!("CSV export failed: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::new(ErrorKind::Internal, format!("CSV export failed: {e}")))?;
    Ok(CsvExport { text, notes })
}
