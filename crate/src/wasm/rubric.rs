//! The rubric tools ([`crate::rubric`], `pages` feature): the paste parser, both checkers, the
//! rule table and the worksheet's ranking. Free functions over values the page sends; nothing
//! here touches storage.

use super::{from_js, to_js, Core, JsResult};
use crate::rubric::justify::{check_justification, DuplicateGuard, JustificationInput};
use crate::rubric::{paste, rubric_check, rules, worksheet};
use wasm_bindgen::prelude::*;

/// Splits pasted rubric text into criteria to review: `{name, idealResponse, criteria, scale?, unplaced}`.
#[wasm_bindgen(js_name = parseRubricText)]
pub fn parse_rubric_text(text: &str) -> JsResult {
    to_js(&paste::parse_rubric_text(text))
}

/// The rubric checker over the editor's text `{name, idealResponse, criteria: [{key, name,
/// definition}], offRules}`: `[{rule, target, span?, message, suggestion}]`.
#[wasm_bindgen(js_name = checkRubric)]
pub fn check_rubric(rubric: JsValue) -> JsResult {
    let rubric: rubric_check::RubricText = from_js(rubric, "the rubric")?;
    to_js(&rubric_check::check_rubric(&rubric))
}

/// The library's near-duplicate guard for the justification checker. SEAM: the library's index
/// (branch feature/library) is connected here; until then there is none and the rule is quiet.
fn near_duplicate_guard() -> Option<&'static dyn DuplicateGuard> {
    None
}

/// The justification checker over `{text, criteria, settings, whole}`: the findings, spans in
/// UTF-16 units.
#[wasm_bindgen(js_name = checkJustification)]
pub fn check_justification_js(input: JsValue) -> JsResult {
    let input: JustificationInput = from_js(input, "the text to check")?;
    to_js(&check_justification(&input, near_duplicate_guard()))
}

/// Every rule of both checkers, as Settings lists them.
#[wasm_bindgen(js_name = checkerRules)]
pub fn checker_rules() -> JsResult {
    to_js(rules::RULES)
}

/// Ranks the worksheet `{criteria, scores, scale}`: `{winner, decidedBy, criterion?, totalA,
/// totalB, differing, failedA, failedB, unscored, draft}`.
#[wasm_bindgen(js_name = rankWorksheet)]
pub fn rank_worksheet(sheet: JsValue) -> JsResult {
    let sheet: worksheet::Sheet = from_js(sheet, "the worksheet")?;
    to_js(&worksheet::rank(&sheet))
}

/// What `checkField` answers: the text that was checked and the findings in it.
#[derive(serde::Serialize)]
struct Checked<'a> {
    text: &'a str,
    findings: Vec<crate::rubric::Finding>,
    /// The rule table, for the rules' titles.
    rules: &'static [rules::Rule],
}

#[wasm_bindgen]
impl Core {
    /// The justification checker on a task page's field (the palette's “Check this field”):
    /// against the active rubric and the checker settings the engine holds: `{text, findings}`.
    #[wasm_bindgen(js_name = checkField)]
    pub fn check_field(&self, text: &str) -> JsResult {
        let input = JustificationInput::for_rubric(
            text,
            self.engine.active_rubric(),
            &self.engine.settings().checker,
        );
        to_js(&Checked {
            text,
            findings: check_justification(&input, near_duplicate_guard()),
            rules: rules::RULES,
        })
    }
}
