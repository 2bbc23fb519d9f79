//! Schema versions and migrations. `migrate` looks at what is stored and returns the writes (and
//! the keys to remove) that bring it to [`SCHEMA_VERSION`]; it never changes anything itself and
//! running it on migrated data returns no writes (idempotent). Data written by a newer version is
//! refused untouched. The steps themselves are in `steps.rs`.

use super::keys::{Collection, Snapshot, KEY_META, KEY_SETTINGS, KEY_SHARDS};
pub use super::steps::{MIGRATIONS, SCHEMA_VERSION};
use crate::error::{Error, ErrorKind, Result};
use crate::model::Settings;
use serde_json::{json, Value};

/// One step: turns data at schema `from` into data at schema `from + 1`, in place (a key it
/// removes from the data is removed from storage).
pub struct Step {
    pub from: u32,
    pub describe: &'static str,
    pub apply: fn(&mut Snapshot) -> Result<()>,
}

/// What to write to bring storage to the current schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    /// Schema found (`0` = nothing stored: a fresh install).
    pub from: u32,
    pub to: u32,
    /// Keys to write, in one `set`.
    pub writes: Snapshot,
    /// Keys to remove after the writes landed (a step renamed or dropped them).
    pub removes: Vec<String>,
    /// Human descriptions of the steps applied, for the log.
    pub applied: Vec<&'static str>,
}

/// Whether storage whose `meta` record is `meta` must go through [`migrate`]: anything but the
/// current schema (a fresh install has no `meta`; a newer schema is refused there, with a message).
pub fn needs_migration(meta: Option<&Value>) -> bool {
    meta.and_then(|m| m.get("schema")).and_then(Value::as_u64) != Some(u64::from(SCHEMA_VERSION))
}

/// Reads `meta.schema` from `stored` and plans the migration. `now` stamps a fresh install.
pub fn migrate(stored: &Snapshot, now: i64) -> Result<Migration> {
    migrate_with(stored, now, MIGRATIONS, SCHEMA_VERSION)
}

fn stored_schema(stored: &Snapshot) -> Result<Option<u32>> {
    let Some(meta) = stored.get(KEY_META) else {
        return Ok(None);
    };
    match meta.get("schema").and_then(Value::as_u64) {
        Some(v) if v >= 1 && v <= u32::MAX as u64 => Ok(Some(v as u32)),
        _ => Err(Error::new(
            ErrorKind::Storage,
            "Rubrica's stored data has no valid schema version, so it was left untouched. \
             Export a backup from Settings → Data before reinstalling.",
        )),
    }
}

pub(crate) fn migrate_with(
    stored: &Snapshot,
    now: i64,
    steps: &[Step],
    target: u32,
) -> Result<Migration> {
    let Some(found) = stored_schema(stored)? else {
        if stored.keys().any(|k| k != KEY_META) {
            return Err(Error::new(
                ErrorKind::Storage,
                "Rubrica found stored data without a schema version and left it untouched; \
                 it was not written by any released version.",
            ));
        }
        let mut writes = Snapshot::new();
        writes.insert(
            KEY_META.into(),
            json!({"schema": target, "installedAt": now}),
        );
        writes.insert(
            KEY_SETTINGS.into(),
            serde_json::to_value(Settings::default()).unwrap_or(Value::Null),
        );
        writes.insert(
            KEY_SHARDS.into(),
            json!({"sessions": {}, "tasks": {}, "justifications": {}}),
        );
        // The starter pack: a user expands something useful in the first minute.
        let rubric = crate::starter::starter_rubric(now);
        let snippets: serde_json::Map<String, Value> = crate::starter::starter_snippets(now)
            .into_iter()
            .filter_map(|s| Some((s.meta.id.clone(), serde_json::to_value(&s).ok()?)))
            .collect();
        writes.insert(Collection::Snippets.name().into(), Value::Object(snippets));
        writes.insert(
            Collection::Rubrics.name().into(),
            json!({ rubric.meta.id.clone(): serde_json::to_value(&rubric).unwrap_or(Value::Null) }),
        );
        return Ok(Migration {
            from: 0,
            to: target,
            writes,
            removes: Vec::new(),
            applied: vec!["fresh install"],
        });
    };
    if found > target {
        return Err(Error::new(
            ErrorKind::Storage,
            format!(
                "This data was written by a newer Rubrica (schema {found}; this version reads up to \
                 {target}). Nothing was changed: update Rubrica to use it."
            ),
        ));
    }
    let mut data = stored.clone();
    let mut applied = Vec::new();
    let mut version = found;
    while version < target {
        let step = steps.iter().find(|s| s.from == version).ok_or_else(|| {
            Error::new(
                ErrorKind::Internal,
                format!("no migration from schema {version}; please report this"),
            )
        })?;
        (step.apply)(&mut data).map_err(|e| {
            Error::new(
                ErrorKind::Storage,
                format!(
                    "Migrating stored data ({}) failed: {}. Nothing was changed.",
                    step.describe, e.message
                ),
            )
        })?;
        applied.push(step.describe);
        version += 1;
    }
    if let Some(meta) = data.get_mut(KEY_META).and_then(Value::as_object_mut) {
        meta.insert("schema".into(), json!(target));
    }
    let removes = stored
        .keys()
        .filter(|k| !data.contains_key(*k))
        .cloned()
        .collect();
    let writes = data
        .into_iter()
        .filter(|(k, v)| stored.get(k) != Some(v))
        .collect();
    Ok(Migration {
        from: found,
        to: target,
        writes,
        removes,
        applied,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(pairs: &[(&str, Value)]) -> Snapshot {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn fresh_install_writes_meta_settings_and_shards() {
        let m = migrate(&Snapshot::new(), 42).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.from, 0);
        assert_eq!(
            m.writes["meta"],
            json!({"schema": SCHEMA_VERSION, "installedAt": 42})
        );
        assert!(m.writes.contains_key("settings"));
        assert!(m.writes.contains_key("shards"));
        let snippets = m.writes["snippets"].as_object().map_or(0, |s| s.len());
        assert!(
            snippets >= 10,
            "the starter pack is seeded ({snippets} snippets)"
        );
        assert_eq!(m.writes["rubrics"].as_object().map(|r| r.len()), Some(1));
    }

    #[test]
    fn current_schema_needs_no_writes() {
        let stored = snap(&[("meta", json!({"schema": SCHEMA_VERSION, "installedAt": 1}))]);
        let m = migrate(&stored, 2).unwrap_or_else(|e| panic!("{e}"));
        assert!(m.writes.is_empty());
        assert!(m.applied.is_empty());
    }

    #[test]
    fn newer_schema_is_refused_untouched() {
        let stored = snap(&[("meta", json!({"schema": 99}))]);
        let e = migrate(&stored, 0).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Storage));
    }

    #[test]
    fn data_without_meta_is_refused() {
        let stored = snap(&[("snippets", json!({}))]);
        assert!(migrate(&stored, 0).is_err());
        let stored = snap(&[("meta", json!({"schema": "one"}))]);
        assert!(migrate(&stored, 0).is_err());
    }

    fn rename_label(data: &mut Snapshot) -> Result<()> {
        let Some(map) = data.get_mut("snippets").and_then(Value::as_object_mut) else {
            return Ok(());
        };
        for rec in map.values_mut() {
            let Some(obj) = rec.as_object_mut() else {
                return Err(Error::new(ErrorKind::Storage, "a snippet is not an object"));
            };
            if let Some(name) = obj.remove("name") {
                obj.insert("label".into(), name);
            }
        }
        Ok(())
    }

    const TEST_STEPS: &[Step] = &[Step {
        from: 1,
        describe: "snippet name → label",
        apply: rename_label,
    }];

    #[test]
    fn steps_apply_in_order_and_are_idempotent() {
        let stored = snap(&[
            ("meta", json!({"schema": 1})),
            ("snippets", json!({"snp_a": {"name": "Accuracy"}})),
        ]);
        let m = migrate_with(&stored, 0, TEST_STEPS, 2).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.applied, vec!["snippet name → label"]);
        assert_eq!(
            m.writes["snippets"],
            json!({"snp_a": {"label": "Accuracy"}})
        );
        assert_eq!(m.writes["meta"], json!({"schema": 2}));
        // Applying the writes and migrating again changes nothing.
        let mut after = stored.clone();
        after.extend(m.writes);
        let again = migrate_with(&after, 0, TEST_STEPS, 2).unwrap_or_else(|e| panic!("{e}"));
        assert!(again.writes.is_empty());
    }

    #[test]
    fn a_failing_step_changes_nothing() {
        let stored = snap(&[
            ("meta", json!({"schema": 1})),
            ("snippets", json!({"snp_a": 5})),
        ]);
        let e = migrate_with(&stored, 0, TEST_STEPS, 2).err();
        assert!(e.is_some_and(|e| e.message.contains("Nothing was changed")));
    }
}
