//! The rule table: every rule of both checkers, with what the user sees in Settings (title,
//! what it looks for) and the default suggestion. The word lists the rules match are in
//! `wordlists.rs` and re-exported here.

use serde::Serialize;

pub use super::wordlists::*;

/// Which checker a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Checker {
    Rubric,
    Justification,
}

/// One rule, as Settings lists it.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: &'static str,
    pub checker: Checker,
    pub title: &'static str,
    /// What the rule looks for, one sentence.
    pub looks_for: &'static str,
    pub suggestion: &'static str,
}

pub const ATOMICITY: &str = "atomicity";
pub const OBJECTIVITY: &str = "objectivity";
pub const SELF_CONTAINED: &str = "self-containment";
pub const INSTANCE_SPECIFIC: &str = "instance-specificity";
pub const IDEAL_RESPONSE: &str = "ideal-response";
pub const VAGUE: &str = "vague-judgement";
pub const UNCITED: &str = "criterion-not-addressed";
pub const DISQUALIFYING: &str = "disqualifying-ignored";
pub const LENGTH: &str = "length-window";
pub const UNFILLED: &str = "unfilled-field";
pub const DUPLICATE: &str = "near-duplicate";

/// Every rule of both checkers.
pub const RULES: &[Rule] = &[
    Rule {
        id: ATOMICITY,
        checker: Checker::Rubric,
        title: "One dimension per criterion",
        looks_for: "a criterion that joins several dimensions (“accurate and concise”)",
        suggestion: "Split it into one criterion per dimension, so a response can pass one and fail the other.",
    },
    Rule {
        id: OBJECTIVITY,
        checker: Checker::Rubric,
        title: "Objective wording",
        looks_for: "subjective words (“good”, “appropriate”, “clear”) with no measurable standard",
        suggestion: "Say what a reviewer can check: a count, a limit, a fact that must be present or absent.",
    },
    Rule {
        id: SELF_CONTAINED,
        checker: Checker::Rubric,
        title: "Self-contained",
        looks_for: "references to material the rubric does not include (“see the guidelines”, “as above”)",
        suggestion: "Copy the part of that material the criterion depends on into its definition.",
    },
    Rule {
        id: INSTANCE_SPECIFIC,
        checker: Checker::Rubric,
        title: "Specific to the task",
        looks_for: "a generic criterion that could apply to any task (a bare “Helpfulness” with a one-line definition)",
        suggestion: "Name what this task's ideal response must contain or avoid: the fact, the format, the constraint.",
    },
    Rule {
        id: IDEAL_RESPONSE,
        checker: Checker::Rubric,
        title: "Ideal response described",
        looks_for: "a rubric without a description of the ideal response",
        suggestion: "Describe the ideal response in a few sentences first; write the criteria from it.",
    },
    Rule {
        id: VAGUE,
        checker: Checker::Justification,
        title: "Vague judgements",
        looks_for: "judgements such as “sounds better” or “is more helpful” with no reason in the same sentence",
        suggestion: "Say what in the response makes it so: quote it, or name the criterion and the concrete difference.",
    },
    Rule {
        id: UNCITED,
        checker: Checker::Justification,
        title: "Every criterion addressed",
        looks_for: "criteria of the active rubric the text never mentions",
        suggestion: "Add a sentence on this criterion, in the rubric's priority order, even if the responses tie on it.",
    },
    Rule {
        id: DISQUALIFYING,
        checker: Checker::Justification,
        title: "Disqualifying criteria addressed",
        looks_for: "disqualifying criteria of the active rubric the text never mentions",
        suggestion: "State whether either response fails this criterion: a failure decides the ranking.",
    },
    Rule {
        id: LENGTH,
        checker: Checker::Justification,
        title: "Length window",
        looks_for: "a text shorter or longer than the word window set in Settings",
        suggestion: "Bring the text inside the window set in Settings.",
    },
    Rule {
        id: UNFILLED,
        checker: Checker::Justification,
        title: "Unfilled template fields",
        looks_for: "placeholders left in the text ({field}, [[field]], ___, [insert …], TODO)",
        suggestion: "Replace the placeholder with the text it stands for.",
    },
    Rule {
        id: DUPLICATE,
        checker: Checker::Justification,
        title: "Near-duplicates of earlier work",
        looks_for: "passages close to a justification already in your library",
        suggestion: "Rewrite the passage for this task: reviewers reject copied justifications.",
    },
];

/// The rule with `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
