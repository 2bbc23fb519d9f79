//! Dates in imported files: ISO (`2026-03-16`, `2026-03-16T…`), or the day and the month as
//! numbers before a four-digit year (`3/16/2026`, `16/03/2026`, `16.03.2026`, `16-03-2026`).
//! Which of the two numbers is the day depends on the file: Toggl writes dates in the format the
//! user chose in its profile (month first in the US default, day first in much of the world), so
//! the Toggl import reads the whole file's dates first and picks the order they can be read in
//! ([`file_order`]). A day past its month's end (`2026-02-30`) is refused, never rolled over.

use crate::civil::civil_from_days;
use crate::timing::zone::days_from_civil;

/// Which number comes first in a date like `03/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateOrder {
    /// `MM/DD/YYYY` (and `MM-DD-YYYY`).
    MonthFirst,
    /// `DD/MM/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY`.
    DayFirst,
}

/// The parts of a date: `(year, first, second)` for a day-and-month date, with whether it is
/// written with dots; the ISO form gives `(year, month, day)` as its own order.
enum Parts {
    Iso(i64, u32, u32),
    Numbers {
        year: i64,
        first: u32,
        second: u32,
        dots: bool,
    },
}

fn parts(text: &str) -> Option<Parts> {
    let t = text.trim();
    let head = t.get(..10).unwrap_or(t);
    if let [y, m, d] = head.split('-').collect::<Vec<_>>().as_slice() {
        if y.len() == 4 {
            return Some(Parts::Iso(
                y.parse().ok()?,
                m.parse().ok()?,
                d.parse().ok()?,
            ));
        }
    }
    let sep = [b'/', b'.', b'-']
        .into_iter()
        .find(|s| t.as_bytes().contains(s))?;
    let pieces: Vec<&str> = t.split(char::from(sep)).collect();
    let [a, b, y] = pieces.as_slice() else {
        return None;
    };
    let year = y.trim();
    if year.len() != 4 {
        return None;
    }
    Some(Parts::Numbers {
        year: year.parse().ok()?,
        first: a.trim().parse().ok()?,
        second: b.trim().parse().ok()?,
        dots: sep == b'.',
    })
}

/// `text` as a local day number, day-and-month dates read in `order`.
pub(super) fn parse_date_in(text: &str, order: DateOrder) -> Option<i64> {
    let (y, m, d) = match parts(text)? {
        Parts::Iso(y, m, d) => (y, m, d),
        Parts::Numbers {
            year,
            first,
            second,
            ..
        } => match order {
            DateOrder::MonthFirst => (year, first, second),
            DateOrder::DayFirst => (year, second, first),
        },
    };
    let valid = (1970..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    if !valid {
        return None;
    }
    let day = days_from_civil(y, m, d);
    (civil_from_days(day) == (y, m, d)).then_some(day)
}

/// `text` as a local day number, day-and-month dates read month first (Outlier's `3/16/2026`).
pub(super) fn parse_date(text: &str) -> Option<i64> {
    parse_date_in(text, DateOrder::MonthFirst)
}

/// How a file's dates were read: the order, and whether the file decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileOrder {
    pub order: DateOrder,
    /// Some date is written with numbers for day and month (not ISO), and none of them decides
    /// the order (every one reads either way): month first was taken, Toggl's default, and the
    /// preview says so.
    pub guessed: bool,
    /// Some date is written with numbers for day and month (else every date is ISO, and the order
    /// does not matter).
    pub numeric: bool,
}

/// The order every date of a file can be read in: day first when one of them can only be read so
/// (its first number is past 12) or the file writes them with dots, month first otherwise (a file
/// whose every date reads either way is taken as Toggl's default, month first, and marked
/// `guessed`). `dates` are `(place, text)`, places in file order (a row, or a row and column).
/// When one date reads only day first and another only month first, the file mixes formats:
/// `Err` with the later one.
pub(super) fn file_order<'a, P: Copy + Ord>(
    dates: impl Iterator<Item = (P, &'a str)>,
) -> std::result::Result<FileOrder, (P, &'a str)> {
    let mut day_first: Option<(P, &str)> = None;
    let mut month_first: Option<(P, &str)> = None;
    let mut numeric = false;
    for (place, text) in dates {
        if let Some(Parts::Numbers {
            first,
            second,
            dots,
            ..
        }) = parts(text)
        {
            numeric = true;
            if (first > 12 && second <= 12) || dots {
                day_first.get_or_insert((place, text));
            } else if second > 12 && first <= 12 {
                month_first.get_or_insert((place, text));
            }
            if let (Some(d), Some(m)) = (day_first, month_first) {
                return Err(if d.0 > m.0 { d } else { m });
            }
        }
    }
    Ok(FileOrder {
        order: if day_first.is_some() {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        },
        guessed: numeric && day_first.is_none() && month_first.is_none(),
        numeric,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(day: Option<i64>) -> Option<(i64, u32, u32)> {
        day.map(civil_from_days)
    }

    #[test]
    fn day_and_month_are_read_in_the_files_order() {
        let (m, d) = (DateOrder::MonthFirst, DateOrder::DayFirst);
        assert_eq!(ymd(parse_date_in("03/04/2026", m)), Some((2026, 3, 4)));
        assert_eq!(ymd(parse_date_in("03/04/2026", d)), Some((2026, 4, 3)));
        assert_eq!(ymd(parse_date_in("16.03.2026", d)), Some((2026, 3, 16)));
        assert_eq!(ymd(parse_date_in("16-03-2026", d)), Some((2026, 3, 16)));
        assert_eq!(
            ymd(parse_date_in("2026-03-16", d)),
            Some((2026, 3, 16)),
            "ISO is ISO"
        );
        assert_eq!(parse_date_in("16/03/2026", m), None, "no 16th month");
        assert_eq!(parse_date_in("31/04/2026", d), None, "30 days in April");
        assert_eq!(
            parse_date_in("03/04/26", d),
            None,
            "a two-digit year is not guessed"
        );
    }

    #[test]
    fn a_files_order_is_what_its_dates_allow() {
        let rows = |v: &[&'static str]| {
            v.iter()
                .enumerate()
                .map(|(i, t)| (i + 2, *t))
                .collect::<Vec<_>>()
        };
        let read = |v: &[&'static str]| {
            file_order(rows(v).into_iter()).map(|f| (f.order, f.guessed, f.numeric))
        };
        let (d, m) = (DateOrder::DayFirst, DateOrder::MonthFirst);
        // 16/03 can only be day first: the ambiguous 03/04 before it is then 3 April.
        assert_eq!(read(&["03/04/2026", "16/03/2026"]), Ok((d, false, true)));
        assert_eq!(read(&["03/04/2026", "03/16/2026"]), Ok((m, false, true)));
        // Every numeric date reads either way: month first, and said to be a guess.
        assert_eq!(read(&["03/04/2026", "2026-03-16"]), Ok((m, true, true)));
        assert_eq!(read(&["01/02/2026", "12/11/2026"]), Ok((m, true, true)));
        // Dots are day first; ISO dates alone leave nothing to guess.
        assert_eq!(read(&["03.04.2026"]), Ok((d, false, true)));
        assert_eq!(read(&["2026-03-04", "2026-12-01"]), Ok((m, false, false)));
        // Both at once: the later row is named.
        assert_eq!(
            file_order(rows(&["16/03/2026", "01/01/2026", "03/16/2026"]).into_iter()),
            Err((4, "03/16/2026"))
        );
    }
}
