//! Work sessions (issue #5): the storage glue in [`crate::sessions`], the timing in
//! [`crate::timing`]. The background reads the keys these name, then asks for a plan (the writes
//! and the view after them) or a view; the settings are the engine's.

use super::{answer, from_js, ms, snapshot, to_js, Core, JsResult};
use crate::sessions::{self, SessionEdit};
use crate::timing::zone::ZoneOffsets;
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The `shards` index (or the `currentSession` pointer): absent is `None`.
fn optional(value: JsValue, what: &str) -> Result<Option<Value>, JsValue> {
    from_js(value, what)
}

/// Keys to read for the current session at `now`, given the stored `currentSession` value.
#[wasm_bindgen(js_name = sessionCurrentKeys)]
pub fn session_current_keys(pointer: JsValue, now: f64) -> JsResult {
    let pointer = optional(pointer, "the current-session pointer")?;
    to_js(&sessions::current_keys(pointer.as_ref(), ms(now)))
}

/// Shard keys of sessions and tasks for the months of `[from, to]` listed in the `shards` index.
#[wasm_bindgen(js_name = sessionRangeKeys)]
pub fn session_range_keys(shards: JsValue, from: f64, to: f64) -> JsResult {
    let shards = optional(shards, "the shards index")?;
    to_js(&sessions::range_keys(shards.as_ref(), ms(from), ms(to)))
}

/// Every session and task shard key in the `shards` index.
#[wasm_bindgen(js_name = sessionAllKeys)]
pub fn session_all_keys(shards: JsValue) -> JsResult {
    let shards = optional(shards, "the shards index")?;
    to_js(&sessions::all_keys(shards.as_ref()))
}

/// Live sessions overlapping `[from, to)` with totals and tasks, newest first.
#[wasm_bindgen(js_name = sessionList)]
pub fn session_list(stored: JsValue, from: f64, to: f64, limit: u32, now: f64) -> JsResult {
    let stored = snapshot(stored)?;
    to_js(&sessions::list(
        &stored,
        ms(from),
        ms(to),
        limit as usize,
        ms(now),
    ))
}

/// Plans a correction: the writes. `zone` is `{transitions}` (docs/time.md).
#[wasm_bindgen(js_name = sessionPlanEdit)]
pub fn session_plan_edit(stored: JsValue, edit: JsValue, now: f64, zone: JsValue) -> JsResult {
    let stored = snapshot(stored)?;
    let edit: SessionEdit = from_js(edit, "the correction")?;
    let zone: ZoneOffsets = from_js(zone, "the zone offsets")?;
    answer(sessions::plan_edit(&stored, &edit, ms(now), &zone))
}

/// Day and week totals of the sessions in `stored` within `[from, to)`: `{days, weeks}`.
#[wasm_bindgen(js_name = sessionReport)]
pub fn session_report(stored: JsValue, from: f64, to: f64, now: f64, zone: JsValue) -> JsResult {
    let stored = snapshot(stored)?;
    let zone: ZoneOffsets = from_js(zone, "the zone offsets")?;
    to_js(&sessions::report(&stored, ms(from), ms(to), ms(now), &zone))
}

#[wasm_bindgen]
impl Core {
    /// The current session's view at `now` in `stored` (read with `sessionCurrentKeys`): what the
    /// popup and badge show.
    #[wasm_bindgen(js_name = sessionView)]
    pub fn session_view(&self, stored: JsValue, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        let settings = &self.engine.settings().session;
        to_js(&sessions::current_view(&stored, settings, ms(now)))
    }

    /// Plans a session command on the current session in `stored` (read with
    /// `sessionCurrentKeys`): `{writes, view, changed, notice?}`; a start with picks remembers
    /// them in the settings it writes, and `view` is the state once `writes` are stored.
    #[wasm_bindgen(js_name = sessionCommand)]
    pub fn session_command(&mut self, stored: JsValue, command: JsValue, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        let command = from_js(command, "the session command")?;
        let settings = self.engine.settings().clone();
        answer(sessions::plan_command(
            &stored,
            command,
            ms(now),
            &settings,
            self.engine.ids(),
        ))
    }

    /// Marks a session found running at browser start: `{writes, view, changed}` (no writes when
    /// none runs or the question is already asked).
    #[wasm_bindgen(js_name = sessionRestartQuestion)]
    pub fn session_restart_question(&self, stored: JsValue, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        answer(sessions::plan_restart_question(
            &stored,
            ms(now),
            self.engine.settings(),
        ))
    }

    /// Answers the restart question: `{writes, view, changed}`.
    #[wasm_bindgen(js_name = sessionRestartAnswer)]
    pub fn session_restart_answer(&mut self, stored: JsValue, stop: bool, now: f64) -> JsResult {
        let stored = snapshot(stored)?;
        let settings = self.engine.settings().clone();
        answer(sessions::plan_restart_answer(
            &stored,
            stop,
            ms(now),
            &settings,
            self.engine.ids(),
        ))
    }
}
