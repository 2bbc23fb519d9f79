//! The task ledger (issue #10): outcome and pay on tasks, the quick-log's list, the
//! repeated-rejection alert, the packs written beside month shards ([`crate::ledger`]). The
//! background reads the keys these name, then asks for a plan (`{record, writes}` or the alert
//! plan) or a view. The dashboard's loaded ledger is `book.rs`.

use super::book::shards;
use super::{answer, from_js, js_error, ms, snapshot, to_js, Core, JsResult};
use crate::ledger::{self, NewTask, OutcomePatch};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A changed or new task and the writes that store it.
#[derive(Serialize)]
struct TaskPlan {
    task: crate::model::Task,
    writes: crate::storage::Snapshot,
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
