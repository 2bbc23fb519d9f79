//! The search palette's fuzzy search over snippets: triggers, labels, folder and tags, and content.
//!
//! Matching is [`nucleo_matcher`]'s (the matcher of the Helix editor): every word of the query is
//! matched as a fuzzy subsequence, case-insensitively and with accents normalised, so `jstfy`
//! finds `justify` and `;acc` finds `;accuracy`. Each snippet is scored per field and the best
//! weighted field wins — a hit in a trigger counts more than one in the label, which counts more
//! than one in the content — then usage count breaks ties. An empty query lists the most used
//! snippets. This module lives in the full WebAssembly module only (the background loads it when
//! the palette opens), so the keystroke-path module stays small.

use crate::model::Snippet;
use crate::template;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use serde::Serialize;

/// Longest query matched, in characters (the rest is ignored).
pub const MAX_QUERY_CHARS: usize = 128;
/// Most results returned.
pub const MAX_RESULTS: usize = 50;
/// How much of a template's source is searched, in characters.
const MAX_CONTENT_CHARS: usize = 4_000;
/// Length of the content excerpt shown with each result, in characters.
const EXCERPT_CHARS: usize = 120;

/// Weights of a match per field: a trigger hit beats a label hit beats a content hit.
const W_TRIGGER: u32 = 4;
const W_LABEL: u32 = 3;
const W_TAGS: u32 = 2;
const W_CONTENT: u32 = 1;
/// Added when a trigger starts with the query: what the user was typing is that trigger.
const PREFIX_BONUS: u32 = 100_000;

/// One result of the palette's search.
///
/// JSON: `{snippetId, label, trigger, folder, excerpt, needsInput, field, score}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    /// The snippet's id (what `overlay.choose` sends back).
    pub snippet_id: String,
    /// The snippet's label (may be empty).
    pub label: String,
    /// Its first trigger, or `/regex/` for a regex-only snippet.
    pub trigger: String,
    /// Its folder.
    pub folder: String,
    /// The start of its content (template source, whitespace collapsed), or the part around the
    /// match when the match is in the content.
    pub excerpt: String,
    /// Whether choosing it shows the fill-in form (its template has fields).
    pub needs_input: bool,
    /// Which field matched best: `trigger`, `label`, `tags`, `content` or `none` (empty query).
    pub field: &'static str,
    /// The weighted score (higher is better).
    pub score: u32,
}

/// Searches `snippets` for `query`; at most `limit` (capped at [`MAX_RESULTS`]) results, best first.
pub fn search(snippets: &[Snippet], query: &str, limit: usize) -> Vec<SearchHit> {
    let limit = limit.clamp(1, MAX_RESULTS);
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let pattern = Pattern::new(
        &query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let prefix = query.trim().to_lowercase();
    let mut hits: Vec<(SearchHit, u64)> = Vec::new();
    for s in snippets {
        let content: String = s.template.chars().take(MAX_CONTENT_CHARS).collect();
        let (score, field, content_at) = if pattern.atoms.is_empty() {
            (0, "none", None)
        } else {
            let mut best: Option<(u32, &'static str)> = None;
            let mut consider = |score: Option<u32>, weight: u32, field: &'static str| {
                if let Some(sc) = score {
                    let weighted = sc.saturating_add(1).saturating_mul(weight);
                    if best.is_none_or(|(b, _)| weighted > b) {
                        best = Some((weighted, field));
                    }
                }
            };
            for t in s.triggers.iter().chain(s.regex.iter()) {
                let score = pattern.score(Utf32Str::new(t, &mut buf), &mut matcher);
                let starts = !prefix.is_empty() && t.to_lowercase().starts_with(&prefix);
                consider(
                    score.map(|sc| {
                        if starts {
                            sc.saturating_add(PREFIX_BONUS)
                        } else {
                            sc
                        }
                    }),
                    W_TRIGGER,
                    "trigger",
                );
            }
            consider(
                pattern.score(Utf32Str::new(&s.label, &mut buf), &mut matcher),
                W_LABEL,
                "label",
            );
            let tags = format!("{} {}", s.folder, s.tags.join(" "));
            consider(
                pattern.score(Utf32Str::new(&tags, &mut buf), &mut matcher),
                W_TAGS,
                "tags",
            );
            let mut indices = Vec::new();
            consider(
                pattern.indices(
                    Utf32Str::new(&content, &mut buf),
                    &mut matcher,
                    &mut indices,
                ),
                W_CONTENT,
                "content",
            );
            // A query of several words may span fields ("acc clearer": a trigger and a content word).
            if pattern.atoms.len() > 1 {
                let all = format!("{} {} {tags} {content}", s.triggers.join(" "), s.label);
                consider(
                    pattern.score(Utf32Str::new(&all, &mut buf), &mut matcher),
                    W_CONTENT,
                    "content",
                );
            }
            match best {
                Some((score, field)) => (score, field, indices.iter().min().copied()),
                None => continue,
            }
        };
        let at = if field == "content" { content_at } else { None };
        hits.push((
            SearchHit {
                snippet_id: s.meta.id.clone(),
                label: s.label.clone(),
                trigger: s
                    .triggers
                    .first()
                    .cloned()
                    .or_else(|| s.regex.as_ref().map(|r| format!("/{r}/")))
                    .unwrap_or_default(),
                folder: s.folder.clone(),
                excerpt: excerpt(&content, at.map(|i| i as usize)),
                needs_input: needs_input(&s.template),
                field,
                score,
            },
            s.usage_count,
        ));
    }
    hits.sort_by(|(a, ua), (b, ub)| {
        b.score
            .cmp(&a.score)
            .then(ub.cmp(ua))
            .then_with(|| a.trigger.cmp(&b.trigger))
    });
    hits.into_iter().take(limit).map(|(h, _)| h).collect()
}

/// Whether expanding this template asks for input (it has fill-in fields of its own).
fn needs_input(source: &str) -> bool {
    template::parse(source)
        .map(|t| !t.fields().is_empty())
        .unwrap_or(false)
}

/// About [`EXCERPT_CHARS`] characters of `content` with whitespace collapsed: from the start, or
/// from a little before character `at` (where the match is) with a leading `…`.
fn excerpt(content: &str, at: Option<usize>) -> String {
    let chars: Vec<char> = content.chars().collect();
    let start = match at {
        Some(i) if i > EXCERPT_CHARS / 2 => i.saturating_sub(20),
        _ => 0,
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut last_space = start > 0;
    let mut taken = 0;
    for &c in chars.iter().skip(start) {
        if taken >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                taken += 1;
            }
            last_space = true;
        } else {
            out.push(c);
            taken += 1;
            last_space = false;
        }
    }
    out.trim_end().to_string()
}

/// Whether the palette replaces the word before the caret when snippet `s` is chosen: the word
/// (non-empty) is the start of one of its triggers, compared case-insensitively — the user was
/// typing that trigger and searched with what they had. Otherwise the text goes in at the caret
/// and the word stays.
pub fn replaces_word(s: &Snippet, word: &str) -> bool {
    let word = word.to_lowercase();
    !word.is_empty()
        && s.triggers
            .iter()
            .any(|t| t.to_lowercase().starts_with(&word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RecordMeta, TriggerMode};

    fn snippet(id: &str, trigger: &str, label: &str, template: &str, uses: u64) -> Snippet {
        Snippet {
            meta: RecordMeta::new(id.into(), 0),
            triggers: vec![trigger.into()],
            regex: None,
            label: label.into(),
            folder: "Folder".into(),
            tags: vec!["tag".into()],
            template: template.into(),
            mode: TriggerMode::Immediate,
            word_boundary: false,
            propagate_case: false,
            criteria: vec![],
            usage_count: uses,
            last_used_at: None,
            builtin: false,
        }
    }

    fn library() -> Vec<Snippet> {
        vec![
            snippet(
                "s1",
                ";acc",
                "Accuracy verdict",
                "Response {choice: better; A | B} is more accurate.",
                3,
            ),
            snippet(
                "s2",
                ";help",
                "Helpfulness",
                "Both responses help, but one is clearer.",
                10,
            ),
            snippet(
                "s3",
                ";vb",
                "Verbosity",
                "The response is too long; it repeats the justification of the claim.",
                0,
            ),
        ]
    }

    fn ids(hits: &[SearchHit]) -> Vec<&str> {
        hits.iter().map(|h| h.snippet_id.as_str()).collect()
    }

    #[test]
    fn a_typo_ish_subsequence_finds_the_snippet() {
        let hits = search(&library(), "acurcy", 10);
        assert_eq!(ids(&hits).first(), Some(&"s1"), "{hits:?}");
        let hits = search(&library(), "jstfctn", 10);
        assert_eq!(ids(&hits), vec!["s3"], "matched in the content: {hits:?}");
        assert_eq!(hits[0].field, "content");
    }

    #[test]
    fn triggers_beat_labels_beat_content() {
        let lib = vec![
            snippet("content", ";zz", "Other", "mentions vbx here", 0),
            snippet("label", ";yy", "vbx things", "nothing", 0),
            snippet("trigger", ";vbx", "Nothing", "nothing", 0),
        ];
        let hits = search(&lib, "vbx", 10);
        assert_eq!(ids(&hits), vec!["trigger", "label", "content"]);
        assert_eq!(hits[0].field, "trigger");
        assert_eq!(hits[1].field, "label");
    }

    #[test]
    fn a_trigger_that_starts_with_the_query_comes_first() {
        let lib = vec![
            snippet("label", ";zz", "Signature block", "x", 50),
            snippet("content", ";yy", "Y", "a short signal", 50),
            snippet("prefix", ";signoff", "Sign-off", "Thanks.", 0),
        ];
        let hits = search(&lib, ";sig", 10);
        assert_eq!(ids(&hits).first(), Some(&"prefix"), "{hits:?}");
        let hits = search(&lib, ";SIG", 10);
        assert_eq!(ids(&hits).first(), Some(&"prefix"));
    }

    #[test]
    fn case_and_accents_are_ignored() {
        let lib = vec![snippet("s", ";cafe", "Café crème", "x", 0)];
        assert_eq!(ids(&search(&lib, "CAFE CREME", 5)), vec!["s"]);
        assert_eq!(ids(&search(&lib, "café", 5)), vec!["s"]);
    }

    #[test]
    fn words_may_match_different_fields() {
        let hits = search(&library(), "help clearer", 10);
        assert_eq!(ids(&hits).first(), Some(&"s2"));
    }

    #[test]
    fn no_match_is_no_result() {
        assert!(search(&library(), "qqqxxx", 10).is_empty());
    }

    #[test]
    fn an_empty_query_lists_the_most_used_first() {
        let hits = search(&library(), "  ", 10);
        assert_eq!(ids(&hits), vec!["s2", "s1", "s3"]);
        assert!(hits.iter().all(|h| h.field == "none"));
    }

    #[test]
    fn results_say_whether_the_form_will_show_and_are_limited() {
        let hits = search(&library(), "", 2);
        assert_eq!(hits.len(), 2);
        let all = search(&library(), "", 99);
        let acc = all.iter().find(|h| h.snippet_id == "s1");
        assert_eq!(acc.map(|h| h.needs_input), Some(true));
        let help = all.iter().find(|h| h.snippet_id == "s2");
        assert_eq!(help.map(|h| h.needs_input), Some(false));
        assert_eq!(help.map(|h| h.trigger.as_str()), Some(";help"));
    }

    #[test]
    fn excerpts_collapse_whitespace_and_center_on_the_match() {
        assert_eq!(excerpt("a \n\n b\tc", None), "a b c");
        let long = format!("{} needle tail", "word ".repeat(60));
        let e = excerpt(&long, long.find("needle"));
        assert!(e.starts_with('…') && e.contains("needle"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 2);
        let hits = search(&[snippet("s", ";x", "X", &long, 0)], "needle", 5);
        assert!(hits[0].excerpt.contains("needle"), "{hits:?}");
    }

    #[test]
    fn huge_queries_and_odd_text_do_not_panic() {
        let lib = vec![snippet("s", ";e", "😀 emoji", &"é😀\u{0}".repeat(3000), 0)];
        let q = "😀".repeat(10_000);
        let _ = search(&lib, &q, 5);
        let _ = search(&lib, "\u{0}", 5);
        assert!(!search(&lib, "😀", 5).is_empty());
    }

    #[test]
    fn the_word_is_replaced_only_when_it_starts_a_trigger() {
        let s = snippet("s", ";accuracy", "Accuracy", "x", 0);
        assert!(replaces_word(&s, ";acc"));
        assert!(replaces_word(&s, ";ACC"));
        assert!(replaces_word(&s, ";accuracy"));
        assert!(!replaces_word(&s, "acc"), "not the start of the trigger");
        assert!(!replaces_word(&s, ""));
        assert!(!replaces_word(&s, "hello"));
    }
}
