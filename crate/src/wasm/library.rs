//! The library's stored maps: saving a snippet or rubric draft, delete/restore, use counts,
//! merging reviewed imported snippets, and the regex check of the snippet editor. Only counting a
//! use is in the start-up module; editing is the `pages` feature's (the full module). Each takes the
//! stored `{id: record}` map and answers the new one to write back.

use super::{edit_map, from_js, JsResult};
#[cfg(feature = "pages")]
use super::{ms, Core, Saved};
#[cfg(feature = "pages")]
use crate::edits;
#[cfg(feature = "pages")]
use serde::Serialize;
#[cfg(feature = "pages")]
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Deletes (`deleted = true`) or restores record `id` in a stored collection map; returns the map.
#[cfg(feature = "pages")]
#[wasm_bindgen(js_name = setDeleted)]
pub fn set_deleted(stored: JsValue, id: &str, deleted: bool, now: f64) -> JsResult {
    edit_map(stored, "the stored collection", |m| {
        Ok(edits::set_deleted(m, id, deleted, ms(now))?)
    })
}

/// Adds a batch of uses (`[{id, count, at}]`) to the stored `snippetUses` value; returns the new
/// value to write back (schema 3: use counts live apart from the snippets).
#[wasm_bindgen(js_name = recordUses)]
pub fn record_uses(stored: JsValue, batch: JsValue) -> JsResult {
    edit_map(stored, "the stored use counts", |m| {
        let batch: Vec<crate::storage::uses::UseBatchItem> = from_js(batch, "the uses")?;
        Ok(crate::storage::uses::record_uses(m, &batch))
    })
}

/// Checks a regex trigger pattern (full build only): throws a `template` error when it is invalid.
#[cfg(feature = "regex-triggers")]
#[wasm_bindgen(js_name = checkRegex)]
pub fn check_regex(pattern: &str) -> Result<(), JsValue> {
    Ok(crate::triggers::check_regex(pattern)?)
}

/// The new `snippets` map after a merge, and what the merge did.
#[cfg(feature = "pages")]
#[derive(Serialize)]
struct Merged {
    map: Value,
    summary: edits::MergeSummary,
}

#[cfg(feature = "pages")]
#[wasm_bindgen]
impl Core {
    /// Saves a snippet draft into the stored `snippets` map: `{record, map}` (write `map` back).
    #[wasm_bindgen(js_name = saveSnippet)]
    pub fn save_snippet(&mut self, stored: JsValue, draft: JsValue, now: f64) -> JsResult {
        edit_map(stored, "the stored snippets", |m| {
            let draft = from_js(draft, "the snippet")?;
            let saved = edits::save_snippet(m, draft, self.engine.ids(), ms(now))?;
            Ok(Saved::from(saved))
        })
    }

    /// Saves a rubric draft into the stored `rubrics` map: `{record, map}`.
    #[wasm_bindgen(js_name = saveRubric)]
    pub fn save_rubric(&mut self, stored: JsValue, draft: JsValue, now: f64) -> JsResult {
        edit_map(stored, "the stored rubrics", |m| {
            let draft = from_js(draft, "the rubric")?;
            let saved = edits::save_rubric(m, draft, self.engine.ids(), ms(now))?;
            Ok(Saved::from(saved))
        })
    }

    /// Merges reviewed imported snippets (an array, or its JSON text) into the stored `snippets`
    /// map: `{map, summary}`.
    #[wasm_bindgen(js_name = mergeSnippets)]
    pub fn merge_snippets(&self, stored: JsValue, snippets: JsValue, now: f64) -> JsResult {
        edit_map(stored, "the stored snippets", |m| {
            let snippets = match snippets.as_string() {
                Some(text) => serde_json::from_str(&text).map_err(|e| {
                    crate::error::Error::new(
                        crate::error::ErrorKind::InvalidMessage,
                        format!("the imported snippets have the wrong shape: {e}"),
                    )
                })?,
                None => from_js(snippets, "the imported snippets")?,
            };
            let (map, summary) = edits::merge_snippets(m, snippets, ms(now))?;
            Ok(Merged { map, summary })
        })
    }
}
