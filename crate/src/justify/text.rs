//! Words of a justification as the library sees them: split on anything that is not a letter or
//! digit, folded for case (Unicode simple case folding) and diacritics (`é` → `e`, combining
//! marks dropped), with each word's place in the original text in UTF-16 units (what JavaScript
//! strings index), so highlights land on the right characters.

use nucleo_matcher::chars::{normalize, to_lower_case};

/// Longest word kept, in characters (longer ones are cut: they are never typed as queries).
pub const MAX_TERM_CHARS: usize = 40;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded word.
    pub term: String,
    /// Start in the original text, UTF-16 units.
    pub start: u32,
    /// End (exclusive), UTF-16 units.
    pub end: u32,
}

/// Whether `c` is a combining mark (U+0300–U+036F and the common extensions): dropped so that
/// decomposed `e\u{301}` folds like precomposed `é`.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// `c` folded: lower case without diacritics.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    to_lower_case(normalize(c))
}

/// Calls `f(term, start, end)` for every word of `text` (offsets in UTF-16 units). The word's
/// buffer is reused between words, so tokenising a large corpus allocates nothing per word.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str, u32, u32)) {
    scan_words(text, |term, at| f(term, at.start, at.end));
}

/// Where a word is: UTF-16 units (what JavaScript indexes) and bytes of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordAt {
    pub start: u32,
    pub end: u32,
    pub start_byte: usize,
    pub end_byte: usize,
}

/// The word being read: its folded bytes (always UTF-8: whole characters are appended).
struct Word {
    buf: Vec<u8>,
    chars: usize,
    at: WordAt,
}

impl Word {
    #[inline]
    fn begin(&mut self, pos: u32, byte: usize) {
        if self.buf.is_empty() {
            self.at.start = pos;
            self.at.start_byte = byte;
            self.chars = 0;
        }
    }

    #[inline]
    fn emit(&mut self, pos: u32, byte: usize, f: &mut impl FnMut(&str, WordAt)) {
        if self.buf.is_empty() {
            return;
        }
        self.at.end = pos;
        self.at.end_byte = byte;
        if let Ok(term) = std::str::from_utf8(&self.buf) {
            f(term, self.at);
        }
        self.buf.clear();
    }
}

/// [`for_each_word`] with byte offsets too; answers the text's length in UTF-16 units. ASCII
/// (most of a justification) takes a fast path; anything else is decoded and folded as a `char`.
pub(crate) fn scan_words(text: &str, mut f: impl FnMut(&str, WordAt)) -> u32 {
    let mut w = Word {
        buf: Vec::with_capacity(64),
        chars: 0,
        at: WordAt {
            start: 0,
            end: 0,
            start_byte: 0,
            end_byte: 0,
        },
    };
    let mut pos = 0u32;
    let bytes = text.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                w.begin(pos, i);
                if w.chars < MAX_TERM_CHARS {
                    w.buf.push(b.to_ascii_lowercase());
                    w.chars += 1;
                }
            } else {
                w.emit(pos, i, &mut f);
            }
            i += 1;
            pos += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break; // unreachable for a `str`: `i` is always at a character boundary
        };
        if c.is_alphanumeric() {
            w.begin(pos, i);
            if w.chars < MAX_TERM_CHARS {
                let mut utf8 = [0u8; 4];
                if c == 'ß' || c == 'ẞ' {
                    w.buf.extend_from_slice(b"ss"); // what the diacritic table would make a single `s`
                } else {
                    w.buf
                        .extend_from_slice(fold_char(c).encode_utf8(&mut utf8).as_bytes());
                }
                w.chars += 1;
            }
        } else if is_combining(c) {
            // part of the word, adds nothing to its folded form
        } else {
            w.emit(pos, i, &mut f);
        }
        i += c.len_utf8();
        pos += c.len_utf16() as u32;
    }
    w.emit(pos, bytes.len(), &mut f);
    pos
}

/// Every word of `text`, folded, with its place.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_word(text, |term, start, end| {
        out.push(Token {
            term: term.to_string(),
            start,
            end,
        })
    });
    out
}

/// `text` folded as one string (words joined by single spaces): how queries are compared.
pub fn fold(text: &str) -> String {
    let mut out = String::new();
    for_each_word(text, |term, _, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(term);
    });
    out
}

/// A stable 64-bit hash of a word (FNV-1a): the same in every build and run, so sketches can be
/// compared across sessions.
pub fn hash_term(term: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in term.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mixes 64-bit values (a SplitMix64 finaliser): used to hash word shingles.
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A small, fast hasher for the index's maps (FxHash's multiply-rotate, then a SplitMix64
/// finish; keys are our own words, not attacker-chosen in a way that matters for a local index).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        // Fully mixed: hash tables take their bucket from the low bits and a 7-bit tag from the
        // top of a `usize`, which is 32 bits in WebAssembly. A product's low bits are weak (the
        // old `rotate_left(26)` put them in that tag on wasm32, so every probe compared words).
        mix(self.0)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut v = [0u8; 8];
            v.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(v));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = [0u8; 8];
            v[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(v));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_diacritics_with_utf16_offsets() {
        let t = tokens("Éclair, NAÏVE café — naïve\u{301}s 😀ok");
        let terms: Vec<&str> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["eclair", "naive", "cafe", "naives", "ok"]);
        assert_eq!((t[0].start, t[0].end), (0, 6));
        // the emoji is two UTF-16 units
        let ok = &t[4];
        assert_eq!(ok.end - ok.start, 2);
        assert_eq!(fold("Straße  CAFÉ"), "strasse cafe");
    }

    #[test]
    fn long_words_are_cut_and_odd_text_is_fine() {
        let long = "a".repeat(500);
        assert_eq!(tokens(&long)[0].term.len(), MAX_TERM_CHARS);
        assert!(tokens("").is_empty());
        assert!(tokens("\u{301}\u{301} -- !!").is_empty());
    }
}
