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
//! | `shards` | `{sessions: {"YYYY-MM": liveCount}, tasks: {…}, justifications: {…}}`: which shards exist and how many live records each holds |
//! | `running` | where the current session is stored (the latest one, running or just stopped; [`shards::Running`]) |

mod backup;
mod keys;
mod migrate;
pub mod shards;

pub use backup::{
    export_backup, live_count, plan_import, Envelope, ImportPlan, ImportSummary, FORMAT,
};
pub use keys::{month_of, Collection, Snapshot, KEY_META, KEY_RUNNING, KEY_SETTINGS, KEY_SHARDS};
pub use migrate::{migrate, needs_migration, Migration, MIGRATIONS, SCHEMA_VERSION};
