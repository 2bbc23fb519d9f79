//! The data model shared by every feature (see `docs/data-model.md`).
//!
//! Conventions, decided once:
//! - ids are prefixed ULIDs ([`crate::ids`]);
//! - every instant is UTC epoch milliseconds (`i64`), every duration milliseconds;
//! - money is integer minor units plus an ISO 4217 code ([`Money`]); there are no exchange rates;
//! - every record carries [`RecordMeta`]: created/updated times and a `deletedAt` tombstone, so a
//!   delete can be undone and an import can tell "deleted here" from "never existed";
//! - every field added after schema 1 is optional or has a default, so older records still load.

mod common;
mod library;
mod platform;
mod settings;
mod work;
mod worksheet;

pub use common::{Currency, Money, RecordMeta};
pub use library::{Criterion, Justification, Rubric, Snippet, TriggerMode};
pub use platform::{PayModel, Platform, Rate, RateKind, TaskType};
pub use settings::{
    Alert, AlertKind, AlertSettings, CheckerSettings, ExpansionSettings, LibrarySettings,
    SessionSettings, Settings, Theme,
};
pub use work::{PayStatus, Session, SessionEvent, SessionEventKind, Task, TaskStatus};
pub use worksheet::{DecidedBy, Winner, WorksheetResult, WorksheetScore};
