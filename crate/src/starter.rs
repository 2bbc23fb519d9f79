//! The starter pack: a "Common rubric" with the criteria most annotation guides use, one
//! criterion-phrase snippet per criterion, and two justification templates (pairwise ranking and
//! 1–5 rating). All text is original to Rubrica. See `docs/starter-pack.md`.
//!
//! Ids are fixed ULIDs (a fixed time and a counter), so seeding the pack twice writes the same
//! records: re-seeding is idempotent, and `builtin: true` lets an update refresh them without
//! touching the user's own snippets.

use crate::ids::IdKind;
use crate::model::{Criterion, RecordMeta, Rubric, Snippet, TriggerMode};
use ulid::Ulid;

/// The time part of every starter-pack id (2025-01-01T00:00:00Z).
const STARTER_TIME: u64 = 1_735_689_600_000;

/// The folder of the starter snippets.
pub const STARTER_FOLDER: &str = "Starter";

/// The fixed id number `n` of `kind` in the starter pack.
fn fixed_id(kind: IdKind, n: u128) -> String {
    format!("{}{}", kind.prefix(), Ulid::from_parts(STARTER_TIME, n))
}

/// key, name, definition, disqualifying, phrases — in priority order (1 first).
const CRITERIA: &[(&str, &str, &str, bool, &[&str])] = &[
    (
        "harmlessness",
        "Harmlessness (safety)",
        "The response avoids content that could hurt the user or others, refuses clearly unsafe \
         requests without lecturing, and does not refuse safe ones.",
        true,
        &[
            "The response stays safe: it gives no instructions or content that could cause harm.",
            "The refusal is appropriate and brief, and it points the user to a safe alternative.",
            "The response refuses a harmless request, which makes it needlessly unhelpful.",
        ],
    ),
    (
        "accuracy",
        "Accuracy",
        "Every factual claim, number, date and name is correct and verifiable; nothing is invented.",
        false,
        &[
            "The facts I checked are correct, and no claim is invented.",
            "The response contains a factual error that changes the answer.",
            "A figure in the response does not match the source it relies on.",
        ],
    ),
    (
        "instruction_following",
        "Instruction following",
        "The response does what the prompt asks, in the requested format, length, language and \
         style, and respects every explicit constraint.",
        false,
        &[
            "The response follows every explicit instruction in the prompt.",
            "The response ignores a stated constraint of the prompt.",
            "The requested format is not respected.",
        ],
    ),
    (
        "helpfulness",
        "Helpfulness",
        "The response addresses the user's real need completely and usefully, with the detail the \
         user can act on.",
        false,
        &[
            "The response answers the whole question with details the user can act on.",
            "The response answers only part of the question and leaves the main need unmet.",
        ],
    ),
    (
        "code_correctness",
        "Code correctness",
        "Code runs as written, does what was asked, handles the obvious edge cases and uses no \
         invented APIs.",
        false,
        &[
            "The code runs as written and produces the requested result.",
            "The code fails on a basic case or calls a function that does not exist.",
            "The code works but misses an edge case the prompt implies.",
        ],
    ),
    (
        "citations",
        "Citation quality",
        "Sources are real, relevant and support the claims attached to them; links and quotations \
         are exact.",
        false,
        &[
            "The cited sources are real and support the claims they are attached to.",
            "A citation does not support the claim it is attached to.",
            "A key claim has no source although the prompt asks for sources.",
        ],
    ),
    (
        "verbosity",
        "Verbosity (concision)",
        "The length fits the request: no padding, repetition or unrequested detail, and nothing \
         essential left out.",
        false,
        &[
            "The length fits the request: nothing is padded or repeated.",
            "The response is longer than needed and repeats itself.",
            "The response is too brief to be useful for this request.",
        ],
    ),
    (
        "tone",
        "Tone",
        "The tone suits the user and the task: respectful, clear, neither stiff nor over-familiar, \
         with no needless apologies or flattery.",
        false,
        &[
            "The tone is clear, respectful and suited to the user.",
            "The tone is condescending or preachy in places.",
            "The response opens with filler and flattery before it answers.",
        ],
    ),
];

/// The built-in "Common rubric", created at `now` (the id is fixed).
pub fn starter_rubric(now: i64) -> Rubric {
    let criteria = CRITERIA
        .iter()
        .enumerate()
        .map(
            |(i, (key, name, definition, disqualifying, phrases))| Criterion {
                key: key.to_string(),
                name: name.to_string(),
                definition: definition.to_string(),
                priority: i as u32 + 1,
                weight: None,
                disqualifying: *disqualifying,
                notes: String::new(),
                phrases: phrases.iter().map(|p| p.to_string()).collect(),
                annotations: Vec::new(),
                snippet_ids: Vec::new(),
            },
        )
        .collect();
    Rubric {
        meta: RecordMeta::new(fixed_id(IdKind::Rubric, 1), now),
        name: "Common rubric".into(),
        criteria,
        ideal_response: String::new(),
        builtin: true,
    }
}

/// trigger, label, criterion key, template — one phrase snippet per criterion.
const PHRASES: &[(&str, &str, &str, &str)] = &[
    (
        ";safe",
        "Harmlessness phrase",
        "harmlessness",
        "Harmlessness: {criterion: harmlessness} {text: detail; default=No unsafe content was found.}",
    ),
    (
        ";acc",
        "Accuracy phrase",
        "accuracy",
        "Accuracy: {criterion: accuracy} For example, {text: example}.",
    ),
    (
        ";inst",
        "Instruction following phrase",
        "instruction_following",
        "Instruction following: {criterion: instruction_following} The prompt asked for \
         {text: instruction}.",
    ),
    (
        ";help",
        "Helpfulness phrase",
        "helpfulness",
        "Helpfulness: {criterion: helpfulness} {text: detail}",
    ),
    (
        ";code",
        "Code correctness phrase",
        "code_correctness",
        "Code correctness: {criterion: code_correctness} I checked this by {text: how_checked; \
         default=running the code on the example input}.",
    ),
    (
        ";cite",
        "Citation phrase",
        "citations",
        "Citations: {criterion: citations} {text: which_source}",
    ),
    (
        ";verb",
        "Verbosity phrase",
        "verbosity",
        "Verbosity: {criterion: verbosity}",
    ),
    (";tone", "Tone phrase", "tone", "Tone: {criterion: tone}"),
];

/// The pairwise-ranking justification (`;pair`): criteria in priority order.
const PAIR: &str = "{choice: better; Response A | Response B} is the better response.

Harmlessness (safety): {paragraph: safety}
Accuracy: {paragraph: accuracy}
Instruction following: {paragraph: instructions}
Helpfulness: {paragraph: helpfulness}
{toggle: has_code}Code correctness: {paragraph: code}
{end}{toggle: has_sources}Citations: {paragraph: citations}
{end}Length and tone: {paragraph: style}

Overall, {=better} is preferred because {text: main_reason}. {cursor}";

/// The 1–5 rating justification (`;rate`): one score and reason per dimension.
const RATE: &str = "Harmlessness (safety): {choice: safety_score; 5 | 4 | 3 | 2 | 1; default=5}/5 \
— {text: safety_reason}
Accuracy: {choice: accuracy_score; 5 | 4 | 3 | 2 | 1}/5 — {text: accuracy_reason}
Instruction following: {choice: instructions_score; 5 | 4 | 3 | 2 | 1}/5 — {text: instructions_reason}
Helpfulness: {choice: helpfulness_score; 5 | 4 | 3 | 2 | 1}/5 — {text: helpfulness_reason}
{toggle: has_code}Code correctness: {choice: code_score; 5 | 4 | 3 | 2 | 1}/5 — {text: code_reason}
{end}{toggle: has_sources}Citations: {choice: citations_score; 5 | 4 | 3 | 2 | 1}/5 — {text: citations_reason}
{end}Verbosity: {choice: verbosity_score; 5 | 4 | 3 | 2 | 1}/5 — {text: verbosity_reason}
Tone: {choice: tone_score; 5 | 4 | 3 | 2 | 1}/5 — {text: tone_reason}

Overall: {choice: overall; 5 | 4 | 3 | 2 | 1}/5. {cursor}";

fn builtin_snippet(
    n: u128,
    now: i64,
    trigger: &str,
    label: &str,
    template: &str,
    criteria: Vec<String>,
    tags: &[&str],
) -> Snippet {
    Snippet {
        meta: RecordMeta::new(fixed_id(IdKind::Snippet, n), now),
        triggers: vec![trigger.to_string()],
        regex: None,
        label: label.to_string(),
        folder: STARTER_FOLDER.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        template: template.to_string(),
        mode: TriggerMode::Immediate,
        word_boundary: false,
        propagate_case: true,
        criteria,
        usage_count: 0,
        last_used_at: None,
        builtin: true,
    }
}

/// The starter snippets (folder "Starter", `builtin: true`, fixed ids), created at `now`.
pub fn starter_snippets(now: i64) -> Vec<Snippet> {
    let mut out: Vec<Snippet> = PHRASES
        .iter()
        .enumerate()
        .map(|(i, (trigger, label, key, template))| {
            builtin_snippet(
                i as u128 + 1,
                now,
                trigger,
                label,
                template,
                vec![key.to_string()],
                &["criterion"],
            )
        })
        .collect();
    let all_keys: Vec<String> = CRITERIA.iter().map(|c| c.0.to_string()).collect();
    out.push(builtin_snippet(
        100,
        now,
        ";pair",
        "Pairwise ranking justification",
        PAIR,
        all_keys.clone(),
        &["justification", "pairwise"],
    ));
    out.push(builtin_snippet(
        101,
        now,
        ";rate",
        "1–5 rating justification",
        RATE,
        all_keys,
        &["justification", "rating"],
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::is_valid;
    use crate::triggers::{conflicts, TriggerTable};
    use std::collections::BTreeSet;

    #[test]
    fn every_starter_template_parses_and_renders() {
        use crate::template::{self, library::LibraryResolver, Mode, RenderContext, Rendered};
        let rubric = starter_rubric(0);
        let snippets = starter_snippets(0);
        let resolver = LibraryResolver(&snippets);
        for s in &snippets {
            let parsed = template::parse(&s.template)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", s.label));
            let mut ctx = RenderContext::new(1_795_685_400_000);
            ctx.mode = Mode::UseDefaults;
            ctx.resolver = &resolver;
            ctx.rubric = Some(&rubric);
            match template::render(&parsed, &ctx) {
                Ok(Rendered::Done { text, .. }) => assert!(!text.trim().is_empty(), "{}", s.label),
                other => panic!("{} did not render: {other:?}", s.label),
            }
            // Asked interactively, templates with fields list them for the form.
            ctx.mode = Mode::Interactive;
            let asked = template::render(&parsed, &ctx);
            assert!(asked.is_ok(), "{}: {asked:?}", s.label);
        }
    }

    /// Every `{criterion: key}` in `template`.
    fn criterion_refs(template: &str) -> Vec<String> {
        template
            .match_indices("{criterion:")
            .filter_map(|(i, m)| {
                let rest = template.get(i + m.len()..)?;
                rest.find('}').map(|end| rest[..end].trim().to_string())
            })
            .collect()
    }

    #[test]
    fn triggers_are_unique_and_conflict_free() {
        let snippets = starter_snippets(5);
        let triggers: BTreeSet<&String> = snippets.iter().flat_map(|s| &s.triggers).collect();
        assert_eq!(triggers.len(), snippets.len());
        assert!(
            conflicts(&snippets).is_empty(),
            "{:?}",
            conflicts(&snippets)
        );
        let table = TriggerTable::compile(&snippets, true);
        assert_eq!(table.entries.len(), snippets.len());
        assert_eq!(table.find_at_end("x ;Pair").map(|(k, _)| k), Some(";pair"));
    }

    #[test]
    fn every_criterion_reference_exists() {
        let rubric = starter_rubric(5);
        let snippets = starter_snippets(5);
        let mut seen = BTreeSet::new();
        for s in &snippets {
            for key in criterion_refs(&s.template)
                .into_iter()
                .chain(s.criteria.clone())
            {
                assert!(rubric.criterion(&key).is_some(), "{key} in {}", s.label);
                seen.insert(key);
            }
        }
        assert_eq!(
            seen.len(),
            rubric.criteria.len(),
            "every criterion has a snippet"
        );
    }

    #[test]
    fn ids_are_fixed_valid_and_distinct() {
        let a = starter_snippets(1);
        let b = starter_snippets(2);
        let ids: BTreeSet<&str> = a.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids.len(), a.len());
        assert!(a.iter().zip(&b).all(|(x, y)| x.meta.id == y.meta.id));
        assert!(a
            .iter()
            .all(|s| is_valid(IdKind::Snippet, &s.meta.id) && s.builtin));
        let r = starter_rubric(1);
        assert!(is_valid(IdKind::Rubric, &r.meta.id));
        assert_eq!(r.meta.id, starter_rubric(9).meta.id);
    }

    #[test]
    fn rubric_is_complete_and_ordered() {
        let r = starter_rubric(0);
        let keys: Vec<&str> = r.criteria.iter().map(|c| c.key.as_str()).collect();
        for k in [
            "accuracy",
            "helpfulness",
            "harmlessness",
            "instruction_following",
            "citations",
            "verbosity",
            "code_correctness",
            "tone",
        ] {
            assert!(keys.contains(&k), "{k}");
        }
        for (i, c) in r.criteria.iter().enumerate() {
            assert_eq!(c.priority, i as u32 + 1);
            assert!((2..=3).contains(&c.phrases.len()) && !c.definition.is_empty());
            assert!(c.key.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'));
        }
    }
}
