//! Session timing (issue #5): one-click work sessions whose every figure is derived from stored
//! events, never from a ticking counter. See `docs/time.md`.
//!
//! One concern per file:
//! - [`timeline`]: events → contiguous typed spans (the only interpreter of events);
//! - [`command`]: the state machine's commands and outcome (the JSON contract);
//! - [`state`]: the session state machine (`apply(session, tasks, command, now)`);
//! - [`totals`]: wall, active, idle, discarded, setup, paused and per-task active time;
//! - [`corrections`]: editing past sessions and tasks, delete with undo;
//! - [`zone`]: UTC offsets supplied by the browser ([`zone::ZoneOffsets`]);
//! - [`buckets`]: local-day and week totals, split at local midnight, DST-safe;
//! - [`reminders`]: when focus-block breaks and task time caps fall due;
//! - `fixtures`: a deterministic generator for benchmarks (hidden).
//!
//! Every function takes `now` (UTC epoch ms) from the caller; nothing here reads the clock.

pub mod buckets;
pub mod command;
pub mod corrections;
#[doc(hidden)]
pub mod fixtures;
pub mod reminders;
pub mod state;
pub mod timeline;
pub mod totals;
pub mod zone;

#[cfg(test)]
pub(crate) mod test_support {
    use crate::model::{RecordMeta, Session, SessionEvent, SessionEventKind};

    /// A session starting at `start` with the given `(kind, at, from)` events.
    pub fn session(start: i64, events: &[(SessionEventKind, i64, Option<i64>)]) -> Session {
        Session {
            meta: RecordMeta::new("ses_test".into(), start),
            platform_id: None,
            task_type_id: None,
            started_at: start,
            ended_at: None,
            events: events
                .iter()
                .map(|&(kind, at, from)| SessionEvent { kind, at, from })
                .collect(),
            last_activity_at: None,
            pending_idle_from: None,
            pending_idle_to: None,
        }
    }
}
