//! [`Core`]: the one handle JavaScript holds — Rubrica's engine, loaded once from storage and asked
//! for the message check, expansions, previews, searches and settings. Its methods that change
//! stored maps are in `library.rs`, `sessions.rs` and `catalogue.rs`.

use super::{from_js, js_error, snapshot, to_js, with_arg, JsResult};
use crate::engine::{Engine, ExpandContext, DEMO_TRIGGER};
use crate::error::{Error, ErrorKind};
use crate::messages::{Request, SenderKind};
use wasm_bindgen::prelude::*;

/// The one handle JavaScript holds: Rubrica's engine.
#[wasm_bindgen]
pub struct Core {
    pub(super) engine: Engine,
    /// The ledger packs of the last Outlier import committed, made once its shards are stored
    /// (`outlierPacks`).
    #[cfg(feature = "importers")]
    pub(super) pending_packs: crate::ledger::PendingPacks,
}

#[wasm_bindgen]
impl Core {
    /// A new engine; `seed` is 16 random bytes for record ids.
    #[wasm_bindgen(constructor)]
    pub fn new(seed: &[u8]) -> Core {
        let mut s = [0u8; 16];
        for (d, b) in s.iter_mut().zip(seed) {
            *d = *b;
        }
        Core {
            engine: Engine::with_seed(s),
            #[cfg(feature = "importers")]
            pending_packs: Default::default(),
        }
    }

    /// Loads settings, snippets, rubrics and the running session's rubric from a migrated storage
    /// snapshot (the start-up keys): `{counts, problems}`.
    pub fn load(&mut self, stored: JsValue) -> JsResult {
        to_js(&self.engine.load(&snapshot(stored)?))
    }

    /// Follows the current session alone (the `currentSession` pointer and `taskTypes` of a
    /// start-up snapshot): which rubric expansions use while it is open. Cheap: nothing else is
    /// reloaded.
    #[wasm_bindgen(js_name = loadSession)]
    pub fn load_session(&mut self, stored: JsValue) -> Result<(), JsValue> {
        self.engine.load_session(&snapshot(stored)?);
        Ok(())
    }

    /// The literal expansions of the library (no field, date or clipboard), most used first, up
    /// to `maxBytes` of JSON: `[{typed, text, cursors, snippetId}]` (`engine/literal.rs`).
    #[wasm_bindgen(js_name = literalExpansions)]
    pub fn literal_expansions(&mut self, max_bytes: u32) -> JsResult {
        to_js(&self.engine.literal_expansions(max_bytes as usize))
    }

    /// Runs an expansion's whole path once and throws the result away: the message check, the
    /// trigger table, the demo trigger's expansion, each through the same conversions a real one
    /// uses. The browser compiles WebAssembly functions on their first call, so the background
    /// rehearses when it is woken ahead of use and the user's first expansion does not pay for it.
    pub fn rehearse(&mut self) -> Result<(), JsValue> {
        let json = |text: &str| {
            js_sys::JSON::parse(text)
                .map_err(|_| js_error(&Error::new(ErrorKind::Internal, "the rehearsal's JSON")))
        };
        let message = format!(r#"{{"type":"expand","payload":{{"trigger":"{DEMO_TRIGGER}"}}}}"#);
        self.parse_request("content", json(&message)?)?;
        self.trigger_table()?;
        self.expand(DEMO_TRIGGER, json(r#"{"now":0,"tzOffsetMin":0}"#)?)?;
        Ok(())
    }

    /// Validates a raw message from `sender` (`"content"`, `"page"` or `"overlay"`) and returns it
    /// normalised.
    #[wasm_bindgen(js_name = parseRequest)]
    pub fn parse_request(&self, sender: &str, raw: JsValue) -> JsResult {
        let sender = SenderKind::parse(sender)
            .ok_or_else(|| js_error(&Error::new(ErrorKind::Forbidden, "unknown sender")))?;
        with_arg(raw, "the message", |raw| Request::parse(sender, &raw))
    }

    /// Whether expansion is on (cheap: for every expansion request).
    #[wasm_bindgen(js_name = expansionEnabled)]
    pub fn expansion_enabled(&self) -> bool {
        self.engine.trigger_table().enabled
    }

    /// Whether any live snippet has a regex trigger.
    #[wasm_bindgen(js_name = hasRegex)]
    pub fn has_regex(&self) -> bool {
        self.engine.trigger_table().has_regex
    }

    /// The trigger table for content scripts.
    #[wasm_bindgen(js_name = triggerTable)]
    pub fn trigger_table(&self) -> JsResult {
        to_js(self.engine.trigger_table())
    }

    /// Expands a typed trigger (with the running session's task-type rubric, else the default
    /// one). `ctx` is `{now, tzOffsetMin?, clipboard?, values?, captures?, useDefaults?}`; the answer is `{status: "done", text, cursors, snippetId}` or
    /// `{status: "needsInput", fields, snippetId}`.
    pub fn expand(&mut self, typed: &str, ctx: JsValue) -> JsResult {
        with_arg(ctx, "the expansion context", |ctx: ExpandContext| {
            self.engine.expand(typed, &ctx)
        })
    }

    /// Expands a regex trigger at the end of `before`: `{status: "none"}` when none matches, else
    /// an expansion as for `expand` plus `replaceLen`.
    #[cfg(feature = "regex-triggers")]
    #[wasm_bindgen(js_name = expandRegex)]
    pub fn expand_regex(&mut self, before: &str, ctx: JsValue) -> JsResult {
        let ctx: ExpandContext = from_js(ctx, "the expansion context")?;
        match self.engine.expand_regex(before, &ctx) {
            Ok(Some(x)) => to_js(&x),
            Ok(None) => to_js(&serde_json::json!({"status": "none"})),
            Err(e) => Err(js_error(&e)),
        }
    }

    /// Renders template source for the dashboard's live preview: `{text, cursors, fields}`.
    /// `ctx` as for `expand`; `rubricId` picks the rubric (default: the active one).
    #[cfg(feature = "pages")]
    pub fn preview(
        &self,
        template: &str,
        ctx: JsValue,
        #[wasm_bindgen(js_name = rubricId)] rubric_id: Option<String>,
    ) -> JsResult {
        with_arg(ctx, "the preview context", |ctx: ExpandContext| {
            self.engine.preview(template, &ctx, rubric_id.as_deref())
        })
    }

    /// The library as the dashboard lists it: `{snippets, rubrics, activeRubricId, conflicts}`.
    #[cfg(feature = "pages")]
    pub fn library(&self) -> JsResult {
        to_js(&self.engine.library_view())
    }

    /// The current settings.
    pub fn settings(&self) -> JsResult {
        to_js(self.engine.settings())
    }

    /// Merges a settings patch and returns the complete new settings (not yet applied).
    #[cfg(feature = "pages")]
    #[wasm_bindgen(js_name = patchSettings)]
    pub fn patch_settings(&self, patch: JsValue) -> JsResult {
        with_arg(patch, "the settings patch", |patch| {
            self.engine.patch_settings(&patch)
        })
    }

    /// Applies settings the background has stored.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings: JsValue) -> Result<(), JsValue> {
        let settings = from_js(settings, "the settings")?;
        self.engine.set_settings(settings);
        Ok(())
    }

    /// The search palette's fuzzy search (full module): `[SearchHit]`, best first.
    #[cfg(feature = "palette")]
    pub fn search(&self, query: &str, limit: u32) -> JsResult {
        to_js(&self.engine.search(query, limit as usize))
    }

    /// Expands snippet `id` as the palette chose it; `ctx` as for `expand`.
    #[cfg(feature = "palette")]
    #[wasm_bindgen(js_name = expandSnippet)]
    pub fn expand_snippet(&self, id: &str, ctx: JsValue) -> JsResult {
        with_arg(ctx, "the expansion context", |ctx: ExpandContext| {
            self.engine.expand_snippet(id, &ctx)
        })
    }

    /// UTF-16 units of `word` (before the caret) that choosing snippet `id` replaces: all or none.
    #[cfg(feature = "palette")]
    #[wasm_bindgen(js_name = paletteReplaceLen)]
    pub fn palette_replace_len(&self, id: &str, word: &str) -> Result<u32, JsValue> {
        self.engine
            .palette_replace_len(id, word)
            .map_err(|e| js_error(&e))
    }
}
