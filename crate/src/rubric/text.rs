//! Text helpers the checkers share: words with their byte ranges, sentences, case-insensitive
//! phrase search on word boundaries, and byte → UTF-16 offsets.

use super::Span;

/// A word of the text: its byte range and its lower-cased form.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '_'
}

/// The words of `text` (letters, digits, apostrophes and inner hyphens).
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(text, s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(text, s, text.len(), &mut out);
    }
    out
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let raw = &text[start..end];
    let trimmed = raw.trim_matches(|c| c == '\'' || c == '’' || c == '-' || c == '_');
    if trimmed.is_empty() {
        return;
    }
    let offset = raw.find(trimmed).unwrap_or(0);
    let s = start + offset;
    out.push(Word {
        start: s,
        end: s + trimmed.len(),
        lower: trimmed.to_lowercase(),
    });
}

/// Byte ranges of the sentences of `text`: split after `.`, `!`, `?` followed by white space, and
/// at line breaks.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_ws = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        let end = if c == '\n' {
            Some(i)
        } else if matches!(c, '.' | '!' | '?') && next_ws {
            Some(i + c.len_utf8())
        } else {
            None
        };
        if let Some(e) = end {
            if !text[start..e].trim().is_empty() {
                out.push((start, e));
            }
            start = i + c.len_utf8();
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// Byte ranges where `phrase` (lower case, words separated by single spaces) occurs in `text`,
/// ignoring case and on word boundaries.
pub(crate) fn find_phrase(lower_text: &str, phrase: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if phrase.is_empty() {
        return out;
    }
    for (i, _) in lower_text.match_indices(phrase) {
        let end = i + phrase.len();
        let before_ok = lower_text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = lower_text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            out.push((i, end));
        }
    }
    out
}

/// `text` lower-cased without changing byte offsets (ASCII letters only; other letters are kept
/// as they are, which is enough for the English word lists the rules use).
pub(crate) fn lower_same_len(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// Converts byte offsets of `text` to UTF-16 offsets, from a table built once (a checker makes
/// many findings on one text).
pub(crate) struct Utf16Map {
    /// UTF-16 offset of every byte offset (bytes inside a character map to its start).
    at: Vec<u32>,
}

impl Utf16Map {
    pub fn new(text: &str) -> Self {
        let mut at = Vec::with_capacity(text.len() + 1);
        let mut units = 0u32;
        for c in text.chars() {
            for _ in 0..c.len_utf8() {
                at.push(units);
            }
            units += c.len_utf16() as u32;
        }
        at.push(units);
        Utf16Map { at }
    }

    fn at(&self, byte: usize) -> usize {
        self.at.get(byte).or(self.at.last()).copied().unwrap_or(0) as usize
    }

    /// The span of bytes `start..end` in UTF-16 units.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.at(start),
            end: self.at(end),
        }
    }
}

/// Whether `phrase` occurs in `lower_text` on word boundaries (no allocation).
pub(crate) fn has_phrase(lower_text: &str, phrase: &str) -> bool {
    !phrase.is_empty()
        && lower_text.match_indices(phrase).any(|(i, _)| {
            let end = i + phrase.len();
            lower_text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
                && lower_text[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
}

/// True when `s` holds a digit.
pub(crate) fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Phrases looked up by their first word, for matching many phrases against a text's words in one
/// pass. Each phrase carries a tag (the caller's index).
pub(crate) struct PhraseIndex {
    by_first: std::collections::HashMap<String, Vec<(usize, Vec<String>)>>,
}

/// The words of a phrase as [`words`] would split it, lower-cased.
fn phrase_words(phrase: &str) -> Vec<String> {
    words(phrase).into_iter().map(|w| w.lower).collect()
}

impl PhraseIndex {
    /// An index of `(tag, phrase)` pairs; empty phrases are left out.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        let mut by_first: std::collections::HashMap<String, Vec<(usize, Vec<String>)>> =
            std::collections::HashMap::new();
        for (tag, p) in phrases {
            let ws = phrase_words(p);
            if let Some(first) = ws.first() {
                by_first.entry(first.clone()).or_default().push((tag, ws));
            }
        }
        PhraseIndex { by_first }
    }

    /// The phrases that start at word `i` of `ws` (and end before `limit`): `(tag, last word index)`.
    pub fn at<'s>(
        &'s self,
        ws: &'s [Word],
        i: usize,
        limit: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 's {
        let limit = limit.min(ws.len());
        ws.get(i)
            .and_then(|w| self.by_first.get(&w.lower))
            .into_iter()
            .flatten()
            .filter_map(move |(tag, parts)| {
                let end = i + parts.len();
                (end <= limit && parts.iter().zip(&ws[i..end]).all(|(p, w)| *p == w.lower))
                    .then_some((*tag, end - 1))
            })
    }
}
