//! `{date}` and `{time}`: civil-date arithmetic on an injected clock, format tokens and shifts.
//!
//! The core never reads the clock: callers pass `now` (UTC epoch milliseconds) and the user's
//! offset from UTC in minutes (east positive: +60 for Central European winter time, −300 for New
//! York). Offsets are fixed for one render, so a shift across a daylight-saving change keeps the
//! offset of `now` ("DST-free").

use crate::civil::civil_from_days;

const MS_PER_MINUTE: i64 = 60_000;
const MS_PER_DAY: i64 = 86_400_000;
/// Largest shift accepted: about 100 years.
const MAX_SHIFT_MS: i64 = 100 * 366 * MS_PER_DAY;

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Format tokens, longest first so `MMMM` wins over `MM`.
const TOKENS: [&str; 17] = [
    "YYYY", "MMMM", "dddd", "MMM", "ddd", "YY", "MM", "DD", "HH", "hh", "mm", "ss", "M", "D", "H",
    "h", "A",
];

/// Parses a shift such as `+2d`, `-1w`, `+1d2h`, `-30m` into milliseconds. A sign applies to the
/// amounts after it until the next sign; units are `w`, `d`, `h`, `m` (minutes) and `s`.
pub fn parse_shift(text: &str) -> Result<i64, String> {
    let help = "write a shift like +2d, -1w, +3h, +30m or +1d2h (w weeks, d days, h hours, m minutes, s seconds)";
    let mut total: i64 = 0;
    let mut sign = 1;
    let mut digits = String::new();
    let mut any = false;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        match c {
            '+' | '-' if digits.is_empty() => sign = if c == '-' { -1 } else { 1 },
            '0'..='9' if digits.len() < 7 => digits.push(c),
            '0'..='9' => return Err(format!("the shift “{text}” is too large")),
            _ => {
                let unit = match c {
                    'w' => 7 * MS_PER_DAY,
                    'd' => MS_PER_DAY,
                    'h' => 60 * MS_PER_MINUTE,
                    'm' => MS_PER_MINUTE,
                    's' => 1000,
                    _ => return Err(format!("“{c}” is not a unit in the shift “{text}”; {help}")),
                };
                let Ok(n) = digits.parse::<i64>() else {
                    return Err(format!(
                        "the shift “{text}” has a unit without a number; {help}"
                    ));
                };
                digits.clear();
                any = true;
                total = total.saturating_add(sign * n.saturating_mul(unit));
            }
        }
    }
    if !digits.is_empty() || !any {
        return Err(format!(
            "the shift “{text}” needs a unit after each number; {help}"
        ));
    }
    if total.abs() > MAX_SHIFT_MS {
        return Err(format!("the shift “{text}” is more than 100 years"));
    }
    Ok(total)
}

/// Formats `now + shift` in the user's time zone with `format`. Text in `[brackets]` is copied
/// as is; characters that are not tokens are copied too.
pub fn format_time(now_ms: i64, tz_offset_min: i32, shift_ms: i64, format: &str) -> String {
    let local = now_ms
        .saturating_add(i64::from(tz_offset_min) * MS_PER_MINUTE)
        .saturating_add(shift_ms)
        .clamp(-62_135_596_800_000, 253_402_300_799_999); // years 1..=9999
    let days = local.div_euclid(MS_PER_DAY);
    let ms = local.rem_euclid(MS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
    let weekday = usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0);
    let month_name = MONTHS
        .get((month as usize).saturating_sub(1))
        .copied()
        .unwrap_or("");
    let weekday_name = WEEKDAYS.get(weekday).copied().unwrap_or("");
    let hour12 = if hour % 12 == 0 { 12 } else { hour % 12 };
    let mut out = String::new();
    let mut rest = format;
    while let Some(c) = rest.chars().next() {
        if c == '[' {
            if let Some(close) = rest.find(']') {
                out.push_str(rest.get(1..close).unwrap_or_default());
                rest = rest.get(close + 1..).unwrap_or_default();
                continue;
            }
        }
        let Some(token) = TOKENS.iter().find(|t| rest.starts_with(**t)) else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
            continue;
        };
        let piece = match *token {
            "YYYY" => format!("{year:04}"),
            "YY" => format!("{:02}", year.rem_euclid(100)),
            "MMMM" => month_name.to_string(),
            "MMM" => month_name.chars().take(3).collect(),
            "MM" => format!("{month:02}"),
            "M" => month.to_string(),
            "DD" => format!("{day:02}"),
            "D" => day.to_string(),
            "dddd" => weekday_name.to_string(),
            "ddd" => weekday_name.chars().take(3).collect(),
            "HH" => format!("{hour:02}"),
            "H" => hour.to_string(),
            "hh" => format!("{hour12:02}"),
            "h" => hour12.to_string(),
            "mm" => format!("{minute:02}"),
            "ss" => format!("{second:02}"),
            _ => (if hour < 12 { "AM" } else { "PM" }).to_string(),
        };
        out.push_str(&piece);
        rest = rest.get(token.len()..).unwrap_or_default();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-26T09:30:00Z, a Thursday.
    const NOW: i64 = 1_795_685_400_000;

    #[test]
    fn formats_tokens() {
        assert_eq!(
            format_time(NOW, 0, 0, "YYYY-MM-DD HH:mm:ss"),
            "2026-11-26 09:30:00"
        );
        assert_eq!(
            format_time(NOW, 0, 0, "dddd D MMMM YY, ddd MMM M"),
            "Thursday 26 November 26, Thu Nov 11"
        );
        assert_eq!(format_time(NOW, 0, 0, "h:mm A [at] H"), "9:30 AM at 9");
        assert_eq!(format_time(NOW, 300, 0, "hh:mm A"), "02:30 PM");
        assert_eq!(
            format_time(NOW, -600, 0, "YYYY-MM-DD HH:mm"),
            "2026-11-25 23:30"
        );
    }

    #[test]
    fn shifts_cross_months_years_and_leap_days() {
        assert_eq!(
            format_time(NOW, 0, parse_shift("+5w").unwrap_or(0), "YYYY-MM-DD"),
            "2026-12-31"
        );
        assert_eq!(
            format_time(NOW, 0, parse_shift("+36d").unwrap_or(0), "YYYY-MM-DD"),
            "2027-01-01"
        );
        let leap = 951_782_400_000; // 2000-02-29
        assert_eq!(
            format_time(leap, 0, parse_shift("+1d").unwrap_or(0), "YYYY-MM-DD"),
            "2000-03-01"
        );
        assert_eq!(
            format_time(leap, 0, parse_shift("-1d").unwrap_or(0), "YYYY-MM-DD"),
            "2000-02-28"
        );
    }

    #[test]
    fn parses_shifts() {
        assert_eq!(parse_shift("+1d2h"), Ok(MS_PER_DAY + 2 * 3_600_000));
        assert_eq!(parse_shift("-30m"), Ok(-30 * MS_PER_MINUTE));
        assert_eq!(parse_shift("-1d+2h"), Ok(-MS_PER_DAY + 2 * 3_600_000));
        assert_eq!(parse_shift("3s"), Ok(3000));
        for bad in ["", "+", "+2", "+2x", "2M", "+99999999d", "+40000d"] {
            assert!(parse_shift(bad).is_err(), "{bad}");
        }
    }
}
