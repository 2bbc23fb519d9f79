//! The passage shown with a search result: the stretch of an entry's text with the most matched
//! words, and where each match is in that stretch (UTF-16 units, for highlighting in the page).

use super::text::{scan_words, WordAt};
use serde::Serialize;

/// Words in a passage.
const WINDOW_WORDS: usize = 32;

/// A passage and its highlights. JSON: `{excerpt, highlights: [[start, end]]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// The text of the passage; `…` marks where it was cut.
    pub excerpt: String,
    /// Matched words, `[start, end)` in UTF-16 units of `excerpt`, in order.
    pub highlights: Vec<[u32; 2]>,
}

/// The best passage of `text` for the folded `words` (exact) and `prefixes` (word beginnings).
pub fn passage(text: &str, words: &[String], prefixes: &[String]) -> Passage {
    // Each word's place and whether it matched (no copy of the word itself).
    let mut toks: Vec<WordAt> = Vec::with_capacity(text.len() / 5);
    let mut hit: Vec<bool> = Vec::with_capacity(text.len() / 5);
    let units = scan_words(text, |term, at| {
        toks.push(at);
        hit.push(
            words.iter().any(|w| w == term)
                || prefixes.iter().any(|p| term.starts_with(p.as_str())),
        );
    });
    // The window of WINDOW_WORDS words with the most hits (the first such window).
    let mut best = (0usize, 0usize);
    let mut count = 0usize;
    for i in 0..toks.len() {
        if hit[i] {
            count += 1;
        }
        if i >= WINDOW_WORDS && hit[i - WINDOW_WORDS] {
            count -= 1;
        }
        let start = (i + 1).saturating_sub(WINDOW_WORDS);
        if count > best.1 {
            best = (start, count);
        }
    }
    let first = best.0;
    let last = (first + WINDOW_WORDS).min(toks.len());
    // `from`/`to`: UTF-16 units; `from_b`/`to_b`: the same places in bytes (words start and end
    // on character boundaries).
    let (from, to, from_b, to_b) = match (toks.get(first), toks.get(last.wrapping_sub(1))) {
        (Some(f), Some(l)) => {
            let (from, from_b) = if first == 0 {
                (0, 0)
            } else {
                (f.start, f.start_byte)
            };
            let (to, to_b) = if last == toks.len() {
                (units, text.len())
            } else {
                (l.end, l.end_byte)
            };
            (from, to, from_b, to_b)
        }
        _ => (0, units, 0, text.len()),
    };
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < units { "…" } else { "" };
    let body = text.get(from_b..to_b).unwrap_or_default();
    // Collapse line breaks and runs of white space would move offsets: keep the text as it is,
    // trimmed only at the ends (offsets shift by what was trimmed).
    let trimmed_start = body.len() - body.trim_start().len();
    let shift = body[..trimmed_start].encode_utf16().count() as u32;
    let body = body.trim();
    let base = lead.encode_utf16().count() as u32;
    let highlights = toks
        .iter()
        .zip(&hit)
        .skip(first)
        .take(last - first)
        .filter(|(_, h)| **h)
        .map(|(t, _)| {
            let s = t.start - from - shift + base;
            [s, s + (t.end - t.start)]
        })
        .collect();
    Passage {
        excerpt: format!("{lead}{body}{tail}"),
        highlights,
    }
}

/// One search result. JSON: `{id, score, createdAt, excerpt, highlights: [[start, end]]}`
/// (highlights in UTF-16 units of `excerpt`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    pub id: String,
    /// BM25 score (0 for a query without words: newest first).
    pub score: f64,
    pub created_at: i64,
    #[serde(flatten)]
    pub passage: Passage,
}

/// A search's answer: how many entries match in all, and the best `limit` of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
}
