//! Platforms and task types ([`crate::catalogue`]): each edit takes the stored map and answers
//! `{record, map}`; `catalogueView` answers what pages show.

use super::{edit_map, from_js, ms, to_js, Core, JsResult, Saved};
use crate::catalogue::{self, TaskTypeDraft, TaskTypeUpdate};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// Edits a stored task type (`{id, name, timeCapMin?, rate?, rubricId?}`, the editor's whole
/// state; a changed rate is appended from `now`): `{record, map}`.
#[wasm_bindgen(js_name = updateTaskType)]
pub fn update_task_type(
    stored: JsValue,
    platforms: JsValue,
    update: JsValue,
    now: f64,
) -> JsResult {
    edit_map(stored, "the stored task types", |m| {
        let platforms: Option<Value> = from_js(platforms, "the stored platforms")?;
        let update: TaskTypeUpdate = from_js(update, "the task type")?;
        let saved = catalogue::update_task_type(m, platforms.as_ref(), &update, ms(now))?;
        Ok(Saved::from(saved))
    })
}

/// The catalogue at `now` from the stored `platforms` and `taskTypes` maps: `{platforms: [live
/// platform with taskTypes: [live task type with rates and rateNow]], names}`, every amount
/// `{minor, currency, digits}`.
#[wasm_bindgen(js_name = catalogueView)]
pub fn catalogue_view(platforms: JsValue, task_types: JsValue, now: f64) -> JsResult {
    let platforms: Option<Value> = from_js(platforms, "the stored platforms")?;
    let task_types: Option<Value> = from_js(task_types, "the stored task types")?;
    to_js(&catalogue::catalogue_view(
        platforms.as_ref(),
        task_types.as_ref(),
        ms(now),
    ))
}

#[wasm_bindgen]
impl Core {
    /// Adds a platform by name to the stored `platforms` map: `{record, map}`.
    #[wasm_bindgen(js_name = createPlatform)]
    pub fn create_platform(&mut self, stored: JsValue, name: &str, now: f64) -> JsResult {
        edit_map(stored, "the stored platforms", |m| {
            let currency = self.engine.settings().currency;
            let saved = catalogue::create_platform(m, name, currency, ms(now), self.engine.ids())?;
            Ok(Saved::from(saved))
        })
    }

    /// Adds a task type (`{platformId, name, timeCapMin?, rate?, rubricId?}`) to the stored
    /// `taskTypes` map, on a platform of the stored `platforms`: `{record, map}`.
    #[wasm_bindgen(js_name = createTaskType)]
    pub fn create_task_type(
        &mut self,
        stored: JsValue,
        platforms: JsValue,
        draft: JsValue,
        now: f64,
    ) -> JsResult {
        edit_map(stored, "the stored task types", |m| {
            let platforms: Option<Value> = from_js(platforms, "the stored platforms")?;
            let draft: TaskTypeDraft = from_js(draft, "the task type")?;
            let saved = catalogue::create_task_type(
                m,
                platforms.as_ref(),
                &draft,
                ms(now),
                self.engine.ids(),
            )?;
            Ok(Saved::from(saved))
        })
    }
}
