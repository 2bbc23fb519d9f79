//! The near-duplicate guard: how much of a text is already in the library, and where.
//!
//! Texts are compared as sets of **word 3-shingles** (every run of three consecutive folded
//! words), so reordered paragraphs still match and a changed word costs only the three shingles
//! around it. Each entry keeps a one-permutation MinHash sketch ([`SKETCH`] bins of shingle
//! hashes), which estimates the Jaccard similarity of two texts from 64 numbers; entries whose estimate
//! is near the threshold are then compared exactly, and the shared shingles give the overlapping
//! spans in both texts. Similarity is the exact Jaccard index (shared ÷ all distinct shingles).

use super::index::LibraryIndex;
use super::text::{hash_term, mix, tokens, Token};
use crate::model::Justification;
use serde::Serialize;
use std::collections::HashSet;

/// Bins of an entry's sketch (a power of two).
pub const SKETCH: usize = 64;
/// Words per shingle.
const SHINGLE: usize = 3;
/// How far below the threshold a sketch estimate may be and still be checked exactly (the
/// estimate's standard error at 64 hashes is at most 0.0625: this is 2.4 of them).
const SLACK: f64 = 0.15;
/// Most matches reported.
pub const MAX_MATCHES: usize = 10;

/// A one-permutation MinHash sketch: each shingle hash falls in one of [`SKETCH`] bins by its top
/// bits, and each bin keeps the smallest of its low 32 bits (`u32::MAX`: empty). One hash per
/// shingle to build; comparing two sketches is [`SKETCH`] equality tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch(Box<[u32; SKETCH]>);

impl Default for Sketch {
    fn default() -> Self {
        Sketch(Box::new([u32::MAX; SKETCH]))
    }
}

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
    fn of_shingles(sh: impl Iterator<Item = u64>) -> Sketch {
        let mut bins = [u32::MAX; SKETCH];
        for h in sh {
            let bin = (h >> (64 - SKETCH.trailing_zeros())) as usize;
            let v = (h as u32).min(u32::MAX - 1);
            if v < bins[bin] {
                bins[bin] = v;
            }
        }
        Sketch(Box::new(bins))
    }

    /// The bins (`u32::MAX`: empty), as the index stores them.
    pub(crate) fn bins(&self) -> [u32; SKETCH] {
        *self.0
    }

    /// The sketch of a text given its word hashes in order.
    pub fn of_terms(words: impl Iterator<Item = u64>) -> Sketch {
        let words: Vec<u64> = words.collect();
        Sketch::of_shingles(shingles(&words).into_iter())
    }

    /// Estimated Jaccard similarity: of the bins either text fills, the share holding the same minimum.
    pub fn estimate(&self, other: &Sketch) -> f64 {
        estimate(&self.0, &other.0)
    }
}

/// [`Sketch::estimate`] on bare bins (the index keeps them in one flat array).
#[inline]
fn estimate(a: &[u32; SKETCH], b: &[u32; SKETCH]) -> f64 {
    let (mut same, mut filled) = (0u32, 0u32);
    for (a, b) in a.iter().zip(b.iter()) {
        let any = (*a != u32::MAX) | (*b != u32::MAX);
        filled += u32::from(any);
        same += u32::from(any & (a == b));
    }
    if filled == 0 {
        0.0
    } else {
        f64::from(same) / f64::from(filled)
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
    let sketch = Sketch::of_shingles(set.iter().copied());
    let mut out = Vec::new();
    for (slot, bins) in index.sketches.iter().enumerate() {
        if estimate(bins, &sketch.0) + SLACK < threshold {
            continue;
        }
        let Some(d) = index.docs.get(slot).and_then(Option::as_ref) else {
            continue;
        };
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
