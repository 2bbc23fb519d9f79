//! Rubrica JSON: a snippets export (`kind: "snippets"`) or a full backup (`kind: "backup"`), of
//! which only the `snippets` section is read here (full restores go through
//! [`crate::storage::plan_import`]).

use super::{import_error, Format, SnippetImport};
use crate::error::Result;
use crate::ids::{IdGen, IdKind};
use crate::model::Snippet;
use crate::storage::{Envelope, FORMAT, SCHEMA_VERSION};
use serde::Deserialize;

/// The typed view of the envelope's `data.snippets`, read a second time so that a bad record is
/// reported with its line and column.
#[derive(Deserialize)]
struct SnippetsFile {
    data: SnippetsData,
}

#[derive(Deserialize)]
struct SnippetsData {
    #[serde(default)]
    snippets: Vec<Snippet>,
}

/// Imports the snippets of a Rubrica export or backup as new snippets (fresh ids, created `now`,
/// usage kept). Deleted records and starter-pack snippets are skipped with the reason.
pub fn import_json(text: &str, ids: &mut IdGen, now: i64) -> Result<SnippetImport> {
    let text = text.trim_start_matches('\u{feff}');
    let at = |e: serde_json::Error, what: &str| {
        import_error(format!("{what}: {e}")).at(text, e.line() as u32, e.column() as u32)
    };
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| at(e, "This is not a Rubrica JSON file"))?;
    if envelope.format != FORMAT {
        return Err(import_error(format!(
            "This JSON file is not a Rubrica export (its format is “{}”)",
            envelope.format
        )));
    }
    if envelope.schema > SCHEMA_VERSION {
        return Err(import_error(format!(
            "This file was written by a newer Rubrica (schema {}); update Rubrica, then import it",
            envelope.schema
        )));
    }
    if envelope.kind != "snippets" && envelope.kind != "backup" {
        return Err(import_error(format!(
            "This Rubrica file holds {}, not snippets",
            envelope.kind
        )));
    }
    let file: SnippetsFile =
        serde_json::from_str(text).map_err(|e| at(e, "A snippet in this file is invalid"))?;
    let mut plan = SnippetImport::new(Format::Rubrica);
    for (i, mut s) in file.data.snippets.into_iter().enumerate() {
        let row = Some(i as u32 + 1);
        let name = if s.label.is_empty() {
            s.triggers.join(" ")
        } else {
            s.label.clone()
        };
        if s.meta.is_deleted() {
            plan.skip(0, row, &name, "it was deleted before the export");
            continue;
        }
        if s.builtin {
            plan.skip(
                0,
                row,
                &name,
                "it belongs to the starter pack, which Rubrica already has",
            );
            continue;
        }
        s.meta.id = ids.next(IdKind::Snippet, now);
        s.meta.created_at = now;
        s.meta.updated_at = now;
        plan.add(s, 0, row);
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_snippets_of_an_export_or_backup() -> Result<()> {
        let file = r#"{"format":"rubrica","schema":1,"kind":"backup","exportedAt":1,"app":"0.1.0",
          "data":{"settings":{},"snippets":[
            {"id":"snp_a","createdAt":1,"updatedAt":1,"triggers":[";a"],"template":"A"},
            {"id":"snp_b","createdAt":1,"updatedAt":1,"deletedAt":2,"triggers":[";b"],"template":"B"},
            {"id":"snp_c","createdAt":1,"updatedAt":1,"triggers":[";c"],"template":"C","builtin":true}
          ]}}"#;
        let mut ids = IdGen::new([3; 16]);
        let plan = import_json(file, &mut ids, 99)?;
        assert_eq!(plan.added.len(), 1);
        assert_ne!(plan.added[0].meta.id, "snp_a");
        assert_eq!(plan.added[0].meta.created_at, 99);
        assert_eq!(plan.skipped.len(), 2);
        Ok(())
    }

    #[test]
    fn bad_records_and_other_files_are_errors() {
        let mut ids = IdGen::new([3; 16]);
        let bad = "{\"format\":\"rubrica\",\"schema\":1,\"kind\":\"snippets\",\"exportedAt\":1,\n\"data\":{\"snippets\":[\n{\"id\":\"x\"}]}}";
        let e = import_json(bad, &mut ids, 0).err();
        assert_eq!(e.and_then(|e| e.line), Some(3));
        let other = r#"{"format":"rubrica","schema":1,"kind":"tasks","exportedAt":1,"data":{}}"#;
        assert!(import_json(other, &mut ids, 0).is_err());
        assert!(import_json("{\"format\":\"x\",", &mut ids, 0).is_err_and(|e| e.line == Some(1)));
    }
}
