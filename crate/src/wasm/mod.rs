//! The WebAssembly facade: the only module that knows about JavaScript. It converts values and
//! delegates every call to the pure core; results are JSON-compatible, so they go straight to
//! storage and the UI. Errors become JS `Error` objects carrying
//! `{kind, message, line, column, excerpt}`.
//!
//! Values cross as JSON text (`JSON.stringify` / `serde_json`, and back with `JSON.parse`): one
//! serde backend for every type keeps the background module within its size budget, and parsing
//! is strict — `deny_unknown_fields` holds for every input. Untrusted messages go through
//! [`Core::parse_request`].
//!
//! | file | exports |
//! |---|---|
//! | `mod.rs` | the conversions every export uses, the panic hook, `version`, `contractJs` |
//! | `core.rs` | [`Core`], the one handle JavaScript holds: load, the message check, expansion, preview, search, settings |
//! | `library.rs` | saving, deleting and counting uses of snippets and rubrics; merging imported snippets; `checkRegex` |
//! | `storage.rs` | schema migration, backups and their import, record counts |
//! | `backup.rs` | encrypted backups: detect, encrypt, decrypt (pages only) |
//! | `import.rs` | snippet import and export files (espanso, CSV, JSON) |
//! | `sessions.rs` | work sessions: keys to read, command plans (writes and view), the view, list, report, corrections |
//! | `rubric.rs` | the rubric paste parser, the rubric and justification checkers, the rule table, the worksheet's ranking |
//! | `justify.rs` | the justification library: the `LibraryIndex` handle (search, near-duplicates), saving, delete/restore, uses |
//! | `catalogue.rs` | platforms and task types: creating and editing them, and the catalogue pages show |
//! | `ledger.rs` | the task ledger: outcome patches, tasks added by hand, the quick-log's list, the repeated-rejection alert, packs |
//! | `book.rs` | the dashboard's loaded ledger, `LedgerBook`: reports, table pages, CSV exports |
//!
//! Every file but `book.rs` is the engine's (feature `engine`): the ledger book's own module is
//! built without it, and holds `LedgerBook`, `version` and `contractJs` alone.

// A build with neither the engine nor the ledger book exports only `version` and `contractJs`.
#![cfg_attr(
    not(any(feature = "engine", feature = "pages")),
    allow(dead_code, unused_imports)
)]

#[cfg(all(feature = "engine", feature = "backup-crypto"))]
mod backup;
#[cfg(feature = "pages")]
mod book;
#[cfg(all(feature = "engine", feature = "sessions"))]
mod catalogue;
#[cfg(feature = "engine")]
mod core;
#[cfg(all(feature = "engine", feature = "importers"))]
mod import;
#[cfg(all(feature = "engine", feature = "library-search"))]
mod justify;
#[cfg(all(feature = "engine", feature = "pages"))]
mod ledger;
#[cfg(all(feature = "engine", feature = "importers"))]
mod ledger_import;
#[cfg(feature = "engine")]
mod library;
#[cfg(all(feature = "engine", feature = "pages"))]
mod rubric;
#[cfg(all(feature = "engine", feature = "sessions"))]
mod sessions;
#[cfg(feature = "engine")]
mod storage;

#[cfg(all(feature = "engine", feature = "backup-crypto"))]
pub use backup::{decrypt_backup, encrypt_backup, is_encrypted_backup};
#[cfg(feature = "pages")]
pub use book::LedgerBook;
#[cfg(all(feature = "engine", feature = "sessions"))]
pub use catalogue::{catalogue_view, update_task_type};
#[cfg(feature = "engine")]
pub use core::Core;
#[cfg(all(feature = "engine", feature = "importers"))]
pub use import::{
    detect_format, export_snippets_csv, export_snippets_json, template_outline, ImportPlanner,
};
#[cfg(all(feature = "engine", feature = "library-search"))]
pub use justify::{
    is_justification_key, justification_all_keys, justification_keys, record_justification_use,
    set_justification_deleted, LibraryIndex,
};
#[cfg(all(feature = "engine", feature = "pages"))]
pub use ledger::{
    ledger_add_keys, ledger_alert_view_keys, ledger_alert_views, ledger_plan_dismiss,
    ledger_recent, ledger_recent_keys, ledger_task_keys,
};
#[cfg(all(feature = "engine", feature = "regex-triggers"))]
pub use library::check_regex;
#[cfg(feature = "engine")]
pub use library::record_uses;
#[cfg(all(feature = "engine", feature = "pages"))]
pub use library::set_deleted;
#[cfg(all(feature = "engine", feature = "pages"))]
pub use rubric::{
    check_justification_js, check_rubric, checker_rules, parse_rubric_text, rank_worksheet,
};
#[cfg(all(feature = "engine", feature = "sessions"))]
pub use sessions::{
    session_all_keys, session_current_keys, session_list, session_plan_edit, session_range_keys,
    session_report,
};
#[cfg(all(feature = "engine", feature = "pages"))]
pub use storage::{count_records, migrate};
#[cfg(all(feature = "engine", feature = "importers"))]
pub use storage::{export_backup, plan_import};
#[cfg(feature = "engine")]
pub use storage::{needs_migration, stale_keys};

use crate::error::{Error, ErrorKind};
#[cfg(feature = "engine")]
use crate::storage::Snapshot;
use serde::de::DeserializeOwned;
use serde::Serialize;
#[cfg(feature = "engine")]
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// What every fallible export returns: a JS value, or a JS `Error` (see [`js_error`]).
type JsResult = Result<JsValue, JsValue>;

/// Rust → JS through JSON text: `serde_json` writes it, the engine's `JSON.parse` reads it.
fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult {
    let internal = |m: String| js_error(&Error::new(ErrorKind::Internal, m));
    let text = serde_json::to_string(value).map_err(|e| internal(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| internal("the core produced invalid JSON".into()))
}

/// JS → Rust through JSON text: `JSON.stringify`, then strict `serde_json` parsing (so
/// `deny_unknown_fields` holds here too). `what` names the argument in the error message.
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

/// A storage snapshot (`{key: value}` as `storage.local.get` returns it) from JS.
#[cfg(feature = "engine")]
fn snapshot(value: JsValue) -> Result<Snapshot, JsValue> {
    from_js(value, "the storage snapshot")
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

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        js_error(&e)
    }
}

/// A core result as JS: the value, or the error thrown as a JS `Error`.
fn answer<T: Serialize>(r: crate::error::Result<T>) -> JsResult {
    match r {
        Ok(v) => to_js(&v),
        Err(e) => Err(js_error(&e)),
    }
}

/// Decodes one argument (named `what` in errors), calls `f` with it and answers its result.
#[cfg(feature = "engine")]
fn with_arg<A: DeserializeOwned, R: Serialize>(
    arg: JsValue,
    what: &str,
    f: impl FnOnce(A) -> crate::error::Result<R>,
) -> JsResult {
    answer(f(from_js(arg, what)?))
}

/// Changes a stored `{id: record}` map: decodes it first (named `what` in errors; absent is
/// `None`), then lets `f` decode its other arguments and change it, and answers what `f` returns
/// ([`Saved`] for a saved record). Core errors become JS errors through `?`.
#[cfg(feature = "engine")]
fn edit_map<R: Serialize>(
    stored: JsValue,
    what: &str,
    f: impl FnOnce(Option<&Value>) -> Result<R, JsValue>,
) -> JsResult {
    let stored: Option<Value> = from_js(stored, what)?;
    to_js(&f(stored.as_ref())?)
}

/// A saved record and the whole new map to write back: `{record, map}`.
#[cfg(all(feature = "engine", any(feature = "pages", feature = "sessions")))]
#[derive(Serialize)]
struct Saved<T: Serialize> {
    record: T,
    map: Value,
}

#[cfg(all(feature = "engine", any(feature = "pages", feature = "sessions")))]
impl<T: Serialize> From<(T, Value)> for Saved<T> {
    fn from((record, map): (T, Value)) -> Self {
        Saved { record, map }
    }
}

/// A JS time (epoch ms, a `number`) as the core's `i64`.
#[cfg_attr(not(feature = "pages"), allow(dead_code))]
fn ms(t: f64) -> i64 {
    t as i64
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
    crate::messages::contract_js()
}
