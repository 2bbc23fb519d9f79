//! The justification library (issue 11): saving entries, ranked search, the near-duplicate guard.
//!
//! | file | what |
//! |---|---|
//! | `text.rs` | words: splitting, case and diacritic folding, UTF-16 offsets, hashing |
//! | `query.rs` | the query language (words, "phrases", the word being typed) and filters |
//! | `index.rs` | [`LibraryIndex`]: the inverted index, interned words, incremental updates |
//! | `rank.rs` | searching it: BM25, the word being typed, phrases, filters, the best results |
//! | `passage.rs` | the excerpt shown with a result and its highlight ranges |
//! | `neardup.rs` | [`near_duplicates`]: MinHash sketches over word 3-shingles, exact similarity, overlapping spans |
//! | `load.rs` | stored entries read straight into the index (no buffering per record) |
//! | `guard.rs` | [`LibraryGuard`]: the near-duplicate check as the justification checker's rule, each match named by its date and task type |
//! | `save.rs` | drafts → entries in their month shard; delete/restore; uses |
//!
//! Built into the full WebAssembly module only (feature `library-search`): the dashboard keeps
//! one [`LibraryIndex`] in its page core and the background keeps one for the palette and for the
//! near-duplicate check on save; the service worker's start-up module has none of it.
//!
//! ```
//! use rubrica_core::justify::{near_duplicates, Filters, LibraryIndex};
//! use rubrica_core::model::{Justification, RecordMeta};
//!
//! let entry = Justification {
//!     meta: RecordMeta::new("jst_01".into(), 0),
//!     text: "Response A cites the café's opening hours accurately.".into(),
//!     platform_id: None, task_type_id: None, task_id: None, criteria: vec![],
//!     outcome: None, notes: String::new(), tags: vec![], last_used_at: None,
//! };
//! let mut index = LibraryIndex::build([&entry]);
//! let found = index.search("CAFE accur", &Filters::default(), 10);
//! assert_eq!(found.hits[0].id, "jst_01");
//! let copies = near_duplicates(&index, "Response A cites the cafe's opening hours accurately!", 0.8);
//! assert_eq!(copies[0].similarity, 1.0);
//! ```

mod guard;
mod index;
pub mod load;
mod neardup;
mod passage;
mod query;
mod rank;
pub mod save;
pub mod text;

pub use guard::{long_date, GuardOptions, LibraryGuard, MAX_GUARD_HITS};
pub use index::LibraryIndex;
pub use neardup::{near_duplicates, near_duplicates_in, NearMatch, Sketch};
pub use passage::{Hit, Passage, Results};
pub use query::{Filters, OutcomeFilter, Part, Query};
pub use rank::MAX_RESULTS;

#[cfg(test)]
mod save_tests;
#[cfg(test)]
mod tests;
