//! Record ids: a short entity prefix plus a ULID (`snp_01JD8X…`).
//!
//! ULIDs sort by creation time, so shards and lists come out in order without an extra field, and
//! the prefix makes an id's entity obvious in exports and logs. The core never reads the clock or
//! an entropy source: [`IdGen`] is seeded once by the caller (the extension passes bytes from
//! `crypto.getRandomValues`) and every id takes the caller's `now`.

use ulid::Ulid;

/// The entity an id belongs to; its prefix is part of the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// `plt_`
    Platform,
    /// `tty_`
    TaskType,
    /// `ses_`
    Session,
    /// `tsk_`
    Task,
    /// `snp_`
    Snippet,
    /// `rub_`
    Rubric,
    /// `jst_`
    Justification,
    /// `alr_`
    Alert,
}

impl IdKind {
    /// The id prefix, including the underscore.
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Platform => "plt_",
            IdKind::TaskType => "tty_",
            IdKind::Session => "ses_",
            IdKind::Task => "tsk_",
            IdKind::Snippet => "snp_",
            IdKind::Rubric => "rub_",
            IdKind::Justification => "jst_",
            IdKind::Alert => "alr_",
        }
    }
}

/// Makes ids from the caller's clock and a seeded generator (xorshift128+; uniqueness, not secrecy).
#[derive(Debug, Clone)]
pub struct IdGen {
    s0: u64,
    s1: u64,
    /// The last id's time and random part: ids made in the same millisecond count up from it
    /// (monotonic ULIDs), so ids sort in the order they were made — an import's snippets in file
    /// order, which decides which of two snippets with one trigger expands.
    last: (u64, u128),
}

impl IdGen {
    /// Seeds the generator; any seed works (an all-zero seed is replaced by a fixed non-zero one).
    pub fn new(seed: [u8; 16]) -> Self {
        let mut a = [0u8; 8];
        let mut b = [0u8; 8];
        a.copy_from_slice(&seed[..8]);
        b.copy_from_slice(&seed[8..]);
        let (s0, s1) = (u64::from_le_bytes(a), u64::from_le_bytes(b));
        if s0 == 0 && s1 == 0 {
            IdGen {
                s0: 0x9E37_79B9_7F4A_7C15,
                s1: 0xD1B5_4A32_D192_ED03,
                last: (u64::MAX, 0),
            }
        } else {
            IdGen {
                s0,
                s1,
                last: (u64::MAX, 0),
            }
        }
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.s0;
        let y = self.s1;
        self.s0 = y;
        x ^= x << 23;
        self.s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
        self.s1.wrapping_add(y)
    }

    /// A new id for `kind` created at `now` (UTC epoch ms; negative times clamp to 0).
    pub fn next(&mut self, kind: IdKind, now: i64) -> String {
        let time = now.max(0) as u64;
        let max = (1u128 << 80) - 1;
        let random = match self.last {
            // The same millisecond: one more than the last (a fresh value in the rare overflow).
            (t, r) if t == time && r < max => r + 1,
            _ => {
                // Half the range, so that a millisecond's run of ids never overflows in practice.
                ((self.next_u64() as u128) << 64 | self.next_u64() as u128) & (max >> 1)
            }
        };
        self.last = (time, random);
        let ulid = Ulid::from_parts(time, random);
        format!("{}{}", kind.prefix(), ulid)
    }
}

/// Whether `id` is well formed for `kind`: the prefix and 26 Crockford base-32 characters.
pub fn is_valid(kind: IdKind, id: &str) -> bool {
    id.strip_prefix(kind.prefix())
        .is_some_and(|rest| Ulid::from_string(rest).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_prefix_sort_by_time_and_differ() {
        let mut g = IdGen::new([7; 16]);
        let a = g.next(IdKind::Snippet, 1_700_000_000_000);
        let b = g.next(IdKind::Snippet, 1_700_000_000_000);
        let c = g.next(IdKind::Snippet, 1_700_000_000_001);
        assert!(a.starts_with("snp_") && a.len() == 30);
        assert_ne!(a, b);
        assert!(c > a && c > b);
        assert!(is_valid(IdKind::Snippet, &a));
        assert!(!is_valid(IdKind::Rubric, &a));
        assert!(!is_valid(IdKind::Snippet, "snp_not-a-ulid"));
    }

    #[test]
    fn zero_seed_still_generates() {
        let mut g = IdGen::new([0; 16]);
        assert_ne!(g.next(IdKind::Task, 1), g.next(IdKind::Task, 1));
    }

    #[test]
    fn ids_of_one_millisecond_sort_in_the_order_they_were_made() {
        let mut g = IdGen::new([7; 16]);
        let ids: Vec<String> = (0..1000).map(|_| g.next(IdKind::Snippet, 5)).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        assert!(ids.windows(2).all(|w| w[0] != w[1]));
    }
}
