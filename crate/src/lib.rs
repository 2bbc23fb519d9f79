//! # Rubrica core
//!
//! The pure-Rust heart of Rubrica, a local-only browser extension for people who train AI models
//! for a living. Everything that is computation lives here and is tested natively with
//! `cargo test`: the data model and its storage schema, the message contract between the
//! extension's parts, the template language, the trigger table, session timing, ledger maths,
//! search, import/export.
//!
//! Nothing in this crate reads the clock, the network, or the browser. Time comes in as UTC epoch
//! milliseconds (`now`) plus the user's time-zone offset; randomness for ids comes from the caller.
//! Exactly one module, `wasm` (compiled only for `wasm32`), talks to JavaScript: it converts values
//! and delegates to [`engine::Engine`].
//!
//! ## Usage
//!
//! ```
//! use rubrica_core::engine::Engine;
//! use rubrica_core::messages::{Request, SenderKind};
//!
//! let mut engine = Engine::new();
//! // Every message from the extension is validated against the contract first.
//! let raw = serde_json::json!({"type": "ping"});
//! let request = Request::parse(SenderKind::Content, &raw).expect("ping is allowed from content scripts");
//! assert!(matches!(request, Request::Ping));
//! let table = engine.trigger_table();
//! assert!(table.version >= 1);
//! ```
//!
//! ## Crate features
//!
//! - `engine` (default): the facade's `Core` handle and every export but the ledger book's.
//! - `pages` (default): what extension pages ask for, the ledger and its `LedgerBook`.
//! - `regex-triggers` (default): regex triggers, with the `regex` crate.
//! - `importers` (default): espanso YAML, snippet CSV and ledger CSV import/export.
//! - `palette` (default): the search palette's fuzzy search (`nucleo-matcher`).
//!
//! `crate/Cargo.toml` lists the rest. Three WebAssembly modules are built from this crate
//! (docs/architecture.md): the background's start-up module (`--no-default-features --features
//! engine`, small), the full module (default features), and the ledger book's module
//! (`--no-default-features --features pages,importers`: `LedgerBook` alone, no engine).
//!
//! ## Untrusted input
//!
//! Messages, stored data, imported files and templates are all treated as untrusted: they are
//! parsed strictly, every failure is an [`error::Error`] with a kind and a message a person can act
//! on, and no code path on such input panics.

pub mod catalogue;
pub mod civil;
pub mod edits;
pub mod engine;
pub mod error;
#[doc(hidden)]
#[cfg(feature = "full")]
pub mod fuzzing;
pub mod ids;
#[cfg(feature = "importers")]
pub mod import;
#[cfg(feature = "library-search")]
pub mod justify;
#[cfg(feature = "pages")]
pub mod ledger;
pub mod messages;
pub mod model;
#[cfg(feature = "pages")]
pub mod rubric;
#[cfg(feature = "palette")]
pub mod search;
pub mod sessions;
pub mod starter;
pub mod storage;
pub mod template;
pub mod timing;
pub mod triggers;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The crate's version, reported to the extension's UI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
