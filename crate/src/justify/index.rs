//! The library's inverted index: BM25 ranking over folded words, with the last word as a prefix,
//! phrases checked against each entry's word sequence, and filters. It is updated one entry at a
//! time (`upsert`, `remove`) and answers exactly what a rebuild from the same entries answers:
//! every statistic BM25 uses (entry count, total length, document frequencies) is kept exact, and
//! ties are broken by entry id, never by insertion order.

use super::neardup::Sketch;
use super::passage::{passage, Hit, Results};
use super::query::{Filters, Part, Query};
use super::text::{for_each_word, hash_term, FxMap};
use crate::model::{Justification, TaskStatus};

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// At most this many words are tried for the word being typed (the most frequent first).
const MAX_EXPANSIONS: usize = 48;
/// At most this many postings are read for the word being typed (see `expansions`).
const EXPANSION_POSTINGS: usize = 60_000;
/// Most results one search returns.
pub const MAX_RESULTS: usize = 200;
/// Term frequencies are stored in the low bits of a posting.
const TF_BITS: u32 = 10;
const TF_MAX: u32 = (1 << TF_BITS) - 1;

/// One indexed entry: what filters and passages need, its words in order, its sketch.
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
    pub sketch: Sketch,
}

/// The index. Entries live in slots; a removed entry frees its slot for good (slot numbers never
/// decide an order).
#[derive(Debug, Default, Clone)]
pub struct LibraryIndex {
    pub(crate) docs: Vec<Option<Doc>>,
    slots: FxMap<String, u32>,
    terms: FxMap<String, u32>,
    pub(crate) term_names: Vec<String>,
    pub(crate) term_hashes: Vec<u64>,
    /// Per term: `slot << TF_BITS | tf`, ascending by slot.
    postings: Vec<Vec<u32>>,
    /// Term ids sorted by name (prefix search); rebuilt when a new word appears.
    sorted: Vec<u32>,
    sorted_dirty: bool,
    live: u32,
    total_len: u64,
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
        self.sorted_dirty = true;
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
        let mut distinct = seq.clone();
        distinct.sort_unstable();
        let mut i = 0;
        while i < distinct.len() {
            let t = distinct[i];
            let mut j = i;
            while j < distinct.len() && distinct[j] == t {
                j += 1;
            }
            let tf = ((j - i) as u32).min(TF_MAX);
            self.postings[t as usize].push(slot << TF_BITS | tf);
            i = j;
        }
        let sketch = Sketch::of_terms(seq.iter().map(|&t| self.term_hashes[t as usize]));
        self.total_len += seq.len() as u64;
        self.live += 1;
        self.slots.insert(e.meta.id.clone(), slot);
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
            sketch,
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
        self.total_len -= doc.seq.len() as u64;
        self.live -= 1;
    }

    fn sorted_terms(&mut self) -> &[u32] {
        if self.sorted_dirty {
            let mut s: Vec<u32> = (0..self.term_names.len() as u32).collect();
            let names = &self.term_names;
            s.sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
            self.sorted = s;
            self.sorted_dirty = false;
        }
        &self.sorted
    }

    /// Live words beginning with `prefix`: the word itself first (weight 1), then the most
    /// frequent others, weighted by how much of them was typed. A short prefix of common words
    /// would touch most of the index: expansions stop at [`MAX_EXPANSIONS`] words or
    /// [`EXPANSION_POSTINGS`] postings (after at least two), so typing one more letter reaches
    /// the rarer ones.
    fn expansions(&mut self, prefix: &str) -> Vec<(u32, f64)> {
        let exact = self.terms.get(prefix).copied();
        self.sorted_terms();
        let names = &self.term_names;
        let sorted = &self.sorted;
        let lo = sorted.partition_point(|&t| names[t as usize].as_str() < prefix);
        let mut found: Vec<(u32, usize)> = sorted[lo..]
            .iter()
            .take_while(|&&t| names[t as usize].starts_with(prefix))
            .filter(|&&t| Some(t) != exact)
            .map(|&t| (t, self.postings[t as usize].len()))
            .filter(|&(_, df)| df > 0)
            .collect();
        found.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let plen = prefix.chars().count() as f64;
        let mut out: Vec<(u32, f64)> = exact.into_iter().map(|t| (t, 1.0)).collect();
        let mut budget = exact.map_or(0, |t| self.postings[t as usize].len());
        for (t, df) in found.into_iter().take(MAX_EXPANSIONS) {
            if out.len() >= 2 && budget + df > EXPANSION_POSTINGS {
                continue;
            }
            budget += df;
            let tlen = self.term_names[t as usize].chars().count() as f64;
            out.push((t, 0.5 + 0.5 * plen / tlen));
        }
        out
    }

    fn idf(&self, df: usize) -> f64 {
        let n = f64::from(self.live);
        let df = df as f64;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// Adds one part's BM25 contribution per entry into `scores`, and marks the entries it
    /// matched with `mark` in `seen`. Word alternatives (prefix expansions) count their best.
    fn score_alternatives(
        &self,
        alts: &[(u32, f64)],
        scores: &mut [f64],
        seen: &mut [u16],
        mark: u16,
        best: &mut [f64],
    ) {
        let avg = if self.live == 0 {
            1.0
        } else {
            self.total_len as f64 / f64::from(self.live)
        };
        let mut touched = Vec::new();
        for &(t, weight) in alts {
            let list = &self.postings[t as usize];
            let idf = self.idf(list.len()) * weight;
            for &p in list {
                let slot = (p >> TF_BITS) as usize;
                if seen[slot] + 1 < mark {
                    continue; // missed an earlier part: can no longer match
                }
                let tf = f64::from(p & TF_MAX);
                let len = self.docs[slot].as_ref().map_or(0, |d| d.seq.len()) as f64;
                let s = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                if seen[slot] + 1 == mark {
                    seen[slot] = mark;
                    best[slot] = s;
                    touched.push(slot);
                } else if s > best[slot] {
                    best[slot] = s;
                }
            }
        }
        for slot in touched {
            scores[slot] += best[slot];
        }
    }

    fn has_phrase(seq: &[u32], phrase: &[u32]) -> bool {
        !phrase.is_empty() && seq.windows(phrase.len()).any(|w| w == phrase)
    }

    /// Searches for `raw` (see [`Query::parse`]) among entries passing `filters`; the best
    /// `limit` (at most [`MAX_RESULTS`]) with passages. An empty query lists newest first.
    pub fn search(&mut self, raw: &str, filters: &Filters, limit: usize) -> Results {
        let limit = limit.clamp(1, MAX_RESULTS);
        let query = Query::parse(raw);
        let n = self.docs.len();
        let mut ranked: Vec<(f64, u32)> = Vec::new();
        let mut highlight: Vec<String> = Vec::new();
        let mut prefixes: Vec<String> = Vec::new();
        if query.is_empty() {
            for (slot, d) in self.docs.iter().enumerate() {
                if let Some(d) = d {
                    if filters.accepts(d) {
                        ranked.push((0.0, slot as u32));
                    }
                }
            }
        } else {
            let mut scores = vec![0.0f64; n];
            let mut seen = vec![0u16; n];
            let mut best = vec![0.0f64; n];
            let mut phrases: Vec<Vec<u32>> = Vec::new();
            let mut mark = 0u16;
            for part in &query.parts {
                let alts: Vec<(u32, f64)> = match part {
                    Part::Word(w) => {
                        highlight.push(w.clone());
                        self.terms
                            .get(w)
                            .map(|&t| vec![(t, 1.0)])
                            .unwrap_or_default()
                    }
                    Part::Prefix(p) => {
                        prefixes.push(p.clone());
                        self.expansions(p)
                    }
                    Part::Phrase(ws) => {
                        highlight.extend(ws.iter().cloned());
                        let ids: Option<Vec<u32>> =
                            ws.iter().map(|w| self.terms.get(w).copied()).collect();
                        let Some(ids) = ids else {
                            return Results {
                                total: 0,
                                hits: Vec::new(),
                            };
                        };
                        phrases.push(ids.clone());
                        // each word of the phrase is a part of its own
                        for &t in &ids {
                            mark = mark.saturating_add(1);
                            self.score_alternatives(
                                &[(t, 1.0)],
                                &mut scores,
                                &mut seen,
                                mark,
                                &mut best,
                            );
                        }
                        continue;
                    }
                };
                if alts.is_empty() {
                    return Results {
                        total: 0,
                        hits: Vec::new(),
                    };
                }
                mark = mark.saturating_add(1);
                self.score_alternatives(&alts, &mut scores, &mut seen, mark, &mut best);
            }
            for (slot, &m) in seen.iter().enumerate() {
                if m != mark || mark == 0 {
                    continue;
                }
                let Some(d) = self.docs[slot].as_ref() else {
                    continue;
                };
                if filters.accepts(d) && phrases.iter().all(|p| Self::has_phrase(&d.seq, p)) {
                    ranked.push((scores[slot], slot as u32));
                }
            }
        }
        let total = ranked.len();
        let docs = &self.docs;
        let id = |slot: u32| docs[slot as usize].as_ref().map_or("", |d| d.id.as_str());
        let created = |slot: u32| docs[slot as usize].as_ref().map_or(0, |d| d.created_at);
        let order = |a: &(f64, u32), b: &(f64, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| created(b.1).cmp(&created(a.1)))
                .then_with(|| id(a.1).cmp(id(b.1)))
        };
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let hits = ranked
            .into_iter()
            .filter_map(|(score, slot)| {
                let d = self.docs[slot as usize].as_ref()?;
                Some(Hit {
                    id: d.id.clone(),
                    score: (score * 1e6).round() / 1e6,
                    created_at: d.created_at,
                    passage: passage(&d.text, &highlight, &prefixes),
                })
            })
            .collect();
        Results { total, hits }
    }
}
