//! UTC offsets supplied by the browser. The core has no time-zone database: the extension probes
//! `Date#getTimezoneOffset` over the range a report needs and passes the transitions it found as a
//! [`ZoneOffsets`] (the probing algorithm is specified in `docs/time.md`).
//!
//! Offsets here are **local minus UTC** in minutes, east positive: New York in winter is `-300`,
//! India `330`. (`getTimezoneOffset` has the opposite sign; the JS side negates it.)
//!
//! Local days are defined without ever converting local time back to UTC by guessing: the local
//! day `D` (days since 1970-01-01 on the local calendar) **starts at the first UTC instant whose
//! local time is at or after `D` 00:00**. That makes days contiguous and monotonic even where
//! midnight is skipped (the day starts when the clocks land after the gap) or happens twice (the
//! day starts at the first midnight; the repeated hour stays in the earlier day's span).

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

/// One ms in a day.
pub const DAY_MS: i64 = 86_400_000;
const MINUTE_MS: i64 = 60_000;
/// The largest offset accepted, in minutes (real zones stay within −12:00…+14:00).
pub const MAX_OFFSET_MIN: i32 = 18 * 60;

/// From `from` (UTC epoch ms) on, local time is UTC plus `offset_min` minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    /// First instant the offset applies (UTC epoch ms).
    pub from: i64,
    /// Local minus UTC, in minutes (east positive).
    pub offset_min: i32,
}

/// A zone's offsets as a sorted list of transitions. The first offset also applies before its
/// `from`, the last one after; so one entry is a fixed-offset zone and an empty list is UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", try_from = "RawZone")]
pub struct ZoneOffsets {
    transitions: Vec<Transition>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawZone {
    #[serde(default)]
    transitions: Vec<Transition>,
}

impl TryFrom<RawZone> for ZoneOffsets {
    type Error = Error;
    fn try_from(raw: RawZone) -> Result<Self> {
        ZoneOffsets::new(raw.transitions)
    }
}

impl ZoneOffsets {
    /// Checks and keeps `transitions`: strictly increasing `from`, offsets within ±18 hours.
    /// Consecutive entries with the same offset are merged.
    pub fn new(transitions: Vec<Transition>) -> Result<Self> {
        let mut out: Vec<Transition> = Vec::with_capacity(transitions.len());
        for t in transitions {
            if t.offset_min.abs() > MAX_OFFSET_MIN {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    format!(
                        "the time-zone offset {} minutes is out of range (at most ±18 hours)",
                        t.offset_min
                    ),
                ));
            }
            if let Some(last) = out.last() {
                if t.from <= last.from {
                    return Err(Error::new(
                        ErrorKind::InvalidMessage,
                        "time-zone transitions must be sorted by time, without repeats",
                    ));
                }
                if t.offset_min == last.offset_min {
                    continue;
                }
            }
            out.push(t);
        }
        Ok(ZoneOffsets { transitions: out })
    }

    /// UTC.
    pub fn utc() -> Self {
        ZoneOffsets::default()
    }

    /// A zone that never changes offset, e.g. `fixed(330)` for India.
    pub fn fixed(offset_min: i32) -> Result<Self> {
        ZoneOffsets::new(vec![Transition {
            from: 0,
            offset_min,
        }])
    }

    /// The transitions, sorted.
    pub fn transitions(&self) -> &[Transition] {
        &self.transitions
    }

    /// The offset in force at `utc`, in minutes.
    pub fn offset_at(&self, utc: i64) -> i32 {
        let i = self.transitions.partition_point(|t| t.from <= utc);
        match i {
            0 => self.transitions.first().map_or(0, |t| t.offset_min),
            _ => self.transitions[i - 1].offset_min,
        }
    }

    /// Local wall-clock time at `utc`, as ms since 1970-01-01 00:00 local.
    pub fn local(&self, utc: i64) -> i64 {
        utc.saturating_add(i64::from(self.offset_at(utc)) * MINUTE_MS)
    }

    /// The UTC instant at which local day `day` (days since 1970-01-01, local calendar) begins:
    /// the first instant whose local time is at or after that day's midnight.
    pub fn day_start(&self, day: i64) -> i64 {
        let target = day.saturating_mul(DAY_MS);
        let ts = &self.transitions;
        if ts.is_empty() {
            return target;
        }
        // No instant before target − 18 h can reach the target; start at the region holding it.
        let earliest = target.saturating_sub(i64::from(MAX_OFFSET_MIN) * MINUTE_MS);
        let mut i = ts.partition_point(|t| t.from <= earliest).saturating_sub(1);
        loop {
            let lo = if i == 0 { i64::MIN } else { ts[i].from };
            let hi = ts.get(i + 1).map_or(i64::MAX, |t| t.from);
            let candidate = target
                .saturating_sub(i64::from(ts[i].offset_min) * MINUTE_MS)
                .max(lo);
            if candidate < hi || i + 1 >= ts.len() {
                return candidate;
            }
            i += 1;
        }
    }

    /// The local day (days since 1970-01-01) that `utc` falls in: the latest day that has started.
    pub fn day_of(&self, utc: i64) -> i64 {
        let mut day = self.local(utc).div_euclid(DAY_MS);
        // Only where a day repeats its midnight can a later day already have started.
        for _ in 0..3 {
            if self.day_start(day + 1) <= utc {
                day += 1;
            } else {
                break;
            }
        }
        day
    }

    /// `utc` as local `YYYY-MM-DD HH:MM`, for messages.
    pub fn format(&self, utc: i64) -> String {
        let local = self.local(utc);
        let (y, m, d) = civil_from_days(local.div_euclid(DAY_MS));
        let min = local.rem_euclid(DAY_MS) / MINUTE_MS;
        format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", min / 60, min % 60)
    }
}

/// Local day number to `YYYY-MM-DD`.
pub fn date_of_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

pub use crate::civil::{civil_from_days, days_from_civil};

/// The local day of instants met mostly in time order: the zone is asked once per day, not once
/// per instant (a report's tasks, a run of sessions).
pub struct DayCursor<'a> {
    zone: &'a ZoneOffsets,
    day: i64,
    /// The current day's `[start, end)`; empty before the first instant.
    start: i64,
    end: i64,
}

impl<'a> DayCursor<'a> {
    pub fn new(zone: &'a ZoneOffsets) -> Self {
        DayCursor {
            zone,
            day: 0,
            start: 0,
            end: 0,
        }
    }

    /// The local day of `utc` (as [`ZoneOffsets::day_of`]).
    pub fn day_of(&mut self, utc: i64) -> i64 {
        if utc < self.start || utc >= self.end {
            self.day = self.zone.day_of(utc);
            self.start = self.zone.day_start(self.day);
            self.end = self.zone.day_start(self.day + 1);
        }
        self.day
    }

    /// When the day last answered by [`DayCursor::day_of`] ends (the next day's start).
    pub fn day_end(&self) -> i64 {
        self.end
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// America/New_York in 2026 (from the tz database via Python's zoneinfo).
    pub fn new_york() -> ZoneOffsets {
        zone(&[
            (1_767_225_600_000, -300),
            (1_772_953_200_000, -240),
            (1_793_512_800_000, -300),
        ])
    }

    /// Europe/Berlin in 2026.
    pub fn berlin() -> ZoneOffsets {
        zone(&[
            (1_767_225_600_000, 60),
            (1_774_746_000_000, 120),
            (1_792_890_000_000, 60),
        ])
    }

    /// America/Santiago in 2026: its clocks change at local midnight.
    pub fn santiago() -> ZoneOffsets {
        zone(&[
            (1_767_225_600_000, -180),
            (1_775_358_000_000, -240),
            (1_788_667_200_000, -180),
        ])
    }

    pub fn zone(list: &[(i64, i32)]) -> ZoneOffsets {
        let ts = list
            .iter()
            .map(|&(from, offset_min)| Transition { from, offset_min })
            .collect();
        ZoneOffsets::new(ts).unwrap_or_else(|e| panic!("{e}"))
    }

    fn day(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d)
    }

    const H: i64 = 3_600_000;

    #[test]
    fn civil_round_trip() {
        for d in [-800_000, -1, 0, 1, 11_016, 20_520, 2_000_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(date_of_day(day(2026, 3, 8)), "2026-03-08");
    }

    #[test]
    fn new_york_has_a_23_and_a_25_hour_day() {
        let z = new_york();
        let mar8 = day(2026, 3, 8);
        assert_eq!(z.day_start(mar8), 1_772_946_000_000); // 00:00 EST
        assert_eq!(z.day_start(mar8 + 1), 1_773_028_800_000); // 00:00 EDT
        assert_eq!(z.day_start(mar8 + 1) - z.day_start(mar8), 23 * H);
        let nov1 = day(2026, 11, 1);
        assert_eq!(z.day_start(nov1), 1_793_505_600_000);
        assert_eq!(z.day_start(nov1 + 1) - z.day_start(nov1), 25 * H);
        // 01:30 happens twice on 1 November; both belong to that day
        assert_eq!(z.day_of(1_793_512_800_000 - H / 2), nov1);
        assert_eq!(z.day_of(1_793_512_800_000 + H / 2), nov1);
        assert_eq!(z.format(1_772_953_200_000), "2026-03-08 03:00");
        assert_eq!(z.format(1_772_953_200_000 - 1), "2026-03-08 01:59");
    }

    #[test]
    fn berlin_and_a_half_hour_zone() {
        let z = berlin();
        let mar29 = day(2026, 3, 29);
        assert_eq!(z.day_start(mar29), 1_774_738_800_000);
        assert_eq!(z.day_start(mar29 + 1), 1_774_821_600_000);
        let oct25 = day(2026, 10, 25);
        assert_eq!(z.day_start(oct25 + 1) - z.day_start(oct25), 25 * H);
        let india = ZoneOffsets::fixed(330).unwrap_or_default();
        let d = day(2026, 3, 8);
        assert_eq!(india.day_start(d), d * DAY_MS - 330 * 60_000);
        assert_eq!(india.day_of(d * DAY_MS - 330 * 60_000 - 1), d - 1);
        assert_eq!(india.format(0), "1970-01-01 05:30");
    }

    #[test]
    fn midnight_skipped_or_repeated() {
        let z = santiago();
        // 2026-09-06: clocks jump from 00:00 to 01:00, so the day starts at 01:00 -03 (23 h long)
        let sep6 = day(2026, 9, 6);
        assert_eq!(z.day_start(sep6), 1_788_667_200_000);
        assert_eq!(z.day_start(sep6) - z.day_start(sep6 - 1), 24 * H);
        assert_eq!(z.day_start(sep6 + 1) - z.day_start(sep6), 23 * H);
        // 2026-04-05: at midnight clocks go back to 23:00 on the 4th; the 4th has 25 hours
        let apr5 = day(2026, 4, 5);
        assert_eq!(z.day_start(apr5), 1_775_358_000_000 + H);
        assert_eq!(z.day_start(apr5) - z.day_start(apr5 - 1), 25 * H);
        assert_eq!(z.day_of(1_775_358_000_000 + H / 2), apr5 - 1);
        // days are contiguous and monotonic across the whole year
        let mut prev = z.day_start(day(2026, 1, 1));
        for d in day(2026, 1, 2)..day(2027, 1, 1) {
            let s = z.day_start(d);
            assert!(
                s - prev == 24 * H || s - prev == 23 * H || s - prev == 25 * H,
                "{}",
                date_of_day(d)
            );
            assert_eq!(z.day_of(s), d);
            assert_eq!(z.day_of(s - 1), d - 1);
            prev = s;
        }
    }

    #[test]
    fn bad_offsets_are_refused() {
        assert!(ZoneOffsets::fixed(19 * 60).is_err());
        let unsorted = vec![
            Transition {
                from: 5,
                offset_min: 0,
            },
            Transition {
                from: 5,
                offset_min: 60,
            },
        ];
        assert!(ZoneOffsets::new(unsorted).is_err());
        let json = serde_json::json!({"transitions": [{"from": 0, "offsetMin": 60}, {"from": -1, "offsetMin": 0}]});
        assert!(serde_json::from_value::<ZoneOffsets>(json).is_err());
        let ok: ZoneOffsets = serde_json::from_value(serde_json::json!({"transitions": []}))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ok.offset_at(123), 0);
        assert_eq!(ok.day_start(3), 3 * DAY_MS);
    }
}
