//! The task ledger (issue #10): outcome and pay on tasks, the quick-log's list, the
//! repeated-rejection alert ([`crate::ledger`]). The background reads the keys these name, then
//! asks for a plan (`{record, writes}` or the alert plan) or a view.

use super::{answer, from_js, js_error, ms, snapshot, to_js, Core, JsResult};
use crate::ledger::{self, NewTask, OutcomePatch};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A changed or new task and the writes that store it.
#[derive(Serialize)]
struct TaskPlan {
    task: crate::model::Task,
    writes: crate::storage::Snapshot,
}

/// The `shards` index: absent is `None`.
pub(super) fn shards(value: JsValue) -> Result<Option<Value>, JsValue> {
    from_js(value, "the shards index")
}

/// The task shard(s) that may hold task `id`.
#[wasm_bindgen(js_name = ledgerTaskKeys)]
pub fn ledger_task_keys(id: &str, index: JsValue) -> JsResult {
    to_js(&ledger::task_keys(id, shards(index)?.as_ref()))
}

/// Keys a task added by hand at `now` is planned against.
#[wasm_bindgen(js_name = ledgerAddKeys)]
pub fn ledger_add_keys(now: f64) -> JsResult {
    to_js(&ledger::add_keys(ms(now)))
}

/// Keys the quick-log's list reads at `now`.
#[wasm_bindgen(js_name = ledgerRecentKeys)]
pub fn ledger_recent_keys(index: JsValue, now: f64) -> JsResult {
    to_js(&ledger::recent_keys(shards(index)?.as_ref(), ms(now)))
}

/// The latest `limit` tasks with names and criteria, newest first.
#[wasm_bindgen(js_name = ledgerRecent)]
pub fn ledger_recent(stored: JsValue, limit: u32) -> JsResult {
    to_js(&ledger::recent(&snapshot(stored)?, limit as usize))
}

/// Keys `alerts.get` reads.
#[wasm_bindgen(js_name = ledgerAlertViewKeys)]
pub fn ledger_alert_view_keys() -> JsResult {
    to_js(ledger::ALERT_VIEW_KEYS)
}

/// Alerts not dismissed, with names, newest first.
#[wasm_bindgen(js_name = ledgerAlertViews)]
pub fn ledger_alert_views(stored: JsValue) -> JsResult {
    to_js(&ledger::alert_views(&snapshot(stored)?))
}

/// Dismisses alert `id`: the writes.
#[wasm_bindgen(js_name = ledgerPlanDismiss)]
pub fn ledger_plan_dismiss(stored: JsValue, id: &str, now: f64) -> JsResult {
    answer(ledger::plan_dismiss(&snapshot(stored)?, id, ms(now)))
}

#[wasm_bindgen]
impl Core {
    /// Plans an outcome patch on task `id` in `stored` (read with `ledgerTaskKeys`):
    /// `{task, writes}`; amounts without a currency are in the settings' currency.
    #[wasm_bindgen(js_name = ledgerPlanUpdate)]
    pub fn ledger_plan_update(
        &self,
        stored: JsValue,
        id: &str,
        outcome: JsValue,
        now: f64,
    ) -> JsResult {
        let stored = snapshot(stored)?;
        let patch: OutcomePatch = from_js(outcome, "the outcome")?;
        let currency = &self.engine.settings().currency;
        answer(
            ledger::plan_update(&stored, id, &patch, currency, ms(now))
                .map(|(task, writes)| TaskPlan { task, writes }),
        )
    }

    /// Plans a task added by hand into `stored` (the `shards` index and this month's task shard):
    /// `{task, writes}`.
    #[wasm_bindgen(js_name = ledgerPlanAdd)]
    pub fn ledger_plan_add(&mut self, stored: JsValue, task: JsValue, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        let new: NewTask = from_js(task, "the new task")?;
        let currency = self.engine.settings().currency;
        answer(
            ledger::plan_add(&stored, &new, &currency, self.engine.ids(), ms(now))
                .map(|(task, writes)| TaskPlan { task, writes }),
        )
    }

    /// Keys the repeated-rejection check reads at `now` (the settings' window).
    #[wasm_bindgen(js_name = ledgerAlertKeys)]
    pub fn ledger_alert_keys(&self, index: JsValue, now: f64) -> JsResult {
        let days = self.engine.settings().alerts.rejection_window_days;
        to_js(&ledger::alert_keys(shards(index)?.as_ref(), days, ms(now)))
    }

    /// Checks for repeated rejections in `stored` (read with `ledgerAlertKeys`): `{writes, raised}`.
    #[wasm_bindgen(js_name = ledgerCheckAlerts)]
    pub fn ledger_check_alerts(&mut self, stored: JsValue, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        answer(ledger::plan_rejection_alerts(
            &stored,
            self.engine.ids(),
            ms(now),
        ))
    }
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
    /// `packs` their packs' texts in the same order joined by "\n", as UTF-8 bytes (an empty
    /// part: no pack), `index` the `shards` index. Answers the keys to read as shards instead
    /// (`loadJson`): no pack, or one that is unreadable or stale.
    #[wasm_bindgen(js_name = loadPacks)]
    pub fn load_packs(
        &mut self,
        index: JsValue,
        keys: Vec<String>,
        packs: &[u8],
        now: f64,
    ) -> JsResult {
        let (bytes, lengths) = ledger::decode_packs(packs, keys.len());
        self.load_pack_bytes(index, keys, bytes.into_boxed_slice(), &lengths, now)
    }

    /// [`Self::load_packs`] of the packs' bytes (their base64 decoded by the page, with
    /// `Uint8Array.fromBase64`): `packs` one after another, `lengths[i]` bytes for `keys[i]`
    /// (0: no pack).
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

/// The pack key of a task or session month shard (`ledgerPack/tasks/2026-03`), else undefined.
#[wasm_bindgen(js_name = ledgerPackKey)]
pub fn ledger_pack_key(shard: &str) -> Option<String> {
    ledger::pack_key(shard)
}

/// The packs of the task and session month shards in `shards` (`{key: shard}` as JSON UTF-8
/// bytes; other keys are left out), stamped from `index`, the `shards` index written with them:
/// `{packKey: text}`, to write in the same `set` as the shards.
#[wasm_bindgen(js_name = ledgerPacks)]
pub fn ledger_packs(shards_json: &[u8], index: JsValue) -> JsResult {
    let text = std::str::from_utf8(shards_json).map_err(|_| {
        js_error(&crate::error::Error::new(
            crate::error::ErrorKind::InvalidMessage,
            "the shards to pack are not UTF-8 text",
        ))
    })?;
    let index = shards(index)?;
    answer(ledger::pack_shards(text, index.as_ref()))
}
