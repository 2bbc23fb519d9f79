//! The rubric tools ([`crate::rubric`], `pages` feature): the paste parser, both checkers, the
//! rule table and the worksheet's ranking. Free functions over values the page sends; nothing
//! here touches storage.

use super::{from_js, to_js, Core, JsResult};
#[cfg(feature = "library-search")]
use crate::justify::{GuardOptions, LibraryGuard};
use crate::rubric::justify::{check_justification, JustificationInput};
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

/// The library's near-duplicate guard for the justification checker: the library's index at
/// `options`' threshold (else `settings`'), each match named by its date and task type.
#[cfg(feature = "library-search")]
fn near_duplicate_guard<'a>(
    library: &'a super::justify::LibraryIndex,
    options: &'a GuardOptions,
    settings: &crate::model::LibrarySettings,
) -> LibraryGuard<'a> {
    let threshold = options.threshold_percent.map_or_else(
        || settings.near_duplicate_threshold(),
        |p| f64::from(p.clamp(1, 100)) / 100.0,
    );
    LibraryGuard {
        index: library.index(),
        threshold,
        options,
    }
}

/// The justification checker over `{text, criteria, settings, whole}`: the findings, spans in
/// UTF-16 units. No library: the near-duplicate rule stays quiet (a snippet's template is meant
/// to be reused).
#[wasm_bindgen(js_name = checkJustification)]
pub fn check_justification_js(input: JsValue) -> JsResult {
    let input: JustificationInput = from_js(input, "the text to check")?;
    to_js(&check_justification(&input, None))
}

/// The justification checker with the library's near-duplicate guard: `library` is the page's
/// `LibraryIndex`, `options` `{thresholdPercent?, offsetMin, taskTypes: {id: name}, skipId?}`.
#[cfg(feature = "library-search")]
#[wasm_bindgen(js_name = checkJustificationWithLibrary)]
pub fn check_justification_with_library(
    input: JsValue,
    library: &super::justify::LibraryIndex,
    options: JsValue,
) -> JsResult {
    let input: JustificationInput = from_js(input, "the text to check")?;
    let options: GuardOptions = from_js(options, "the library options")?;
    let guard = near_duplicate_guard(library, &options, &Default::default());
    to_js(&check_justification(&input, Some(&guard)))
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
#[cfg(feature = "library-search")]
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
    /// against the active rubric, the checker settings the engine holds and the library's
    /// near-duplicate guard (`library`, named with `options` as `checkJustificationWithLibrary`
    /// takes them; the threshold from the settings): `{text, findings, rules}`.
    #[cfg(feature = "library-search")]
    #[wasm_bindgen(js_name = checkField)]
    pub fn check_field(
        &self,
        text: &str,
        library: &super::justify::LibraryIndex,
        options: JsValue,
    ) -> JsResult {
        let settings = self.engine.settings();
        let input =
            JustificationInput::for_rubric(text, self.engine.active_rubric(), &settings.checker);
        let options: GuardOptions = from_js(options, "the library options")?;
        let guard = near_duplicate_guard(library, &options, &settings.library);
        to_js(&Checked {
            text,
            findings: check_justification(&input, Some(&guard)),
            rules: rules::RULES,
        })
    }
}
