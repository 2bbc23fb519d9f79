//! The rule table: every rule of both checkers, with what the user sees in Settings (title,
//! what it looks for) and the default suggestion; and the word lists the rules match. Adding a
//! phrase to a list here changes what a rule finds; nothing else needs to change.

use serde::Serialize;

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

/// Judgement phrases that need a reason beside them (lower case).
pub const VAGUE_PHRASES: &[&str] = &[
    "sounds better",
    "sounds worse",
    "reads better",
    "feels better",
    "seems better",
    "looks better",
    "is better",
    "is worse",
    "is more helpful",
    "is less helpful",
    "is more accurate",
    "is clearer",
    "is more natural",
    "is higher quality",
    "is overall better",
    "overall better",
    "much better",
    "just better",
    "i prefer",
    "i like",
    "i liked",
    "i feel",
    "better response",
    "worse response",
    "more engaging",
    "flows better",
];

/// Words that show a reason or evidence in the same sentence (lower case).
pub const EVIDENCE_MARKERS: &[&str] = &[
    "because",
    "since",
    "as it",
    "due to",
    "for example",
    "for instance",
    "e.g.",
    "such as",
    "whereas",
    "while",
    "which",
    "by",
    "it states",
    "it says",
    "it gives",
    "it omits",
    "it lists",
    "mentions",
    "includes",
    "contains",
    "missing",
    "fails to",
    "instead of",
];

/// Words naming a rubric dimension; two of them joined in one criterion break atomicity.
pub const DIMENSIONS: &[&str] = &[
    "accuracy",
    "accurate",
    "correctness",
    "correct",
    "completeness",
    "complete",
    "clarity",
    "clear",
    "concision",
    "concise",
    "conciseness",
    "helpfulness",
    "helpful",
    "relevance",
    "relevant",
    "safety",
    "safe",
    "harmlessness",
    "tone",
    "style",
    "formatting",
    "format",
    "grammar",
    "fluency",
    "coherence",
    "verbosity",
    "honesty",
    "truthfulness",
    "citations",
    "organization",
    "organisation",
    "structure",
    "readability",
    "creativity",
    "depth",
    "detail",
];

/// Joins between two dimensions in a criterion's name or definition.
pub const JOINS: &[&str] = &["and", "&", "/", "+", "as well as", "plus", "and also"];

/// Subjective words that need a measurable standard beside them.
pub const SUBJECTIVE: &[&str] = &[
    "good",
    "great",
    "nice",
    "well",
    "appropriate",
    "appropriately",
    "reasonable",
    "adequate",
    "adequately",
    "sufficient",
    "properly",
    "proper",
    "high quality",
    "high-quality",
    "engaging",
    "natural",
    "clear",
    "clearly",
    "better",
    "excellent",
    "pleasant",
    "polished",
    "professional",
    "interesting",
];

/// Words that make a standard measurable or checkable.
pub const MEASURABLE: &[&str] = &[
    "at least",
    "at most",
    "no more than",
    "fewer than",
    "more than",
    "less than",
    "exactly",
    "every",
    "each",
    "all",
    "none",
    "no ",
    "must",
    "must not",
    "does not",
    "do not",
    "never",
    "only",
    "within",
    "cites",
    "includes",
    "contains",
    "lists",
    "states",
    "names",
];

/// References to material outside the rubric.
pub const OUTSIDE_REFERENCES: &[&str] = &[
    "see above",
    "see below",
    "as above",
    "as discussed",
    "as mentioned",
    "as usual",
    "the guidelines",
    "the style guide",
    "style guide",
    "the attached",
    "attached document",
    "the document",
    "the doc",
    "the linked",
    "refer to",
    "per the instructions",
    "the project instructions",
    "the training",
    "previous rubric",
    "the usual",
    "standard practice",
    "standard practices",
    "the examples",
];

/// Criterion names that fit any task when the definition adds nothing specific.
pub const GENERIC_NAMES: &[&str] = &[
    "accuracy",
    "helpfulness",
    "quality",
    "overall quality",
    "clarity",
    "relevance",
    "completeness",
    "tone",
    "style",
    "correctness",
    "formatting",
    "fluency",
    "coherence",
    "overall",
    "general",
];

/// Words in a definition that, alone, say nothing task-specific.
pub const GENERIC_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "response",
    "responses",
    "is",
    "are",
    "be",
    "should",
    "must",
    "it",
    "its",
    "and",
    "or",
    "of",
    "to",
    "for",
    "in",
    "on",
    "with",
    "well",
    "good",
    "helpful",
    "accurate",
    "clear",
    "correct",
    "relevant",
    "complete",
    "quality",
    "high",
    "user",
    "answer",
    "question",
    "appropriate",
    "overall",
    "useful",
    "written",
    "concise",
    "factually",
    "factual",
];

/// Unfilled placeholder words inside brackets (`[insert reason]`, `<reason>`), lower case.
pub const PLACEHOLDER_WORDS: &[&str] = &[
    "insert",
    "reason",
    "criterion",
    "evidence",
    "example",
    "fill",
    "placeholder",
    "todo",
    "tbd",
    "xxx",
    "name",
    "response x",
    "quote",
];

/// Marker words of an unfinished text, matched in upper case only.
pub const TODO_MARKERS: &[&str] = &["TODO", "TBD", "XXX", "FIXME"];

/// Words that show a criterion was weighed although its name is not used: an evidence note is
/// "about" a criterion when it uses one of these for that criterion's key.
pub const KEY_SYNONYMS: &[(&str, &[&str])] = &[
    (
        "accuracy",
        &[
            "accurate",
            "inaccurate",
            "factual",
            "factually",
            "correct",
            "incorrect",
            "error",
            "errors",
            "wrong",
        ],
    ),
    (
        "helpfulness",
        &["helpful", "unhelpful", "useful", "answers the question"],
    ),
    (
        "harmlessness",
        &["harmless", "harmful", "unsafe", "safe", "safety"],
    ),
    ("safety", &["harmless", "harmful", "unsafe", "safe"]),
    (
        "instruction_following",
        &[
            "instruction",
            "instructions",
            "follows",
            "the prompt asked",
            "asked for",
            "constraint",
        ],
    ),
    (
        "instruction-following",
        &[
            "instruction",
            "instructions",
            "follows",
            "the prompt asked",
            "asked for",
            "constraint",
        ],
    ),
    (
        "verbosity",
        &[
            "verbose",
            "concise",
            "length",
            "too long",
            "too short",
            "padding",
            "repetition",
            "repeats",
        ],
    ),
    (
        "tone",
        &["tone", "polite", "condescending", "preachy", "respectful"],
    ),
    (
        "citations",
        &["cite", "cites", "citation", "source", "sources"],
    ),
    (
        "formatting",
        &[
            "format",
            "formatted",
            "markdown",
            "headings",
            "bullet",
            "list",
        ],
    ),
    ("code", &["code", "compiles", "runs", "bug", "function"]),
    (
        "completeness",
        &["complete", "incomplete", "omits", "missing", "covers"],
    ),
];
