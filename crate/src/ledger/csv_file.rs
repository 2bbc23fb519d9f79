//! What the ledger's CSV importers (Outlier's earnings, Toggl's and Clockify's detailed reports)
//! share: recognising a file by its header, a strict reader, errors that name the row and
//! column, and the durations a time tracker writes. A file is read with the delimiter its header
//! line uses: a comma as the tools write it, or a semicolon or a tab, as a spreadsheet saves a
//! CSV file again in much of Europe.

use crate::error::{Error, ErrorKind, Result};

/// The delimiter of `text`'s first line: whichever of `,` `;` and tab it has most of outside
/// quotes (a comma when none, or on a tie with it).
pub(super) fn delimiter_of(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'\n' | b'\r' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let mut best = (b',', counts[0]);
    for (d, n) in [(b';', counts[1]), (b'\t', counts[2])] {
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// A header cell's name, without spaces or case.
pub(super) fn norm(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '_'], "")
}

/// Whether the first line of `text` names every column of `names` (compared by [`norm`]): how a
/// file dropped on the Import area is recognised before it is read.
pub(super) fn has_columns(text: &str, names: &[&str]) -> bool {
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    let d = char::from(delimiter_of(first));
    let cells: Vec<String> = first
        .split(d)
        .map(|c| norm(c.trim().trim_matches('"')))
        .collect();
    names.iter().all(|n| cells.iter().any(|c| *c == norm(n)))
}

/// A strict CSV reader over `text` (every row as long as the header, cells split by the header
/// line's delimiter) and its header, each name normalised by [`norm`].
pub(super) fn csv_with_header(text: &str) -> Result<(csv::Reader<&[u8]>, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(delimiter_of(text.trim_start_matches('\u{feff}')))
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| {
            Error::new(
                ErrorKind::Import,
                format!("This CSV file cannot be read: {e}"),
            )
        })?
        .iter()
        .map(norm)
        .collect();
    Ok((reader, header))
}

/// The error for cell `column` of row `row` (1-based, the header is row 1).
pub(super) fn cell_error(row: usize, column: &str, message: String) -> Error {
    Error::new(
        ErrorKind::Import,
        format!("Row {row}, column “{column}”: {message}; nothing was imported"),
    )
    .at_line(row as u32)
}

/// The error for row `row` (1-based, the header is row 1) that the CSV reader cannot read.
pub(super) fn unreadable_row(row: usize, e: &csv::Error) -> Error {
    Error::new(
        ErrorKind::Import,
        format!("Row {row} cannot be read: {e}; nothing was imported"),
    )
    .at_line(row as u32)
}

/// The longest duration a ledger file may give one row: 366 days. Anything longer is a typo or a
/// hostile file, and refused with the row and column rather than wrapped into nonsense.
pub const MAX_DURATION_MS: i64 = 366 * 24 * 3_600_000;

/// `1h 2m 3s`, `45m`, `30s`, `1h` (also `1:02:03`, `2:03` and a bare number of minutes) as ms.
/// None for anything else: a negative part, minutes or seconds past 59 after a larger unit in the
/// colon form, or more than [`MAX_DURATION_MS`].
pub fn parse_duration(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0);
    }
    let ms = if t.contains(':') {
        // Unsigned parts: no sign, no fraction; the arithmetic is in f64, then capped.
        let parts: Vec<u64> = t
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        let (h, m, s) = match parts.as_slice() {
            [h, m, s] if *m < 60 && *s < 60 => (*h, *m, *s),
            [m, s] if *s < 60 => (0, *m, *s),
            _ => return None,
        };
        ((h as f64 * 60.0 + m as f64) * 60.0 + s as f64) * 1000.0
    } else if let Ok(min) = t.parse::<f64>() {
        min * 60_000.0
    } else {
        let mut total = 0.0;
        for part in t.split_whitespace() {
            let split = part.find(|c: char| !c.is_ascii_digit() && c != '.')?;
            let (n, unit) = part.split_at(split);
            let n: f64 = n.parse().ok()?;
            total += n * match unit.to_ascii_lowercase().as_str() {
                "h" | "hr" | "hrs" | "hour" | "hours" => 3_600_000.0,
                "m" | "min" | "mins" | "minute" | "minutes" => 60_000.0,
                "s" | "sec" | "secs" | "second" | "seconds" => 1000.0,
                _ => return None,
            };
        }
        total
    };
    // In range, the f64 holds the integer exactly (2^53 ms is about 285,000 years).
    (ms.is_finite() && (0.0..=MAX_DURATION_MS as f64).contains(&ms)).then(|| ms.round() as i64)
}

/// A time tracker's duration: `1:02:03`, `47:06 min` (Toggl's classic format), `12 sec`, or
/// decimal hours (`0.75`, `0.75 h`: Toggl's and Clockify's decimal format). A bare number is
/// hours here, never minutes as in an Outlier file.
pub(super) fn tracked_duration(text: &str) -> Option<i64> {
    let t = text.trim();
    let (number, unit) = match (t.strip_suffix("min"), t.strip_suffix("sec")) {
        (Some(c), _) if c.contains(':') => return parse_duration(c.trim_end()),
        (Some(n), _) => (n, 60_000.0),
        (_, Some(n)) => (n, 1000.0),
        _ => (t.strip_suffix('h').unwrap_or(t), 3_600_000.0),
    };
    match number.trim_end().parse::<f64>() {
        Ok(n) if !number.contains(':') => {
            let ms = n * unit;
            (ms.is_finite() && (0.0..=MAX_DURATION_MS as f64).contains(&ms))
                .then(|| ms.round() as i64)
        }
        _ => parse_duration(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_lines_delimiter_is_the_files() {
        assert_eq!(delimiter_of("workDate,itemID,payout\n1;2;3"), b',');
        assert_eq!(delimiter_of("workDate;itemID;payout\r\n1,2,3"), b';');
        assert_eq!(delimiter_of("workDate\titemID\tpayout"), b'\t');
        // Inside quotes a delimiter is text: `"a;b",c` is a comma file.
        assert_eq!(delimiter_of("\"Amount; USD\",Start date\n"), b',');
        // One column, or nothing: a comma, as the tools write.
        assert_eq!(delimiter_of("workDate"), b',');
        assert_eq!(delimiter_of(""), b',');
        assert!(has_columns(
            "\u{feff}\"Start Date\";\"Start Time\";\"End Date\";\"End Time\"",
            &["Start date", "Start time", "End date", "End time"]
        ));
    }
}
