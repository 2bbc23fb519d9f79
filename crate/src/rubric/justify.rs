//! The justification checker: live in the dashboard's editors and on demand from the palette.
//! Rules (each can be turned off in Settings): vague judgements with no evidence in the same
//! sentence, criteria of the active rubric never addressed, disqualifying criteria ignored, the
//! length window, unfilled template fields, and near-duplicates of the library's justifications
//! (through [`DuplicateGuard`], which the library provides).

use super::rules::{self, *};
use super::text::{has_phrase, sentences, words, PhraseIndex, Utf16Map, Word};
use super::{Finding, Span, Target};
use crate::model::CheckerSettings;
use serde::Deserialize;

/// A criterion as the checker needs it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CriterionRef {
    pub key: String,
    pub name: String,
    pub disqualifying: bool,
    pub phrases: Vec<String>,
    pub priority: u32,
}

/// What the justification checker reads.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct JustificationInput {
    pub text: String,
    /// The active rubric's criteria (none: the criterion rules stay quiet).
    pub criteria: Vec<CriterionRef>,
    /// Length window and rules turned off.
    pub settings: CheckerSettings,
    /// When false the length rule stays quiet (a snippet is a part of a justification, not all of it).
    #[serde(default = "yes")]
    pub whole: bool,
}

fn yes() -> bool {
    true
}

impl JustificationInput {
    /// The input for checking `text` as a whole justification against `rubric` with `settings`.
    pub fn for_rubric(
        text: &str,
        rubric: Option<&crate::model::Rubric>,
        settings: &CheckerSettings,
    ) -> Self {
        JustificationInput {
            text: text.to_string(),
            criteria: rubric
                .map(|r| {
                    r.criteria
                        .iter()
                        .map(|c| CriterionRef {
                            key: c.key.clone(),
                            name: c.name.clone(),
                            disqualifying: c.disqualifying,
                            phrases: c.phrases.clone(),
                            priority: c.priority,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            settings: settings.clone(),
            whole: true,
        }
    }
}

/// A passage of the checked text close to a justification already in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateHit {
    /// Byte range of the passage in the checked text.
    pub start: usize,
    pub end: usize,
    /// The library justification it resembles, as the user would recognise it (“your library
    /// entry of 12 March 2026, Pairwise ranking”).
    pub like: String,
    /// Similarity 0–1.
    pub similarity: f64,
}

/// The seam for the library's near-duplicate guard: [`crate::justify::LibraryGuard`] (the full
/// module's library index) implements it. Implementations must be fast (the checker runs on
/// every keystroke).
pub trait DuplicateGuard {
    /// Passages of `text` that are near-duplicates of earlier justifications.
    fn near_duplicates(&self, text: &str) -> Vec<DuplicateHit>;
}

/// Checks a justification. `guard` is the library's near-duplicate index, when there is one.
pub fn check_justification(
    input: &JustificationInput,
    guard: Option<&dyn DuplicateGuard>,
) -> Vec<Finding> {
    let text = input.text.as_str();
    let on = |id: &str| !input.settings.off_rules.iter().any(|r| r == id);
    let map = Utf16Map::new(text);
    let suggestion = |id: &str| {
        rules::rule(id)
            .map(|r| r.suggestion)
            .unwrap_or_default()
            .to_string()
    };
    let mut out = Vec::new();
    let mut push =
        |rule_id: &str, at: Option<(usize, usize)>, message: String, sugg: Option<String>| {
            out.push(Finding {
                rule: rule_id.to_string(),
                target: Target::Text,
                span: at.map(|(s, e)| map.span(s, e)),
                message,
                suggestion: sugg.unwrap_or_else(|| suggestion(rule_id)),
            });
        };

    let ws = words(text);
    if on(VAGUE) {
        let evidence_index = PhraseIndex::new(EVIDENCE_MARKERS.iter().map(|m| (0, *m)));
        let vague_index = PhraseIndex::new(VAGUE_PHRASES.iter().map(|p| (0, *p)));
        let mut first = 0; // the first word of the current sentence
        for (s, e) in sentences(text) {
            while first < ws.len() && ws[first].start < s {
                first += 1;
            }
            let mut last = first;
            while last < ws.len() && ws[last].end <= e {
                last += 1;
            }
            let range = first..last;
            first = last;
            let sentence = &text[s..e];
            let evidence = sentence.contains([':', '"', '“'])
                || sentence.bytes().any(|b| b.is_ascii_digit())
                || range
                    .clone()
                    .any(|i| evidence_index.at(&ws, i, last).next().is_some());
            if evidence {
                continue;
            }
            let mut i = range.start;
            while i < range.end {
                let hit = vague_index.at(&ws, i, last).map(|(_, j)| j).max();
                match hit {
                    Some(j) => {
                        let (hs, he) = (ws[i].start, ws[j].end);
                        push(
                            VAGUE,
                            Some((hs, he)),
                            format!(
                                "“{}” is a judgement with no reason given in this sentence.",
                                &text[hs..he]
                            ),
                            None,
                        );
                        i = j + 1;
                    }
                    None => i += 1,
                }
            }
        }
    }

    if !input.criteria.is_empty() && (on(UNCITED) || on(DISQUALIFYING)) {
        let mut criteria: Vec<&CriterionRef> = input.criteria.iter().collect();
        criteria.sort_by_key(|c| c.priority);
        let found = addressed(&ws, &criteria);
        for (c, _) in criteria.iter().zip(found).filter(|(_, f)| !f) {
            let name = if c.name.trim().is_empty() {
                c.key.as_str()
            } else {
                c.name.trim()
            };
            if c.disqualifying && on(DISQUALIFYING) {
                push(
                    DISQUALIFYING,
                    None,
                    format!("“{name}” is disqualifying, and the text never says whether either response fails it."),
                    None,
                );
            } else if !c.disqualifying && on(UNCITED) {
                push(
                    UNCITED,
                    None,
                    format!("The text never addresses “{name}”."),
                    None,
                );
            }
        }
    }

    if on(LENGTH) && input.whole {
        let n = ws.len();
        let (min, max) = (
            input.settings.min_words as usize,
            input.settings.max_words as usize,
        );
        if max > 0 && n > max {
            let from = ws.get(max).map_or(text.len(), |w| w.start);
            push(
                LENGTH,
                Some((from, text.len())),
                format!(
                    "{n} words: {} over the window of {min}–{max} set in Settings.",
                    n - max
                ),
                Some(format!(
                    "Cut {} words: drop repetition and what no criterion asks for.",
                    n - max
                )),
            );
        } else if min > 0 && n < min && !text.trim().is_empty() {
            push(
                LENGTH,
                None,
                format!("{n} words: {} short of the window of {min}–{max} set in Settings.", min - n),
                Some("Add evidence for the criteria where the responses differ: quote or describe what each does.".into()),
            );
        }
    }

    if on(UNFILLED) {
        for (s, e) in unfilled(text) {
            push(
                UNFILLED,
                Some((s, e)),
                format!(
                    "“{}” looks like a template field that was never filled in.",
                    &text[s..e]
                ),
                None,
            );
        }
    }

    if on(DUPLICATE) {
        if let Some(guard) = guard {
            for hit in guard.near_duplicates(text) {
                let (s, e) = (hit.start.min(text.len()), hit.end.min(text.len()));
                push(
                    DUPLICATE,
                    Some((s, e)),
                    format!(
                        "Near-duplicate of {} ({:.0}% alike).",
                        hit.like,
                        hit.similarity * 100.0
                    ),
                    None,
                );
            }
        }
    }
    out.sort_by_key(|f| f.span.map_or(usize::MAX, |Span { start, .. }| start));
    out
}

/// Which criteria the text (its words `ws`) speaks to: by name, key in words, one of the
/// criterion's phrases, or a word the rule table lists for its key. One pass over the words.
fn addressed(ws: &[Word], criteria: &[&CriterionRef]) -> Vec<bool> {
    let mut needles: Vec<(usize, String)> = Vec::new();
    for (i, c) in criteria.iter().enumerate() {
        let name = c.name.trim().to_lowercase();
        let first_name_word = name
            .split(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_string();
        needles.push((i, c.key.replace(['_', '-'], " ").to_lowercase()));
        if first_name_word.len() >= 5 {
            needles.push((i, first_name_word));
        }
        needles.push((i, name));
        needles.extend(
            c.phrases
                .iter()
                .map(|p| (i, p.trim().trim_end_matches('.').to_lowercase())),
        );
        if let Some((_, syn)) = KEY_SYNONYMS.iter().find(|(k, _)| *k == c.key) {
            needles.extend(syn.iter().map(|s| (i, s.to_string())));
        }
    }
    let index = PhraseIndex::new(needles.iter().map(|(i, n)| (*i, n.as_str())));
    let mut found = vec![false; criteria.len()];
    for i in 0..ws.len() {
        for (tag, _) in index.at(ws, i, ws.len()) {
            found[tag] = true;
        }
    }
    found
}

/// Byte ranges of placeholders: `{…}` on one line, `[[…]]`, `___` and longer, `[insert …]` /
/// `<reason>` style brackets, and TODO markers.
fn unfilled(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !matches!(bytes[i], b'[' | b'{' | b'<' | b'_' | b'T' | b'X' | b'F') {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let found = if rest.starts_with("[[") {
            rest.find("]]")
                .filter(|&e| !rest[..e].contains('\n'))
                .map(|e| e + 2)
        } else if rest.starts_with('{') {
            rest.find('}')
                .filter(|&e| e > 1 && !rest[..e].contains('\n'))
                .map(|e| e + 1)
        } else if rest.starts_with('[') || rest.starts_with('<') {
            let close = if rest.starts_with('[') { ']' } else { '>' };
            rest.find(close)
                .filter(|&e| e > 1 && e < 40 && !rest[..e].contains('\n'))
                .filter(|&e| {
                    let inner = rest[1..e].to_lowercase();
                    PLACEHOLDER_WORDS.iter().any(|w| has_phrase(&inner, w))
                })
                .map(|e| e + 1)
        } else if rest.starts_with("___") {
            Some(rest.find(|c| c != '_').unwrap_or(rest.len()))
        } else if TODO_MARKERS.iter().any(|m| rest.starts_with(m))
            && text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            let m = TODO_MARKERS
                .iter()
                .find(|m| rest.starts_with(**m))
                .map_or(0, |m| m.len());
            rest[m..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
                .then_some(m)
        } else {
            None
        };
        match found {
            Some(len) if len > 0 => {
                out.push((i, i + len));
                i += len;
            }
            _ => {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}
