//! Events → spans: the one place that turns a session's stored events into a contiguous list of
//! typed spans (active, idle, discarded idle, paused) covering `[start, end)`, and back.
//!
//! Every total, bucket, reminder and correction is computed from a [`Timeline`]; nothing else
//! interprets events. Stored events are untrusted: they may be out of order, before the start or
//! after the stop, or describe impossible transitions. The fold below never panics on them: events
//! are clamped into the session, out-of-order events are sorted, and transitions that make no
//! sense in the current phase are ignored.

use crate::model::{Session, SessionEvent, SessionEventKind};
use serde::{Deserialize, Serialize};

/// The largest instant JavaScript's `Date` can hold (±100,000,000 days from the epoch). Stored
/// times are clamped into `±MAX_INSTANT` before any arithmetic, so no difference can overflow.
pub const MAX_INSTANT: i64 = 8_640_000_000_000_000;

/// `t` clamped into the range of JavaScript dates.
pub fn clamp_instant(t: i64) -> i64 {
    t.clamp(-MAX_INSTANT, MAX_INSTANT)
}

/// What the user was doing during a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SpanKind {
    /// Working: counted as active time.
    Active,
    /// No input (or screen locked / asleep) and kept by the user: counted as idle time.
    Idle,
    /// Idle time the user discarded: part of wall time, excluded from everything else.
    Discarded,
    /// Paused by the user (a break).
    Paused,
}

/// A half-open interval `[from, to)` of one kind, in UTC epoch ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    /// What the user was doing.
    pub kind: SpanKind,
    /// Start, inclusive.
    pub from: i64,
    /// End, exclusive.
    pub to: i64,
}

impl Span {
    /// Length in ms.
    pub fn len(&self) -> i64 {
        self.to - self.from
    }

    /// Whether the span has no length.
    pub fn is_empty(&self) -> bool {
        self.to <= self.from
    }
}

/// The phase a session is in between two events; the state machine's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Active,
    Idle,
    Paused,
    Stopped,
}

/// The phase after `kind` happens in `phase`; impossible transitions leave the phase unchanged.
pub(crate) fn step(phase: Phase, kind: SessionEventKind) -> Phase {
    use SessionEventKind as K;
    match (phase, kind) {
        (Phase::Stopped, _) => Phase::Stopped,
        (_, K::Stop) => Phase::Stopped,
        (Phase::Active | Phase::Idle, K::Pause) => Phase::Paused,
        (Phase::Paused, K::Resume) => Phase::Active,
        (Phase::Active, K::Idle | K::Locked) => Phase::Idle,
        (Phase::Idle, K::Active) => Phase::Active,
        (p, _) => p,
    }
}

/// A session laid out as contiguous spans from its start to its end (or `now` while running).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// The session's start (UTC epoch ms).
    pub start: i64,
    /// The session's stop time, or `now` while it runs (never before `start`).
    pub end: i64,
    /// Whether the session is still running (`end` is `now`).
    pub running: bool,
    /// Contiguous, non-empty, adjacent spans of different kinds covering `[start, end)`.
    pub spans: Vec<Span>,
}

/// The session's events in time order, borrowing them when already sorted.
pub(crate) fn sorted_events(session: &Session) -> std::borrow::Cow<'_, [SessionEvent]> {
    let ev = &session.events;
    if ev.windows(2).all(|w| w[0].at <= w[1].at) {
        std::borrow::Cow::Borrowed(ev.as_slice())
    } else {
        let mut owned = ev.clone();
        owned.sort_by_key(|e| e.at);
        std::borrow::Cow::Owned(owned)
    }
}

/// When the session stopped: `ended_at`, else the first `stop` event, else `None` (running).
pub(crate) fn stop_time(session: &Session, events: &[SessionEvent]) -> Option<i64> {
    session.ended_at.or_else(|| {
        events
            .iter()
            .find(|e| e.kind == SessionEventKind::Stop)
            .map(|e| e.at)
    })
}

impl Timeline {
    /// Lays out `session` at `now`. A running session ends at `now` (or at its start if `now` is
    /// earlier, so no span is ever negative).
    pub fn of(session: &Session, now: i64) -> Timeline {
        let events = sorted_events(session);
        let start = clamp_instant(session.started_at);
        let stop = stop_time(session, &events);
        let end = clamp_instant(stop.unwrap_or(now)).max(start);
        let mut spans: Vec<Span> = Vec::with_capacity(events.len() + 1);
        let mut phase = Phase::Active;
        let mut cursor = start;
        for e in events.iter() {
            if e.kind == SessionEventKind::Discard {
                continue;
            }
            let t = e.at.clamp(cursor, end);
            let next = step(phase, e.kind);
            if next == phase {
                continue;
            }
            if next == Phase::Stopped {
                break;
            }
            push(&mut spans, kind_of(phase), cursor, t);
            cursor = t;
            phase = next;
        }
        push(&mut spans, kind_of(phase), cursor, end);
        let mut discards: Vec<(i64, i64)> = events
            .iter()
            .filter(|e| e.kind == SessionEventKind::Discard)
            .filter_map(|e| {
                e.from
                    .map(|f| (f.clamp(start, end), e.at.clamp(start, end)))
            })
            .filter(|(f, t)| f < t)
            .collect();
        if !discards.is_empty() {
            discards.sort_unstable();
            spans = apply_discards(&spans, &discards);
        }
        Timeline {
            start,
            end,
            running: stop.is_none(),
            spans,
        }
    }

    /// Wall time in ms.
    pub fn wall(&self) -> i64 {
        self.end - self.start
    }

    /// The active spans, in order.
    pub fn active(&self) -> impl Iterator<Item = &Span> + '_ {
        self.spans.iter().filter(|s| s.kind == SpanKind::Active)
    }

    /// Active ms inside `[from, to)`, by binary search over the spans.
    pub fn active_within(&self, from: i64, to: i64) -> i64 {
        let first = self.spans.partition_point(|s| s.to <= from);
        let mut sum = 0;
        for s in &self.spans[first..] {
            if s.from >= to {
                break;
            }
            if s.kind == SpanKind::Active {
                sum += s.to.min(to) - s.from.max(from);
            }
        }
        sum
    }

    /// The events that describe this timeline: `start`, one event per change of phase, one
    /// `discard` per discarded span, and `stop` unless running. Locked spans come back as idle.
    pub fn to_events(&self) -> Vec<SessionEvent> {
        let ev = |kind, at| SessionEvent {
            kind,
            at,
            from: None,
        };
        let mut out = vec![ev(SessionEventKind::Start, self.start)];
        let mut phase = Phase::Active;
        for s in &self.spans {
            let want = match s.kind {
                SpanKind::Active => Phase::Active,
                SpanKind::Idle | SpanKind::Discarded => Phase::Idle,
                SpanKind::Paused => Phase::Paused,
            };
            match (phase, want) {
                (a, b) if a == b => {}
                (Phase::Idle, Phase::Active) => out.push(ev(SessionEventKind::Active, s.from)),
                (Phase::Paused, Phase::Active) => out.push(ev(SessionEventKind::Resume, s.from)),
                (_, Phase::Paused) => out.push(ev(SessionEventKind::Pause, s.from)),
                (Phase::Paused, Phase::Idle) => {
                    out.push(ev(SessionEventKind::Resume, s.from));
                    out.push(ev(SessionEventKind::Idle, s.from));
                }
                _ => out.push(ev(SessionEventKind::Idle, s.from)),
            }
            phase = want;
            if s.kind == SpanKind::Discarded {
                out.push(SessionEvent {
                    kind: SessionEventKind::Discard,
                    at: s.to,
                    from: Some(s.from),
                });
            }
        }
        if !self.running {
            out.push(ev(SessionEventKind::Stop, self.end));
        }
        // Discards are stamped at their end; keep the list in time order (stable for ties).
        out.sort_by_key(|e| e.at);
        out
    }

    /// Overwrites `[from, to)` (clamped to the timeline) with `kind`, merging neighbours.
    pub fn paint(&mut self, from: i64, to: i64, kind: SpanKind) {
        let (from, to) = (from.max(self.start), to.min(self.end));
        if from >= to {
            return;
        }
        let mut out = Vec::with_capacity(self.spans.len() + 2);
        for s in &self.spans {
            push(&mut out, s.kind, s.from, s.to.min(from));
            if s.from < to && s.to > from {
                push(&mut out, kind, s.from.max(from), s.to.min(to));
            }
            push(&mut out, s.kind, s.from.max(to), s.to);
        }
        self.spans = out;
    }

    /// Cuts the timeline to `[from, to)`, keeping what happened inside.
    pub fn clip(&mut self, from: i64, to: i64) {
        let mut out = Vec::with_capacity(self.spans.len());
        for s in &self.spans {
            push(&mut out, s.kind, s.from.max(from), s.to.min(to));
        }
        self.start = from;
        self.end = to.max(from);
        self.spans = out;
    }

    /// Moves the start earlier or later. Time added before the old start counts as active.
    pub fn set_start(&mut self, start: i64) {
        if start < self.start {
            self.spans.insert(
                0,
                Span {
                    kind: SpanKind::Active,
                    from: start,
                    to: self.start,
                },
            );
            let spans = std::mem::take(&mut self.spans);
            for s in spans {
                push(&mut self.spans, s.kind, s.from, s.to);
            }
            self.start = start;
        } else {
            self.clip(start, self.end);
        }
    }

    /// Moves the end earlier or later. Time added after the old end continues the last span.
    pub fn set_end(&mut self, end: i64) {
        if end > self.end {
            match self.spans.last_mut() {
                Some(last) => last.to = end,
                None => self.spans.push(Span {
                    kind: SpanKind::Active,
                    from: self.start,
                    to: end,
                }),
            }
            self.end = end;
        } else {
            self.clip(self.start, end);
        }
    }
}

fn kind_of(phase: Phase) -> SpanKind {
    match phase {
        Phase::Idle => SpanKind::Idle,
        Phase::Paused => SpanKind::Paused,
        Phase::Active | Phase::Stopped => SpanKind::Active,
    }
}

/// Appends `[from, to)` of `kind`, dropping empty spans and merging with an equal neighbour.
fn push(spans: &mut Vec<Span>, kind: SpanKind, from: i64, to: i64) {
    if to <= from {
        return;
    }
    if let Some(last) = spans.last_mut() {
        if last.kind == kind && last.to == from {
            last.to = to;
            return;
        }
    }
    spans.push(Span { kind, from, to });
}

/// Turns the parts of idle spans covered by `discards` (sorted by start) into discarded spans.
/// Discards never touch active or paused time, so wall = active + idle + discarded + paused holds.
fn apply_discards(spans: &[Span], discards: &[(i64, i64)]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len() + discards.len() * 2);
    let mut d = 0;
    for s in spans {
        if s.kind != SpanKind::Idle {
            push(&mut out, s.kind, s.from, s.to);
            continue;
        }
        while d < discards.len() && discards[d].1 <= s.from {
            d += 1;
        }
        let mut cursor = s.from;
        let mut k = d;
        while k < discards.len() && discards[k].0 < s.to {
            let (df, dt) = (discards[k].0.max(cursor), discards[k].1.min(s.to));
            if df < dt {
                push(&mut out, SpanKind::Idle, cursor, df);
                push(&mut out, SpanKind::Discarded, df, dt);
                cursor = dt;
            }
            k += 1;
        }
        push(&mut out, SpanKind::Idle, cursor, s.to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timing::test_support::session;
    use SessionEventKind as K;

    #[test]
    fn empty_session_is_all_active_until_now() {
        let s = session(1000, &[(K::Start, 1000, None)]);
        let tl = Timeline::of(&s, 5000);
        assert!(tl.running);
        assert_eq!(
            tl.spans,
            vec![Span {
                kind: SpanKind::Active,
                from: 1000,
                to: 5000
            }]
        );
        // now before the start never yields a negative span
        assert_eq!(Timeline::of(&s, 10).wall(), 0);
    }

    #[test]
    fn unsorted_and_out_of_range_events_are_tamed() {
        let s = session(
            100,
            &[
                (K::Stop, 900, None),
                (K::Idle, 50, None), // before start: clamped to start
                (K::Start, 100, None),
                (K::Active, 300, None),
                (K::Pause, 2000, None), // after stop: ignored
            ],
        );
        let tl = Timeline::of(&s, 10_000);
        assert!(!tl.running);
        assert_eq!(
            tl.spans,
            vec![
                Span {
                    kind: SpanKind::Idle,
                    from: 100,
                    to: 300
                },
                Span {
                    kind: SpanKind::Active,
                    from: 300,
                    to: 900
                },
            ]
        );
    }

    #[test]
    fn events_round_trip_through_spans() {
        let s = session(
            0,
            &[
                (K::Start, 0, None),
                (K::Idle, 10, None),
                (K::Active, 50, None),
                (K::Discard, 50, Some(20)),
                (K::Pause, 60, None),
                (K::Resume, 80, None),
                (K::Locked, 90, None),
                (K::Stop, 100, None),
            ],
        );
        let tl = Timeline::of(&s, 1000);
        let again = session(0, &[]);
        let again = Session {
            events: tl.to_events(),
            ..again
        };
        assert_eq!(Timeline::of(&again, 1000), tl);
        assert_eq!(tl.active_within(0, 100), 10 + 10 + 10);
        assert_eq!(tl.active_within(55, 85), 5 + 5);
    }

    #[test]
    fn paint_and_clip_merge_neighbours() {
        let s = session(0, &[(K::Start, 0, None), (K::Stop, 100, None)]);
        let mut tl = Timeline::of(&s, 1000);
        tl.paint(20, 40, SpanKind::Idle);
        tl.paint(20, 40, SpanKind::Active);
        assert_eq!(tl.spans.len(), 1);
        tl.paint(90, 200, SpanKind::Paused);
        tl.clip(10, 95);
        assert_eq!(
            tl.spans,
            vec![
                Span {
                    kind: SpanKind::Active,
                    from: 10,
                    to: 90
                },
                Span {
                    kind: SpanKind::Paused,
                    from: 90,
                    to: 95
                },
            ]
        );
    }
}
