//! When reminders fall due: focus-block breaks and task time caps. Pure functions that return
//! instants, so the background can schedule `chrome.alarms` (and recreate them after the service
//! worker restarts) without anything ticking.
//!
//! An instant at or before `now` means "due already": the background shows it at once, once per
//! key (a focus block is keyed by `blockStartedAt`, a cap by the task id and threshold).

use crate::model::{Session, SessionSettings, Task};
use crate::timing::timeline::{SpanKind, Timeline, MAX_INSTANT};
use crate::timing::totals::lap;
use serde::{Deserialize, Serialize};

/// Idle shorter than this does not end a focus block (a pause always does).
pub const MIN_BREAK_MS: i64 = 5 * 60_000;
/// The default share of a time cap at which to warn, in percent.
pub const DEFAULT_CAP_WARN_PERCENT: u32 = 80;

/// The next focus-block break reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FocusReminder {
    /// When continuous active time reaches the block length (UTC epoch ms); may be in the past.
    pub due_at: i64,
    /// When the current block began: the session start or the end of the last break.
    pub block_started_at: i64,
    /// Active ms in the current block at `now`.
    pub active_in_block: i64,
}

/// When a break is due in `session` at `now`: continuous active time since the last pause (or
/// idle of at least [`MIN_BREAK_MS`]) reaching `settings.focusBlockMin` minutes. `None` when the
/// session is not running and active, or focus blocks are off (`focusBlockMin` = 0).
pub fn next_focus_break(
    session: &Session,
    settings: &SessionSettings,
    now: i64,
) -> Option<FocusReminder> {
    let block = i64::from(settings.focus_block_min) * 60_000;
    if block <= 0 {
        return None;
    }
    let tl = Timeline::of(session, now);
    if !tl.running || tl.spans.last().is_some_and(|s| s.kind != SpanKind::Active) {
        return None;
    }
    let (mut started, mut active, mut crossed) = (tl.start, 0i64, None);
    for s in &tl.spans {
        match s.kind {
            SpanKind::Active => {
                if crossed.is_none() && active + s.len() >= block {
                    crossed = Some(s.from + (block - active));
                }
                active += s.len();
            }
            SpanKind::Paused => (started, active, crossed) = (s.to, 0, None),
            SpanKind::Idle | SpanKind::Discarded if s.len() >= MIN_BREAK_MS => {
                (started, active, crossed) = (s.to, 0, None)
            }
            SpanKind::Idle | SpanKind::Discarded => {}
        }
    }
    Some(FocusReminder {
        due_at: crossed.unwrap_or(now.saturating_add(block - active)),
        block_started_at: started,
        active_in_block: active,
    })
}

/// When a task reaches its time cap's warning share and the cap itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapSchedule {
    /// The cap, in active ms.
    pub cap_ms: i64,
    /// The task's active ms at `now`.
    pub used_ms: i64,
    /// When active time reaches the warning share: exact if already reached, projected if the
    /// lap is open and the user active now, else `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<i64>,
    /// When active time reaches the cap, on the same terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_at: Option<i64>,
}

/// The cap schedule of `task` (a lap of `session`) for a cap of `cap_ms` active ms, warning at
/// `warn_percent` (1–100) of it. `None` when there is no positive cap.
pub fn task_cap(
    session: &Session,
    task: &Task,
    cap_ms: i64,
    warn_percent: u32,
    now: i64,
) -> Option<CapSchedule> {
    if cap_ms <= 0 {
        return None;
    }
    let cap_ms = cap_ms.min(MAX_INSTANT);
    let warn = cap_ms * i64::from(warn_percent.clamp(1, 100)) / 100;
    let tl = Timeline::of(session, now);
    let (from, to) = lap(task, &tl);
    let first = tl.spans.partition_point(|s| s.to <= from);
    let (mut used, mut warn_at, mut over_at) = (0i64, None, None);
    for s in tl.spans[first..].iter().take_while(|s| s.from < to) {
        if s.kind != SpanKind::Active {
            continue;
        }
        let (a, b) = (s.from.max(from), s.to.min(to));
        for (threshold, slot) in [(warn, &mut warn_at), (cap_ms, &mut over_at)] {
            if slot.is_none() && used + (b - a) >= threshold {
                *slot = Some(a + (threshold - used));
            }
        }
        used += b - a;
    }
    let active_now = tl.running
        && task.submitted_at.is_none()
        && tl.spans.last().is_some_and(|s| s.kind == SpanKind::Active);
    if active_now {
        warn_at = warn_at.or(Some(now.saturating_add(warn - used)));
        over_at = over_at.or(Some(now.saturating_add(cap_ms - used)));
    }
    Some(CapSchedule {
        cap_ms,
        used_ms: used,
        warn_at,
        over_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SessionEventKind as K;
    use crate::timing::test_support::session;

    const M: i64 = 60_000;
    const T0: i64 = 1_772_960_400_000;

    fn settings(min: u32) -> SessionSettings {
        SessionSettings {
            focus_block_min: min,
            ..SessionSettings::default()
        }
    }

    fn task(from: i64, to: Option<i64>) -> Task {
        let json = serde_json::json!({
            "id": "tsk_1", "createdAt": from, "updatedAt": from, "sessionId": "ses_test",
            "startedAt": from, "submittedAt": to,
        });
        serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn short_idle_pauses_the_block_a_pause_restarts_it() {
        let s = session(
            T0,
            &[
                (K::Start, T0, None),
                (K::Idle, T0 + 30 * M, None),
                (K::Active, T0 + 32 * M, None),
            ],
        );
        let r = next_focus_break(&s, &settings(90), T0 + 40 * M);
        assert_eq!(
            r,
            Some(FocusReminder {
                due_at: T0 + 92 * M,
                block_started_at: T0,
                active_in_block: 38 * M
            })
        );
        // overdue: the instant it became due, in the past
        let r = next_focus_break(&s, &settings(90), T0 + 200 * M);
        assert_eq!(r.map(|r| r.due_at), Some(T0 + 92 * M));
        let s = session(
            T0,
            &[
                (K::Start, T0, None),
                (K::Pause, T0 + 60 * M, None),
                (K::Resume, T0 + 65 * M, None),
            ],
        );
        let r = next_focus_break(&s, &settings(90), T0 + 70 * M);
        assert_eq!(
            r.map(|r| (r.due_at, r.block_started_at)),
            Some((T0 + 155 * M, T0 + 65 * M))
        );
        let s = session(
            T0,
            &[
                (K::Start, T0, None),
                (K::Idle, T0 + 30 * M, None),
                (K::Active, T0 + 40 * M, None),
            ],
        );
        assert_eq!(
            next_focus_break(&s, &settings(90), T0 + 41 * M).map(|r| r.due_at),
            Some(T0 + 130 * M)
        );
    }

    #[test]
    fn no_focus_reminder_unless_running_and_active() {
        let idle = session(T0, &[(K::Start, T0, None), (K::Idle, T0 + M, None)]);
        assert_eq!(next_focus_break(&idle, &settings(90), T0 + 9 * M), None);
        let stopped = session(T0, &[(K::Start, T0, None), (K::Stop, T0 + M, None)]);
        assert_eq!(next_focus_break(&stopped, &settings(90), T0 + 9 * M), None);
        let running = session(T0, &[(K::Start, T0, None)]);
        assert_eq!(next_focus_break(&running, &settings(0), T0 + 9 * M), None);
        assert!(next_focus_break(&running, &SessionSettings::default(), T0).is_some());
    }

    #[test]
    fn cap_warns_at_80_percent_excluding_idle() {
        // 30-minute cap; the lap starts at +10, idle +20..+30 inside it.
        let s = session(
            T0,
            &[
                (K::Start, T0, None),
                (K::Idle, T0 + 20 * M, None),
                (K::Active, T0 + 30 * M, None),
            ],
        );
        let t = task(T0 + 10 * M, None);
        let c = task_cap(&s, &t, 30 * M, DEFAULT_CAP_WARN_PERCENT, T0 + 35 * M);
        assert_eq!(
            c,
            Some(CapSchedule {
                cap_ms: 30 * M,
                used_ms: 15 * M,
                warn_at: Some(T0 + 44 * M),
                over_at: Some(T0 + 50 * M)
            })
        );
        // later, both crossed: exact past instants
        let c = task_cap(&s, &t, 30 * M, 80, T0 + 60 * M);
        assert_eq!(
            c.map(|c| (c.used_ms, c.warn_at, c.over_at)),
            Some((40 * M, Some(T0 + 44 * M), Some(T0 + 50 * M)))
        );
        // idle now: nothing projected
        let s = session(T0, &[(K::Start, T0, None), (K::Idle, T0 + 20 * M, None)]);
        let c = task_cap(&s, &t, 30 * M, 80, T0 + 60 * M);
        assert_eq!(
            c,
            Some(CapSchedule {
                cap_ms: 30 * M,
                used_ms: 10 * M,
                warn_at: None,
                over_at: None
            })
        );
        assert_eq!(task_cap(&s, &t, 0, 80, T0), None);
    }
}
