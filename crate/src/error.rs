//! The one error shape that crosses every boundary: a kind, a message a person can act on, and for
//! text inputs (templates, imported files) a 1-based line/column with a caret excerpt.
//!
//! At the WASM boundary it becomes a plain object `{kind, message, line, column, excerpt}`; the
//! message contract (`docs/messages.md`) uses the same shape for every failed reply.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, coarsely. The UI may branch on it; the message says the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A message did not match the contract: unknown type, missing or extra fields, wrong types.
    InvalidMessage,
    /// A valid message from a sender that may not send it (e.g. a content script asking for data).
    Forbidden,
    /// A template could not be parsed or rendered.
    Template,
    /// An imported file is malformed or of an unknown format; nothing was imported.
    Import,
    /// Stored data could not be read or migrated; nothing was changed.
    Storage,
    /// The thing asked for does not exist.
    NotFound,
    /// The change conflicts with existing data (duplicate trigger, overlapping times, …).
    Conflict,
    /// A limit was reached (render budget, nesting depth, size).
    Limit,
    /// A bug in Rubrica; the message says what to report.
    Internal,
}

impl ErrorKind {
    /// The stable name used in replies and logs (`invalidMessage`, `forbidden`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidMessage => "invalidMessage",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Template => "template",
            ErrorKind::Import => "import",
            ErrorKind::Storage => "storage",
            ErrorKind::NotFound => "notFound",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Limit => "limit",
            ErrorKind::Internal => "internal",
        }
    }
}

/// An error with a kind, a human message and, for text inputs, a position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Error {
    /// Coarse classification.
    pub kind: ErrorKind,
    /// What happened and, where possible, what to do about it.
    pub message: String,
    /// 1-based line in the input, when the input is text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters) in the input, when the input is text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The offending line with a caret under the column, ready to show in a monospace font.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error without a position.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            line: None,
            column: None,
            excerpt: None,
        }
    }

    /// Attaches a 1-based line/column in `source` and builds the caret excerpt from it.
    pub fn at(mut self, source: &str, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self.excerpt = caret_excerpt(source, line, column);
        self
    }

    /// Attaches a line number only (e.g. a CSV row), without an excerpt.
    pub fn at_line(mut self, line: u32) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{} (line {l}, column {c})", self.message)?,
            (Some(l), None) => write!(f, "{} (line {l})", self.message)?,
            _ => write!(f, "{}", self.message)?,
        }
        if let Some(excerpt) = &self.excerpt {
            write!(f, "\n{excerpt}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The `line`-th line of `source` (1-based) with a caret under `column` (1-based, in characters).
/// Long lines are cut to a window around the column so the caret stays readable.
pub fn caret_excerpt(source: &str, line: u32, column: u32) -> Option<String> {
    const WINDOW: usize = 60;
    let text = source.lines().nth(line.checked_sub(1)? as usize)?;
    let chars: Vec<char> = text.chars().collect();
    let col = (column.max(1) as usize - 1).min(chars.len());
    let start = col.saturating_sub(WINDOW / 2);
    let end = (start + WINDOW).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret_at = col - start;
    if start > 0 {
        shown.insert(0, '…');
        caret_at += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    Some(format!("{shown}\n{}^", " ".repeat(caret_at)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_points_at_the_column() {
        let e = Error::new(ErrorKind::Template, "unknown field").at("a\nhello {x}\n", 2, 7);
        assert_eq!(e.excerpt.as_deref(), Some("hello {x}\n      ^"));
        assert_eq!(
            e.to_string(),
            "unknown field (line 2, column 7)\nhello {x}\n      ^"
        );
    }

    #[test]
    fn caret_on_missing_line_is_none() {
        assert_eq!(caret_excerpt("one line", 3, 1), None);
        assert_eq!(caret_excerpt("one line", 0, 1), None);
    }

    #[test]
    fn long_lines_are_windowed() {
        let long = "x".repeat(200);
        let ex = caret_excerpt(&long, 1, 150).unwrap_or_default();
        let mut lines = ex.lines();
        let text = lines.next().unwrap_or_default();
        let caret = lines.next().unwrap_or_default();
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert_eq!(caret.chars().count(), 32);
    }

    #[test]
    fn serializes_for_the_boundary() {
        let e = Error::new(ErrorKind::InvalidMessage, "bad");
        let v = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(
            v,
            serde_json::json!({"kind": "invalidMessage", "message": "bad"})
        );
    }
}
