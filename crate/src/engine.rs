//! The engine: the long-lived state the extension's background holds behind one handle — settings,
//! snippets, rubrics and the compiled trigger table — and the coarse operations on it.
//!
//! The engine never touches storage. The background reads a [`Snapshot`], hands it to
//! [`Engine::load`], and writes what the engine's answers tell it to.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::IdGen;
use crate::model::{RecordMeta, Rubric, Settings, Snippet, TriggerMode};
use crate::storage::{live_count, Collection, Snapshot, KEY_SETTINGS, KEY_SHARDS, SCHEMA_VERSION};
use crate::triggers::{apply_case, typed_case, TriggerTable};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A record in storage that could not be read. It stays in storage untouched; the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadProblem {
    pub key: String,
    pub id: String,
    pub message: String,
}

/// What [`Engine::load`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
    /// Live (not deleted) records per loaded collection.
    pub counts: BTreeMap<String, u32>,
    pub problems: Vec<LoadProblem>,
}

/// The result of an expansion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expansion {
    /// The text that replaces the trigger.
    pub text: String,
    /// Caret positions after insertion, as UTF-16 offsets into `text` (the first is where the
    /// caret goes).
    pub cursors: Vec<u32>,
    /// The snippet's id (for usage counts).
    pub snippet_id: String,
}

/// The trigger of the built-in demo snippet, which works even with an empty library.
pub const DEMO_TRIGGER: &str = ";rubrica";
const DEMO_TEXT: &str = "Rubrica is working: this text was rendered by its core, on this machine.";

/// Rubrica's core state.
#[derive(Debug, Clone)]
pub struct Engine {
    ids: IdGen,
    settings: Settings,
    snippets: Vec<Snippet>,
    rubrics: Vec<Rubric>,
    table: TriggerTable,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with default settings and only the built-in snippets (id seed fixed; use
    /// [`Engine::with_seed`] in the extension).
    pub fn new() -> Engine {
        Engine::with_seed([0; 16])
    }

    /// An engine whose ids come from `seed` (the extension passes 16 random bytes).
    pub fn with_seed(seed: [u8; 16]) -> Engine {
        let mut engine = Engine {
            ids: IdGen::new(seed),
            settings: Settings::default(),
            snippets: Vec::new(),
            rubrics: Vec::new(),
            table: TriggerTable::compile([], true),
        };
        engine.rebuild();
        engine
    }

    /// The id generator, for code that creates records.
    pub fn ids(&mut self) -> &mut IdGen {
        &mut self.ids
    }

    /// The current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Live snippets, built-ins included.
    pub fn snippets(&self) -> &[Snippet] {
        &self.snippets
    }

    /// Live rubrics.
    pub fn rubrics(&self) -> &[Rubric] {
        &self.rubrics
    }

    /// The compiled trigger table.
    pub fn trigger_table(&self) -> &TriggerTable {
        &self.table
    }

    /// Loads settings, snippets and rubrics from a storage snapshot (already migrated). Records
    /// that fail to parse are reported and skipped in memory, never removed from storage.
    pub fn load(&mut self, stored: &Snapshot) -> LoadReport {
        let mut report = LoadReport::default();
        self.settings = match stored.get(KEY_SETTINGS) {
            Some(v) => Settings::deserialize_lenient(v, &mut report.problems),
            None => Settings::default(),
        };
        self.snippets = load_collection(stored, Collection::Snippets, &mut report);
        self.rubrics = load_collection(stored, Collection::Rubrics, &mut report);
        self.rebuild();
        report
    }

    fn rebuild(&mut self) {
        if !self
            .snippets
            .iter()
            .any(|s| s.triggers.iter().any(|t| t == DEMO_TRIGGER))
        {
            self.snippets.push(demo_snippet());
        }
        self.table = TriggerTable::compile(&self.snippets, self.settings.expansion.enabled);
    }

    /// Replaces the settings (after the background stored them) and recompiles the table.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.rebuild();
    }

    /// Merges `patch` into the current settings. Unknown or mistyped settings are an error and
    /// nothing changes.
    pub fn patch_settings(&self, patch: &Map<String, Value>) -> Result<Settings> {
        let mut merged = serde_json::to_value(&self.settings)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        merge(&mut merged, &Value::Object(patch.clone()), "")?;
        serde_json::from_value(merged)
            .map_err(|e| Error::new(ErrorKind::InvalidMessage, format!("invalid setting: {e}")))
    }

    /// Expands the trigger the user typed (`;Acc`), applying case propagation.
    pub fn expand(&mut self, typed: &str) -> Result<Expansion> {
        let key = self
            .table
            .find_at_end(typed)
            .filter(|(_, t)| *t == typed)
            .map(|(k, _)| k.to_string())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("no snippet has the trigger “{typed}”"),
                )
            })?;
        let snippet = self
            .snippets
            .iter()
            .find(|s| {
                s.triggers
                    .iter()
                    .any(|t| *t == key || (s.propagate_case && t.to_lowercase() == key))
            })
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "the snippet was deleted"))?;
        let mut text = snippet.template.clone();
        if snippet.propagate_case {
            text = apply_case(&text, typed_case(typed));
        }
        let end = text.encode_utf16().count() as u32;
        Ok(Expansion {
            text,
            cursors: vec![end],
            snippet_id: snippet.meta.id.clone(),
        })
    }

    /// Live record counts of every collection, from the small collections' maps and the shard
    /// index, so counting never loads a month shard.
    pub fn count_records(stored: &Snapshot) -> BTreeMap<String, u32> {
        let index = stored.get(KEY_SHARDS);
        Collection::ALL
            .into_iter()
            .map(|c| {
                let n = if c.is_sharded() {
                    index
                        .and_then(|i| i.get(c.name()))
                        .and_then(Value::as_object)
                        .map(|m| m.values().filter_map(Value::as_u64).sum::<u64>() as u32)
                        .unwrap_or(0)
                } else {
                    stored.get(c.name()).map(live_count).unwrap_or(0)
                };
                (c.name().to_string(), n)
            })
            .collect()
    }

    /// The schema version this engine reads and writes.
    pub fn schema(&self) -> u32 {
        SCHEMA_VERSION
    }
}

fn demo_snippet() -> Snippet {
    Snippet {
        meta: RecordMeta::new("snp_00000000000000000000000DEMO".into(), 0),
        triggers: vec![DEMO_TRIGGER.into()],
        regex: None,
        label: "Rubrica demo".into(),
        folder: "Rubrica".into(),
        tags: vec!["demo".into()],
        template: DEMO_TEXT.into(),
        mode: TriggerMode::Immediate,
        word_boundary: false,
        propagate_case: false,
        criteria: vec![],
        usage_count: 0,
        last_used_at: None,
        builtin: true,
    }
}

fn load_collection<T: serde::de::DeserializeOwned + HasMeta>(
    stored: &Snapshot,
    c: Collection,
    report: &mut LoadReport,
) -> Vec<T> {
    let mut out = Vec::new();
    for (key, value) in stored.iter().filter(|(k, _)| c.owns_key(k)) {
        let Some(map) = value.as_object() else {
            report.problems.push(LoadProblem {
                key: key.clone(),
                id: String::new(),
                message: format!("“{key}” is not a map of records"),
            });
            continue;
        };
        for (id, rec) in map {
            match T::deserialize(rec) {
                Ok(r) if r.meta().is_deleted() => {}
                Ok(r) => out.push(r),
                Err(e) => report.problems.push(LoadProblem {
                    key: key.clone(),
                    id: id.clone(),
                    message: e.to_string(),
                }),
            }
        }
    }
    report.counts.insert(c.name().into(), out.len() as u32);
    out
}

trait HasMeta {
    fn meta(&self) -> &RecordMeta;
}

impl HasMeta for Snippet {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
}

impl HasMeta for Rubric {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
}

impl Settings {
    fn deserialize_lenient(v: &Value, problems: &mut Vec<LoadProblem>) -> Settings {
        serde_json::from_value(v.clone()).unwrap_or_else(|e| {
            problems.push(LoadProblem {
                key: KEY_SETTINGS.into(),
                id: String::new(),
                message: format!("settings could not be read ({e}); defaults are in use"),
            });
            Settings::default()
        })
    }
}

/// Deep-merges `patch` into `target`; every key of the patch must already exist in `target`.
fn merge(target: &mut Value, patch: &Value, path: &str) -> Result<()> {
    let (Some(t), Some(p)) = (target.as_object_mut(), patch.as_object()) else {
        *target = patch.clone();
        return Ok(());
    };
    for (k, v) in p {
        let here = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        match t.get_mut(k) {
            Some(existing) if existing.is_object() && v.is_object() => merge(existing, v, &here)?,
            Some(existing) => *existing = v.clone(),
            None if is_optional_setting(&here) => {
                t.insert(k.clone(), v.clone());
            }
            None => {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    format!("unknown setting “{here}”"),
                ))
            }
        }
    }
    Ok(())
}

/// Settings that serialize as absent when unset.
fn is_optional_setting(path: &str) -> bool {
    matches!(
        path,
        "defaultRubricId" | "lastExportAt" | "session.lastPlatformId" | "session.lastTaskTypeId"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn demo_trigger_expands_with_an_empty_library() {
        let mut e = Engine::new();
        let x = e.expand(";rubrica").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.text, DEMO_TEXT);
        assert_eq!(x.cursors, vec![DEMO_TEXT.encode_utf16().count() as u32]);
        assert!(e.expand(";nothing").is_err());
    }

    #[test]
    fn load_reports_bad_records_and_keeps_good_ones() {
        let mut e = Engine::new();
        let report = e.load(&stored_with_snippet("the response is accurate"));
        assert_eq!(report.counts["snippets"], 1);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].id, "snp_bad");
        let x = e.expand(";Acc").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(x.text, "The response is accurate");
        assert_eq!(
            e.expand(";ACC").map(|x| x.text),
            Ok("THE RESPONSE IS ACCURATE".into())
        );
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
    }
}
