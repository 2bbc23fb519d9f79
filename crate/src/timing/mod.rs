//! Session timing (issue #5): one-click work sessions whose every figure is derived from stored
//! events, never from a ticking counter. See `docs/time.md`.
//!
//! One concern per file:
//! - [`timeline`]: events → contiguous typed spans (the only interpreter of events);
//! - [`command`]: the state machine's commands and outcome (the JSON contract);
//! - [`state`]: the session state machine (`apply(session, tasks, command, now)`); the records it
//!   writes (a new session or lap, events in order, the idle question settled) in `records`;
//! - [`totals`]: wall, active, idle, discarded, setup, paused and per-task active time;
//! - [`corrections`]: editing past sessions and tasks, delete with undo;
//! - [`zone`]: UTC offsets supplied by the browser ([`zone::ZoneOffsets`]);
//! - [`buckets`]: local-day and week totals, split at local midnight, DST-safe;
//! - [`reminders`]: when focus-block breaks and task time caps fall due;
//! - `fixtures`: a deterministic generator for benchmarks (hidden).
//!
//! Every function takes `now` (UTC epoch ms) from the caller; nothing here reads the clock.
//!
//! ```
//! use rubrica_core::ids::IdGen;
//! use rubrica_core::timing::state::{apply, Command};
//! use rubrica_core::timing::totals::totals;
//!
//! # fn main() -> Result<(), rubrica_core::error::Error> {
//! let mut ids = IdGen::new([7; 16]);
//! let t0 = 1_772_960_400_000; // 2026-03-08T09:00:00Z
//! let min = 60_000;
//! let start = Command::Start { platform_id: None, task_type_id: None };
//! let s = apply(None, &[], start, t0, &mut ids)?.session;
//! // chrome.idle fires at +15 min with a 5-minute threshold: idle since +10
//! let s = apply(s.as_ref(), &[], Command::Idle { since: t0 + 10 * min }, t0 + 15 * min, &mut ids)?.session;
//! let back = apply(s.as_ref(), &[], Command::Active {}, t0 + 40 * min, &mut ids)?;
//! assert!(back.notice.is_some()); // ask: keep or discard the 30 idle minutes?
//! let s = apply(back.session.as_ref(), &[], Command::DiscardIdle {}, t0 + 41 * min, &mut ids)?.session;
//! let s = apply(s.as_ref(), &[], Command::Stop { at: None }, t0 + 60 * min, &mut ids)?.session;
//! let t = s.map(|s| totals(&s, &[], t0 + 60 * min)).unwrap_or_default();
//! assert_eq!((t.wall, t.active, t.idle_discarded), (60 * min, 30 * min, 30 * min));
//! # Ok(())
//! # }
//! ```

pub mod buckets;
pub mod command;
pub mod corrections;
#[doc(hidden)]
pub mod fixtures;
mod records;
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
