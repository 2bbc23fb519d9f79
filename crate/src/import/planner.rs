//! An import planned in steps, for the dashboard's planning worker: the file is read first
//! ([`ImportPlanner::new`]), the library is added part by part as it arrives from the background
//! ([`ImportPlanner::add_existing_json`]), and [`ImportPlanner::finish`] plans against it. So the
//! worker reads the file while the background is still sending the library, and no step holds the
//! whole library as one JSON text.
//!
//! [`PlanView`] is what the preview shows of a plan: the counts, the first rows of each list (each
//! added snippet's text as the fill-in form shows it) and the snippets the shown conflicts name.
//! The added snippets themselves leave as JSON bytes ([`added_json`]) for `snippets.import`.

use super::plan::{plan_against, SnippetImportPlan};
use super::{import_snippets, outline, Format, ImportNote, Skipped, SnippetImport};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::IdGen;
use crate::model::Snippet;
use crate::triggers::Conflict;
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A snippet import being planned: the file is read, the library arrives in parts.
#[derive(Debug)]
pub struct ImportPlanner {
    import: SnippetImport,
    existing: Vec<Snippet>,
    /// Library records that could not be read (left out of the plan: they claim no trigger).
    unreadable: usize,
}

impl ImportPlanner {
    /// Reads the file (espanso YAML, snippet CSV or a Rubrica JSON export); a malformed file is
    /// the importer's error, naming its line or row.
    pub fn new(file_name: &str, text: &str, ids: &mut IdGen, now: i64) -> Result<ImportPlanner> {
        Ok(ImportPlanner {
            import: import_snippets(file_name, text, ids, now)?,
            existing: Vec::new(),
            unreadable: 0,
        })
    }

    /// Adds one part of the library: a JSON array of snippet records as storage holds them. A
    /// record that does not read as a snippet is left out (the engine reports it as a load
    /// problem); text that is not a JSON array is an error.
    pub fn add_existing_json(&mut self, text: &str) -> Result<()> {
        match serde_json::from_str::<Vec<Snippet>>(text) {
            Ok(part) => self.existing.extend(part),
            Err(_) => {
                // The rare library with a record the core cannot read: record by record.
                let records: Vec<Value> = serde_json::from_str(text).map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidMessage,
                        format!("the existing snippets have the wrong shape: {e}"),
                    )
                })?;
                for r in records {
                    match serde_json::from_value::<Snippet>(r) {
                        Ok(s) => self.existing.push(s),
                        Err(_) => self.unreadable += 1,
                    }
                }
            }
        }
        Ok(())
    }

    /// How many library records were left out because they could not be read.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// The plan against every part added (see [`plan_against`]).
    pub fn finish(self) -> Result<SnippetImportPlan> {
        plan_against(self.import, &self.existing)
    }

    /// The plan's view with the first `shown` rows of each list, and the added snippets as JSON
    /// bytes ([`added_json`]).
    pub fn finish_view(self, shown: usize) -> Result<(PlanView, Vec<u8>)> {
        let plan = plan_against(self.import, &self.existing)?;
        Ok((
            PlanView::of(&plan, &self.existing, shown),
            added_json(&plan)?,
        ))
    }
}

/// An added snippet as the preview lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddedRow {
    pub triggers: Vec<String>,
    pub regex: Option<String>,
    pub label: String,
    pub folder: String,
    /// The text as the fill-in form shows it ([`outline`]).
    pub outline: String,
}

/// A snippet a shown conflict names, for its sentence (`conflict-text.js`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamedSnippet {
    pub id: String,
    pub label: String,
    pub folder: String,
    pub triggers: Vec<String>,
}

/// How many of each list a plan holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlanCounts {
    pub added: usize,
    pub skipped: usize,
    pub notes: usize,
    pub conflicts: usize,
}

/// What the preview shows of a plan: complete counts and the first `shown` rows of each list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanView {
    pub format: Format,
    pub counts: PlanCounts,
    pub added: Vec<AddedRow>,
    pub skipped: Vec<Skipped>,
    pub notes: Vec<ImportNote>,
    pub conflicts: Vec<Conflict>,
    /// The snippets (added or in the library) the shown conflicts name.
    pub named: Vec<NamedSnippet>,
}

impl PlanView {
    /// The view of `plan` with the first `shown` rows of each list; `existing` is the library it
    /// was planned against (for the names in conflict sentences).
    pub fn of(plan: &SnippetImportPlan, existing: &[Snippet], shown: usize) -> PlanView {
        let conflicts: Vec<Conflict> = plan.conflicts.iter().take(shown).cloned().collect();
        let wanted: HashSet<&str> = conflicts
            .iter()
            .flat_map(|c| {
                [c.snippet_id.as_str(), c.other_snippet_id.as_str()]
                    .into_iter()
                    .chain(c.also.iter().map(String::as_str))
            })
            .collect();
        let mut named: HashMap<&str, NamedSnippet> = HashMap::new();
        if !wanted.is_empty() {
            for s in plan.added.iter().chain(existing) {
                let id = s.meta.id.as_str();
                if wanted.contains(id) && !named.contains_key(id) {
                    named.insert(
                        id,
                        NamedSnippet {
                            id: id.to_string(),
                            label: s.label.clone(),
                            folder: s.folder.clone(),
                            triggers: s.triggers.clone(),
                        },
                    );
                }
            }
        }
        let mut named: Vec<NamedSnippet> = named.into_values().collect();
        named.sort_by(|a, b| a.id.cmp(&b.id));
        PlanView {
            format: plan.format,
            counts: PlanCounts {
                added: plan.added.len(),
                skipped: plan.skipped.len(),
                notes: plan.notes.len(),
                conflicts: plan.conflicts.len(),
            },
            added: plan
                .added
                .iter()
                .take(shown)
                .map(|s| AddedRow {
                    triggers: s.triggers.clone(),
                    regex: s.regex.clone(),
                    label: s.label.clone(),
                    folder: s.folder.clone(),
                    outline: outline(&s.template),
                })
                .collect(),
            skipped: plan.skipped.iter().take(shown).cloned().collect(),
            notes: plan.notes.iter().take(shown).cloned().collect(),
            conflicts,
            named,
        }
    }
}

/// The added snippets as JSON text's bytes (UTF-8), as `snippets.import` takes them.
pub fn added_json(plan: &SnippetImportPlan) -> Result<Vec<u8>> {
    serde_json::to_vec(&plan.added).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_764_000_000_000;

    fn library(csv: &str) -> Vec<Snippet> {
        let mut ids = IdGen::new([9; 16]);
        ImportPlanner::new("e.csv", csv, &mut ids, NOW - 1000)
            .and_then(ImportPlanner::finish)
            .map(|p| p.added)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn json(snippets: &[Snippet]) -> String {
        serde_json::to_string(snippets).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn parts_plan_as_the_whole_library_does() {
        let have = library("keyword,content\n;acc,Accurate.\n;flu,Fluent.\n;ab,AB\n");
        let file = "keyword,content,label\n;acc,Accurate.,Acc\n;ab,Other,Mine\n;zz,Z,Zed\n";
        let whole = {
            let mut ids = IdGen::new([3; 16]);
            super::super::plan_snippet_import("p.csv", file, &have, &mut ids, NOW)
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let mut ids = IdGen::new([3; 16]);
        let mut planner =
            ImportPlanner::new("p.csv", file, &mut ids, NOW).unwrap_or_else(|e| panic!("{e}"));
        for part in have.chunks(2) {
            planner
                .add_existing_json(&json(part))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let parts = planner.finish().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parts, whole);
        assert_eq!(parts.added.len(), 2);
        assert_eq!(parts.conflicts.len(), 1);

        let view = PlanView::of(&parts, &have, 1);
        assert_eq!(view.counts.added, 2);
        assert_eq!(view.added.len(), 1, "only the rows shown");
        assert_eq!(view.added[0].outline, "Other");
        let named: Vec<&str> = view.named.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(named.len(), 2, "both snippets of the conflict: {named:?}");
        assert!(named.contains(&"Mine"));
        let bytes = added_json(&parts).unwrap_or_else(|e| panic!("{e}"));
        let back: Vec<Snippet> = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, parts.added);
    }

    #[test]
    fn an_unreadable_library_record_is_left_out_and_counted() {
        let have = library("keyword,content\n;acc,Accurate.\n");
        let mut records: Vec<Value> = serde_json::from_str(&json(&have)).unwrap_or_default();
        records.push(serde_json::json!({"id": "snp_bad", "triggers": 5}));
        let text = serde_json::to_string(&records).unwrap_or_default();
        let mut ids = IdGen::new([3; 16]);
        let mut planner =
            ImportPlanner::new("p.csv", "keyword,content\n;acc,Accurate.\n", &mut ids, NOW)
                .unwrap_or_else(|e| panic!("{e}"));
        planner
            .add_existing_json(&text)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(planner.unreadable(), 1);
        let plan = planner.finish().unwrap_or_else(|e| panic!("{e}"));
        assert!(plan.added.is_empty(), "the readable record is still known");
        assert!(
            ImportPlanner::new("p.csv", "keyword,content\n;a,A\n", &mut ids, NOW)
                .and_then(|mut p| p.add_existing_json("{\"not\": \"a list\"}"))
                .is_err()
        );
    }

    #[test]
    fn a_malformed_file_is_the_importers_error() {
        let mut ids = IdGen::new([3; 16]);
        let e = ImportPlanner::new("bad.yml", "matches:\n  - trigger: [\n", &mut ids, NOW).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Import));
    }
}
