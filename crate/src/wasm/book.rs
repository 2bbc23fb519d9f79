//! The dashboard's loaded ledger, [`LedgerBook`] ([`crate::ledger::Ledger`]): the one export of
//! the ledger book's own module (`core/rubrica_book_bg.wasm`, built without the `engine`
//! feature), and of the full module too.

use super::{answer, from_js, js_error, ms, to_js, JsResult};
use crate::ledger;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The `shards` index: absent is `None`.
pub(super) fn shards(value: JsValue) -> Result<Option<Value>, JsValue> {
    from_js(value, "the shards index")
}

/// The dashboard's loaded ledger ([`crate::ledger::Ledger`]): month shards are loaded once, then
/// reports and table pages are answered from it (the records never cross the boundary again).
#[wasm_bindgen(js_name = LedgerBook)]
pub struct LedgerBook {
    ledger: ledger::Ledger,
}

impl Default for LedgerBook {
    fn default() -> Self {
        LedgerBook::new()
    }
}

#[wasm_bindgen(js_class = LedgerBook)]
impl LedgerBook {
    /// An empty ledger.
    #[wasm_bindgen(constructor)]
    pub fn new() -> LedgerBook {
        LedgerBook {
            ledger: ledger::Ledger::new(),
        }
    }

    /// Shard keys of sessions and tasks for `[from, to)` that are not loaded yet, from the
    /// `shards` index (the month before too, where a session may start; tasks of later months,
    /// which may have started in the range: `ledger_range_keys`).
    pub fn missing(&self, index: JsValue, from: f64, to: f64) -> JsResult {
        let wanted =
            crate::storage::shards::ledger_range_keys(shards(index)?.as_ref(), ms(from), ms(to));
        to_js(&self.ledger.missing(&wanted))
    }

    /// Loads a snapshot (month shards, `platforms`, `taskTypes`, `rubrics`): `[tasks, sessions]`
    /// loaded in all. The snapshot crosses as one JSON text that is parsed straight into typed
    /// records (no `Value` tree of 100,000 tasks: that took seconds in WebAssembly).
    pub fn load(&mut self, stored: JsValue, now: f64) -> JsResult {
        let text = js_sys::JSON::stringify(&stored)
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_else(|| "null".into());
        answer(self.ledger.load_json(&text, ms(now)))
    }

    /// [`LedgerBook::load`] from the snapshot's JSON as UTF-8 bytes
    /// (`new TextEncoder().encode(JSON.stringify(snapshot))`): the bytes are copied into the
    /// module in one go, where a JS string of tens of MB is re-encoded character by character.
    #[wasm_bindgen(js_name = loadJson)]
    pub fn load_json(&mut self, json: &[u8], now: f64) -> JsResult {
        let text = std::str::from_utf8(json).map_err(|_| {
            js_error(&crate::error::Error::new(
                crate::error::ErrorKind::InvalidMessage,
                "the storage snapshot is not UTF-8 text",
            ))
        })?;
        answer(self.ledger.load_json(text, ms(now)))
    }

    /// Loads month shards from their packs (docs/ledger.md, *Packs*): `keys` the shard keys,
    /// `packs` their packs' bytes one after another (inflated by the page from their stored
    /// envelopes, `shared/month-shards.js`), `lengths[i]` bytes for `keys[i]` (0: no pack),
    /// `index` the `shards` index. Answers the keys to read as shards instead (`loadJson`): no
    /// pack, or one that is unreadable or stale.
    #[wasm_bindgen(js_name = loadPackBytes)]
    pub fn load_pack_bytes(
        &mut self,
        index: JsValue,
        keys: Vec<String>,
        packs: Box<[u8]>,
        lengths: &[u32],
        now: f64,
    ) -> JsResult {
        let index = shards(index)?;
        // Kept by the ledger as they are: its task records are read from them when asked for.
        to_js(
            &self
                .ledger
                .load_pack_buffer(index.as_ref(), &keys, packs, lengths, ms(now)),
        )
    }

    /// Forgets everything (storage changed).
    pub fn clear(&mut self) {
        self.ledger.clear();
    }

    /// The overview's figures: `query` is `{from, to, zone, groupBy?, minSample?, currency?}`.
    pub fn report(&self, query: JsValue) -> JsResult {
        let q: ledger::ReportQuery = from_js(query, "the report query")?;
        to_js(&self.ledger.report(&q))
    }

    /// Sessions that started in `[from, to)` as CSV: `format` is `toggl` or `clockify`; `tasks`
    /// gives the native tasks CSV. `zone` is `{transitions}` (local dates and times); `currency`
    /// (the settings' code) names the amount column when no session has pay or a platform.
    #[cfg(feature = "importers")]
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(
        &self,
        format: &str,
        from: f64,
        to: f64,
        zone: JsValue,
        currency: Option<String>,
    ) -> JsResult {
        let zone: crate::timing::zone::ZoneOffsets = from_js(zone, "the zone offsets")?;
        let (from, to) = (ms(from), ms(to));
        let fallback = currency
            .and_then(|c| crate::model::Currency::parse(&c).ok())
            .unwrap_or_default();
        answer(match format {
            "toggl" => self.ledger.toggl_csv_in(from, to, &zone, &fallback),
            "clockify" => self.ledger.clockify_csv_in(from, to, &zone, &fallback),
            "tasks" => self.ledger.tasks_csv(from, to),
            _ => Err(crate::error::Error::new(
                crate::error::ErrorKind::InvalidMessage,
                "the export format must be toggl, clockify or tasks",
            )),
        })
    }

    /// One page of the task table: `query` as `PageQuery`.
    pub fn page(&self, query: JsValue) -> JsResult {
        let q: ledger::PageQuery = from_js(query, "the table query")?;
        to_js(&self.ledger.page(&q))
    }
}
