//! The library's inverted index: BM25 ranking over folded words, with the last word as a prefix,
//! phrases checked against each entry's word sequence, and filters (the search itself is in
//! `rank.rs`). It is updated one entry at a time (`upsert`, `remove`) and answers exactly what a
//! rebuild from the same entries answers: every statistic BM25 uses (entry count, total length,
//! document frequencies) is kept exact, and ties are broken by entry id, never by insertion order.
//!
//! Layout, chosen for build speed and memory (BENCHMARKS.md, issue 11): words are interned once
//! (an id per distinct folded word, found with an FxHash map), an entry's words are a `Vec<u32>`
//! of ids, postings are one `Vec<u32>` per word (`slot << 10 | tf`, ascending by slot), entry
//! lengths and MinHash sketches are flat arrays by slot, so scoring and the near-duplicate scan
//! read memory in order.

use super::neardup::{Sketch, SKETCH};
use super::text::{for_each_word, hash_term, FxMap};
use crate::model::{Justification, TaskStatus};

/// Term frequencies are stored in the low bits of a posting.
pub(crate) const TF_BITS: u32 = 10;
pub(crate) const TF_MAX: u32 = (1 << TF_BITS) - 1;
/// Bins of a removed entry's sketch: all empty (such a slot never matches).
const EMPTY_SKETCH: [u32; SKETCH] = [u32::MAX; SKETCH];

/// One indexed entry: what filters and passages need, and its words in order.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub id: String,
    pub text: String,
    pub created_at: i64,
    pub platform_id: Option<String>,
    pub task_type_id: Option<String>,
    /// Criterion keys, lower case.
    pub criteria: Vec<String>,
    pub outcome: Option<TaskStatus>,
    /// Tags, folded.
    pub tags: Vec<String>,
    /// Term ids in text order (phrases, and exact similarity for near-duplicates).
    pub seq: Vec<u32>,
}

/// The index. Entries live in slots; a removed entry frees its slot for good (slot numbers never
/// decide an order).
#[derive(Debug, Default, Clone)]
pub struct LibraryIndex {
    pub(crate) docs: Vec<Option<Doc>>,
    /// Words per slot (0 for a removed entry).
    pub(crate) lens: Vec<u32>,
    /// MinHash bins per slot, [`SKETCH`] each (see `neardup.rs`).
    pub(crate) sketches: Vec<[u32; SKETCH]>,
    slots: FxMap<String, u32>,
    pub(crate) terms: FxMap<String, u32>,
    pub(crate) term_names: Vec<String>,
    pub(crate) term_hashes: Vec<u64>,
    /// Per term: `slot << TF_BITS | tf`, ascending by slot.
    pub(crate) postings: Vec<Vec<u32>>,
    /// Term ids sorted by name (prefix search): the first `sorted.len()` ids; newer ids are
    /// merged in when a search needs the order.
    pub(crate) sorted: Vec<u32>,
    /// Per term, scratch for counting an entry's term frequencies (all zero between calls).
    tf_scratch: Vec<u32>,
    pub(crate) live: u32,
    pub(crate) total_len: u64,
    /// BM25's length factor per slot for the current statistics (see `rank.rs`), and the
    /// `(live, total_len, slots)` it was computed for.
    pub(crate) norms: Vec<f64>,
    pub(crate) norms_for: (u32, u64, usize),
}

fn fold_key(s: &str) -> String {
    super::text::fold(s)
}

impl LibraryIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// An index of `entries` (tombstones are skipped).
    pub fn build<'a>(entries: impl IntoIterator<Item = &'a Justification>) -> Self {
        let mut ix = Self::new();
        for e in entries {
            ix.upsert(e);
        }
        ix
    }

    /// Live entries indexed.
    pub fn len(&self) -> usize {
        self.live as usize
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// The text of indexed entry `id`.
    pub fn text_of(&self, id: &str) -> Option<&str> {
        let slot = *self.slots.get(id)?;
        self.docs
            .get(slot as usize)?
            .as_ref()
            .map(|d| d.text.as_str())
    }

    /// Whether entry `id` is indexed.
    pub fn contains(&self, id: &str) -> bool {
        self.slots.contains_key(id)
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&t) = self.terms.get(term) {
            return t;
        }
        let t = self.term_names.len() as u32;
        self.terms.insert(term.to_string(), t);
        self.term_names.push(term.to_string());
        self.term_hashes.push(hash_term(term));
        self.postings.push(Vec::new());
        self.tf_scratch.push(0);
        t
    }

    /// Adds or replaces entry `e`; a tombstone is removed instead.
    pub fn upsert(&mut self, e: &Justification) {
        self.upsert_owned(e.clone());
    }

    /// [`upsert`](Self::upsert) of an entry the caller gives away (no copy of its text).
    pub fn upsert_owned(&mut self, e: Justification) {
        self.remove(&e.meta.id);
        if e.meta.is_deleted() {
            return;
        }
        let mut seq = Vec::with_capacity(e.text.len() / 6);
        for_each_word(&e.text, |term, _, _| seq.push(self.term_id(term)));
        let slot = self.docs.len() as u32;
        // Term frequencies: count in the scratch array, post each distinct term once (the new
        // slot is the largest, so every list stays ascending), then clear the scratch.
        for &t in &seq {
            self.tf_scratch[t as usize] += 1;
        }
        for &t in &seq {
            let tf = std::mem::take(&mut self.tf_scratch[t as usize]);
            if tf > 0 {
                self.postings[t as usize].push(slot << TF_BITS | tf.min(TF_MAX));
            }
        }
        let sketch = Sketch::of_terms(seq.iter().map(|&t| self.term_hashes[t as usize]));
        self.total_len += seq.len() as u64;
        self.live += 1;
        self.slots.insert(e.meta.id.clone(), slot);
        self.lens.push(seq.len() as u32);
        self.sketches.push(sketch.bins());
        self.docs.push(Some(Doc {
            id: e.meta.id,
            text: e.text,
            created_at: e.meta.created_at,
            platform_id: e.platform_id,
            task_type_id: e.task_type_id,
            criteria: e.criteria.iter().map(|c| c.trim().to_lowercase()).collect(),
            outcome: e.outcome,
            tags: e.tags.iter().map(|t| fold_key(t)).collect(),
            seq,
        }));
    }

    /// Removes entry `id` (nothing happens when it is not indexed).
    pub fn remove(&mut self, id: &str) {
        let Some(slot) = self.slots.remove(id) else {
            return;
        };
        let Some(doc) = self.docs.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        let mut distinct = doc.seq.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for t in distinct {
            let list = &mut self.postings[t as usize];
            if let Ok(i) = list.binary_search_by_key(&slot, |p| p >> TF_BITS) {
                list.remove(i);
            }
        }
        if let Some(l) = self.lens.get_mut(slot as usize) {
            *l = 0;
        }
        if let Some(s) = self.sketches.get_mut(slot as usize) {
            *s = EMPTY_SKETCH;
        }
        self.total_len -= doc.seq.len() as u64;
        self.live -= 1;
    }

    /// Term ids sorted by name. Words added since the last call are sorted among themselves
    /// and merged in (a build adds thousands; sorting them all again would cost more).
    pub(crate) fn sorted_terms(&mut self) -> &[u32] {
        let known = self.sorted.len();
        if known < self.term_names.len() {
            let names = &self.term_names;
            let by_name = |a: &u32, b: &u32| names[*a as usize].cmp(&names[*b as usize]);
            let mut fresh: Vec<u32> = (known as u32..names.len() as u32).collect();
            fresh.sort_unstable_by(by_name);
            let old = std::mem::take(&mut self.sorted);
            let mut merged = Vec::with_capacity(names.len());
            let (mut i, mut j) = (0, 0);
            while i < old.len() && j < fresh.len() {
                if by_name(&fresh[j], &old[i]).is_lt() {
                    merged.push(fresh[j]);
                    j += 1;
                } else {
                    merged.push(old[i]);
                    i += 1;
                }
            }
            merged.extend_from_slice(&old[i..]);
            merged.extend_from_slice(&fresh[j..]);
            self.sorted = merged;
        }
        &self.sorted
    }
}
