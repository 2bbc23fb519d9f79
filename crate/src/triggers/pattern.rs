//! Regex triggers (espanso syntax, named captures `(?P<name>…)`).
//!
//! The content script never runs these: on a delimiter key, when the table says `hasRegex`, it
//! sends at most `lookback` UTF-16 units of text before the caret to the core, which calls
//! [`RegexTriggers::match_at_end`]. Every pattern is anchored at the end of that window, so
//! `(?P<n>\d+)x` matches `…12x` typed just now and nothing earlier in the field.
//!
//! The `regex` crate is built with `default-features = false, features = ["std",
//! "unicode-perl"]` to keep the WebAssembly module small: measured on a small test crate, about
//! 172 KB gzipped after `wasm-opt -Oz` against 346 KB with the default features (the other
//! Unicode tables and the literal optimisations), and only the full module carries it (feature
//! `regex-triggers`; the background module does without). `\w`, `\d`, `\s` are Unicode-aware,
//! but Unicode case folding is not available, so `(?i)` needs ASCII mode (`(?i-u)`), which the
//! error message says.

use super::table::{live_by_id, LOOKBACK};
use crate::error::{Error, ErrorKind, Result};
use crate::model::Snippet;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::Serialize;
use std::collections::BTreeMap;

/// Upper bound on one compiled pattern (bytes of the automaton), against pathological input.
const SIZE_LIMIT: usize = 1 << 20;

/// The compiled regex triggers of every live snippet, in id order.
#[derive(Debug, Clone)]
pub struct RegexTriggers {
    set: RegexSet,
    each: Vec<(String, Regex)>,
    lookback: u32,
}

/// A regex trigger that matched at the end of the text before the caret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegexMatch {
    /// The snippet whose regex matched (the first in id order when several do).
    pub snippet_id: String,
    /// Length of the matched text in UTF-16 code units: how much to delete before the caret.
    pub len_utf16: u32,
    /// Named captures, usable in the template as `{capture: name}`; unmatched groups are absent.
    pub captures: BTreeMap<String, String>,
}

/// Compiles the regex triggers of the live snippets. A pattern that does not compile is an error
/// naming the snippet (label and id), and nothing is compiled.
pub fn compile_regex_triggers<'a>(
    snippets: impl IntoIterator<Item = &'a Snippet>,
) -> Result<RegexTriggers> {
    let mut each = Vec::new();
    let mut anchored = Vec::new();
    for s in live_by_id(snippets) {
        let Some(pattern) = s.regex.as_deref().filter(|p| !p.is_empty()) else {
            continue;
        };
        let wrapped = format!("(?:{pattern})$");
        let re = RegexBuilder::new(&wrapped)
            .size_limit(SIZE_LIMIT)
            .build()
            .map_err(|e| invalid(s, pattern, &e))?;
        each.push((s.meta.id.clone(), re));
        anchored.push(wrapped);
    }
    let set = RegexSetBuilder::new(&anchored)
        .size_limit(SIZE_LIMIT.saturating_mul(anchored.len().max(1)))
        .build()
        .map_err(|e| {
            Error::new(
                ErrorKind::Limit,
                format!("regex triggers are too large: {e}"),
            )
        })?;
    Ok(RegexTriggers {
        set,
        each,
        lookback: LOOKBACK,
    })
}

/// Checks one regex trigger as the snippet editor saves it: the same wrapping and limits as
/// [`compile_regex_triggers`].
pub fn check_regex(pattern: &str) -> Result<()> {
    RegexBuilder::new(&format!("(?:{pattern})$"))
        .size_limit(SIZE_LIMIT)
        .build()
        .map(|_| ())
        .map_err(|e| {
            let mut message = format!("This regex trigger is invalid: {e}");
            if pattern.contains("(?i") {
                message.push_str(
                    "\nCase-insensitive matching works on ASCII letters only here: write (?i-u) instead of (?i).",
                );
            }
            Error::new(ErrorKind::Template, message)
        })
}

fn invalid(s: &Snippet, pattern: &str, e: &regex::Error) -> Error {
    let name = if s.label.is_empty() {
        s.meta.id.clone()
    } else {
        format!("“{}” ({})", s.label, s.meta.id)
    };
    let mut message = format!("The regex trigger of snippet {name} is invalid: {e}");
    if pattern.contains("(?i") {
        message.push_str(
            "\nCase-insensitive matching works on ASCII letters only here: write (?i-u) instead of (?i).",
        );
    }
    Error::new(ErrorKind::Template, message)
}

impl RegexTriggers {
    /// How many patterns there are.
    pub fn len(&self) -> usize {
        self.each.len()
    }

    /// Whether there are no regex triggers (the table's `hasRegex` is then false).
    pub fn is_empty(&self) -> bool {
        self.each.is_empty()
    }

    /// The look-back window in UTF-16 code units.
    pub fn lookback(&self) -> u32 {
        self.lookback
    }

    /// Matches the text before the caret. Only its last `lookback` UTF-16 units are looked at
    /// (the window starts on a character boundary), and a pattern must match up to its end.
    pub fn match_at_end(&self, before: &str) -> Option<RegexMatch> {
        if self.each.is_empty() {
            return None;
        }
        let window = tail_utf16(before, self.lookback as usize);
        let first = self.set.matches(window).into_iter().next()?;
        let (id, re) = self.each.get(first)?;
        let caps = re.captures(window)?;
        let whole = caps.get(0)?;
        let captures = re
            .capture_names()
            .flatten()
            .filter_map(|n| {
                caps.name(n)
                    .map(|m| (n.to_string(), m.as_str().to_string()))
            })
            .collect();
        Some(RegexMatch {
            snippet_id: id.clone(),
            len_utf16: whole.as_str().encode_utf16().count() as u32,
            captures,
        })
    }
}

/// The longest suffix of `text` that is at most `units` UTF-16 code units long.
fn tail_utf16(text: &str, units: usize) -> &str {
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        start = i;
    }
    text.get(start..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_regex_accepts_and_refuses() {
        assert!(check_regex(";score(?P<n>[1-5])").is_ok());
        let e = check_regex("(").err();
        assert!(e.is_some_and(|e| e.kind == ErrorKind::Template && e.message.contains("invalid")));
    }
    use crate::model::{RecordMeta, TriggerMode};

    fn snippet(id: &str, regex: &str) -> Snippet {
        Snippet {
            meta: RecordMeta::new(id.into(), 0),
            triggers: vec![],
            regex: Some(regex.into()),
            label: "Score".into(),
            folder: String::new(),
            tags: vec![],
            template: "x".into(),
            mode: TriggerMode::Delimiter,
            word_boundary: false,
            propagate_case: false,
            criteria: vec![],
            usage_count: 0,
            last_used_at: None,
            builtin: false,
        }
    }

    #[test]
    fn matches_at_the_end_with_named_captures() -> Result<()> {
        let a = snippet("snp_1", r";score(?P<a>[1-5])/(?P<b>[1-5])");
        let t = compile_regex_triggers([&a])?;
        let m = t.match_at_end("Overall ;score4/2");
        let m = m.ok_or_else(|| Error::new(ErrorKind::Internal, "no match"))?;
        assert_eq!(m.snippet_id, "snp_1");
        assert_eq!(m.len_utf16, 9);
        assert_eq!(m.captures.get("a").map(String::as_str), Some("4"));
        assert_eq!(m.captures.get("b").map(String::as_str), Some("2"));
        // Not at the end: no match.
        assert_eq!(t.match_at_end(";score4/2 and more"), None);
        Ok(())
    }

    #[test]
    fn first_snippet_by_id_wins_and_deleted_are_ignored() -> Result<()> {
        let b = snippet("snp_2", r"x(?P<n>\d+)");
        let a = snippet("snp_1", r"(?P<n>\d+)");
        let mut gone = snippet("snp_0", r"\d+");
        gone.meta.deleted_at = Some(1);
        let t = compile_regex_triggers([&b, &a, &gone])?;
        assert_eq!(t.len(), 2);
        let m = t.match_at_end("x12").map(|m| m.snippet_id);
        assert_eq!(m.as_deref(), Some("snp_1"));
        Ok(())
    }

    #[test]
    fn window_is_bounded_and_counts_utf16() {
        assert_eq!(tail_utf16("abc😀d", 3), "😀d");
        assert_eq!(tail_utf16("abc😀d", 2), "d");
        assert_eq!(tail_utf16("ab", 10), "ab");
        let s = snippet("snp_1", r"^(?P<all>.*)");
        let t = compile_regex_triggers([&s]);
        let len = t.ok().and_then(|t| t.match_at_end(&"y".repeat(500)));
        assert_eq!(len.map(|m| m.len_utf16), Some(LOOKBACK));
        let e = compile_regex_triggers([&snippet("snp_1", "😀(?P<x>\\w)")]).ok();
        let m = e.and_then(|t| t.match_at_end("a😀é"));
        assert_eq!(m.map(|m| m.len_utf16), Some(3));
    }

    #[test]
    fn invalid_regex_names_the_snippet() {
        let bad = snippet("snp_9", r"(?P<x>unclosed");
        let e = compile_regex_triggers([&bad]).err();
        let msg = e.map(|e| e.message).unwrap_or_default();
        assert!(msg.contains("“Score” (snp_9)"), "{msg}");
        let ci = snippet("snp_8", r"(?i)é");
        let e = compile_regex_triggers([&ci]).err();
        let msg = e.map(|e| e.message).unwrap_or_default();
        assert!(msg.contains("(?i-u)"), "{msg}");
        assert!(compile_regex_triggers([&snippet("snp_7", r"(?i-u)abc")]).is_ok());
        assert!(compile_regex_triggers([]).is_ok_and(|t| t.match_at_end("x").is_none()));
    }
}
