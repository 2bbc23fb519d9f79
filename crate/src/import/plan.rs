//! The review plan of a snippet import against the library as it is: the importer's result
//! ([`super::import_snippets`]) minus snippets the library already holds, plus the trigger
//! conflicts the new snippets would bring. Pure; the dashboard shows it before anything is stored.

use super::{detect_format, import_snippets, Format, ImportNote, Skipped, SnippetImport};
use crate::edits::too_many;
use crate::error::Result;
use crate::ids::IdGen;
use crate::model::Snippet;
use crate::triggers::{conflicts, Conflict};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// Why an imported snippet that the library already holds is skipped.
pub const ALREADY_THERE: &str = "already in your library";

/// What a snippet import would do, for the user to review.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnippetImportPlan {
    /// The format the file was read as.
    pub format: Format,
    /// New snippets to store (fresh ids).
    pub added: Vec<Snippet>,
    /// Items not imported, with the reason (the importer's, then duplicates of the library).
    pub skipped: Vec<Skipped>,
    /// Per-snippet notes on what could not be carried over exactly.
    pub notes: Vec<ImportNote>,
    /// Trigger conflicts among the existing and the added snippets that involve an added one.
    pub conflicts: Vec<Conflict>,
}

/// What makes two snippets the same for an import: the trigger set, the regex and the template.
type Identity<'a> = (BTreeSet<&'a str>, Option<&'a str>, &'a str);

fn identity(s: &Snippet) -> Identity<'_> {
    (
        s.triggers.iter().map(String::as_str).collect(),
        s.regex.as_deref(),
        s.template.as_str(),
    )
}

/// Removes from `import` every added snippet that equals a live snippet of `existing` (same
/// trigger set and template), records it as skipped, and reports the conflicts that involve an
/// added snippet. O((n + m) log(n + m)) for n existing and m added snippets: one hash set of the
/// library, and the conflict report's sorted groups. More snippets to add than one import takes
/// ([`crate::edits::too_many`], the import's own check) is an error.
pub fn plan_against(import: SnippetImport, existing: &[Snippet]) -> Result<SnippetImportPlan> {
    let live: Vec<&Snippet> = existing.iter().filter(|s| !s.meta.is_deleted()).collect();
    let known: HashSet<Identity> = live.iter().map(|s| identity(s)).collect();
    let mut skipped = import.skipped;
    let mut added = Vec::with_capacity(import.added.len());
    for s in import.added {
        if known.contains(&identity(&s)) {
            let item = if s.label.is_empty() {
                s.triggers.join(" ")
            } else {
                s.label.clone()
            };
            skipped.push(Skipped {
                line: 0,
                row: None,
                item,
                reason: ALREADY_THERE.into(),
            });
        } else {
            added.push(s);
        }
    }
    if let Some(e) = too_many(added.len()) {
        return Err(e);
    }
    let new_ids: HashSet<&str> = added.iter().map(|s| s.meta.id.as_str()).collect();
    let conflicts = conflicts(live.iter().copied().chain(added.iter()))
        .into_iter()
        .filter(|c| {
            new_ids.contains(c.snippet_id.as_str())
                || new_ids.contains(c.other_snippet_id.as_str())
                || c.also.iter().any(|id| new_ids.contains(id.as_str()))
        })
        .collect();
    Ok(SnippetImportPlan {
        format: import.format,
        added,
        skipped,
        notes: import.notes,
        conflicts,
    })
}

/// Reads `text` (espanso YAML, snippet CSV or a Rubrica JSON export) and plans it against the
/// `existing` snippets. A malformed file is an import error naming its line or row.
pub fn plan_snippet_import(
    file_name: &str,
    text: &str,
    existing: &[Snippet],
    ids: &mut IdGen,
    now: i64,
) -> Result<SnippetImportPlan> {
    plan_against(import_snippets(file_name, text, ids, now)?, existing)
}

/// The format of a file Rubrica can import; an unknown one is the importer's error, which names
/// the accepted formats.
pub fn detect_known_format(file_name: &str, text: &str) -> Result<Format> {
    match detect_format(file_name, text) {
        // The importer answers an unknown format at once, without reading the text.
        Format::Unknown => {
            import_snippets(file_name, "", &mut IdGen::new([0; 16]), 0).map(|p| p.format)
        }
        known => Ok(known),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::triggers::ConflictKind;

    const NOW: i64 = 1_764_000_000_000;

    fn plan(csv: &str, existing: &[Snippet]) -> SnippetImportPlan {
        let mut ids = IdGen::new([3; 16]);
        plan_snippet_import("p.csv", csv, existing, &mut ids, NOW).unwrap_or_else(|e| panic!("{e}"))
    }

    fn existing(csv: &str) -> Vec<Snippet> {
        let mut ids = IdGen::new([9; 16]);
        plan_snippet_import("e.csv", csv, &[], &mut ids, NOW - 1000)
            .unwrap_or_else(|e| panic!("{e}"))
            .added
    }

    #[test]
    fn snippets_already_in_the_library_are_skipped() {
        let have = existing("keyword,content\n;acc,Accurate.\n");
        let p = plan("keyword,content\n;acc,Accurate.\n;flu,Fluent.\n", &have);
        assert_eq!(p.format, Format::Csv);
        assert_eq!(p.added.len(), 1);
        assert_eq!(p.added[0].triggers, vec![";flu"]);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].reason, ALREADY_THERE);
        assert_eq!(p.skipped[0].item, ";acc");
        assert!(p.conflicts.is_empty());
    }

    #[test]
    fn a_deleted_snippet_does_not_count_and_a_changed_template_is_added() {
        let mut have = existing("keyword,content\n;acc,Accurate.\n");
        let p = plan("keyword,content\n;acc,Accurate!\n", &have);
        assert_eq!(p.added.len(), 1, "another template is another snippet");
        assert_eq!(p.conflicts.len(), 1);
        assert_eq!(p.conflicts[0].kind, ConflictKind::Duplicate);
        have[0].meta.deleted_at = Some(NOW - 10);
        let p = plan("keyword,content\n;acc,Accurate.\n", &have);
        assert_eq!(p.added.len(), 1);
        assert!(p.conflicts.is_empty(), "deleted snippets claim nothing");
    }

    #[test]
    fn only_conflicts_involving_added_snippets_are_reported() {
        // The library already has a prefix clash of its own; the import brings a duplicate.
        let have = existing("keyword,content\n;a,A\n;ab,AB\n");
        let p = plan("keyword,content\n;ab,Other\n;zz,Z\n", &have);
        assert_eq!(p.added.len(), 2);
        assert!(!p.conflicts.is_empty());
        let new_ids: Vec<&str> = p.added.iter().map(|s| s.meta.id.as_str()).collect();
        for c in &p.conflicts {
            assert!(
                new_ids.contains(&c.snippet_id.as_str())
                    || new_ids.contains(&c.other_snippet_id.as_str()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn malformed_files_import_nothing() {
        let mut ids = IdGen::new([3; 16]);
        let e =
            plan_snippet_import("bad.yml", "matches:\n  - trigger: [\n", &[], &mut ids, NOW).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Import));
    }

    #[test]
    fn unknown_formats_are_an_error_naming_the_accepted_ones() {
        assert_eq!(detect_known_format("a.yml", ""), Ok(Format::Espanso));
        let e = detect_known_format("notes.txt", "hello").err();
        assert!(e.is_some_and(|e| e.kind == ErrorKind::Import && e.message.contains("CSV")));
    }
}
