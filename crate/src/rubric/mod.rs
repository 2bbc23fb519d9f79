//! The rubric tools (issue 12): the rubric paste parser, the rubric checker, the justification
//! checker and the scoring worksheet's ranking and draft. Pure functions over text; the `pages`
//! feature (the full module) carries them, since no keystroke needs them.
//!
//! - [`paste`]: text copied from a platform → criteria to review before saving.
//! - [`rules`]: the rule table both checkers read (ids, titles, suggestions; the word lists are in
//!   `wordlists.rs`); a rule the user turned off in Settings (`checker.offRules`) is skipped.
//! - [`rubric_check`]: atomicity, objectivity, self-containment, instance-specificity, a missing
//!   ideal-response description.
//! - [`justify`]: vague judgements, criteria never addressed, disqualifying criteria ignored, the
//!   length window, unfilled template fields, and the library's near-duplicate guard through the
//!   [`justify::DuplicateGuard`] seam.
//! - [`worksheet`]: the ranking of two responses under a rubric and the draft justification.
//!
//! Every finding carries a [`Span`] in UTF-16 code units (what JavaScript strings index), so the
//! editor can underline it as is.
//!
//! ```
//! use rubrica_core::rubric::justify::{check_justification, JustificationInput};
//! let input = JustificationInput { text: "Response B sounds better.".into(), ..Default::default() };
//! let findings = check_justification(&input, None);
//! assert_eq!(findings[0].rule, "vague-judgement");
//! assert_eq!(findings[0].span.map(|s| (s.start, s.end)), Some((11, 24)));
//! ```

pub mod justify;
pub mod paste;
mod paste_lines;
pub mod rubric_check;
pub mod rules;
mod text;
mod wordlists;
pub mod worksheet;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod worksheet_tests;

use serde::{Deserialize, Serialize};

/// A range of the checked text, in UTF-16 code units, `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Which text of a rubric a rubric-checker finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "part")]
pub enum Target {
    /// The justification (or the one text that was checked).
    Text,
    /// The rubric's ideal-response description.
    IdealResponse,
    /// Criterion `index` (0-based, editor order): its name.
    CriterionName { index: usize },
    /// Criterion `index`: its definition.
    CriterionDefinition { index: usize },
}

/// One thing a checker found: where, which rule, what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The rule's id (see [`rules::RULES`]).
    pub rule: String,
    /// Which text the span is in.
    pub target: Target,
    /// The words to underline; `None` when the finding is about the text as a whole.
    pub span: Option<Span>,
    /// What is wrong, in words.
    pub message: String,
    /// What to do about it.
    pub suggestion: String,
}
