//! The task ledger (issue #10): outcome and pay on every task, the reports over them, the
//! repeated-rejection alert, and the CSV files users already have.
//!
//! | file | what |
//! |---|---|
//! | `outcome.rs` | [`OutcomePatch`] (one task's status, pay, feedback, criteria…) and [`NewTask`] (added by hand), checked and planned as writes |
//! | `recent.rs` | the quick-log's list of the latest tasks with the criteria to pick from |
//! | `alert.rs` | the repeated-rejection alert: check, dismiss, view |
//! | `book.rs` | [`Ledger`]: the loaded month shards behind one handle; each task's time; time per local day |
//! | `export.rs` | sessions as Toggl's and Clockify's detailed CSV, tasks as the native CSV with every field |
//! | `figures.rs` | [`Figures`]: one group's counts, approval rate, money and the three hourly rates |
//! | `report.rs` | [`Ledger::report`]: the overview's figures by platform, task type, day, ISO week or month |
//! | `pack.rs` | ledger packs: a compact copy of each task and session month shard, written with it, read by the dashboard first; `pack_write.rs` and `pack_read.rs` encode and decode one; `pack_view.rs` is a task read without its record |
//! | `entry.rs` | [`Entry`]: one loaded task, its record made from its pack when asked for |
//! | `csv_file.rs` | What the CSV importers share: the header's delimiter (`,` `;` or tab), a strict reader, errors naming row and column, a time tracker's durations |
//! | `outlier.rs` | Outlier's earnings CSV into the ledger: preview counts and one write, idempotent |
//! | `toggl.rs` | Toggl's (or Clockify's) detailed CSV into work sessions: preview counts and one write, idempotent |
//! | `insights.rs` | rejections by criterion, time against caps, earnings per minute ranked |
//! | `table.rs` | [`Ledger::page`]: the task table, filtered, sorted and paged |
//! | `worksheet.rs` | [`WorksheetInput`]: the scoring worksheet's result saved with a task, checked and ranked again |
//!
//! Like [`crate::sessions`], every function takes a storage [`crate::storage::Snapshot`] the
//! background read (the keys come from `*_keys` functions here) and answers with a view or with
//! the writes to send in one `set`. Nothing reads the clock: `now` comes in.

mod alert;
mod book;
mod cells;
#[cfg(feature = "importers")]
mod csv_file;
#[cfg(feature = "importers")]
mod dates;
mod entry;
#[cfg(feature = "importers")]
mod export;
mod facts;
mod figures;
mod insights;
#[cfg(feature = "importers")]
mod new_tasks;
mod outcome;
#[cfg(feature = "importers")]
mod outlier;
#[cfg(feature = "pages")]
mod pack;
#[cfg(feature = "pages")]
mod pack_read;
#[cfg(feature = "pages")]
mod pack_view;
#[cfg(feature = "pages")]
mod pack_write;
mod recent;
mod report;
mod table;
#[cfg(feature = "importers")]
mod toggl;
mod worksheet;

pub use alert::{
    alert_keys, alert_views, plan_dismiss, plan_rejection_alerts, rejected_at, AlertPlan,
    AlertView, ALERT_VIEW_KEYS,
};
pub use book::Ledger;
#[cfg(feature = "importers")]
pub use csv_file::{parse_duration, MAX_DURATION_MS};
pub use entry::Entry;
#[cfg(feature = "importers")]
pub use export::{CLOCKIFY_HEADER, TASKS_HEADER, TOGGL_HEADER};
pub use figures::Figures;
#[cfg(feature = "importers")]
pub use new_tasks::{ImportWrites, NewTasks, PendingPacks};
pub use outcome::{add_keys, plan_add, plan_update, task_keys, MoneyInput, NewTask, OutcomePatch};
#[cfg(feature = "importers")]
pub use outlier::{is_outlier_csv, plan_outlier_import, OutlierPlan, OUTLIER_COLUMNS};
#[cfg(feature = "pages")]
pub use pack::{decode_packs, pack_key, pack_shards, PACK_PREFIX};
pub use recent::{recent, recent_keys, CriterionChoice, RecentTask, MAX_RECENT};
pub use report::{
    CapRow, CriterionCount, GroupBy, LedgerReport, PerMinute, PlatformWeek, ReportQuery,
};
pub use table::{PageQuery, SortKey, TaskPage, TaskRow};
#[cfg(feature = "importers")]
pub use toggl::{is_toggl_csv, plan_toggl_import, toggl_import_keys, TogglPlan, TOGGL_REQUIRED};
pub use worksheet::WorksheetInput;

#[cfg(test)]
mod alert_tests;
#[cfg(test)]
mod load_tests;
#[cfg(all(test, feature = "pages"))]
mod pack_tests;
#[cfg(all(test, feature = "pages"))]
mod pack_view_tests;
#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod tests;
#[cfg(all(test, feature = "importers"))]
mod toggl_dates_tests;
#[cfg(all(test, feature = "importers"))]
mod toggl_tests;
