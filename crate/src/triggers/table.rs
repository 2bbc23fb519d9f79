use crate::model::{Snippet, TriggerMode};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Version of the table format; the content script refuses a table it does not understand.
pub const TABLE_VERSION: u32 = 1;

/// How one literal trigger behaves. Short field names: this goes to every frame of every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableEntry {
    /// `"i"` immediate, `"d"` on delimiter (delimiter kept).
    pub m: String,
    /// 1 = only at a word boundary.
    pub w: u8,
    /// 1 = case-insensitive with case propagation (the key is lower case).
    pub c: u8,
}

/// The compiled trigger table sent to content scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TriggerTable {
    /// Format version ([`TABLE_VERSION`]).
    pub version: u32,
    /// Global switch from settings; when false the content script does nothing.
    pub enabled: bool,
    /// Distinct trigger lengths in UTF-16 code units, longest first.
    pub lengths: Vec<u32>,
    /// Trigger → behaviour. Case-propagating triggers are keyed in lower case.
    pub entries: BTreeMap<String, TableEntry>,
    /// Characters that end a word and fire on-delimiter triggers.
    pub delimiters: String,
    /// Whether any regex trigger exists (then the content script asks the core on delimiters).
    pub has_regex: bool,
    /// How many UTF-16 units before the caret the content script may send for regex matching.
    pub lookback: u32,
    /// Backspace right after an expansion restores the trigger (a setting; the engine sets it).
    #[serde(default)]
    pub backspace_undo: bool,
}

/// Default regex look-back window, in UTF-16 code units before the caret.
pub const LOOKBACK: u32 = 64;

/// Characters that end a word: white space and common punctuation.
pub const DELIMITERS: &str = " \t\n.,;:!?)]}\"'";

impl TriggerTable {
    /// Compiles the live snippets' literal triggers. When two snippets claim the same trigger,
    /// the snippet with the smaller id (the older one) keeps it; [`super::conflicts`] reports
    /// every such clash to the user, nothing is resolved silently.
    pub fn compile<'a>(snippets: impl IntoIterator<Item = &'a Snippet>, enabled: bool) -> Self {
        let mut entries = BTreeMap::new();
        let mut lengths = BTreeSet::new();
        let mut has_regex = false;
        for s in live_by_id(snippets) {
            has_regex |= s.regex.is_some();
            for t in &s.triggers {
                if t.is_empty() {
                    continue;
                }
                let key = if s.propagate_case {
                    t.to_lowercase()
                } else {
                    t.clone()
                };
                lengths.insert(key.encode_utf16().count() as u32);
                entries.entry(key).or_insert_with(|| TableEntry {
                    m: match s.mode {
                        TriggerMode::Immediate => "i".into(),
                        TriggerMode::Delimiter => "d".into(),
                    },
                    w: s.word_boundary as u8,
                    c: s.propagate_case as u8,
                });
            }
        }
        TriggerTable {
            version: TABLE_VERSION,
            enabled,
            lengths: lengths.into_iter().rev().collect(),
            entries,
            delimiters: DELIMITERS.into(),
            has_regex,
            lookback: LOOKBACK,
            backspace_undo: true,
        }
    }

    /// The trigger that `before` (text before the caret) ends with, as the content script finds
    /// it: one look-up per distinct length, longest first; the first hit whose word-boundary rule
    /// holds wins. Returns the key and the text as typed.
    pub fn find_at_end<'a>(&self, before: &'a str) -> Option<(&str, &'a str)> {
        self.find_where(before, |_| true)
    }

    /// What the content script does after each keystroke; `before` is the text before the caret,
    /// including the character just typed. First an immediate trigger ending right there; else,
    /// when that character is a delimiter, an on-delimiter trigger ending just before it.
    pub fn find_on_keystroke<'a>(&self, before: &'a str) -> Option<KeystrokeHit<'a>> {
        if let Some((key, typed)) = self.find_where(before, |e| e.m == "i") {
            return Some(KeystrokeHit {
                key: key.to_string(),
                typed,
                delimiter: None,
            });
        }
        let last = before.chars().next_back()?;
        if !self.delimiters.contains(last) {
            return None;
        }
        let rest = &before[..before.len() - last.len_utf8()];
        let (key, typed) = self.find_where(rest, |e| e.m == "d")?;
        Some(KeystrokeHit {
            key: key.to_string(),
            typed,
            delimiter: Some(last),
        })
    }

    /// [`Self::find_at_end`] among the entries that `keep` accepts.
    fn find_where<'a>(
        &self,
        before: &'a str,
        keep: impl Fn(&TableEntry) -> bool,
    ) -> Option<(&str, &'a str)> {
        // Where the suffixes of 1..=longest UTF-16 units start (only the tail is looked at; a
        // length that would split a surrogate pair has no start and is skipped).
        let longest = self.lengths.first().copied().unwrap_or(0) as usize;
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(longest);
        let mut units = 0;
        for (i, c) in before.char_indices().rev() {
            units += c.len_utf16();
            if units > longest {
                break;
            }
            starts.push((units, i));
        }
        for &len in &self.lengths {
            let Some(&(_, start)) = starts.iter().find(|(u, _)| *u == len as usize) else {
                continue;
            };
            let typed = &before[start..];
            let boundary_ok =
                |e: &TableEntry| keep(e) && (e.w == 0 || at_word_start(&before[..start]));
            if let Some((k, e)) = self.entries.get_key_value(typed) {
                if boundary_ok(e) {
                    return Some((k.as_str(), typed));
                }
                continue;
            }
            if !typed.chars().any(char::is_uppercase) {
                continue;
            }
            let lower = typed.to_lowercase();
            if let Some((k, e)) = self.entries.get_key_value(&lower) {
                if e.c == 1 && boundary_ok(e) {
                    return Some((k.as_str(), typed));
                }
            }
        }
        None
    }
}

/// A trigger found by [`TriggerTable::find_on_keystroke`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeystrokeHit<'a> {
    /// The table key (lower case for case-propagating triggers).
    pub key: String,
    /// The trigger as typed (to delete, and to choose the case).
    pub typed: &'a str,
    /// The delimiter typed after an on-delimiter trigger (kept after the expansion).
    pub delimiter: Option<char>,
}

/// Whether a trigger starting right after `prefix` starts a word: `prefix` is empty or ends with a
/// character that is not alphanumeric.
pub fn at_word_start(prefix: &str) -> bool {
    prefix
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The live (not deleted) snippets in id order: the order in which triggers are claimed.
pub(crate) fn live_by_id<'a>(snippets: impl IntoIterator<Item = &'a Snippet>) -> Vec<&'a Snippet> {
    let mut live: Vec<&Snippet> = snippets
        .into_iter()
        .filter(|s| !s.meta.is_deleted())
        .collect();
    live.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    live
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordMeta;

    fn snippet(triggers: &[&str], propagate_case: bool) -> Snippet {
        Snippet {
            meta: RecordMeta::new("snp_x".into(), 0),
            triggers: triggers.iter().map(|s| s.to_string()).collect(),
            regex: None,
            label: String::new(),
            folder: String::new(),
            tags: vec![],
            template: "x".into(),
            mode: TriggerMode::Immediate,
            word_boundary: false,
            propagate_case,
            criteria: vec![],
            usage_count: 0,
            last_used_at: None,
            builtin: false,
        }
    }

    #[test]
    fn finds_longest_trigger_with_case() {
        let a = snippet(&[";acc", ";accx"], true);
        let b = snippet(&[";Exact"], false);
        let t = TriggerTable::compile([&a, &b], true);
        assert_eq!(t.lengths, vec![6, 5, 4]);
        assert_eq!(t.find_at_end("foo ;acc"), Some((";acc", ";acc")));
        assert_eq!(t.find_at_end("foo ;ACCX"), Some((";accx", ";ACCX")));
        assert_eq!(t.find_at_end("x;Exact"), Some((";Exact", ";Exact")));
        assert_eq!(t.find_at_end("x;exact"), None);
        assert_eq!(t.find_at_end("😀;acc"), Some((";acc", ";acc")));
        assert_eq!(t.find_at_end("ac"), None);
    }

    #[test]
    fn word_boundary_needs_a_non_alphanumeric_before() {
        let mut a = snippet(&["btw"], true);
        a.word_boundary = true;
        let t = TriggerTable::compile([&a], true);
        assert_eq!(t.entries.get("btw").map(|e| e.w), Some(1));
        assert_eq!(t.find_at_end("btw"), Some(("btw", "btw")));
        assert_eq!(t.find_at_end("ok (btw"), Some(("btw", "btw")));
        assert_eq!(t.find_at_end("ok Btw"), Some(("btw", "Btw")));
        assert_eq!(t.find_at_end("subtw"), None);
        assert_eq!(t.find_at_end("é btw"), Some(("btw", "btw")));
        assert_eq!(t.find_at_end("ébtw"), None);
        assert_eq!(t.find_at_end("3btw"), None);
    }

    #[test]
    fn word_boundary_falls_back_to_a_shorter_trigger() {
        let mut long = snippet(&["xab"], false);
        long.word_boundary = true;
        long.meta.id = "snp_1".into();
        let mut short = snippet(&["ab"], false);
        short.meta.id = "snp_2".into();
        let t = TriggerTable::compile([&long, &short], true);
        assert_eq!(t.find_at_end("zxab"), Some(("ab", "ab")));
        assert_eq!(t.find_at_end(" xab"), Some(("xab", "xab")));
    }

    #[test]
    fn the_older_snippet_keeps_a_duplicate_trigger() {
        let mut newer = snippet(&[";x"], false);
        newer.meta.id = "snp_02".into();
        newer.mode = TriggerMode::Delimiter;
        let mut older = snippet(&[";x"], false);
        older.meta.id = "snp_01".into();
        let t = TriggerTable::compile([&newer, &older], true);
        assert_eq!(t.entries.get(";x").map(|e| e.m.as_str()), Some("i"));
    }

    #[test]
    fn keystrokes_fire_immediate_now_and_delimiter_triggers_on_a_delimiter() {
        let now = snippet(&[";now"], false);
        let mut later = snippet(&["brb"], true);
        later.mode = TriggerMode::Delimiter;
        later.word_boundary = true;
        let t = TriggerTable::compile([&now, &later], true);
        let hit = t.find_on_keystroke("a ;now");
        assert_eq!(
            hit.map(|h| (h.key, h.delimiter)),
            Some((";now".into(), None))
        );
        assert_eq!(t.find_on_keystroke("ok brb"), None);
        let hit = t.find_on_keystroke("ok Brb,");
        assert_eq!(
            hit.map(|h| (h.key, h.typed, h.delimiter)),
            Some(("brb".into(), "Brb", Some(',')))
        );
        assert_eq!(t.find_on_keystroke("okbrb "), None);
        assert_eq!(t.find_on_keystroke(""), None);
    }

    #[test]
    fn deleted_snippets_are_left_out() {
        let mut a = snippet(&[";gone"], true);
        a.meta.deleted_at = Some(1);
        let t = TriggerTable::compile([&a], true);
        assert!(t.entries.is_empty() && t.lengths.is_empty());
    }
}
