//! The WebAssembly facade: the only module that knows about JavaScript. It converts values and
//! delegates every call to the pure core; results are JSON-compatible, so they go straight to
//! storage and the UI. Errors become JS `Error` objects carrying
//! `{kind, message, line, column, excerpt}`.
//!
//! Values cross as JSON text (`JSON.stringify` / `serde_json`, and back with `JSON.parse`): one
//! serde backend for every type keeps the background module within its size budget (with
//! `serde_wasm_bindgen` each type was compiled for one more backend), and parsing is strict —
//! `deny_unknown_fields` holds for every input. Untrusted messages go through
//! [`Core::parse_request`].

use crate::engine::{Engine, ExpandContext};
use crate::error::{Error, ErrorKind};
use crate::messages::{contract_js, Request, SenderKind};
use crate::storage::{self, Snapshot};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Rust → JS through JSON text: `serde_json` writes it, the engine's `JSON.parse` reads it.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let internal = |m: String| js_error(&Error::new(ErrorKind::Internal, m));
    let text = serde_json::to_string(value).map_err(|e| internal(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| internal("the core produced invalid JSON".into()))
}

/// JS → Rust through JSON text: `JSON.stringify`, then strict `serde_json` parsing (so
/// `deny_unknown_fields` holds here too). One serde backend for every type keeps the module small.
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsValue> {
    let wrong = |m: String| {
        js_error(&Error::new(
            ErrorKind::InvalidMessage,
            format!("{what} has the wrong shape: {m}"),
        ))
    };
    let text = if value.is_undefined() {
        "null".to_string()
    } else {
        js_sys::JSON::stringify(&value)
            .map_err(|_| wrong("it cannot be written as JSON".into()))?
            .as_string()
            .unwrap_or_else(|| "null".into())
    };
    serde_json::from_str(&text).map_err(|e| wrong(e.to_string()))
}

/// Turns a core error into a JS `Error` with the error's fields as properties.
fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(k), &v);
    };
    set("kind", JsValue::from_str(e.kind.as_str()));
    if let Some(line) = e.line {
        set("line", JsValue::from(line));
    }
    if let Some(column) = e.column {
        set("column", JsValue::from(column));
    }
    if let Some(excerpt) = &e.excerpt {
        set("excerpt", JsValue::from_str(excerpt));
    }
    err.into()
}

fn ok_or_js<T: Serialize>(r: crate::error::Result<T>) -> Result<JsValue, JsValue> {
    match r {
        Ok(v) => to_js(&v),
        Err(e) => Err(js_error(&e)),
    }
}

/// Installs a panic hook that logs Rust panics to the console (a panic is always a bug).
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.into()
}

/// The generated `contract.js` source (used by tests to check the JS copy is current).
#[wasm_bindgen(js_name = contractJs)]
pub fn contract_js_source() -> String {
    contract_js()
}

/// Plans the migration of a storage snapshot to the current schema: `{from, to, writes, applied}`.
#[wasm_bindgen]
pub fn migrate(stored: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    let m = storage::migrate(&stored, now as i64).map_err(|e| js_error(&e))?;
    #[derive(Serialize)]
    struct Out<'a> {
        from: u32,
        to: u32,
        writes: &'a Snapshot,
        applied: &'a [&'static str],
    }
    to_js(&Out {
        from: m.from,
        to: m.to,
        writes: &m.writes,
        applied: &m.applied,
    })
}

/// Builds a backup envelope of everything live in the snapshot.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = exportBackup)]
pub fn export_backup(stored: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    to_js(&storage::export_backup(&stored, now as i64))
}

/// Plans an import of a Rubrica file into the snapshot: `{kind, summary, replacesSettings, writes}`.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = planImport)]
pub fn plan_import(stored: JsValue, text: &str) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    let plan = storage::plan_import(&stored, text).map_err(|e| js_error(&e))?;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Out<'a> {
        #[serde(flatten)]
        plan: &'a storage::ImportPlan,
        writes: &'a Snapshot,
    }
    to_js(&Out {
        plan: &plan,
        writes: &plan.writes,
    })
}

/// Live record counts per collection in a snapshot.
#[wasm_bindgen(js_name = countRecords)]
pub fn count_records(stored: JsValue) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    to_js(&Engine::count_records(&stored))
}

/// Deletes (`deleted = true`) or restores record `id` in a stored collection map; returns the map.
#[wasm_bindgen(js_name = setDeleted)]
pub fn set_deleted(stored: JsValue, id: &str, deleted: bool, now: f64) -> Result<JsValue, JsValue> {
    let stored: Option<serde_json::Value> = from_js(stored, "the stored collection")?;
    ok_or_js(crate::edits::set_deleted(
        stored.as_ref(),
        id,
        deleted,
        now as i64,
    ))
}

/// Checks a regex trigger pattern (full build only): throws a `template` error when it is invalid.
#[cfg(feature = "regex-triggers")]
#[wasm_bindgen(js_name = checkRegex)]
pub fn check_regex(pattern: &str) -> Result<(), JsValue> {
    crate::triggers::check_regex(pattern).map_err(|e| js_error(&e))
}

/// Counts one use of snippet `id` in a stored `snippets` map; returns the map.
#[wasm_bindgen(js_name = recordUse)]
pub fn record_use(stored: JsValue, id: &str, now: f64) -> Result<JsValue, JsValue> {
    let stored: Option<serde_json::Value> = from_js(stored, "the stored snippets")?;
    ok_or_js(crate::edits::record_use(stored.as_ref(), id, now as i64))
}

#[derive(Serialize)]
struct Saved<T: Serialize> {
    record: T,
    map: serde_json::Value,
}

/// The one handle JavaScript holds: Rubrica's engine.
#[wasm_bindgen]
pub struct Core {
    engine: Engine,
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
        }
    }

    /// Loads settings, snippets and rubrics from a migrated storage snapshot: `{counts, problems}`.
    pub fn load(&mut self, stored: JsValue) -> Result<JsValue, JsValue> {
        let stored: Snapshot = from_js(stored, "the storage snapshot")?;
        to_js(&self.engine.load(&stored))
    }

    /// Validates a raw message from `sender` (`"content"` or `"page"`) and returns it normalised.
    #[wasm_bindgen(js_name = parseRequest)]
    pub fn parse_request(&self, sender: &str, raw: JsValue) -> Result<JsValue, JsValue> {
        let sender = SenderKind::parse(sender)
            .ok_or_else(|| js_error(&Error::new(ErrorKind::Forbidden, "unknown sender")))?;
        let raw: serde_json::Value = from_js(raw, "the message")?;
        ok_or_js(Request::parse(sender, &raw))
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
    pub fn trigger_table(&self) -> Result<JsValue, JsValue> {
        to_js(self.engine.trigger_table())
    }

    /// Expands a typed trigger. `ctx` is `{now, tzOffsetMin?, clipboard?, values?, captures?,
    /// useDefaults?}`; the answer is `{status: "done", text, cursors, snippetId}` or
    /// `{status: "needsInput", fields, snippetId}`.
    pub fn expand(&mut self, typed: &str, ctx: JsValue) -> Result<JsValue, JsValue> {
        let ctx: ExpandContext = from_js(ctx, "the expansion context")?;
        ok_or_js(self.engine.expand(typed, &ctx))
    }

    /// Expands a regex trigger at the end of `before`: `{status: "none"}` when none matches, else
    /// an expansion as for `expand` plus `replaceLen`.
    #[cfg(feature = "regex-triggers")]
    #[wasm_bindgen(js_name = expandRegex)]
    pub fn expand_regex(&mut self, before: &str, ctx: JsValue) -> Result<JsValue, JsValue> {
        let ctx: ExpandContext = from_js(ctx, "the expansion context")?;
        match self.engine.expand_regex(before, &ctx) {
            Ok(Some(x)) => to_js(&x),
            Ok(None) => to_js(&serde_json::json!({"status": "none"})),
            Err(e) => Err(js_error(&e)),
        }
    }

    /// Renders template source for the dashboard's live preview: `{text, cursors, fields}`.
    /// `ctx` as for `expand`; `rubricId` picks the rubric (default: the active one).
    pub fn preview(
        &self,
        template: &str,
        ctx: JsValue,
        #[wasm_bindgen(js_name = rubricId)] rubric_id: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let ctx: ExpandContext = from_js(ctx, "the preview context")?;
        ok_or_js(self.engine.preview(template, &ctx, rubric_id.as_deref()))
    }

    /// Saves a snippet draft into the stored `snippets` map: `{record, map}` (write `map` back).
    #[wasm_bindgen(js_name = saveSnippet)]
    pub fn save_snippet(
        &mut self,
        stored: JsValue,
        draft: JsValue,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Option<serde_json::Value> = from_js(stored, "the stored snippets")?;
        let draft = from_js(draft, "the snippet")?;
        let (record, map) =
            crate::edits::save_snippet(stored.as_ref(), draft, self.engine.ids(), now as i64)
                .map_err(|e| js_error(&e))?;
        to_js(&Saved { record, map })
    }

    /// Saves a rubric draft into the stored `rubrics` map: `{record, map}`.
    #[wasm_bindgen(js_name = saveRubric)]
    pub fn save_rubric(
        &mut self,
        stored: JsValue,
        draft: JsValue,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Option<serde_json::Value> = from_js(stored, "the stored rubrics")?;
        let draft = from_js(draft, "the rubric")?;
        let (record, map) =
            crate::edits::save_rubric(stored.as_ref(), draft, self.engine.ids(), now as i64)
                .map_err(|e| js_error(&e))?;
        to_js(&Saved { record, map })
    }

    /// The library as the dashboard lists it: `{snippets, rubrics, activeRubricId, conflicts}`.
    pub fn library(&self) -> Result<JsValue, JsValue> {
        to_js(&self.engine.library_view())
    }

    /// The current settings.
    pub fn settings(&self) -> Result<JsValue, JsValue> {
        to_js(self.engine.settings())
    }

    /// Merges a settings patch and returns the complete new settings (not yet applied).
    #[wasm_bindgen(js_name = patchSettings)]
    pub fn patch_settings(&self, patch: JsValue) -> Result<JsValue, JsValue> {
        let patch: serde_json::Map<String, serde_json::Value> =
            from_js(patch, "the settings patch")?;
        ok_or_js(self.engine.patch_settings(&patch))
    }

    /// Applies settings the background has stored.
    #[wasm_bindgen(js_name = setSettings)]
    pub fn set_settings(&mut self, settings: JsValue) -> Result<(), JsValue> {
        let settings = from_js(settings, "the settings")?;
        self.engine.set_settings(settings);
        Ok(())
    }
}

// --- Snippet import/export for the dashboard (issue #3) -----------------------------------------

/// The format of a file by name, then content: `"espanso"`, `"csv"` or `"rubrica"`; anything else
/// is an import error that says which formats are accepted.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = detectFormat)]
pub fn detect_format(file_name: &str, text: &str) -> Result<JsValue, JsValue> {
    ok_or_js(crate::import::detect_known_format(file_name, text))
}

/// Plans a snippet import against the `existing` snippets: `{format, added, skipped, notes,
/// conflicts}`. `seed` (16 random bytes) makes the new ids; without it they derive from `now`.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = planSnippetImport)]
pub fn plan_snippet_import(
    file_name: &str,
    text: &str,
    existing: JsValue,
    now: f64,
    seed: Option<Vec<u8>>,
) -> Result<JsValue, JsValue> {
    let existing: Vec<crate::model::Snippet> = from_js(existing, "the existing snippets")?;
    let mut s = [0u8; 16];
    match seed {
        Some(bytes) => s.iter_mut().zip(bytes).for_each(|(d, b)| *d = b),
        None => s[..8].copy_from_slice(&(now as i64).to_le_bytes()),
    }
    let mut ids = crate::ids::IdGen::new(s);
    ok_or_js(crate::import::plan_snippet_import(
        file_name, text, &existing, &mut ids, now as i64,
    ))
}

/// The live snippets as CSV: `{text, notes}`.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = exportSnippetsCsv)]
pub fn export_snippets_csv(snippets: JsValue) -> Result<JsValue, JsValue> {
    let snippets: Vec<crate::model::Snippet> = from_js(snippets, "the snippets")?;
    ok_or_js(crate::import::export_csv(&snippets))
}

/// The live snippets as a Rubrica JSON envelope of kind `snippets`.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = exportSnippetsJson)]
pub fn export_snippets_json(snippets: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let snippets: Vec<crate::model::Snippet> = from_js(snippets, "the snippets")?;
    ok_or_js(crate::import::export_json(&snippets, now as i64))
}

#[derive(Serialize)]
struct Merged {
    map: serde_json::Value,
    summary: crate::edits::MergeSummary,
}

// ---- Work sessions (issue #5): storage glue in `sessions`, timing in `timing`. ----

/// Keys to read for the current session at `now`, given the stored `running` value.
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionCurrentKeys)]
pub fn session_current_keys(running: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let running: Option<serde_json::Value> = from_js(running, "the running pointer")?;
    to_js(&crate::sessions::current_keys(running.as_ref(), now as i64))
}

/// The current session's view at `now` (what the popup and badge show).
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionView)]
pub fn session_view(stored: JsValue, settings: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    let settings: crate::model::SessionSettings = from_js(settings, "the session settings")?;
    to_js(&crate::sessions::current_view(
        &stored, &settings, now as i64,
    ))
}

/// Marks a session found running at browser start; returns the writes (maybe none).
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionRestartQuestion)]
pub fn session_restart_question(stored: JsValue, now: f64) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    ok_or_js(crate::sessions::plan_restart_question(&stored, now as i64))
}

/// Shard keys of sessions and tasks for the months of `[from, to]` listed in the `shards` index.
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionRangeKeys)]
pub fn session_range_keys(shards: JsValue, from: f64, to: f64) -> Result<JsValue, JsValue> {
    let shards: Option<serde_json::Value> = from_js(shards, "the shards index")?;
    to_js(&crate::sessions::range_keys(
        shards.as_ref(),
        from as i64,
        to as i64,
    ))
}

/// Every session and task shard key in the `shards` index.
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionAllKeys)]
pub fn session_all_keys(shards: JsValue) -> Result<JsValue, JsValue> {
    let shards: Option<serde_json::Value> = from_js(shards, "the shards index")?;
    to_js(&crate::sessions::all_keys(shards.as_ref()))
}

/// Live sessions overlapping `[from, to)` with totals and tasks, newest first.
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionList)]
pub fn session_list(
    stored: JsValue,
    from: f64,
    to: f64,
    limit: u32,
    now: f64,
) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    to_js(&crate::sessions::list(
        &stored,
        from as i64,
        to as i64,
        limit as usize,
        now as i64,
    ))
}

/// Plans a correction: the writes. `zone` is `{transitions}` (docs/time.md).
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionPlanEdit)]
pub fn session_plan_edit(
    stored: JsValue,
    edit: JsValue,
    now: f64,
    zone: JsValue,
) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    let edit: crate::sessions::SessionEdit = from_js(edit, "the correction")?;
    let zone: crate::timing::zone::ZoneOffsets = from_js(zone, "the zone offsets")?;
    ok_or_js(crate::sessions::plan_edit(
        &stored, &edit, now as i64, &zone,
    ))
}

/// Edits a stored task type (`{id, name, timeCapMin?, rate?, rubricId?}`, the editor's whole
/// state; a changed rate is appended from `now`): `{record, map}`.
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = updateTaskType)]
pub fn update_task_type(
    stored: JsValue,
    platforms: JsValue,
    update: JsValue,
    now: f64,
) -> Result<JsValue, JsValue> {
    let stored: Option<serde_json::Value> = from_js(stored, "the stored task types")?;
    let platforms: Option<serde_json::Value> = from_js(platforms, "the stored platforms")?;
    let update: crate::catalogue::TaskTypeUpdate = from_js(update, "the task type")?;
    let (record, map) = crate::catalogue::update_task_type(
        stored.as_ref(),
        platforms.as_ref(),
        &update,
        now as i64,
    )
    .map_err(|e| js_error(&e))?;
    to_js(&Saved { record, map })
}

/// Day and week totals of the sessions in `stored` within `[from, to)`: `{days, weeks}`.
#[cfg(feature = "sessions")]
#[wasm_bindgen(js_name = sessionReport)]
pub fn session_report(
    stored: JsValue,
    from: f64,
    to: f64,
    now: f64,
    zone: JsValue,
) -> Result<JsValue, JsValue> {
    let stored: Snapshot = from_js(stored, "the storage snapshot")?;
    let zone: crate::timing::zone::ZoneOffsets = from_js(zone, "the zone offsets")?;
    to_js(&crate::sessions::report(
        &stored,
        from as i64,
        to as i64,
        now as i64,
        &zone,
    ))
}

/// Benchmark data: `fixtures::generate` output held on the WASM side (not for the extension).
#[doc(hidden)]
#[cfg(feature = "sessions")]
#[wasm_bindgen]
pub struct TimingBench {
    sessions: Vec<crate::model::Session>,
    tasks: Vec<crate::model::Task>,
}

#[cfg(feature = "sessions")]
#[wasm_bindgen]
impl TimingBench {
    /// Generates `sessions` sessions and `tasks` tasks (deterministic).
    #[wasm_bindgen(constructor)]
    pub fn new(sessions: u32, tasks: u32) -> TimingBench {
        let (sessions, tasks) = crate::timing::fixtures::generate(
            2026,
            sessions as usize,
            tasks as usize,
            1_577_836_800_000,
        );
        TimingBench { sessions, tasks }
    }

    /// Runs `totals_all` once; returns how many sessions it totalled.
    pub fn run(&self, now: f64) -> u32 {
        crate::timing::totals::totals_all(&self.sessions, &self.tasks, now as i64).len() as u32
    }
}

#[wasm_bindgen]
impl Core {
    /// Merges reviewed imported snippets into the stored `snippets` map: `{map, summary}`.
    #[wasm_bindgen(js_name = mergeSnippets)]
    pub fn merge_snippets(
        &self,
        stored: JsValue,
        snippets: JsValue,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Option<serde_json::Value> = from_js(stored, "the stored snippets")?;
        let snippets: Vec<crate::model::Snippet> = from_js(snippets, "the imported snippets")?;
        let (map, summary) = crate::edits::merge_snippets(stored.as_ref(), snippets, now as i64)
            .map_err(|e| js_error(&e))?;
        to_js(&Merged { map, summary })
    }

    /// Applies a session command to the current session in `stored` (read with
    /// `sessionCurrentKeys`): `{writes, changed, notice?}`.
    #[cfg(feature = "sessions")]
    #[wasm_bindgen(js_name = sessionCommand)]
    pub fn session_command(
        &mut self,
        stored: JsValue,
        command: JsValue,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Snapshot = from_js(stored, "the storage snapshot")?;
        let command = from_js(command, "the session command")?;
        ok_or_js(crate::sessions::plan_command(
            &stored,
            command,
            now as i64,
            self.engine.ids(),
        ))
    }

    /// The search palette's fuzzy search (full module): `[SearchHit]`, best first.
    #[cfg(feature = "palette")]
    pub fn search(&self, query: &str, limit: u32) -> Result<JsValue, JsValue> {
        to_js(&self.engine.search(query, limit as usize))
    }

    /// Expands snippet `id` as the palette chose it; `ctx` as for `expand`.
    #[cfg(feature = "palette")]
    #[wasm_bindgen(js_name = expandSnippet)]
    pub fn expand_snippet(&self, id: &str, ctx: JsValue) -> Result<JsValue, JsValue> {
        let ctx: ExpandContext = from_js(ctx, "the expansion context")?;
        ok_or_js(self.engine.expand_snippet(id, &ctx))
    }

    /// UTF-16 units of `word` (before the caret) that choosing snippet `id` replaces: all or none.
    #[cfg(feature = "palette")]
    #[wasm_bindgen(js_name = paletteReplaceLen)]
    pub fn palette_replace_len(&self, id: &str, word: &str) -> Result<u32, JsValue> {
        self.engine
            .palette_replace_len(id, word)
            .map_err(|e| js_error(&e))
    }

    /// Adds a platform by name to the stored `platforms` map: `{record, map}`.
    #[cfg(feature = "sessions")]
    #[wasm_bindgen(js_name = createPlatform)]
    pub fn create_platform(
        &mut self,
        stored: JsValue,
        name: &str,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Option<serde_json::Value> = from_js(stored, "the stored platforms")?;
        let currency = self.engine.settings().currency.clone();
        let (record, map) = crate::catalogue::create_platform(
            stored.as_ref(),
            name,
            currency,
            now as i64,
            self.engine.ids(),
        )
        .map_err(|e| js_error(&e))?;
        to_js(&Saved { record, map })
    }

    /// Adds a task type (`{platformId, name, timeCapMin?, rate?, rubricId?}`) to the stored
    /// `taskTypes` map, on a platform of the stored `platforms`: `{record, map}`.
    #[cfg(feature = "sessions")]
    #[wasm_bindgen(js_name = createTaskType)]
    pub fn create_task_type(
        &mut self,
        stored: JsValue,
        platforms: JsValue,
        draft: JsValue,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Option<serde_json::Value> = from_js(stored, "the stored task types")?;
        let platforms: Option<serde_json::Value> = from_js(platforms, "the stored platforms")?;
        let draft: crate::catalogue::TaskTypeDraft = from_js(draft, "the task type")?;
        let (record, map) = crate::catalogue::create_task_type(
            stored.as_ref(),
            platforms.as_ref(),
            &draft,
            now as i64,
            self.engine.ids(),
        )
        .map_err(|e| js_error(&e))?;
        to_js(&Saved { record, map })
    }

    /// Answers the restart question: `{writes, changed}`.
    #[cfg(feature = "sessions")]
    #[wasm_bindgen(js_name = sessionRestartAnswer)]
    pub fn session_restart_answer(
        &mut self,
        stored: JsValue,
        stop: bool,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let stored: Snapshot = from_js(stored, "the storage snapshot")?;
        ok_or_js(crate::sessions::plan_restart_answer(
            &stored,
            stop,
            now as i64,
            self.engine.ids(),
        ))
    }
}
