//! Reading stored entries fast for the index: a `Justification` record's fields read directly
//! (the model's `#[serde(flatten)]` of `RecordMeta` makes serde buffer every record, text
//! included, before reading it: about twice the work). Same fields, same defaults, unknown fields
//! ignored, as the model's own `Deserialize`.

use crate::model::{Justification, RecordMeta, TaskStatus};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredEntry {
    id: String,
    created_at: i64,
    updated_at: i64,
    #[serde(default)]
    deleted_at: Option<i64>,
    text: String,
    #[serde(default)]
    platform_id: Option<String>,
    #[serde(default)]
    task_type_id: Option<String>,
    #[serde(default)]
    task_id: Option<String>,
    #[serde(default)]
    criteria: Vec<String>,
    #[serde(default)]
    outcome: Option<TaskStatus>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    last_used_at: Option<i64>,
}

impl From<StoredEntry> for Justification {
    fn from(e: StoredEntry) -> Self {
        Justification {
            meta: RecordMeta {
                id: e.id,
                created_at: e.created_at,
                updated_at: e.updated_at,
                deleted_at: e.deleted_at,
            },
            text: e.text,
            platform_id: e.platform_id,
            task_type_id: e.task_type_id,
            task_id: e.task_id,
            criteria: e.criteria,
            outcome: e.outcome,
            notes: e.notes,
            tags: e.tags,
            last_used_at: e.last_used_at,
        }
    }
}

/// The entries of a snapshot's JSON text `{key: {id: record}}` when every value is a map of
/// entry records: `(key, entries)` per key. `None` when anything has another shape (read it
/// as a general snapshot then).
pub fn shards_of_json(text: &str) -> Option<Vec<(String, Vec<Justification>)>> {
    let typed: HashMap<String, HashMap<String, StoredEntry>> = serde_json::from_str(text).ok()?;
    Some(
        typed
            .into_iter()
            .map(|(key, shard)| (key, shard.into_values().map(Justification::from).collect()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_model_reads() {
        let record = serde_json::json!({
            "id": "jst_1", "createdAt": 5, "updatedAt": 6, "deletedAt": null, "text": "Él dijo",
            "platformId": "plt_x", "criteria": ["accuracy"], "outcome": "approved",
            "tags": ["a"], "lastUsedAt": 9, "somethingNew": {"kept": "ignored"}
        });
        let text = serde_json::json!({"justifications/2024-01": {"jst_1": record.clone()}});
        let shards = shards_of_json(&text.to_string()).unwrap_or_default();
        let model: Justification = serde_json::from_value(record).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(shards[0].1, vec![model]);
        assert!(shards_of_json(r#"{"shards": {"justifications": {"2024-01": 1}}}"#).is_none());
    }
}
