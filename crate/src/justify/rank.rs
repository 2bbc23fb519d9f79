//! Searching the [`LibraryIndex`]: BM25 over the postings, the word being typed expanded to the
//! words it begins (a binary search in the sorted term list), phrases checked on each entry's
//! word sequence, filters, the best `limit` kept, passages made for those only.

use super::index::{LibraryIndex, TF_BITS, TF_MAX};
use super::passage::{passage, Hit, Results};
use super::query::{Filters, Part, Query};

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

/// Per-query scratch: each entry's score so far, the last part it matched, its best score for
/// the current part.
struct Scratch {
    scores: Vec<f64>,
    seen: Vec<u16>,
    best: Vec<f64>,
    touched: Vec<u32>,
}

impl LibraryIndex {
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

    /// BM25's length factor per slot, `K1 * (1 - B + B * len / avg)`, for the current
    /// statistics (recomputed only after a change).
    fn refresh_norms(&mut self) {
        let key = (self.live, self.total_len, self.lens.len());
        if self.norms_for == key && self.norms.len() == self.lens.len() {
            return;
        }
        let avg = if self.live == 0 {
            1.0
        } else {
            self.total_len as f64 / f64::from(self.live)
        };
        self.norms = self
            .lens
            .iter()
            .map(|&len| K1 * (1.0 - B + B * f64::from(len) / avg))
            .collect();
        self.norms_for = key;
    }

    /// Adds one part's BM25 contribution per entry into the scratch scores, and marks the
    /// entries it matched with `mark`. Word alternatives (prefix expansions) count their best.
    fn score_alternatives(&self, alts: &[(u32, f64)], s: &mut Scratch, mark: u16) {
        s.touched.clear();
        for &(t, weight) in alts {
            let list = &self.postings[t as usize];
            let idf = self.idf(list.len()) * weight;
            for &p in list {
                let slot = (p >> TF_BITS) as usize;
                let seen = s.seen[slot];
                if seen + 1 < mark {
                    continue; // missed an earlier part: can no longer match
                }
                let tf = f64::from(p & TF_MAX);
                let score = idf * tf * (K1 + 1.0) / (tf + self.norms[slot]);
                if seen + 1 == mark {
                    s.seen[slot] = mark;
                    s.best[slot] = score;
                    s.touched.push(slot as u32);
                } else if score > s.best[slot] {
                    s.best[slot] = score;
                }
            }
        }
        for &slot in &s.touched {
            s.scores[slot as usize] += s.best[slot as usize];
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
        let none = || Results {
            total: 0,
            hits: Vec::new(),
        };
        if query.is_empty() {
            for (slot, d) in self.docs.iter().enumerate() {
                if let Some(d) = d {
                    if filters.accepts(d) {
                        ranked.push((0.0, slot as u32));
                    }
                }
            }
        } else {
            self.refresh_norms();
            let mut s = Scratch {
                scores: vec![0.0; n],
                seen: vec![0; n],
                best: vec![0.0; n],
                touched: Vec::new(),
            };
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
                            return none();
                        };
                        // each word of the phrase is a part of its own
                        for &t in &ids {
                            mark = mark.saturating_add(1);
                            self.score_alternatives(&[(t, 1.0)], &mut s, mark);
                        }
                        phrases.push(ids);
                        continue;
                    }
                };
                if alts.is_empty() {
                    return none();
                }
                mark = mark.saturating_add(1);
                self.score_alternatives(&alts, &mut s, mark);
            }
            // The entries that matched every part are the ones the last part touched.
            let mut last: Vec<u32> = if mark == 0 {
                Vec::new()
            } else {
                std::mem::take(&mut s.touched)
            };
            last.sort_unstable();
            for slot in last {
                let Some(d) = self.docs[slot as usize].as_ref() else {
                    continue;
                };
                if filters.accepts(d) && phrases.iter().all(|p| Self::has_phrase(&d.seq, p)) {
                    ranked.push((s.scores[slot as usize], slot));
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
