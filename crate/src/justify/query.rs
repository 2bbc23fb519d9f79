//! The library's query language and filters. A query is words, all of which must match; words in
//! "double quotes" must appear together in that order (a phrase); the last word, while it is
//! still being typed (no space after it), also matches every word it begins (`justif` finds
//! `justification`). Filters narrow by platform, task type, criterion, outcome, tag and date.

use super::index::Doc;
use super::text::for_each_word;
use crate::model::TaskStatus;
use serde::{Deserialize, Serialize};

/// Longest query read, in characters (the rest is ignored).
pub const MAX_QUERY_CHARS: usize = 256;

/// One part of a query; every part must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A folded word, matched exactly.
    Word(String),
    /// The word being typed: matches every word it begins.
    Prefix(String),
    /// Folded words that must appear consecutively.
    Phrase(Vec<String>),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub parts: Vec<Part>,
}

fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(s, |t, _, _| out.push(t.to_string()));
    out
}

impl Query {
    /// Parses what the user typed. An unclosed quote makes a phrase of the rest.
    pub fn parse(raw: &str) -> Query {
        let raw: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let still_typing = raw.chars().last().is_some_and(char::is_alphanumeric);
        let mut parts = Vec::new();
        for (i, chunk) in raw.split('"').enumerate() {
            let ws = words(chunk);
            if i % 2 == 1 {
                match ws.len() {
                    0 => {}
                    1 => parts.extend(ws.into_iter().map(Part::Word)),
                    _ => parts.push(Part::Phrase(ws)),
                }
            } else {
                parts.extend(ws.into_iter().map(Part::Word));
            }
        }
        let quotes_closed = raw.matches('"').count() % 2 == 0;
        if still_typing && quotes_closed {
            if let Some(Part::Word(w)) = parts.last().cloned() {
                parts.pop();
                parts.push(Part::Prefix(w));
            }
        }
        Query { parts }
    }

    /// Whether nothing was typed (list by date instead of relevance).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// The outcome filter: approved, rejected, or anything else (unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OutcomeFilter {
    Approved,
    Rejected,
    Unknown,
}

impl OutcomeFilter {
    /// Whether an entry's outcome passes.
    pub fn accepts(self, outcome: Option<TaskStatus>) -> bool {
        match self {
            OutcomeFilter::Approved => outcome == Some(TaskStatus::Approved),
            OutcomeFilter::Rejected => outcome == Some(TaskStatus::Rejected),
            OutcomeFilter::Unknown => !matches!(
                outcome,
                Some(TaskStatus::Approved) | Some(TaskStatus::Rejected)
            ),
        }
    }
}

/// Filters of the Library section; absent fields do not filter. JSON:
/// `{platformId?, taskTypeId?, criterion?, outcome?: 'approved'|'rejected'|'unknown', tag?, from?, to?}`
/// (`from`/`to`: creation time, UTC epoch ms, `to` exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filters {
    #[serde(default)]
    pub platform_id: Option<String>,
    #[serde(default)]
    pub task_type_id: Option<String>,
    /// A criterion key (case-insensitive).
    #[serde(default)]
    pub criterion: Option<String>,
    #[serde(default)]
    pub outcome: Option<OutcomeFilter>,
    /// A tag (case- and accent-insensitive).
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub from: Option<i64>,
    #[serde(default)]
    pub to: Option<i64>,
}

impl Filters {
    /// Whether an indexed entry passes every filter.
    pub(crate) fn accepts(&self, doc: &Doc) -> bool {
        let f = self;
        f.platform_id
            .as_ref()
            .is_none_or(|p| doc.platform_id.as_ref() == Some(p))
            && f.task_type_id
                .as_ref()
                .is_none_or(|p| doc.task_type_id.as_ref() == Some(p))
            && f.criterion
                .as_ref()
                .is_none_or(|c| doc.criteria.contains(&c.trim().to_lowercase()))
            && f.outcome.is_none_or(|o| o.accepts(doc.outcome))
            && f.tag
                .as_ref()
                .is_none_or(|t| doc.tags.contains(&super::text::fold(t)))
            && f.from.is_none_or(|from| doc.created_at >= from)
            && f.to.is_none_or(|to| doc.created_at < to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Part {
        Part::Word(s.into())
    }

    #[test]
    fn words_phrases_and_the_word_being_typed() {
        assert_eq!(
            Query::parse("Accurate \"Step by STEP\" justif").parts,
            vec![
                w("accurate"),
                Part::Phrase(vec!["step".into(), "by".into(), "step".into()]),
                Part::Prefix("justif".into())
            ]
        );
        assert_eq!(Query::parse("clear ").parts, vec![w("clear")]);
        assert_eq!(
            Query::parse("\"open phrase").parts,
            vec![Part::Phrase(vec!["open".into(), "phrase".into()])]
        );
        assert_eq!(Query::parse("\"one\"").parts, vec![w("one")]);
        assert!(Query::parse("  \"\" ").is_empty());
    }
}
