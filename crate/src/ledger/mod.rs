//! The task ledger (issue #10): outcome and pay on every task, the reports over them, the
//! repeated-rejection alert, and the CSV files users already have.
//!
//! | file | what |
//! |---|---|
//! | `outcome.rs` | [`OutcomePatch`] (one task's status, pay, feedback, criteria…) and [`NewTask`] (added by hand), checked and planned as writes |
//! | `recent.rs` | the quick-log's list of the latest tasks with the criteria to pick from |
//! | `alert.rs` | the repeated-rejection alert: check, dismiss, view |
//!
//! Like [`crate::sessions`], every function takes a storage [`crate::storage::Snapshot`] the
//! background read (the keys come from `*_keys` functions here) and answers with a view or with
//! the writes to send in one `set`. Nothing reads the clock: `now` comes in.

mod alert;
mod outcome;
mod recent;

pub use alert::{
    alert_keys, alert_views, plan_dismiss, plan_rejection_alerts, rejected_at, AlertPlan,
    AlertView, ALERT_VIEW_KEYS,
};
pub use outcome::{add_keys, plan_add, plan_update, task_keys, MoneyInput, NewTask, OutcomePatch};
pub use recent::{recent, recent_keys, CriterionChoice, RecentTask, MAX_RECENT};

#[cfg(test)]
mod tests;
