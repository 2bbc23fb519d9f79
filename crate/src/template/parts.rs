//! The anatomy of one command: splitting `{name: argument; key=value; …}` into its parts at
//! unescaped separators, keeping byte offsets so errors can point inside the command.

use super::ast::Span;

/// One `;`-separated part of a command: raw text (escapes kept) and its byte offset.
#[derive(Debug, Clone)]
pub(super) struct Part {
    pub(super) raw: String,
    pub(super) at: usize,
}

pub(super) struct Command {
    pub(super) name: String,
    pub(super) arg: Option<Part>,
    pub(super) positional: Vec<Part>,
    /// `key=value` settings: lower-cased key, value, byte offset of the key.
    pub(super) settings: Vec<(String, Part, usize)>,
    pub(super) span: Span,
}

/// Splits `raw` (starting at byte `at`) at every unescaped `sep`, trimming each piece.
pub(super) fn split(raw: &str, at: usize, sep: char) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            parts.push(trimmed(raw.get(start..i).unwrap_or_default(), at + start));
            start = i + c.len_utf8();
        }
    }
    parts.push(trimmed(raw.get(start..).unwrap_or_default(), at + start));
    parts
}

/// Splits at the first unescaped `sep` only.
pub(super) fn split_once(raw: &str, at: usize, sep: char) -> (Part, Option<Part>) {
    let mut parts = split(raw, at, sep).into_iter();
    let first = parts.next().unwrap_or(Part {
        raw: String::new(),
        at,
    });
    let Some(second) = parts.next() else {
        return (first, None);
    };
    // Re-join the rest, which may contain further separators.
    let rest_start = second.at - at;
    let rest = trimmed(raw.get(rest_start..).unwrap_or_default(), second.at);
    (first, Some(rest))
}

pub(super) fn trimmed(s: &str, at: usize) -> Part {
    let lead = s.len() - s.trim_start().len();
    Part {
        raw: s.trim().to_string(),
        at: at + lead,
    }
}

/// Removes escaping backslashes.
pub(crate) fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&n)) if matches!(n, ';' | '|' | '=' | ':' | '{' | '}' | '\\' | '!') => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

impl Part {
    /// The value with escapes removed and spaces trimmed; a value in double quotes (`" and "`)
    /// keeps its spaces.
    pub(super) fn text(&self) -> String {
        match self.raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(inner) => unescape(inner),
            None => unescape(&self.raw).trim().to_string(),
        }
    }
}
