//! Where and how data is stored: the key scheme, the schema version and its migrations, and the
//! one JSON envelope of every export and backup file. The background is the only writer; it asks
//! this module what to write and writes it in one `storage.local.set`.
//!
//! Key scheme (`docs/data-model.md` has the reasons):
//!
//! | key | value |
//! |---|---|
//! | `meta` | `{schema, installedAt}` |
//! | `settings` | [`crate::model::Settings`] |
//! | `platforms`, `taskTypes`, `rubrics`, `snippets`, `alerts` | `{id: record}` |
//! | `sessions/YYYY-MM`, `tasks/YYYY-MM`, `justifications/YYYY-MM` | `{id: record}` for records created that UTC month |
//! | `shards` | `{sessions: {"YYYY-MM": liveCount}, tasks: {…}, justifications: {…}, reach: {tasks: {"YYYY-MM": "YYYY-MM"}, sessions: {…}}}`: which shards exist and how many live records each holds; `reach` (schema 4, [`reach`]): shards holding records that start later than a range's reads look |
//! | `snippetUses` | `{snippetId: {count, lastUsedAt}}`: use counts, apart from the snippets (schema 3, [`uses`]) |
//! | `currentSession` | where the current session is stored (the latest one, running or just stopped), whether it is open and its task type ([`shards::CurrentSession`]) |

mod backup;
mod keys;
mod migrate;
pub(crate) mod reach;
#[cfg(test)]
mod reach_tests;
#[cfg(feature = "backup-crypto")]
pub mod sealed;
pub mod shards;
mod steps;
pub mod uses;

pub use backup::{
    export_backup, live_count, plan_import, Envelope, ImportPlan, ImportSummary, FORMAT,
};
pub use keys::{
    month_of, Collection, Snapshot, KEY_CURRENT_SESSION, KEY_LEDGER_PACK_PREFIX, KEY_META,
    KEY_SETTINGS, KEY_SHARDS, KEY_SNIPPET_USES, LEDGER_PACKED, START_KEYS, SUMMARY_KEYS,
};
pub use migrate::{migrate, needs_migration, Migration, MIGRATIONS, SCHEMA_VERSION};
pub use steps::STALE_KEYS;
