//! The stored data as a whole: schema migration, backups and their import, record counts.

#[cfg(feature = "pages")]
use super::{ms, snapshot, to_js, JsResult};
#[cfg(feature = "pages")]
use crate::engine::Engine;
use crate::storage;
#[cfg(feature = "pages")]
use crate::storage::Snapshot;
#[cfg(feature = "pages")]
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Whether storage whose `meta` record is `meta` needs `migrate` (a fresh install, an older schema,
/// or a newer one, which `migrate` refuses with a message): the start-up module's only question
/// about the schema; migrating is the full module's work.
#[wasm_bindgen(js_name = needsMigration)]
pub fn needs_migration(meta: JsValue) -> Result<bool, JsValue> {
    let meta: Option<serde_json::Value> = super::from_js(meta, "the meta record")?;
    Ok(storage::needs_migration(meta.as_ref()))
}

/// Keys an earlier schema used and a migration removed: if a stopped migration left any behind in
/// a store at the current schema, the background removes them at start.
#[wasm_bindgen(js_name = staleKeys)]
pub fn stale_keys() -> Vec<String> {
    storage::STALE_KEYS.iter().map(|k| k.to_string()).collect()
}

/// What `migrate` answers.
#[cfg(feature = "pages")]
#[derive(Serialize)]
struct Migrated<'a> {
    from: u32,
    to: u32,
    writes: &'a Snapshot,
    removes: &'a [String],
    applied: &'a [&'static str],
}

/// Plans the migration of a storage snapshot to the current schema: `{from, to, writes, removes,
/// applied}` (write `writes` in one `set`, then remove `removes`).
#[cfg(feature = "pages")]
#[wasm_bindgen]
pub fn migrate(stored: JsValue, now: f64) -> JsResult {
    let m = storage::migrate(&snapshot(stored)?, ms(now))?;
    to_js(&Migrated {
        from: m.from,
        to: m.to,
        writes: &m.writes,
        removes: &m.removes,
        applied: &m.applied,
    })
}

/// Builds a backup envelope of everything live in the snapshot.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = exportBackup)]
pub fn export_backup(stored: JsValue, now: f64) -> JsResult {
    to_js(&storage::export_backup(&snapshot(stored)?, ms(now)))
}

/// What `planImport` answers: the plan with its writes.
#[cfg(feature = "importers")]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlannedImport<'a> {
    #[serde(flatten)]
    plan: &'a storage::ImportPlan,
    writes: &'a Snapshot,
}

/// Plans an import of a Rubrica file into the snapshot: `{kind, summary, replacesSettings, writes}`.
#[cfg(feature = "importers")]
#[wasm_bindgen(js_name = planImport)]
pub fn plan_import(stored: JsValue, text: &str) -> JsResult {
    let plan = storage::plan_import(&snapshot(stored)?, text)?;
    to_js(&PlannedImport {
        plan: &plan,
        writes: &plan.writes,
    })
}

/// Live record counts per collection in a snapshot.
#[cfg(feature = "pages")]
#[wasm_bindgen(js_name = countRecords)]
pub fn count_records(stored: JsValue) -> JsResult {
    to_js(&Engine::count_records(&snapshot(stored)?))
}
