//! Local-day and week totals. Every span of every session is split at local midnight as
//! [`ZoneOffsets::day_start`] defines it, so a day holds exactly the time that fell in it: 23 hours
//! on a spring-forward day, 25 on a fall-back day, and a session that runs across midnight (even
//! across a DST switch) is shared between the days it touched. Weeks are sums of whole days, so
//! they inherit the same exactness.

use crate::model::Session;
use crate::timing::timeline::{SpanKind, Timeline};
use crate::timing::zone::{civil_from_days, date_of_day, days_from_civil, DayCursor, ZoneOffsets};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// Time that fell inside one bucket, in ms. `wall = active + idle + idleDiscarded + paused`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Amounts {
    /// Session time of any kind.
    pub wall: i64,
    /// Working time.
    pub active: i64,
    /// Idle time kept.
    pub idle: i64,
    /// Idle time discarded.
    pub idle_discarded: i64,
    /// Paused time (breaks).
    pub paused: i64,
}

impl Amounts {
    // Saturating: overlapping sessions from a hostile import must not overflow a day's sum.
    fn add(&mut self, kind: SpanKind, ms: i64) {
        self.wall = self.wall.saturating_add(ms);
        let slot = match kind {
            SpanKind::Active => &mut self.active,
            SpanKind::Idle => &mut self.idle,
            SpanKind::Discarded => &mut self.idle_discarded,
            SpanKind::Paused => &mut self.paused,
        };
        *slot = slot.saturating_add(ms);
    }

    fn merge(&mut self, o: &Amounts) {
        self.wall = self.wall.saturating_add(o.wall);
        self.active = self.active.saturating_add(o.active);
        self.idle = self.idle.saturating_add(o.idle);
        self.idle_discarded = self.idle_discarded.saturating_add(o.idle_discarded);
        self.paused = self.paused.saturating_add(o.paused);
    }
}

/// One local calendar day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DayBucket {
    /// Local date, `YYYY-MM-DD`.
    pub date: String,
    /// Local days since 1970-01-01.
    pub day: i64,
    /// When the day began (UTC epoch ms).
    pub start: i64,
    /// When the next day began (UTC epoch ms); `end - start` is 23, 24 or 25 hours.
    pub end: i64,
    /// The time that fell in the day.
    #[serde(flatten)]
    pub amounts: Amounts,
}

/// The first day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum Weekday {
    /// ISO 8601 weeks (the default).
    #[default]
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday (North American calendars).
    Sunday,
}

/// One week of local days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WeekBucket {
    /// Local date of the week's first day, `YYYY-MM-DD`.
    pub week_start: String,
    /// ISO week such as `2026-W10`, when weeks start on Monday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso_week: Option<String>,
    /// When the week began (UTC epoch ms).
    pub start: i64,
    /// When the next week began (UTC epoch ms).
    pub end: i64,
    /// The time that fell in the week.
    #[serde(flatten)]
    pub amounts: Amounts,
}

/// Per-day totals of the time of `sessions` that falls inside `range` (UTC ms, half-open; deleted
/// sessions skipped, running ones up to `now`), in date order, only days that hold some time.
/// The range bounds the work: a report asks for the days it shows, and a corrupt session spanning
/// millennia costs no more than the range.
pub fn by_day<S: std::borrow::Borrow<Session>>(
    sessions: &[S],
    range: Range<i64>,
    now: i64,
    zone: &ZoneOffsets,
) -> Vec<DayBucket> {
    let live = sessions
        .iter()
        .map(S::borrow)
        .filter(|s| !s.meta.is_deleted())
        .filter(|s| !(s.started_at >= range.end || s.ended_at.is_some_and(|e| e <= range.start)))
        .map(|s| Timeline::of(s, now))
        .collect::<Vec<_>>();
    let days = timeline_days(&live, range, zone);
    days.into_iter()
        .map(|(day, amounts)| DayBucket {
            date: date_of_day(day),
            day,
            start: zone.day_start(day),
            end: zone.day_start(day + 1),
            amounts,
        })
        .collect()
}

/// Per-day totals of the time of laid-out sessions (`timelines`) that falls inside `range`, by
/// local day: what [`by_day`] sums, for a caller that keeps the timelines (the ledger lays its
/// sessions out once per load, not once per report).
pub fn timeline_days<'a>(
    timelines: impl IntoIterator<Item = &'a Timeline>,
    range: Range<i64>,
    zone: &ZoneOffsets,
) -> BTreeMap<i64, Amounts> {
    let mut days: BTreeMap<i64, Amounts> = BTreeMap::new();
    // The day being summed, flushed into `days` when a piece falls on another: the pieces of a
    // session, and sessions in time order, mostly share one (and one look-up of the zone).
    let mut pending: Option<(i64, Amounts)> = None;
    let mut days_of = DayCursor::new(zone);
    for tl in timelines {
        let (lo, hi) = (tl.start.max(range.start), tl.end.min(range.end));
        if lo >= hi {
            continue;
        }
        let (mut day, mut next) = (days_of.day_of(lo), days_of.day_end());
        let first = tl.spans.partition_point(|sp| sp.to <= lo);
        for span in tl.spans[first..].iter().take_while(|sp| sp.from < hi) {
            let (mut a, to) = (span.from.max(lo), span.to.min(hi));
            while a < to {
                while next <= a {
                    day += 1;
                    next = zone.day_start(day + 1);
                }
                let b = next.min(to);
                match &mut pending {
                    Some((d, amounts)) if *d == day => amounts.add(span.kind, b - a),
                    _ => {
                        if let Some((d, amounts)) = pending.take() {
                            days.entry(d).or_default().merge(&amounts);
                        }
                        let mut amounts = Amounts::default();
                        amounts.add(span.kind, b - a);
                        pending = Some((day, amounts));
                    }
                }
                a = b;
            }
        }
    }
    if let Some((d, amounts)) = pending {
        days.entry(d).or_default().merge(&amounts);
    }
    days
}

/// Per-week totals of the time of `sessions` inside `range`, weeks starting on `week_start`, in
/// order. A week cut by the range keeps its full `start`/`end` but holds only the time in range.
pub fn by_week(
    sessions: &[Session],
    range: Range<i64>,
    now: i64,
    zone: &ZoneOffsets,
    week_start: Weekday,
) -> Vec<WeekBucket> {
    let mut weeks: BTreeMap<i64, Amounts> = BTreeMap::new();
    for d in by_day(sessions, range, now, zone) {
        weeks
            .entry(first_day_of_week(d.day, week_start))
            .or_default()
            .merge(&d.amounts);
    }
    weeks
        .into_iter()
        .map(|(first, amounts)| WeekBucket {
            week_start: date_of_day(first),
            iso_week: (week_start == Weekday::Monday).then(|| iso_week(first)),
            start: zone.day_start(first),
            end: zone.day_start(first + 7),
            amounts,
        })
        .collect()
}

/// The first day (local day number) of the week holding `day`.
pub fn first_day_of_week(day: i64, week_start: Weekday) -> i64 {
    // 1970-01-01 was a Thursday: Monday-based weekday index is (day + 3) mod 7.
    let weekday = (day + 3).rem_euclid(7);
    day - (weekday - week_start as i64).rem_euclid(7)
}

/// The ISO 8601 week (`YYYY-Www`) of the Monday `monday`.
pub fn iso_week(monday: i64) -> String {
    let thursday = monday + 3;
    let (year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    format!("{year:04}-W{week:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SessionEventKind as K;
    use crate::timing::test_support::session;
    use crate::timing::zone::tests::{berlin, new_york, santiago};

    const H: i64 = 3_600_000;
    const M: i64 = 60_000;
    const ALL: Range<i64> = i64::MIN..i64::MAX;

    fn stopped(start: i64, end: i64, extra: &[(K, i64, Option<i64>)]) -> Session {
        let mut ev = vec![(K::Start, start, None)];
        ev.extend_from_slice(extra);
        ev.push((K::Stop, end, None));
        session(start, &ev)
    }

    fn summary(days: &[DayBucket]) -> Vec<(&str, i64, i64)> {
        days.iter()
            .map(|d| (d.date.as_str(), d.end - d.start, d.amounts.wall))
            .collect()
    }

    #[test]
    fn session_across_midnight_during_spring_forward() {
        // New York, 2026-03-07 22:00 EST to 2026-03-08 04:00 EDT: 5 real hours, the clock says 6.
        let s = stopped(1_772_938_800_000, 1_772_956_800_000, &[]);
        let days = by_day(&[s], ALL, 0, &new_york());
        assert_eq!(
            summary(&days),
            vec![("2026-03-07", 24 * H, 2 * H), ("2026-03-08", 23 * H, 3 * H)]
        );
    }

    #[test]
    fn fall_back_day_holds_25_hours_and_idle_is_split_too() {
        // New York, 2026-10-31 20:00 EDT to 2026-11-02 01:00 EST, idle from 23:00 to 01:00 EDT.
        let start = 1_793_419_200_000 + 20 * H;
        let end = 1_793_595_600_000 + H;
        let idle_from = 1_793_419_200_000 + 23 * H;
        let s = stopped(
            start,
            end,
            &[
                (K::Idle, idle_from, None),
                (K::Active, idle_from + 2 * H, None),
            ],
        );
        let days = by_day(&[s], ALL, 0, &new_york());
        assert_eq!(
            summary(&days),
            vec![
                ("2026-10-31", 24 * H, 4 * H),
                ("2026-11-01", 25 * H, 25 * H),
                ("2026-11-02", 24 * H, H)
            ]
        );
        assert_eq!((days[0].amounts.idle, days[1].amounts.idle), (H, H));
        assert_eq!(
            days.iter().map(|d| d.amounts.wall).sum::<i64>(),
            end - start
        );
    }

    #[test]
    fn berlin_spring_forward_and_half_hour_zone() {
        // Berlin 2026-03-28 23:30 CET to 2026-03-29 03:30 CEST: 30 min + 3 h.
        let s = stopped(1_774_738_800_000 - 30 * M, 1_774_746_000_000 + 30 * M, &[]);
        let days = by_day(std::slice::from_ref(&s), ALL, 0, &berlin());
        assert_eq!(
            summary(&days),
            vec![
                ("2026-03-28", 24 * H, 30 * M),
                ("2026-03-29", 23 * H, 2 * H + 30 * M)
            ]
        );
        // the same instants in India (+05:30) all fall on 29 March
        let india = ZoneOffsets::fixed(330).unwrap_or_default();
        let days = by_day(&[s], ALL, 0, &india);
        assert_eq!(summary(&days), vec![("2026-03-29", 24 * H, 3 * H)]);
    }

    #[test]
    fn midnight_that_happens_twice_stays_in_the_earlier_day() {
        // Santiago 2026-04-04 23:00 -03 for 3 real hours: 23:00–24:00 -03, 23:00–24:00 -04, 00:00–01:00.
        let s = stopped(1_775_358_000_000 - H, 1_775_358_000_000 + 2 * H, &[]);
        let days = by_day(&[s], ALL, 0, &santiago());
        assert_eq!(
            summary(&days),
            vec![("2026-04-04", 25 * H, 2 * H), ("2026-04-05", 24 * H, H)]
        );
    }

    #[test]
    fn running_session_and_weeks() {
        // Sunday 2026-03-08 22:00 EDT until now = Monday 02:00 EDT, paused for the last hour.
        let start = 1_773_028_800_000 - 2 * H;
        let s = session(
            start,
            &[(K::Start, start, None), (K::Pause, start + 3 * H, None)],
        );
        let days = by_day(std::slice::from_ref(&s), ALL, start + 4 * H, &new_york());
        assert_eq!(
            summary(&days),
            vec![("2026-03-08", 23 * H, 2 * H), ("2026-03-09", 24 * H, 2 * H)]
        );
        assert_eq!(days[1].amounts.paused, H);
        let iso = by_week(
            std::slice::from_ref(&s),
            ALL,
            start + 4 * H,
            &new_york(),
            Weekday::Monday,
        );
        let weeks: Vec<_> = iso
            .iter()
            .map(|w| (w.week_start.as_str(), w.iso_week.as_deref(), w.amounts.wall))
            .collect();
        assert_eq!(
            weeks,
            vec![
                ("2026-03-02", Some("2026-W10"), 2 * H),
                ("2026-03-09", Some("2026-W11"), 2 * H)
            ]
        );
        assert_eq!(iso[0].end - iso[0].start, 7 * 24 * H - H);
        let us = by_week(&[s], ALL, start + 4 * H, &new_york(), Weekday::Sunday);
        assert_eq!(us.len(), 1);
        assert_eq!(
            (us[0].week_start.as_str(), us[0].iso_week.as_deref()),
            ("2026-03-08", None)
        );
    }

    #[test]
    fn iso_weeks_at_year_edges() {
        assert_eq!(iso_week(days_from_civil(2025, 12, 29)), "2026-W01");
        assert_eq!(iso_week(days_from_civil(2026, 12, 28)), "2026-W53");
        assert_eq!(iso_week(days_from_civil(2021, 1, 4)), "2021-W01");
        assert_eq!(
            first_day_of_week(days_from_civil(2026, 3, 8), Weekday::Monday),
            days_from_civil(2026, 3, 2)
        );
    }

    #[test]
    fn range_clips_and_bounds_the_work() {
        // A corrupt session spanning the whole range of JavaScript dates, asked for one day.
        let s = stopped(i64::MIN, i64::MAX, &[(K::Idle, 0, None)]);
        let day = days_from_civil(2026, 3, 8);
        let z = new_york();
        let range = z.day_start(day)..z.day_start(day + 1);
        let days = by_day(&[s], range, 0, &z);
        assert_eq!(summary(&days), vec![("2026-03-08", 23 * H, 23 * H)]);
        assert_eq!(days[0].amounts.idle, 23 * H);
        // half a session in range
        let s = stopped(1_772_938_800_000, 1_772_956_800_000, &[]);
        let days = by_day(&[s], 1_772_946_000_000..i64::MAX, 0, &z);
        assert_eq!(summary(&days), vec![("2026-03-08", 23 * H, 3 * H)]);
    }

    #[test]
    fn day_sums_match_session_totals_for_random_sessions() {
        let mut seed = 0x1234_5678_9abc_def1u64;
        let mut next = |n: i64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as i64
        };
        let zones = [
            new_york(),
            berlin(),
            santiago(),
            ZoneOffsets::fixed(330).unwrap_or_default(),
        ];
        let base = 1_767_225_600_000; // 2026-01-01
        let mut sessions = Vec::new();
        let mut at = base;
        for _ in 0..300 {
            let start = at + next(48 * H);
            let end = start + next(30 * H) + 1;
            let a = start + next(end - start);
            let b = a + next(end - a);
            sessions.push(stopped(
                start,
                end,
                &[(K::Idle, a, None), (K::Active, b, None)],
            ));
            at = end;
        }
        let wall: i64 = sessions.iter().map(|s| Timeline::of(s, 0).wall()).sum();
        for z in &zones {
            let days = by_day(&sessions, ALL, 0, z);
            assert_eq!(days.iter().map(|d| d.amounts.wall).sum::<i64>(), wall);
            for d in &days {
                let a = d.amounts;
                assert_eq!(a.wall, a.active + a.idle + a.idle_discarded + a.paused);
                assert!(a.wall <= d.end - d.start, "{}", d.date);
                assert_eq!(z.day_of(d.start), d.day);
            }
            let weeks = by_week(&sessions, ALL, 0, z, Weekday::Monday);
            assert_eq!(weeks.iter().map(|w| w.amounts.wall).sum::<i64>(), wall);
        }
    }
}
