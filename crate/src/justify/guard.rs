//! The library's near-duplicate guard as the justification checker's
//! [`DuplicateGuard`](crate::rubric::justify::DuplicateGuard): [`near_duplicates`] over the
//! library's [`LibraryIndex`] at the user's threshold, each match named as the user knows the
//! entry — “your library entry of 12 March 2026, Pairwise ranking”.

use super::{near_duplicates, LibraryIndex};
use crate::civil::civil_from_days;
use crate::rubric::justify::{DuplicateGuard, DuplicateHit};
use crate::template::dates::MONTHS;
use serde::Deserialize;
use std::collections::HashMap;

/// Most library entries one check reports (the most similar first).
pub const MAX_GUARD_HITS: usize = 3;
const DAY_MS: i64 = 86_400_000;

/// How the guard judges and names entries. JSON: `{thresholdPercent?, offsetMin, taskTypes:
/// {id: name}, skipId?}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct GuardOptions {
    /// The settings' near-duplicate threshold, 1–100 (absent: the caller's settings decide).
    pub threshold_percent: Option<u32>,
    /// The user's offset from UTC in minutes, east positive (`-new Date().getTimezoneOffset()`),
    /// for the entry's date.
    pub offset_min: i32,
    /// Task type id → name, to name an entry's task type.
    pub task_types: HashMap<String, String>,
    /// An entry never reported (the one being edited).
    pub skip_id: Option<String>,
}

/// The guard: the index, the threshold (0–1) and how to name entries.
pub struct LibraryGuard<'a> {
    pub index: &'a LibraryIndex,
    pub threshold: f64,
    pub options: &'a GuardOptions,
}

/// “12 March 2026” of the instant `at` (UTC ms) at `offset_min` from UTC.
pub fn long_date(at: i64, offset_min: i32) -> String {
    let local = at.saturating_add(i64::from(offset_min.clamp(-18 * 60, 18 * 60)) * 60_000);
    let (y, m, d) = civil_from_days(local.div_euclid(DAY_MS));
    let month = MONTHS
        .get((m as usize).saturating_sub(1))
        .copied()
        .unwrap_or("?");
    format!("{d} {month} {y}")
}

/// The byte offset of UTF-16 offset `unit` in `text` (clamped to its end, on a char boundary).
fn byte_at(text: &str, unit: u32) -> usize {
    let mut u = 0u32;
    for (i, c) in text.char_indices() {
        if u >= unit {
            return i;
        }
        u += c.len_utf16() as u32;
    }
    text.len()
}

impl DuplicateGuard for LibraryGuard<'_> {
    fn near_duplicates(&self, text: &str) -> Vec<DuplicateHit> {
        if self.index.is_empty() {
            return Vec::new();
        }
        near_duplicates(self.index, text, self.threshold)
            .into_iter()
            .filter(|m| self.options.skip_id.as_deref() != Some(m.id.as_str()))
            .take(MAX_GUARD_HITS)
            .filter_map(|m| {
                let first = m.spans.first()?;
                let last = m.spans.last()?;
                let kind = m
                    .task_type_id
                    .as_ref()
                    .and_then(|id| self.options.task_types.get(id))
                    .map(|name| format!(", {name}"))
                    .unwrap_or_default();
                Some(DuplicateHit {
                    start: byte_at(text, first[0]),
                    end: byte_at(text, last[1]),
                    like: format!(
                        "your library entry of {}{kind}",
                        long_date(m.created_at, self.options.offset_min)
                    ),
                    similarity: m.similarity,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckerSettings, Justification, RecordMeta};
    use crate::rubric::justify::{check_justification, JustificationInput};
    use crate::rubric::Span;

    /// 12 March 2026, 10:00 UTC.
    const MARCH_12: i64 = 1_773_309_600_000;
    const EARLIER: &str = "Response A is more accurate: it gives the correct boiling point of water at sea level, while Response B says ninety degrees, which is wrong.";

    fn entry(id: &str, at: i64, text: &str, task_type: Option<&str>) -> Justification {
        Justification {
            meta: RecordMeta::new(id.into(), at),
            text: text.into(),
            platform_id: None,
            task_type_id: task_type.map(String::from),
            task_id: None,
            criteria: vec![],
            outcome: None,
            notes: String::new(),
            tags: vec![],
            last_used_at: None,
        }
    }

    fn options() -> GuardOptions {
        GuardOptions {
            threshold_percent: None,
            offset_min: 60,
            task_types: [("tt_rank".to_string(), "Pairwise ranking".to_string())].into(),
            skip_id: None,
        }
    }

    fn check(
        text: &str,
        index: &LibraryIndex,
        options: &GuardOptions,
        off: &[&str],
    ) -> Vec<crate::rubric::Finding> {
        let input = JustificationInput {
            text: text.into(),
            settings: CheckerSettings {
                off_rules: off.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
            whole: false,
            ..Default::default()
        };
        let guard = LibraryGuard {
            index,
            threshold: 0.5,
            options,
        };
        check_justification(&input, Some(&guard))
            .into_iter()
            .filter(|f| f.rule == "near-duplicate")
            .collect()
    }

    #[test]
    fn a_copied_passage_is_a_near_duplicate_named_by_date_and_task_type() {
        let index = LibraryIndex::build(&[entry("jst_1", MARCH_12, EARLIER, Some("tt_rank"))]);
        // A prefix the library does not hold, then the copied text with a word changed; é and “”
        // before it make UTF-16 and byte offsets differ.
        let intro = "Café “notes”. ";
        let text = format!("{intro}{}", EARLIER.replace("ninety", "eighty"));
        let f = check(&text, &index, &options(), &[]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "near-duplicate");
        assert!(
            f[0].message.starts_with(
                "Near-duplicate of your library entry of 12 March 2026, Pairwise ranking ("
            ),
            "{}",
            f[0].message
        );
        assert_eq!(
            f[0].suggestion,
            "Rewrite the passage for this task: reviewers reject copied justifications."
        );
        let start = intro.encode_utf16().count();
        let end = text.encode_utf16().count() - 1; // the final full stop is not a word
        assert_eq!(f[0].span, Some(Span { start, end }));
        // Turned off in Settings like any other rule.
        assert!(check(&text, &index, &options(), &["near-duplicate"]).is_empty());
    }

    #[test]
    fn no_finding_without_entries_for_new_wording_or_for_the_entry_itself() {
        let empty = LibraryIndex::build(&[]);
        assert!(check(EARLIER, &empty, &options(), &[]).is_empty());
        let index = LibraryIndex::build(&[entry("jst_1", MARCH_12, EARLIER, None)]);
        let fresh = "Response B explains the chemistry of evaporation with a worked example and cites a textbook page, so it is more helpful here.";
        assert!(check(fresh, &index, &options(), &[]).is_empty());
        let skip = GuardOptions {
            skip_id: Some("jst_1".into()),
            ..options()
        };
        assert!(check(EARLIER, &index, &skip, &[]).is_empty());
        // Without a task type the entry is named by its date alone.
        let f = check(EARLIER, &index, &options(), &[]);
        assert_eq!(
            f[0].message,
            "Near-duplicate of your library entry of 12 March 2026 (100% alike)."
        );
    }

    #[test]
    fn the_entry_date_is_the_users_local_day() {
        // 23:30 UTC on 11 March is 12 March in UTC+1 and still 11 March in New York.
        let late = MARCH_12 - 10 * 3_600_000 - 30 * 60_000;
        assert_eq!(long_date(late, 60), "12 March 2026");
        assert_eq!(long_date(late, -300), "11 March 2026");
        assert_eq!(long_date(0, 0), "1 January 1970");
        assert!(!long_date(i64::MAX, i32::MAX).is_empty());
    }
}
