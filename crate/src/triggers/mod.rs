//! The trigger table: what the content script needs to spot a trigger as the user types, and
//! nothing else (no snippet content ever reaches a page). See `docs/trigger-table.md`.
//!
//! Detection is a handful of hash look-ups per keystroke — one per distinct trigger length — so
//! the work does not grow with the number of snippets.

mod case;
mod table;

pub use case::{apply_case, typed_case, TypedCase};
pub use table::{TableEntry, TriggerTable, TABLE_VERSION};
