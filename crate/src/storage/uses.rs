//! Snippet use counts, stored apart from the snippets (schema 3).
//!
//! The `snippetUses` key holds `{snippetId: {count, lastUsedAt}}`. An expansion adds to it in one
//! small write (the background batches the uses of a second into one), so counting a use never
//! rewrites the snippet collection: an expansion costs the same with 100 snippets or 100,000, and
//! nothing that follows `snippets` (the trigger table, the dashboard's lists) reloads for it.
//!
//! Snippet records keep the fields `usageCount`/`lastUsedAt` in memory and in export files: the
//! engine fills them from this key when it loads ([`apply_uses`]), a backup writes them into
//! each snippet record ([`fold_into_records`]), and a backup import takes them out again
//! ([`take_from_records`]). So files keep the shape they had in schemas 1 and 2.
//!
//! Values are read as plain JSON and anything malformed counts as no use: a use count is never
//! worth refusing to start over.

use super::keys::{Snapshot, KEY_SNIPPET_USES};
use crate::error::Result;
use crate::model::Snippet;
use serde::Deserialize;
use serde_json::{Map, Value};

/// One snippet's uses, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Uses {
    /// Times expanded.
    pub count: u64,
    /// When it was last expanded (UTC epoch ms), if ever.
    pub last_used_at: Option<i64>,
}

fn read(v: &Value) -> Uses {
    Uses {
        count: v.get("count").and_then(Value::as_u64).unwrap_or(0),
        last_used_at: v.get("lastUsedAt").and_then(Value::as_i64),
    }
}

fn write(u: Uses) -> Value {
    let mut m = Map::new();
    m.insert("count".into(), Value::from(u.count));
    if let Some(at) = u.last_used_at {
        m.insert("lastUsedAt".into(), Value::from(at));
    }
    Value::Object(m)
}

/// One use (or several) of a snippet, as the background batches them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UseBatchItem {
    /// The snippet expanded.
    pub id: String,
    /// How many times since the last write (at least 1).
    pub count: u64,
    /// The last of those expansions (UTC epoch ms).
    pub at: i64,
}

/// The stored `snippetUses` value with `batch` added: counts summed, `lastUsedAt` the latest.
/// A stored value that is not an object starts over (nothing else reads it).
pub fn record_uses(stored: Option<&Value>, batch: &[UseBatchItem]) -> Value {
    let mut map = stored
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for item in batch.iter().filter(|i| i.count > 0 && !i.id.is_empty()) {
        let old = map.get(&item.id).map(read).unwrap_or_default();
        let new = Uses {
            count: old.count.saturating_add(item.count),
            last_used_at: Some(old.last_used_at.map_or(item.at, |t| t.max(item.at))),
        };
        map.insert(item.id.clone(), write(new));
    }
    Value::Object(map)
}

/// Fills `usageCount`/`lastUsedAt` of loaded snippets from the stored `snippetUses` (snippets
/// without an entry: 0 and none).
pub fn apply_uses(snippets: &mut [Snippet], stored: Option<&Value>) {
    let map = stored.and_then(Value::as_object);
    for s in snippets {
        let u = map
            .and_then(|m| m.get(&s.meta.id))
            .map(read)
            .unwrap_or_default();
        s.usage_count = u.count;
        s.last_used_at = u.last_used_at;
    }
}

/// A snippet record (JSON) with its use count written in, for export files.
pub fn fold_into_records(records: &mut [Value], stored: Option<&Value>) {
    let map = stored.and_then(Value::as_object);
    for rec in records {
        let Some(obj) = rec.as_object_mut() else {
            continue;
        };
        let id = obj.get("id").and_then(Value::as_str).unwrap_or("");
        let u = map.and_then(|m| m.get(id)).map(read).unwrap_or_default();
        obj.insert("usageCount".into(), Value::from(u.count));
        match u.last_used_at {
            Some(at) => obj.insert("lastUsedAt".into(), Value::from(at)),
            None => obj.remove("lastUsedAt"),
        };
    }
}

/// Takes `usageCount`/`lastUsedAt` out of every record of a `snippets` map and adds them to
/// `uses` (a file's count replaces a smaller stored one; the later `lastUsedAt` is kept).
/// Returns whether `uses` changed.
pub fn take_from_records(snippets: &mut Value, uses: &mut Map<String, Value>) -> bool {
    let mut changed = false;
    let Some(map) = snippets.as_object_mut() else {
        return false;
    };
    for (id, rec) in map.iter_mut() {
        let Some(obj) = rec.as_object_mut() else {
            continue;
        };
        let count = obj
            .remove("usageCount")
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        let at = obj.remove("lastUsedAt").and_then(|v| v.as_i64());
        if count == 0 && at.is_none() {
            continue;
        }
        let old = uses.get(id).map(read).unwrap_or_default();
        let new = Uses {
            count: old.count.max(count),
            last_used_at: match (old.last_used_at, at) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            },
        };
        if new != old {
            uses.insert(id.clone(), write(new));
            changed = true;
        }
    }
    changed
}

/// 2 → 3: `usageCount`/`lastUsedAt` move out of the snippet records into `snippetUses`.
pub(super) fn uses_apart(data: &mut Snapshot) -> Result<()> {
    let mut uses = data
        .get(KEY_SNIPPET_USES)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(snippets) = data.get_mut("snippets") else {
        return Ok(());
    };
    if !take_from_records(snippets, &mut uses) && data.contains_key(KEY_SNIPPET_USES) {
        return Ok(());
    }
    data.insert(KEY_SNIPPET_USES.into(), Value::Object(uses));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(id: &str, count: u64, at: i64) -> UseBatchItem {
        UseBatchItem {
            id: id.into(),
            count,
            at,
        }
    }

    #[test]
    fn batches_add_up_and_keep_the_latest_time() {
        let once = record_uses(None, &[item("snp_a", 2, 10), item("snp_b", 1, 5)]);
        assert_eq!(
            once,
            json!({"snp_a": {"count": 2, "lastUsedAt": 10},
                                "snp_b": {"count": 1, "lastUsedAt": 5}})
        );
        let twice = record_uses(Some(&once), &[item("snp_a", 1, 8), item("", 3, 1)]);
        assert_eq!(twice["snp_a"], json!({"count": 3, "lastUsedAt": 10}));
        assert_eq!(twice.as_object().map(|m| m.len()), Some(2));
        // Garbage stored starts over instead of failing.
        assert_eq!(
            record_uses(Some(&json!([1])), &[item("snp_c", 1, 1)])["snp_c"]["count"],
            1
        );
    }

    #[test]
    fn records_round_trip_through_files() {
        let uses = json!({"snp_a": {"count": 4, "lastUsedAt": 9}});
        let mut recs = vec![
            json!({"id": "snp_a"}),
            json!({"id": "snp_b", "lastUsedAt": 3}),
        ];
        fold_into_records(&mut recs, Some(&uses));
        assert_eq!(recs[0]["usageCount"], 4);
        assert_eq!(recs[0]["lastUsedAt"], 9);
        assert_eq!(recs[1]["usageCount"], 0);
        assert!(recs[1].get("lastUsedAt").is_none());
        let mut map = json!({"snp_a": recs[0].clone(), "snp_b": recs[1].clone()});
        let mut back = Map::new();
        assert!(take_from_records(&mut map, &mut back));
        assert_eq!(Value::Object(back), uses);
        assert!(map["snp_a"].get("usageCount").is_none());
    }

    /// A schema-2 store: one snippet used 12 times, one never.
    const SCHEMA_2: &str = include_str!("../../../tests/storage/schema-2.json");

    #[test]
    fn schema_2_storage_migrates_its_use_counts_apart_once() {
        let stored: Snapshot =
            serde_json::from_str(SCHEMA_2).unwrap_or_else(|e| panic!("the fixture: {e}"));
        let m = crate::storage::migrate(&stored, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((m.from, m.to), (2, crate::storage::SCHEMA_VERSION));
        // Its step, then the later ones (schema 4's reach: nothing to note in this store).
        assert_eq!(m.applied[0], "use counts move apart from the snippets");
        assert!(!m.writes.contains_key(crate::storage::KEY_SHARDS));
        let a = "snp_01JQ0000000000000000000001";
        assert_eq!(
            m.writes[KEY_SNIPPET_USES],
            json!({a: {"count": 12, "lastUsedAt": 1_772_950_000_000_i64}})
        );
        assert!(m.writes["snippets"][a].get("usageCount").is_none());
        assert_eq!(m.writes["snippets"][a]["template"], "Accurate.");
        let mut after = stored.clone();
        after.extend(m.writes);
        // The engine shows the same counts as before.
        let mut engine = crate::engine::Engine::new();
        engine.load(&after);
        let s = engine.snippets().iter().find(|s| s.meta.id == a);
        assert_eq!(
            s.map(|s| (s.usage_count, s.last_used_at)),
            Some((12, Some(1_772_950_000_000)))
        );
        let again = crate::storage::migrate(&after, 6).unwrap_or_else(|e| panic!("{e}"));
        assert!(again.writes.is_empty() && again.applied.is_empty());
    }
}
