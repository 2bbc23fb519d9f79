//! The envelope every export and backup file shares, and import as validate → stage → one write.
//!
//! ```json
//! {"format": "rubrica", "schema": 1, "kind": "backup", "exportedAt": 1764000000000,
//!  "app": "0.1.0", "data": {"settings": {…}, "snippets": [ … ], "sessions": [ … ]}}
//! ```

use super::keys::{Collection, Snapshot, KEY_SETTINGS, KEY_SHARDS, KEY_SNIPPET_USES};
use super::migrate::SCHEMA_VERSION;
use super::uses;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{
    Alert, Justification, Platform, RecordMeta, Rubric, Session, Settings, Snippet, Task, TaskType,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Live (not deleted) records in one stored `{id: record}` map.
pub fn live_count(map: &Value) -> u32 {
    map.as_object()
        .map(|m| {
            m.values()
                .filter(|r| r.get("deletedAt").is_none_or(Value::is_null))
                .count() as u32
        })
        .unwrap_or(0)
}

/// The value of `format` in every Rubrica file.
pub const FORMAT: &str = "rubrica";

/// The one JSON envelope of export and backup files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Envelope {
    /// Always `"rubrica"`.
    pub format: String,
    /// Schema version of `data`.
    pub schema: u32,
    /// `backup` (everything) or a collection name (`snippets`, `tasks`, …).
    pub kind: String,
    /// UTC epoch ms.
    pub exported_at: i64,
    /// Version of Rubrica that wrote the file.
    #[serde(default)]
    pub app: String,
    /// `{collectionName: [records], settings?: {…}}`.
    pub data: Value,
}

/// Builds a backup of everything live in `stored` (tombstones are left out).
pub fn export_backup(stored: &Snapshot, now: i64) -> Envelope {
    let mut data = Map::new();
    if let Some(settings) = stored.get(KEY_SETTINGS) {
        data.insert("settings".into(), settings.clone());
    }
    for c in Collection::ALL {
        let mut records: Vec<&Value> = records_of(stored, c)
            .filter(|(_, v)| v.get("deletedAt").is_none_or(Value::is_null))
            .map(|(_, v)| v)
            .collect();
        records.sort_by(|a, b| id_of(a).cmp(id_of(b)));
        let mut records: Vec<Value> = records.into_iter().cloned().collect();
        if c == Collection::Snippets {
            // Files carry each snippet's use count in its record, as in schemas 1 and 2.
            uses::fold_into_records(&mut records, stored.get(KEY_SNIPPET_USES));
        }
        data.insert(c.name().into(), Value::Array(records));
    }
    Envelope {
        format: FORMAT.into(),
        schema: SCHEMA_VERSION,
        kind: "backup".into(),
        exported_at: now,
        app: crate::VERSION.into(),
        data: Value::Object(data),
    }
}

fn id_of(v: &Value) -> &str {
    v.get("id").and_then(Value::as_str).unwrap_or("")
}

/// Every (key, record) of collection `c` in `stored`.
fn records_of(stored: &Snapshot, c: Collection) -> impl Iterator<Item = (&String, &Value)> {
    stored
        .iter()
        .filter(move |(k, _)| c.owns_key(k))
        .filter_map(|(k, v)| v.as_object().map(|m| (k, m)))
        .flat_map(|(k, m)| m.values().map(move |v| (k, v)))
}

/// Counts for one collection in an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub added: u32,
    pub updated: u32,
    /// Already present and not older than the stored copy.
    pub skipped: u32,
}

/// What an import will do, and the writes that do it in one `storage.local.set`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPlan {
    pub kind: String,
    /// Per collection name.
    pub summary: BTreeMap<String, ImportSummary>,
    /// Whether the file's settings replace the stored settings.
    pub replaces_settings: bool,
    /// Keys and their complete new values.
    #[serde(skip)]
    pub writes: Snapshot,
}

fn validate(c: Collection, v: &Value) -> std::result::Result<RecordMeta, serde_json::Error> {
    fn meta<T: serde::de::DeserializeOwned>(
        v: &Value,
        get: fn(T) -> RecordMeta,
    ) -> std::result::Result<RecordMeta, serde_json::Error> {
        T::deserialize(v).map(get)
    }
    match c {
        Collection::Platforms => meta::<Platform>(v, |r| r.meta),
        Collection::TaskTypes => meta::<TaskType>(v, |r| r.meta),
        Collection::Rubrics => meta::<Rubric>(v, |r| r.meta),
        Collection::Snippets => meta::<Snippet>(v, |r| r.meta),
        Collection::Alerts => meta::<Alert>(v, |r| r.meta),
        Collection::Sessions => meta::<Session>(v, |r| r.meta),
        Collection::Tasks => meta::<Task>(v, |r| r.meta),
        Collection::Justifications => meta::<Justification>(v, |r| r.meta),
    }
}

fn import_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Import, message)
}

/// Parses a Rubrica file, validates every record, and plans the merge into `stored`: a record is
/// added when its id is new, replaces the stored copy when its `updatedAt` is newer, and is skipped
/// otherwise. Any error means nothing will be written.
pub fn plan_import(stored: &Snapshot, file_text: &str) -> Result<ImportPlan> {
    let envelope: Envelope = serde_json::from_str(file_text).map_err(|e| {
        let msg = if e.is_data() {
            format!("This is JSON but not a Rubrica file: {e}")
        } else {
            format!("This file is not valid JSON: {e}")
        };
        import_error(msg).at(file_text, e.line() as u32, e.column() as u32)
    })?;
    if envelope.format != FORMAT {
        return Err(import_error(format!(
            "This JSON file is not a Rubrica export (its format is “{}”).",
            envelope.format
        )));
    }
    if envelope.schema > SCHEMA_VERSION || envelope.schema == 0 {
        return Err(import_error(format!(
            "This file was written by a Rubrica with schema {}; this version reads schema 1 to {}. \
             Update Rubrica to import it.",
            envelope.schema, SCHEMA_VERSION
        )));
    }
    let Value::Object(data) = &envelope.data else {
        return Err(import_error("The file's “data” is not an object."));
    };

    let mut by_id: HashMap<&str, (&String, i64)> = HashMap::new();
    for c in Collection::ALL {
        for (key, v) in records_of(stored, c) {
            let updated = v.get("updatedAt").and_then(Value::as_i64).unwrap_or(0);
            by_id.insert(id_of(v), (key, updated));
        }
    }

    let mut writes = Snapshot::new();
    let mut summary = BTreeMap::new();
    let mut replaces_settings = false;
    for (name, value) in data {
        if name == "settings" {
            Settings::deserialize(value).map_err(|e| import_error(format!("settings: {e}")))?;
            writes.insert(KEY_SETTINGS.into(), value.clone());
            replaces_settings = true;
            continue;
        }
        let c = Collection::from_name(name).ok_or_else(|| {
            import_error(format!(
                "The file has a section “{name}” that Rubrica does not know; nothing was imported."
            ))
        })?;
        let Value::Array(records) = value else {
            return Err(import_error(format!(
                "“{name}” should be a list of records."
            )));
        };
        let counts: &mut ImportSummary = summary.entry(name.clone()).or_default();
        let mut seen = BTreeSet::new();
        for (i, rec) in records.iter().enumerate() {
            let meta = validate(c, rec)
                .map_err(|e| import_error(format!("{name}[{i}] (record {}): {e}", i + 1)))?;
            if meta.id.is_empty() {
                return Err(import_error(format!("{name}[{i}] has an empty id.")));
            }
            if !seen.insert(meta.id.clone()) {
                return Err(import_error(format!(
                    "{name}[{i}]: the id {} appears twice in the file.",
                    meta.id
                )));
            }
            let target_key = match by_id.get(meta.id.as_str()) {
                Some((_, updated)) if *updated >= meta.updated_at => {
                    counts.skipped += 1;
                    continue;
                }
                Some((key, _)) => {
                    counts.updated += 1;
                    (*key).clone()
                }
                None => {
                    counts.added += 1;
                    c.key_for(meta.created_at)
                }
            };
            let entry = writes.entry(target_key.clone()).or_insert_with(|| {
                stored
                    .get(&target_key)
                    .filter(|v| v.is_object())
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Map::new()))
            });
            if let Some(map) = entry.as_object_mut() {
                map.insert(meta.id.clone(), rec.clone());
            }
        }
    }
    let mut index = stored
        .get(KEY_SHARDS)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut index_changed = false;
    for (key, value) in &writes {
        let Some((name, month)) = key.split_once('/') else {
            continue;
        };
        if let Some(months) = super::shards::object_at(&mut index, name) {
            months.insert(month.to_string(), Value::from(live_count(value)));
            index_changed = true;
        }
    }
    index_changed |= super::reach::note_shards(&mut index, &writes);
    if index_changed {
        writes.insert(KEY_SHARDS.into(), Value::Object(index));
    }
    // Use counts travel in the snippet records; in storage they live apart (schema 3).
    if let Some(snippets) = writes.get_mut(Collection::Snippets.name()) {
        let mut counts = stored
            .get(KEY_SNIPPET_USES)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if uses::take_from_records(snippets, &mut counts) {
            writes.insert(KEY_SNIPPET_USES.into(), Value::Object(counts));
        }
    }
    Ok(ImportPlan {
        kind: envelope.kind,
        summary,
        replaces_settings,
        writes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn snippet(id: &str, updated: i64) -> Value {
        json!({"id": id, "createdAt": 1_764_000_000_000_i64, "updatedAt": updated,
               "triggers": [";acc"], "template": "Accurate."})
    }

    fn stored() -> Snapshot {
        let mut s = Snapshot::new();
        s.insert("meta".into(), json!({"schema": 1}));
        s.insert("snippets".into(), json!({"snp_a": snippet("snp_a", 5)}));
        s.insert(
            "sessions/2025-11".into(),
            json!({"ses_a": {"id": "ses_a", "createdAt": 1_764_000_000_000_i64, "updatedAt": 1,
                             "startedAt": 1_764_000_000_000_i64, "events": []}}),
        );
        s
    }

    #[test]
    fn export_then_import_into_the_same_store_skips_everything() {
        let env = export_backup(&stored(), 9);
        assert_eq!(env.format, "rubrica");
        let text = serde_json::to_string(&env).unwrap_or_default();
        let plan = plan_import(&stored(), &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.summary["snippets"].skipped, 1);
        assert_eq!(plan.summary["sessions"].skipped, 1);
        assert!(plan.writes.is_empty() || plan.writes.keys().all(|k| k == "settings"));
    }

    #[test]
    fn import_adds_new_and_updates_newer_records() {
        let file = json!({"format": "rubrica", "schema": 1, "kind": "snippets", "exportedAt": 0,
                          "data": {"snippets": [snippet("snp_a", 6), snippet("snp_b", 1)]}});
        let plan = plan_import(&stored(), &file.to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            plan.summary["snippets"],
            ImportSummary {
                added: 1,
                updated: 1,
                skipped: 0
            }
        );
        let snippets = &plan.writes["snippets"];
        assert_eq!(snippets["snp_a"]["updatedAt"], 6);
        assert!(snippets.get("snp_b").is_some());
    }

    #[test]
    fn sharded_records_land_in_their_month_and_the_index() {
        let file = json!({"format": "rubrica", "schema": 1, "kind": "tasks", "exportedAt": 0,
            "data": {"tasks": [{"id": "tsk_a", "createdAt": 1_764_000_000_000_i64, "updatedAt": 1,
                                 "startedAt": 1_764_000_000_000_i64}]}});
        let plan = plan_import(&stored(), &file.to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert!(plan.writes.contains_key("tasks/2025-11"));
        assert_eq!(plan.writes["shards"]["tasks"], json!({"2025-11": 1}));
    }

    #[test]
    fn malformed_files_import_nothing_and_say_where() {
        let e = plan_import(&stored(), "{\n  \"format\": \"rubrica\",\n  oops\n}").err();
        let e = e.unwrap_or_else(|| Error::new(ErrorKind::Internal, "expected an error"));
        assert_eq!(e.kind, ErrorKind::Import);
        assert_eq!(e.line, Some(3));

        let bad_record = json!({"format": "rubrica", "schema": 1, "kind": "snippets", "exportedAt": 0,
            "data": {"snippets": [snippet("snp_b", 1), {"id": "snp_c"}]}});
        let e = plan_import(&stored(), &bad_record.to_string()).err();
        assert!(e.is_some_and(|e| e.message.starts_with("snippets[1] (record 2)")));

        let newer = json!({"format": "rubrica", "schema": 7, "kind": "backup", "exportedAt": 0, "data": {}});
        assert!(plan_import(&stored(), &newer.to_string()).is_err());
        let other =
            json!({"format": "toggl", "schema": 1, "kind": "backup", "exportedAt": 0, "data": {}});
        assert!(plan_import(&stored(), &other.to_string()).is_err());
        let unknown = json!({"format": "rubrica", "schema": 1, "kind": "backup", "exportedAt": 0,
                             "data": {"gadgets": []}});
        assert!(plan_import(&stored(), &unknown.to_string()).is_err());
        let dup = json!({"format": "rubrica", "schema": 1, "kind": "snippets", "exportedAt": 0,
            "data": {"snippets": [snippet("snp_b", 1), snippet("snp_b", 2)]}});
        assert!(plan_import(&stored(), &dup.to_string()).is_err());
    }

    #[test]
    fn backups_carry_use_counts_in_the_records_and_imports_put_them_apart() {
        let mut from = stored();
        from.insert(
            KEY_SNIPPET_USES.into(),
            json!({"snp_a": {"count": 7, "lastUsedAt": 99}}),
        );
        let file = export_backup(&from, 100);
        assert_eq!(file.data["snippets"][0]["usageCount"], 7);
        assert_eq!(file.data["snippets"][0]["lastUsedAt"], 99);
        let text = serde_json::to_string(&file).unwrap_or_default();
        let plan = plan_import(&Snapshot::new(), &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            plan.writes[KEY_SNIPPET_USES],
            json!({"snp_a": {"count": 7, "lastUsedAt": 99}})
        );
        assert!(plan.writes["snippets"]["snp_a"].get("usageCount").is_none());
    }
}
