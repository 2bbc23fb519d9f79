//! Loading the engine from a storage snapshot: settings, snippets and rubrics, with every record
//! that cannot be read reported (and left in storage untouched); live record counts.

use super::Engine;
use crate::model::{RecordMeta, Rubric, Settings, Snippet};
use crate::storage::{
    live_count, Collection, Snapshot, KEY_SETTINGS, KEY_SHARDS, KEY_SNIPPET_USES,
};
use serde::Serialize;
use serde_json::Value;
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

impl Engine {
    /// Loads settings, snippets, rubrics and the running session's rubric from a storage snapshot
    /// (already migrated). Records that fail to parse are reported and skipped in memory, never
    /// removed from storage.
    pub fn load(&mut self, stored: &Snapshot) -> LoadReport {
        let mut report = LoadReport::default();
        self.settings = match stored.get(KEY_SETTINGS) {
            Some(v) => Settings::deserialize_lenient(v, &mut report.problems),
            None => Settings::default(),
        };
        self.snippets = load_collection(stored, Collection::Snippets, &mut report);
        crate::storage::uses::apply_uses(&mut self.snippets, stored.get(KEY_SNIPPET_USES));
        self.rubrics = load_collection(stored, Collection::Rubrics, &mut report);
        self.load_session(stored);
        self.rebuild();
        if let Some(message) = &self.regex_problem {
            report.problems.push(LoadProblem {
                key: Collection::Snippets.name().into(),
                id: String::new(),
                message: message.clone(),
            });
        }
        report
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
