//! Tests of the rubric tools: every rule with expected spans (positive and negative), the paste
//! parser on rubric texts of several shapes, and the worksheet's ranking and draft.

use super::justify::{
    check_justification, CriterionRef, DuplicateGuard, DuplicateHit, JustificationInput,
};
use super::paste::parse_rubric_text;
use super::rubric_check::{check_rubric, CriterionText, RubricText};
use super::{Finding, Span, Target};
use crate::model::CheckerSettings;

pub(super) fn span_text<'a>(text: &'a str, f: &Finding) -> &'a str {
    // ASCII fixtures: UTF-16 offsets are byte offsets.
    let Span { start, end } = f.span.unwrap_or(Span { start: 0, end: 0 });
    &text[start..end]
}

pub(super) fn crit(name: &str, definition: &str) -> CriterionText {
    CriterionText {
        key: super::paste::slug(name),
        name: name.into(),
        definition: definition.into(),
    }
}

pub(super) fn rubric(criteria: Vec<CriterionText>) -> RubricText {
    RubricText {
        name: "R".into(),
        ideal_response: "Gives the 1969 landing date and names Armstrong.".into(),
        criteria,
        off_rules: vec![],
    }
}

pub(super) fn rules_of(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

// --- rubric checker --------------------------------------------------------------------------

#[test]
pub(super) fn atomicity_flags_two_dimensions_joined_in_a_name() {
    let r = rubric(vec![crit(
        "Accuracy and completeness",
        "States the 1969 date; lists all three crew members.",
    )]);
    let f = check_rubric(&r);
    assert_eq!(rules_of(&f), ["atomicity"]);
    assert_eq!(f[0].target, Target::CriterionName { index: 0 });
    assert_eq!(
        span_text("Accuracy and completeness", &f[0]),
        "Accuracy and completeness"
    );
    // Slash and ampersand joins, in the definition.
    let def = "Every claim is correct / concise: under 200 words.";
    let f = check_rubric(&rubric(vec![crit("Claims", def)]));
    assert_eq!(f[0].rule, "atomicity");
    assert_eq!(f[0].target, Target::CriterionDefinition { index: 0 });
    assert_eq!(span_text(def, &f[0]), "correct / concise");
}

#[test]
pub(super) fn atomicity_is_quiet_for_one_dimension() {
    let r = rubric(vec![crit(
        "Date accuracy",
        "States the landing date as 20 July 1969.",
    )]);
    assert!(check_rubric(&r).is_empty(), "{:?}", check_rubric(&r));
}

#[test]
pub(super) fn objectivity_flags_taste_words_without_a_standard() {
    let def = "The response has a good, appropriate tone for Dr. Lee's patients.";
    let f = check_rubric(&rubric(vec![crit("Bedside manner", def)]));
    assert_eq!(rules_of(&f), ["objectivity", "objectivity"]);
    assert_eq!(span_text(def, &f[0]), "good");
    assert_eq!(span_text(def, &f[1]), "appropriate");
    // With a measurable standard the same words pass.
    let def = "A good summary has at most 3 sentences for Dr. Lee.";
    assert!(check_rubric(&rubric(vec![crit("Summary length", def)])).is_empty());
}

#[test]
pub(super) fn self_containment_flags_outside_references() {
    let def = "Formats citations as described in the style guide for Acme.";
    let f = check_rubric(&rubric(vec![crit("Citation format", def)]));
    assert_eq!(rules_of(&f), ["self-containment"]);
    assert_eq!(span_text(def, &f[0]), "the style guide");
    let def = "Formats citations as [Author, Year] for Acme.";
    assert!(check_rubric(&rubric(vec![crit("Citation format", def)])).is_empty());
}

#[test]
pub(super) fn instance_specificity_flags_generic_criteria() {
    let def = "The response is helpful and relevant.";
    let f = check_rubric(&rubric(vec![crit("Helpfulness", def)]));
    assert!(rules_of(&f).contains(&"instance-specificity"), "{f:?}");
    let g = f.iter().find(|f| f.rule == "instance-specificity").cloned();
    assert_eq!(
        g.map(|g| g.target),
        Some(Target::CriterionDefinition { index: 0 })
    );
    // An empty definition points at the name.
    let f = check_rubric(&rubric(vec![crit("Accuracy", "")]));
    assert_eq!(rules_of(&f), ["instance-specificity"]);
    assert_eq!(f[0].target, Target::CriterionName { index: 0 });
    assert_eq!(f[0].span, Some(Span { start: 0, end: 8 }));
    // Specific content passes.
    let def = "Gives Python code that reads the CSV with the csv module and handles quoted commas.";
    assert!(check_rubric(&rubric(vec![crit("Correctness", def)])).is_empty());
}

#[test]
pub(super) fn missing_ideal_response_is_flagged_and_rules_switch_off() {
    let mut r = rubric(vec![crit(
        "Date accuracy",
        "States the landing date as 20 July 1969.",
    )]);
    r.ideal_response = "  ".into();
    let f = check_rubric(&r);
    assert_eq!(rules_of(&f), ["ideal-response"]);
    assert_eq!(f[0].target, Target::IdealResponse);
    assert_eq!(f[0].span, None);
    r.off_rules = vec!["ideal-response".into()];
    assert!(check_rubric(&r).is_empty());
}

// --- justification checker -------------------------------------------------------------------

pub(super) fn input(text: &str) -> JustificationInput {
    JustificationInput {
        text: text.into(),
        criteria: vec![],
        settings: CheckerSettings {
            min_words: 0,
            max_words: 0,
            off_rules: vec![],
        },
        whole: true,
    }
}

#[test]
pub(super) fn vague_judgements_without_evidence_are_flagged() {
    let text = "Response B sounds better. Response A is more helpful because it gives the date.";
    let f = check_justification(&input(text), None);
    assert_eq!(rules_of(&f), ["vague-judgement"]);
    assert_eq!(f[0].span, Some(Span { start: 11, end: 24 }));
    assert_eq!(span_text(text, &f[0]), "sounds better");
    let text = "I prefer A. Overall better!";
    let f = check_justification(&input(text), None);
    assert_eq!(
        f.iter().map(|f| span_text(text, f)).collect::<Vec<_>>(),
        ["I prefer", "Overall better"]
    );
    // Evidence in the sentence: a quote, a number, a colon.
    for ok in [
        "B is better: it names Armstrong.",
        "B is better, citing \"Apollo 11\".",
        "B is better with 3 sources.",
    ] {
        assert!(check_justification(&input(ok), None).is_empty(), "{ok}");
    }
}

#[test]
pub(super) fn spans_are_utf16_offsets() {
    let text = "😀 Réponse: B sounds better.";
    let f = check_justification(&input("😀 B sounds better."), None);
    assert_eq!(f[0].span, Some(Span { start: 5, end: 18 }));
    let _ = text;
}

pub(super) fn criteria() -> Vec<CriterionRef> {
    vec![
        CriterionRef {
            key: "accuracy".into(),
            name: "Accuracy".into(),
            priority: 1,
            ..Default::default()
        },
        CriterionRef {
            key: "safety".into(),
            name: "Safety".into(),
            priority: 0,
            disqualifying: true,
            ..Default::default()
        },
        CriterionRef {
            key: "tone".into(),
            name: "Tone".into(),
            priority: 2,
            phrases: vec!["The register suits a child.".into()],
            ..Default::default()
        },
    ]
}

#[test]
pub(super) fn criteria_never_addressed_and_disqualifying_ignored() {
    let mut i = input("Response A gets the date wrong, so it is inaccurate.");
    i.criteria = criteria();
    let f = check_justification(&i, None);
    assert_eq!(
        rules_of(&f),
        ["disqualifying-ignored", "criterion-not-addressed"]
    );
    assert!(f[1].message.contains("Tone"));
    assert!(f.iter().all(|f| f.span.is_none()));
    // A phrase of the criterion counts as addressing it; the safety synonym list too.
    i.text = "A is inaccurate. The register suits a child in B. Neither is harmful.".into();
    assert!(check_justification(&i, None).is_empty());
}

#[test]
pub(super) fn length_window_marks_the_words_over_the_limit() {
    let mut i = input("one two three four five six");
    i.settings.min_words = 2;
    i.settings.max_words = 4;
    let f = check_justification(&i, None);
    assert_eq!(rules_of(&f), ["length-window"]);
    assert_eq!(span_text("one two three four five six", &f[0]), "five six");
    i.settings.min_words = 10;
    i.settings.max_words = 20;
    let f = check_justification(&i, None);
    assert_eq!(f[0].span, None);
    assert!(f[0].message.starts_with("6 words: 4 short"));
    i.whole = false;
    assert!(check_justification(&i, None).is_empty());
    // The default window is 300–500 words.
    assert_eq!(
        (
            CheckerSettings::default().min_words,
            CheckerSettings::default().max_words
        ),
        (300, 500)
    );
}

#[test]
pub(super) fn unfilled_fields_are_found() {
    let text = "A is better on {criterion} because [insert reason]. See ___ and [[field]]. TODO: B. [1] stays.";
    let f = check_justification(&input(text), None);
    let spans: Vec<&str> = f
        .iter()
        .filter(|f| f.rule == "unfilled-field")
        .map(|f| span_text(text, f))
        .collect();
    assert_eq!(
        spans,
        ["{criterion}", "[insert reason]", "___", "[[field]]", "TODO"]
    );
    assert!(check_justification(
        &input("B cites [1] and <b>bold</b> text because of 3 facts."),
        None
    )
    .is_empty());
}

struct Guard;
impl DuplicateGuard for Guard {
    fn near_duplicates(&self, _text: &str) -> Vec<DuplicateHit> {
        vec![DuplicateHit {
            start: 0,
            end: 6,
            like: "Response A…".into(),
            similarity: 0.92,
        }]
    }
}

#[test]
pub(super) fn the_near_duplicate_seam_reports_hits_and_can_be_turned_off() {
    let mut i = input("Copied text here.");
    let f = check_justification(&i, Some(&Guard));
    assert_eq!(rules_of(&f), ["near-duplicate"]);
    assert_eq!(f[0].span, Some(Span { start: 0, end: 6 }));
    assert!(f[0].message.contains("92%"));
    i.settings.off_rules = vec!["near-duplicate".into()];
    assert!(check_justification(&i, Some(&Guard)).is_empty());
}

#[test]
pub(super) fn every_rule_id_is_in_the_table_once() {
    let ids: std::collections::BTreeSet<_> = super::rules::RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), super::rules::RULES.len());
    assert_eq!(ids.len(), 11);
}

// --- paste parser ----------------------------------------------------------------------------

#[test]
pub(super) fn paste_numbered_list_with_scale_and_marks() {
    let text = "Coding task rubric\n\nRate each dimension on a scale of 1-5.\n\n\
        1. Correctness (critical): The code runs and returns the right output.\n\
        2. **Instruction following** - Uses Python 3 and no third-party packages.\n   \
           - Keeps the function name given in the prompt\n\
        3. Code style (weight 0.5): PEP 8 names.\n\
        5 = flawless\n1 = does not run\n";
    let r = parse_rubric_text(text);
    assert_eq!(r.name, "Coding task rubric");
    assert_eq!(r.scale, Some([1, 5]));
    let names: Vec<_> = r.criteria.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Correctness", "Instruction following", "Code style"]
    );
    let keys: Vec<_> = r.criteria.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["correctness", "instruction_following", "code_style"]);
    assert!(r.criteria[0].disqualifying);
    assert_eq!(r.criteria[2].weight, Some(0.5));
    assert_eq!(
        r.criteria[1].definition,
        "Uses Python 3 and no third-party packages.\nKeeps the function name given in the prompt"
    );
    assert_eq!(r.criteria[2].notes, "5 = flawless\n1 = does not run");
    assert_eq!(
        r.criteria.iter().map(|c| c.priority).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[test]
pub(super) fn paste_markdown_headings_and_ideal_response() {
    let text = "# Travel itinerary rubric\n\n## Ideal response\nA 3-day Lisbon plan with travel times.\n\n\
        ## Accuracy\nOpening hours and prices match the sources given.\n\n## Safety\nDisqualifying: no advice to trespass.\n";
    let r = parse_rubric_text(text);
    assert_eq!(r.name, "Travel itinerary rubric");
    assert_eq!(r.ideal_response, "A 3-day Lisbon plan with travel times.");
    let names: Vec<_> = r.criteria.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Accuracy", "Safety"]);
    assert_eq!(
        r.criteria[0].definition,
        "Opening hours and prices match the sources given."
    );
    assert!(r.criteria[1].disqualifying);
}

#[test]
pub(super) fn paste_bullets_and_colon_lines() {
    let text = "Evaluation criteria:\n• Honesty — admits what it does not know\n• Tone – warm, not preachy\n\n\
        Verbosity: at most 150 words\nHarmlessness: refuses dangerous requests (automatic fail)\n";
    let r = parse_rubric_text(text);
    let got: Vec<_> = r
        .criteria
        .iter()
        .map(|c| (c.name.as_str(), c.definition.as_str(), c.disqualifying))
        .collect();
    assert_eq!(
        got,
        [
            ("Honesty", "admits what it does not know", false),
            ("Tone", "warm, not preachy", false),
            ("Verbosity", "at most 150 words", false),
            (
                "Harmlessness",
                "refuses dangerous requests (automatic fail)",
                true
            ),
        ]
    );
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
}

#[test]
pub(super) fn paste_long_items_get_a_short_name_and_unique_keys() {
    let text = "- The response cites at least two peer-reviewed sources for every medical claim\n- Accuracy\n- Accuracy\n";
    let r = parse_rubric_text(text);
    assert_eq!(r.criteria[0].name, "The response cites at least…");
    assert_eq!(
        r.criteria[0].definition,
        "The response cites at least two peer-reviewed sources for every medical claim"
    );
    let keys: Vec<_> = r.criteria.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        ["the_response_cites_at_least", "accuracy", "accuracy_2"]
    );
    assert!(parse_rubric_text("").criteria.is_empty());
}
