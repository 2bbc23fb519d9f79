//! The trigger table: what the content script needs to spot a trigger as the user types, and
//! nothing else (no snippet content ever reaches a page). See `docs/trigger-table.md`.
//!
//! Detection is a handful of hash look-ups per keystroke — one per distinct trigger length — so
//! the work does not grow with the number of snippets. Regex triggers take a separate path
//! ([`RegexTriggers`]) evaluated in the core on delimiter keys only.

mod case;
mod conflicts;
#[cfg(feature = "regex-triggers")]
mod pattern;
mod table;

pub use case::{apply_case, typed_case, TypedCase};
pub use conflicts::{conflicts, Conflict, ConflictKind};
#[cfg(feature = "regex-triggers")]
pub use pattern::{check_regex, compile_regex_triggers, RegexMatch, RegexTriggers};
pub use table::{
    at_word_start, KeystrokeHit, TableEntry, TriggerTable, DELIMITERS, LOOKBACK, TABLE_VERSION,
};
