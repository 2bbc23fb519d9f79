use serde::{Deserialize, Serialize};
use std::fmt;

/// Fields every stored record has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct RecordMeta {
    /// Prefixed ULID, e.g. `snp_01JD8X…`.
    pub id: String,
    /// When the record was created (UTC epoch ms).
    pub created_at: i64,
    /// When the record last changed (UTC epoch ms); imports keep the newer side.
    pub updated_at: i64,
    /// Tombstone: set when deleted, cleared by undo. Purged after the retention period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<i64>,
}

impl RecordMeta {
    /// A fresh record created at `now`.
    pub fn new(id: String, now: i64) -> Self {
        RecordMeta {
            id,
            created_at: now,
            updated_at: now,
            deleted_at: None,
        }
    }

    /// Whether the record is deleted (a tombstone).
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

/// An ISO 4217 currency code: three ASCII capital letters, held inline (a task carries one per
/// amount, and 100,000 tasks load in the dashboard: no allocation for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parses a code such as `USD`; lower case is accepted and upper-cased.
    pub fn parse(code: &str) -> Result<Self, String> {
        match code.trim().as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => Ok(Currency([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(format!(
                "“{code}” is not a currency code; use three letters such as USD, EUR or GBP"
            )),
        }
    }

    /// The code, e.g. `USD`.
    pub fn code(&self) -> &str {
        // Always three ASCII capitals (`parse` is the only way in).
        std::str::from_utf8(&self.0).unwrap_or("USD")
    }

    /// Digits after the decimal point: the minor unit of ISO 4217's list of currencies (the
    /// answer every page shows amounts with); 2 for a code the list does not have.
    pub fn minor_digits(&self) -> u32 {
        match self.code() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF"
            | "UGX" | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            "CLF" | "UYW" => 4,
            _ => 2,
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency(*b"USD")
    }
}

impl TryFrom<String> for Currency {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Currency::parse(&s)
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> String {
        c.code().to_string()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Whether `sep`, where it appears in the whole part `int_part` of an amount, separates groups
/// of digits as people write them: 1–3 digits first, then groups of three (`1,234,567`) or of
/// two before the last three (`12,34,567`, as India groups them).
fn groups_digits(int_part: &str, sep: char) -> bool {
    match int_part.split(sep).collect::<Vec<_>>().as_slice() {
        [first, middle @ .., last] => {
            (1..=3).contains(&first.len())
                && last.len() == 3
                && middle.iter().all(|g| (2..=3).contains(&g.len()))
        }
        _ => true, // no separator
    }
}

/// An amount of money in integer minor units (cents for USD) of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Minor units, e.g. 1234 for $12.34.
    pub minor: i64,
    /// The currency of `minor`.
    pub currency: Currency,
}

impl Money {
    /// `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    /// Parses a decimal amount such as `12.34`, `$1,234.5` or `-3` in `currency`, or written with
    /// a decimal comma as much of Europe writes it (`25,86`, `1.234,56 €`): of `.` and `,` the
    /// last one is the decimal point when both appear; a lone comma is one unless exactly three
    /// digits follow it (`1,234` is a thousand and more, as Outlier writes it). Rejects more
    /// decimals than the currency has, rather than rounding silently, and separators that group
    /// no thousands (`1,2,5`).
    pub fn parse_decimal(text: &str, currency: Currency) -> Result<Self, String> {
        let digits = currency.minor_digits();
        let plain: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, '$' | '€' | '£' | '¥' | ' ' | '\u{a0}'))
            .collect();
        let comma_is_point = match (plain.rfind(','), plain.rfind('.')) {
            (Some(c), Some(d)) => c > d,
            (Some(c), None) => plain.matches(',').count() == 1 && plain.len() - c - 1 != 3,
            _ => false,
        };
        // Thousands separators must group digits, so a slip such as `1,2,5` is refused rather
        // than read as 125.
        let grouping = if comma_is_point { '.' } else { ',' };
        let point = if comma_is_point { ',' } else { '.' };
        let int_part = plain.split(point).next().unwrap_or("");
        if !groups_digits(int_part.trim_start_matches('-'), grouping) {
            return Err(format!(
                "“{}” is not an amount of money: “{grouping}” must group the digits by \
                 thousands, as in 1{grouping}234{grouping}567",
                text.trim()
            ));
        }
        let cleaned: String = if comma_is_point {
            plain.replace('.', "").replace(',', ".")
        } else {
            plain.replace(',', "")
        };
        let (neg, body) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        let bad = || format!("“{}” is not an amount of money", text.trim());
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        if whole.is_empty() && frac.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        if frac.len() > digits as usize {
            return Err(format!(
                "“{}” has more decimals than {} allows ({digits})",
                text.trim(),
                currency
            ));
        }
        let scale = 10i64.pow(digits);
        let whole_v: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        let frac_v: i64 = if frac.is_empty() {
            0
        } else {
            let padded = format!("{frac:0<width$}", width = digits as usize);
            padded.parse().map_err(|_| bad())?
        };
        let minor = whole_v
            .checked_mul(scale)
            .and_then(|v| v.checked_add(frac_v))
            .ok_or_else(bad)?;
        Ok(Money::new(if neg { -minor } else { minor }, currency))
    }

    /// The amount as a plain decimal string, e.g. `12.34` (no symbol, no grouping).
    pub fn to_decimal(&self) -> String {
        self.to_decimal_digits(self.currency.minor_digits())
    }

    /// The amount as a plain decimal string with `digits` decimals.
    pub fn to_decimal_digits(&self, digits: u32) -> String {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if digits == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(digits);
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = digits as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::parse("usd").unwrap_or_default()
    }

    #[test]
    fn currency_codes() {
        assert_eq!(usd().code(), "USD");
        assert!(Currency::parse("US").is_err());
        assert!(Currency::parse("U$D").is_err());
        assert_eq!(Currency::parse("jpy").map(|c| c.minor_digits()), Ok(0));
        let digits = |code: &str| Currency::parse(code).map(|c| c.minor_digits());
        for (code, n) in [("USD", 2), ("EUR", 2), ("BIF", 0), ("XPF", 0), ("BHD", 3)] {
            assert_eq!(digits(code), Ok(n), "{code}");
        }
        assert_eq!(digits("CLF"), Ok(4));
        assert_eq!(digits("XYZ"), Ok(2), "not in ISO 4217");
        // Held as three bytes: letters outside ASCII (two bytes each in UTF-8) and inner spaces
        // are refused, surrounding spaces trimmed, and the JSON form stays the code's string.
        for bad in ["ÉU", "EÜR", "U D", "", "EURO", "€"] {
            assert!(Currency::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Currency::parse(" gbp ").map(|c| c.to_string()),
            Ok("GBP".into())
        );
        let json = serde_json::to_string(&usd()).unwrap_or_default();
        assert_eq!(json, "\"USD\"");
        assert_eq!(
            serde_json::from_str::<Currency>("\"eur\"").ok(),
            Currency::parse("EUR").ok()
        );
        assert!(serde_json::from_str::<Currency>("\"E1R\"").is_err());
    }

    #[test]
    fn money_round_trips_decimals() {
        for (text, minor) in [
            ("12.34", 1234),
            ("$1,234.5", 123_450),
            ("-3", -300),
            (".5", 50),
            ("0.07", 7),
            // A decimal comma: 25,86 is 25.86; with a thousands point, 1.234,56 is 1234.56.
            ("25,86", 2586),
            ("25,86 $", 2586),
            ("1.234,56 €", 123_456),
            ("0,5", 50),
            // Three digits after a lone comma: thousands, as Outlier writes them.
            ("1,234", 123_400),
            ("$1,234,567.89", 123_456_789),
        ] {
            let m = Money::parse_decimal(text, usd());
            assert_eq!(m.as_ref().map(|m| m.minor), Ok(minor), "{text}");
        }
        assert_eq!(Money::new(-7, usd()).to_decimal(), "-0.07");
        assert_eq!(Money::new(123_450, usd()).to_decimal(), "1234.50");
    }

    #[test]
    fn money_rejects_garbage_and_extra_decimals() {
        assert!(Money::parse_decimal("abc", usd()).is_err());
        assert!(Money::parse_decimal("", usd()).is_err());
        assert!(Money::parse_decimal("1.234", usd()).is_err());
        // A decimal comma after a decimal point: not an amount.
        assert!(Money::parse_decimal("1,234.5,6", usd()).is_err());
        assert!(Money::parse_decimal("99999999999999999999", usd()).is_err());
        // Separators that group no thousands: a slip, not 125 or 123,456 or 1,234.5.
        for text in [
            "1,2,5",
            "1,234,56",
            ",234",
            "1,,234",
            "1.2.3,4",
            "1234,567.00",
        ] {
            let m = Money::parse_decimal(text, usd());
            assert!(m.is_err(), "{text} read as {m:?}");
        }
        // Indian grouping and a negative grouped amount still read.
        assert_eq!(
            Money::parse_decimal("12,34,567.50", usd()).map(|m| m.minor),
            Ok(123_456_750)
        );
        assert_eq!(
            Money::parse_decimal("-1.234,5", usd()).map(|m| m.minor),
            Ok(-123_450)
        );
    }

    #[test]
    fn currency_deserialization_is_checked() {
        let bad: Result<Currency, _> = serde_json::from_str("\"dollars\"");
        assert!(bad.is_err());
    }
}
