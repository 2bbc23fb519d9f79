//! Snippet import and export files for the dashboard (issue #3): espanso YAML, CSV and Rubrica's
//! JSON, each planned against the existing snippets before anything is stored.

use super::{answer, from_js, ms, with_arg, JsResult};
use crate::model::Snippet;
use wasm_bindgen::prelude::*;

/// The format of a file by name, then content: `"espanso"`, `"csv"` or `"rubrica"`; anything else
/// is an import error that says which formats are accepted.
#[wasm_bindgen(js_name = detectFormat)]
pub fn detect_format(file_name: &str, text: &str) -> JsResult {
    answer(crate::import::detect_known_format(file_name, text))
}

/// Plans a snippet import against the `existing` snippets (an array, or its JSON text): `{format, added, skipped, notes,
/// conflicts}`. `seed` (16 random bytes) makes the new ids; without it they derive from `now`.
#[wasm_bindgen(js_name = planSnippetImport)]
pub fn plan_snippet_import(
    file_name: &str,
    text: &str,
    existing: JsValue,
    now: f64,
    seed: Option<Vec<u8>>,
) -> JsResult {
    // The library as JSON text (as the background sends it in parts) or as objects.
    let existing: Vec<Snippet> = match existing.as_string() {
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            crate::error::Error::new(
                crate::error::ErrorKind::InvalidMessage,
                format!("the existing snippets have the wrong shape: {e}"),
            )
        })?,
        None => from_js(existing, "the existing snippets")?,
    };
    let mut s = [0u8; 16];
    match seed {
        Some(bytes) => s.iter_mut().zip(bytes).for_each(|(d, b)| *d = b),
        None => s[..8].copy_from_slice(&ms(now).to_le_bytes()),
    }
    let mut ids = crate::ids::IdGen::new(s);
    answer(crate::import::plan_snippet_import(
        file_name,
        text,
        &existing,
        &mut ids,
        ms(now),
    ))
}

/// How the import preview shows a template: fields as boxes (`[reason]`), as the form shows them.
#[wasm_bindgen(js_name = templateOutline)]
pub fn template_outline(source: &str) -> String {
    crate::import::outline(source)
}

/// The live snippets as CSV: `{text, notes}`.
#[wasm_bindgen(js_name = exportSnippetsCsv)]
pub fn export_snippets_csv(snippets: JsValue) -> JsResult {
    with_arg(snippets, "the snippets", |s: Vec<Snippet>| {
        crate::import::export_csv(&s)
    })
}

/// The live snippets as a Rubrica JSON envelope of kind `snippets`.
#[wasm_bindgen(js_name = exportSnippetsJson)]
pub fn export_snippets_json(snippets: JsValue, now: f64) -> JsResult {
    with_arg(snippets, "the snippets", |s: Vec<Snippet>| {
        crate::import::export_json(&s, ms(now))
    })
}
