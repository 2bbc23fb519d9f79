//! The near-duplicate guard: how much of a text is already in the library, and where.
//!
//! Texts are compared as sets of **word 3-shingles** (every run of three consecutive folded
//! words), so reordered paragraphs still match and a changed word costs only the three shingles
//! around it. Each entry keeps a bottom-k MinHash sketch (the [`SKETCH`] smallest shingle hashes),
//! which estimates the Jaccard similarity of two texts from 64 numbers; entries whose estimate
//! is near the threshold are then compared exactly, and the shared shingles give the overlapping
//! spans in both texts. Similarity is the exact Jaccard index (shared ÷ all distinct shingles).

use super::index::LibraryIndex;
use super::text::{hash_term, mix, tokens, Token};
use crate::model::Justification;
use serde::Serialize;
use std::collections::HashSet;

/// Shingle hashes kept per entry.
pub const SKETCH: usize = 64;
/// Words per shingle.
const SHINGLE: usize = 3;
/// How far below the threshold a sketch estimate may be and still be checked exactly (the
/// estimate's standard error at 64 hashes is at most 0.0625: this is 2.4 of them).
const SLACK: f64 = 0.15;
/// Most matches reported.
pub const MAX_MATCHES: usize = 10;

/// The smallest shingle hashes of a text, ascending (bottom-k MinHash).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sketch(Vec<u64>);

/// Shingle hashes of a sequence of word hashes, in text order (one shingle of all words when
/// there are fewer than three).
fn shingles(words: &[u64]) -> Vec<u64> {
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() < SHINGLE {
        return vec![words.iter().fold(0u64, |h, &w| mix(h ^ w))];
    }
    words
        .windows(SHINGLE)
        .map(|w| mix(mix(mix(w[0]) ^ w[1]) ^ w[2]))
        .collect()
}

impl Sketch {
    /// The sketch of a text given its word hashes in order.
    pub fn of_terms(words: impl Iterator<Item = u64>) -> Sketch {
        let words: Vec<u64> = words.collect();
        let mut s = shingles(&words);
        s.sort_unstable();
        s.dedup();
        s.truncate(SKETCH);
        Sketch(s)
    }

    /// Estimated Jaccard similarity: of the union's `k` smallest hashes, the share in both.
    pub fn estimate(&self, other: &Sketch) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut both, mut taken) = (0, 0, 0usize, 0usize);
        while taken < SKETCH && (i < a.len() || j < b.len()) {
            match (a.get(i), b.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    both += 1;
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => i += 1,
                (Some(_), Some(_)) => j += 1,
                (Some(_), None) => i += 1,
                (None, _) => j += 1,
            }
            taken += 1;
        }
        if taken == 0 {
            0.0
        } else {
            both as f64 / taken as f64
        }
    }
}

/// One library entry a text is close to. JSON:
/// `{id, similarity, createdAt, platformId?, taskTypeId?, spans: [[start, end]], entrySpans: [[start, end]]}`;
/// `spans` are in the checked text, `entrySpans` in the entry's text (UTF-16 units), both merged runs of shared wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NearMatch {
    pub id: String,
    /// Jaccard similarity of the word 3-shingles, 0–1 (rounded to 3 decimals).
    pub similarity: f64,
    pub created_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    pub spans: Vec<[u32; 2]>,
    pub entry_spans: Vec<[u32; 2]>,
}

/// Spans of `toks` covered by a shingle in `shared` (merged, UTF-16 units).
fn covered(toks: &[Token], sh: &[u64], shared: &HashSet<u64>) -> Vec<[u32; 2]> {
    let mut on = vec![false; toks.len()];
    for (i, h) in sh.iter().enumerate() {
        if shared.contains(h) {
            let end = if toks.len() < SHINGLE {
                toks.len()
            } else {
                i + SHINGLE
            };
            for o in &mut on[i..end.min(toks.len())] {
                *o = true;
            }
        }
    }
    let mut spans: Vec<[u32; 2]> = Vec::new();
    let mut prev: Option<usize> = None;
    for (i, (t, o)) in toks.iter().zip(on).enumerate() {
        if !o {
            continue;
        }
        match spans.last_mut() {
            Some(last) if prev == Some(i.wrapping_sub(1)) => last[1] = t.end,
            _ => spans.push([t.start, t.end]),
        }
        prev = Some(i);
    }
    spans
}

fn hashes(toks: &[Token]) -> Vec<u64> {
    toks.iter().map(|t| hash_term(&t.term)).collect()
}

/// Library entries whose similarity to `text` is at least `threshold` (0–1), most similar first
/// (at most [`MAX_MATCHES`]), with the overlapping spans in both texts. This is the guard the
/// justification checker calls.
pub fn near_duplicates(index: &LibraryIndex, text: &str, threshold: f64) -> Vec<NearMatch> {
    let threshold = threshold.clamp(0.0, 1.0);
    let toks = tokens(text);
    let sh = shingles(&hashes(&toks));
    if sh.is_empty() {
        return Vec::new();
    }
    let set: HashSet<u64> = sh.iter().copied().collect();
    let mut sorted: Vec<u64> = set.iter().copied().collect();
    sorted.sort_unstable();
    sorted.truncate(SKETCH);
    let sketch = Sketch(sorted);
    let mut out = Vec::new();
    for d in index.docs.iter().flatten() {
        if d.sketch.estimate(&sketch) + SLACK < threshold {
            continue;
        }
        let words: Vec<u64> = d
            .seq
            .iter()
            .map(|&t| index.term_hashes[t as usize])
            .collect();
        let other: HashSet<u64> = shingles(&words).into_iter().collect();
        let shared: HashSet<u64> = set.intersection(&other).copied().collect();
        let union = set.len() + other.len() - shared.len();
        let similarity = if union == 0 {
            0.0
        } else {
            shared.len() as f64 / union as f64
        };
        if similarity < threshold || shared.is_empty() {
            continue;
        }
        let etoks = tokens(&d.text);
        let esh = shingles(&hashes(&etoks));
        out.push(NearMatch {
            id: d.id.clone(),
            similarity: (similarity * 1000.0).round() / 1000.0,
            created_at: d.created_at,
            platform_id: d.platform_id.clone(),
            task_type_id: d.task_type_id.clone(),
            spans: covered(&toks, &sh, &shared),
            entry_spans: covered(&etoks, &esh, &shared),
        });
    }
    out.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.created_at.cmp(&a.created_at))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(MAX_MATCHES);
    out
}

/// [`near_duplicates`] over a list of entries (tombstones skipped), for callers without an index.
pub fn near_duplicates_in(entries: &[Justification], text: &str, threshold: f64) -> Vec<NearMatch> {
    near_duplicates(&LibraryIndex::build(entries), text, threshold)
}
