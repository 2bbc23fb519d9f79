//! The ledger's importers for pages: Outlier's earnings CSV into tasks and Toggl's detailed CSV
//! into sessions (crate/src/ledger/outlier.rs, toggl.rs): recognising a file, the keys a plan
//! reads, the plan and its writes.

use super::book::shards;
use super::{from_js, ms, snapshot, to_js, Core, JsResult};
use crate::ledger;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Whether `text` starts with the header of Outlier's earnings CSV.
#[wasm_bindgen(js_name = isOutlierCsv)]
pub fn is_outlier_csv(text: &str) -> bool {
    ledger::is_outlier_csv(text)
}

/// Keys an Outlier import reads: every task shard the `shards` index lists, the catalogue, and
/// the index.
#[wasm_bindgen(js_name = outlierImportKeys)]
pub fn outlier_import_keys(index: JsValue) -> JsResult {
    let mut keys: Vec<String> = crate::sessions::all_keys(shards(index)?.as_ref())
        .into_iter()
        .filter(|k| crate::storage::Collection::Tasks.owns_key(k))
        .collect();
    keys.extend(["platforms", "taskTypes", "shards"].map(String::from));
    to_js(&keys)
}

/// Each shard text of `writes` as UTF-8 bytes of its own: `{key: Uint8Array}`.
#[cfg(feature = "importers")]
fn shard_bytes(writes: &ledger::ImportWrites) -> js_sys::Object {
    let texts = js_sys::Object::new();
    for (key, text) in &writes.shard_texts {
        let bytes = js_sys::Uint8Array::from(text.as_bytes());
        // Setting a property of a plain new object cannot fail.
        let _ = js_sys::Reflect::set(&texts, &JsValue::from_str(key), &bytes);
    }
    texts
}

/// `answer` (an import's answer) with `texts` as its `writes.shardTexts`.
#[cfg(feature = "importers")]
fn with_shard_texts(answer: JsValue, texts: js_sys::Object) -> JsResult {
    let writes = js_sys::Reflect::get(&answer, &JsValue::from_str("writes"))?;
    js_sys::Reflect::set(&writes, &JsValue::from_str("shardTexts"), &texts)?;
    Ok(answer)
}

#[cfg(feature = "importers")]
#[derive(Serialize)]
struct OutlierAnswer {
    #[serde(flatten)]
    plan: ledger::OutlierPlan,
    writes: ledger::ImportWrites,
}

#[cfg(feature = "importers")]
#[wasm_bindgen]
impl Core {
    /// Plans an Outlier earnings CSV import into `stored` (read with `outlierImportKeys`):
    /// `{added, duplicates, empty, newTaskTypes, newPlatform, writes: {shardTexts, values}}`, each
    /// task shard as its JSON text in UTF-8 bytes, other keys as values. With `commit`, the
    /// shards' ledger packs are kept for `outlierPacks`, to write once the shards are stored.
    #[wasm_bindgen(js_name = outlierPlan)]
    pub fn outlier_plan(
        &mut self,
        stored: JsValue,
        text: &str,
        zone: JsValue,
        now: f64,
        commit: bool,
    ) -> JsResult {
        let stored = snapshot(stored)?;
        let zone: crate::timing::zone::ZoneOffsets = from_js(zone, "the zone offsets")?;
        let mut plan =
            ledger::plan_outlier_import(&stored, text, &zone, self.engine.ids(), ms(now))?;
        let (writes, packs) = std::mem::take(&mut plan.writes).into_parts()?;
        self.pending_packs = if commit { packs } else { Default::default() };
        // Each shard's JSON text goes over as UTF-8 bytes of its own (tens of MB never escaped
        // into the answer's JSON and parsed back, nor decoded into a string to be encoded again
        // for compression).
        let texts = shard_bytes(&writes);
        with_shard_texts(to_js(&OutlierAnswer { plan, writes })?, texts)
    }

    /// The ledger packs of the last import planned with `commit` (`{packKey: text}`; empty when
    /// there is none), made from its typed records; forgets them.
    #[wasm_bindgen(js_name = outlierPacks)]
    pub fn outlier_packs(&mut self) -> JsResult {
        to_js(&std::mem::take(&mut self.pending_packs).packs())
    }
}

/// Whether `text` starts with a header that has Toggl's detailed CSV date and time columns.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = isTogglCsv)]
pub fn is_toggl_csv(text: &str) -> bool {
    ledger::is_toggl_csv(text)
}

/// Keys a Toggl import reads: every session shard the `shards` index lists, the catalogue, and
/// the index.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = togglImportKeys)]
pub fn toggl_import_keys(index: JsValue) -> JsResult {
    to_js(&ledger::toggl_import_keys(shards(index)?.as_ref()))
}

#[cfg(feature = "importers")]
#[derive(Serialize)]
struct TogglAnswer {
    #[serde(flatten)]
    plan: ledger::TogglPlan,
    writes: ledger::ImportWrites,
}

#[cfg(feature = "importers")]
#[wasm_bindgen]
impl Core {
    /// Plans a Toggl detailed CSV import into `stored` (read with `togglImportKeys`):
    /// `{added, duplicates, newPlatforms, newTaskTypes, addedMs, dates, datesGuessed, writes}`;
    /// new platforms pay in the settings' currency. `day_first`: read a file whose every date
    /// reads either way day first. Without `commit` (a preview) `writes` is empty: the counts
    /// are all a preview shows, and 50,000 sessions made into JavaScript objects took seconds.
    #[wasm_bindgen(js_name = togglPlan)]
    pub fn toggl_plan(
        &mut self,
        stored: JsValue,
        text: &str,
        zone: JsValue,
        now: f64,
        day_first: bool,
        commit: bool,
    ) -> JsResult {
        let stored = snapshot(stored)?;
        let zone: crate::timing::zone::ZoneOffsets = from_js(zone, "the zone offsets")?;
        let currency = self.engine.settings().currency;
        let mut plan = ledger::plan_toggl_import(
            &stored,
            text,
            &zone,
            &currency,
            self.engine.ids(),
            ms(now),
            day_first,
        )?;
        let all = std::mem::take(&mut plan.writes);
        let writes = if commit {
            ledger::ImportWrites::of(all)?
        } else {
            ledger::ImportWrites::default()
        };
        let texts = shard_bytes(&writes);
        with_shard_texts(to_js(&TogglAnswer { plan, writes })?, texts)
    }
}
