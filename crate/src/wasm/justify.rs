//! The justification library: the search index handle pages keep ([`LibraryIndex`]), the
//! near-duplicate guard, and saving, deleting and counting uses of entries in their month shards.
//! Full module only (feature `library-search`).

use super::{answer, from_js, js_error, ms, snapshot, to_js, with_arg, Core, JsResult};
use crate::justify::{self, load as save_load, save, Filters};
use crate::model::Justification;
use crate::storage::Snapshot;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A saved (or deleted/restored) entry and the writes to apply in one `set`: `{record, writes}`.
#[derive(Serialize)]
struct Changed {
    record: Justification,
    writes: Snapshot,
}

/// The library's search index, kept in a page (or the background) and updated per change.
#[wasm_bindgen(js_name = LibraryIndex)]
pub struct LibraryIndex {
    inner: justify::LibraryIndex,
}

impl Default for LibraryIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl LibraryIndex {
    /// The core's index, for the justification checker's guard (`rubric.rs`).
    pub(super) fn index(&self) -> &justify::LibraryIndex {
        &self.inner
    }
}

#[wasm_bindgen(js_class = LibraryIndex)]
impl LibraryIndex {
    /// An empty index.
    #[wasm_bindgen(constructor)]
    pub fn new() -> LibraryIndex {
        LibraryIndex {
            inner: justify::LibraryIndex::new(),
        }
    }

    /// Adds every entry of the justification shards in a storage snapshot (other keys are
    /// ignored; tombstones and records that do not parse are skipped). Returns the live count.
    #[wasm_bindgen(js_name = addSnapshot)]
    pub fn add_snapshot(&mut self, stored: JsValue) -> Result<u32, JsValue> {
        for e in save::entries_of(&snapshot(stored)?) {
            self.inner.upsert_owned(e);
        }
        Ok(self.inner.len() as u32)
    }

    /// Adds every entry of a JSON text: a snapshot `{key: {id: record}}` as `addSnapshot` takes
    /// (faster for large libraries: no `JSON.stringify` on the way in).
    #[wasm_bindgen(js_name = addSnapshotJson)]
    pub fn add_snapshot_json(&mut self, text: &str) -> Result<u32, JsValue> {
        // Fast path: every record parses (no `Value` tree, no buffering per record).
        if let Some(shards) = save_load::shards_of_json(text) {
            for (key, entries) in shards {
                if crate::storage::Collection::Justifications.owns_key(&key) {
                    for e in entries {
                        self.inner.upsert_owned(e);
                    }
                }
            }
            return Ok(self.inner.len() as u32);
        }
        let stored: Snapshot = serde_json::from_str(text).map_err(|e| {
            js_error(&crate::error::Error::new(
                crate::error::ErrorKind::InvalidMessage,
                format!("the library snapshot has the wrong shape: {e}"),
            ))
        })?;
        for e in save::entries_of(&stored) {
            self.inner.upsert_owned(e);
        }
        Ok(self.inner.len() as u32)
    }

    /// Adds or replaces one entry (a tombstone removes it).
    pub fn upsert(&mut self, entry: JsValue) -> Result<(), JsValue> {
        let e: Justification = from_js(entry, "the library entry")?;
        self.inner.upsert(&e);
        Ok(())
    }

    /// The text of entry `id`, or `undefined` when it is not indexed (deleted, or never saved).
    pub fn text(&self, id: &str) -> Option<String> {
        self.inner.text_of(id).map(str::to_string)
    }

    /// Removes entry `id`.
    pub fn remove(&mut self, id: &str) {
        self.inner.remove(id);
    }

    /// Live entries indexed.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// `{total, hits: [{id, score, createdAt, excerpt, highlights}]}` for `query` and `filters`.
    pub fn search(&mut self, query: &str, filters: JsValue, limit: u32) -> JsResult {
        let filters: Filters = if filters.is_null() || filters.is_undefined() {
            Filters::default()
        } else {
            from_js(filters, "the library filters")?
        };
        to_js(&self.inner.search(query, &filters, limit as usize))
    }

    /// The entries at least `threshold` (0–1) similar to `text`:
    /// `[{id, similarity, createdAt, platformId?, taskTypeId?, spans, entrySpans}]`.
    #[wasm_bindgen(js_name = nearDuplicates)]
    pub fn near_duplicates(&self, text: &str, threshold: f64) -> JsResult {
        to_js(&justify::near_duplicates(&self.inner, text, threshold))
    }
}

/// Whether a storage key is a justification shard (`justifications/YYYY-MM`).
#[wasm_bindgen(js_name = isJustificationKey)]
pub fn is_justification_key(key: &str) -> bool {
    crate::storage::Collection::Justifications.owns_key(key)
}

/// Keys a change of entry `id` (null/undefined for a new entry) reads at `now`.
#[wasm_bindgen(js_name = justificationKeys)]
pub fn justification_keys(id: Option<String>, now: f64) -> JsResult {
    to_js(&save::keys_for(id.as_deref(), ms(now)))
}

/// Every justification shard the stored `shards` index lists (newest first), with `shards`.
#[wasm_bindgen(js_name = justificationAllKeys)]
pub fn justification_all_keys(shards: JsValue) -> JsResult {
    with_arg(shards, "the shards index", |s: Option<Value>| {
        Ok(save::all_keys(s.as_ref()))
    })
}

/// Deletes (`deleted = true`) or restores entry `id` in the snapshot: `{record, writes}`.
#[wasm_bindgen(js_name = setJustificationDeleted)]
pub fn set_justification_deleted(stored: JsValue, id: &str, deleted: bool, now: f64) -> JsResult {
    let stored = snapshot(stored)?;
    answer(
        save::set_deleted(&stored, id, deleted, ms(now))
            .map(|(record, writes)| Changed { record, writes }),
    )
}

/// Records a use of entry `id` (`lastUsedAt`): the writes (empty when the entry is gone).
#[wasm_bindgen(js_name = recordJustificationUse)]
pub fn record_justification_use(stored: JsValue, id: &str, now: f64) -> JsResult {
    let stored = snapshot(stored)?;
    answer(save::record_use(&stored, id, ms(now)))
}

#[wasm_bindgen]
impl Core {
    /// Saves an entry draft against the snapshot of `justificationKeys`: `{record, writes}`.
    #[wasm_bindgen(js_name = saveJustification)]
    pub fn save_justification(&mut self, stored: JsValue, draft: JsValue, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        let draft = from_js(draft, "the library entry")?;
        answer(
            save::save(&stored, draft, self.engine.ids(), ms(now))
                .map(|(record, writes)| Changed { record, writes }),
        )
    }
}
