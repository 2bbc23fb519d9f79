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
}

/// Characters that end a word: white space and common punctuation.
pub const DELIMITERS: &str = " \t\n.,;:!?)]}\"'";

impl TriggerTable {
    /// Compiles the live snippets' literal triggers. Later duplicates lose (conflicts are reported
    /// to the user by the snippet editor).
    pub fn compile<'a>(snippets: impl IntoIterator<Item = &'a Snippet>, enabled: bool) -> Self {
        let mut entries = BTreeMap::new();
        let mut lengths = BTreeSet::new();
        let mut has_regex = false;
        for s in snippets {
            if s.meta.is_deleted() {
                continue;
            }
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
            lookback: 64,
        }
    }

    /// The trigger that `before` (text before the caret) ends with, as the content script finds
    /// it: the longest match wins. Returns the key and the text as typed.
    pub fn find_at_end<'a>(&self, before: &'a str) -> Option<(&str, &'a str)> {
        let units: Vec<u16> = before.encode_utf16().collect();
        for &len in &self.lengths {
            let len = len as usize;
            if len > units.len() {
                continue;
            }
            let Ok(typed_tail) = String::from_utf16(&units[units.len() - len..]) else {
                continue;
            };
            let start = before.len() - typed_tail.len();
            let typed = &before[start..];
            if let Some((k, _)) = self.entries.get_key_value(typed) {
                return Some((k.as_str(), typed));
            }
            let lower = typed.to_lowercase();
            if let Some((k, e)) = self.entries.get_key_value(&lower) {
                if e.c == 1 {
                    return Some((k.as_str(), typed));
                }
            }
        }
        None
    }
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
    fn deleted_snippets_are_left_out() {
        let mut a = snippet(&[";gone"], true);
        a.meta.deleted_at = Some(1);
        let t = TriggerTable::compile([&a], true);
        assert!(t.entries.is_empty() && t.lengths.is_empty());
    }
}
