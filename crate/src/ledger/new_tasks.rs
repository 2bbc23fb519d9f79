//! An import's writes with its new tasks kept typed: each task shard it writes is the stored
//! shard's records followed by the new tasks, serialised straight into its own JSON text (no
//! `serde_json::Value` per task, no copy of the records before serialising), and its ledger pack
//! is made from the typed records. Other keys (the `shards` index, the catalogue) are whole values.

use crate::error::{Error, ErrorKind, Result};
use crate::model::Task;
use crate::storage::{Collection, Snapshot};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The writes of an import that adds tasks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewTasks {
    /// Task shard key → (the stored shard's records, the new tasks in it).
    shards: BTreeMap<String, (Map<String, Value>, Vec<Task>)>,
    /// Other keys, written whole.
    other: Snapshot,
}

impl NewTasks {
    /// Adds `task` to its shard (by `createdAt`), keeping what `stored` has there.
    pub(crate) fn put(&mut self, stored: &Snapshot, task: Task) {
        let key = Collection::Tasks.key_for(task.meta.created_at);
        let entry = self.shards.entry(key).or_insert_with_key(|key| {
            let kept = match stored.get(key) {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            };
            (kept, Vec::new())
        });
        entry.1.push(task);
    }

    /// Writes `value` whole under `key`.
    pub(crate) fn set(&mut self, key: String, value: Value) {
        self.other.insert(key, value);
    }

    /// Nothing to write.
    pub fn is_empty(&self) -> bool {
        self.shards.is_empty() && self.other.is_empty()
    }

    /// How many new tasks.
    pub fn len(&self) -> usize {
        self.shards.values().map(|(_, new)| new.len()).sum()
    }

    /// The writes apart, as storage takes them (docs/data-model.md, *Compressed month shards*;
    /// docs/ledger.md, *Packs*): each task shard as its JSON text (never a value per task) and the
    /// other keys as values; and, to make after they are stored, the shards' ledger packs. A
    /// shard key also among the other keys is written as that value (and packed by the writer).
    pub fn into_parts(mut self) -> Result<(ImportWrites, PendingPacks)> {
        let mut values = std::mem::take(&mut self.other);
        self.shards.retain(|key, _| !values.contains_key(key));
        // New tasks with times past the ranges' window from their shard (storage::reach).
        if let Some(Value::Object(index)) = values.get_mut(crate::storage::KEY_SHARDS) {
            for (key, (_, new)) in &self.shards {
                let month = key.split_once('/').map_or("", |(_, m)| m);
                let furthest = new
                    .iter()
                    .filter(|t| !t.meta.is_deleted())
                    .map(|t| {
                        t.started_at
                            .max(t.submitted_at.unwrap_or(0))
                            .max(t.reviewed_at.unwrap_or(0))
                    })
                    .filter(|&s| crate::storage::reach::beyond(month, s))
                    .max();
                if let Some(s) = furthest {
                    crate::storage::reach::raise(index, key, crate::storage::month_of(s));
                }
            }
        }
        let mut shard_texts = BTreeMap::new();
        for (key, (kept, new)) in &self.shards {
            let text = serde_json::to_string(&ShardOut(kept, new))
                .map_err(|_| Error::new(ErrorKind::Internal, "the writes cannot be serialised"))?;
            shard_texts.insert(key.clone(), text);
        }
        let index = values.get(crate::storage::KEY_SHARDS).cloned();
        Ok((
            ImportWrites {
                shard_texts,
                values,
            },
            PendingPacks {
                shards: self.shards,
                index,
            },
        ))
    }

    /// The writes as a snapshot of values (tests and callers that merge them).
    pub fn to_snapshot(&self) -> Result<Snapshot> {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| match v {
                Value::Object(m) => Some(m.into_iter().collect()),
                _ => None,
            })
            .ok_or_else(|| Error::new(ErrorKind::Internal, "the writes cannot be serialised"))
    }
}

/// An import's writes as storage takes them ([`NewTasks::into_parts`], [`ImportWrites::of`]).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportWrites {
    /// Month shard key → the shard's JSON text (left out of the serialised form: the WASM facade
    /// hands each text over as bytes of its own, never escaped inside another JSON text).
    #[serde(skip)]
    pub shard_texts: BTreeMap<String, String>,
    /// Every other key, whole.
    pub values: Snapshot,
}

impl ImportWrites {
    /// `writes` with each session and task month shard as its JSON text, the other keys whole.
    pub fn of(writes: Snapshot) -> Result<Self> {
        let mut out = ImportWrites::default();
        for (key, value) in writes {
            if Collection::Sessions.owns_key(&key) || Collection::Tasks.owns_key(&key) {
                let text = serde_json::to_string(&value)
                    .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
                out.shard_texts.insert(key, text);
            } else {
                out.values.insert(key, value);
            }
        }
        Ok(out)
    }
}

/// The ledger packs of an import's task shards, made from the typed records once the shards are
/// stored ([`NewTasks::into_parts`]).
#[derive(Debug, Default)]
pub struct PendingPacks {
    shards: BTreeMap<String, (Map<String, Value>, Vec<Task>)>,
    /// The `shards` index written with the shards: each pack's stamp.
    index: Option<Value>,
}

impl PendingPacks {
    /// `{packKey: text}`: for each shard, its readable records in id order, as the ledger reads
    /// them (the same bytes [`super::pack_shards`] makes from the shard's JSON text).
    pub fn packs(&self) -> BTreeMap<String, String> {
        let mut packs = BTreeMap::new();
        for (key, (kept, new)) in &self.shards {
            let Some(pack_key) = super::pack::pack_key(key) else {
                continue;
            };
            let mut typed: BTreeMap<&str, Cow<Task>> = kept
                .iter()
                .filter_map(|(id, v)| {
                    Task::deserialize(v)
                        .ok()
                        .map(|t| (id.as_str(), Cow::Owned(t)))
                })
                .collect();
            for t in new {
                typed.insert(t.meta.id.as_str(), Cow::Borrowed(t));
            }
            let tasks = typed.values().map(|t| t.as_ref());
            packs.insert(
                pack_key,
                super::pack::pack_tasks(key, self.index.as_ref(), tasks),
            );
        }
        packs
    }
}

/// One shard: its stored records, then the new ones by id.
struct ShardOut<'a>(&'a Map<String, Value>, &'a [Task]);

impl Serialize for ShardOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len() + self.1.len()))?;
        for (id, record) in self.0 {
            // A new id is never stored already (ids are fresh), so no key repeats.
            map.serialize_entry(id, record)?;
        }
        for task in self.1 {
            map.serialize_entry(&task.meta.id, task)?;
        }
        map.end()
    }
}

impl Serialize for NewTasks {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let shards = self
            .shards
            .iter()
            .filter(|(k, _)| !self.other.contains_key(*k));
        let mut map = s.serialize_map(None)?;
        for (key, (kept, new)) in shards {
            map.serialize_entry(key, &ShardOut(kept, new))?;
        }
        for (key, value) in &self.other {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
