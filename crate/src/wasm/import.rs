//! Snippet import and export files for the dashboard (issue #3): espanso YAML, CSV and Rubrica's
//! JSON, each planned against the existing snippets before anything is stored.

use super::{answer, js_error, ms, to_js, with_arg, JsResult};
use crate::error::{Error, ErrorKind};
use crate::model::Snippet;
use wasm_bindgen::prelude::*;

/// The format of a file by name, then content: `"espanso"`, `"csv"` or `"rubrica"`; anything else
/// is an import error that says which formats are accepted.
#[wasm_bindgen(js_name = detectFormat)]
pub fn detect_format(file_name: &str, text: &str) -> JsResult {
    answer(crate::import::detect_known_format(file_name, text))
}

/// A snippet import planned in steps by the dashboard's planning worker (`plan-worker.js`):
/// `new ImportPlanner(fileName, text, now, seed)` reads the file (a malformed one throws the
/// importer's error), `addExisting(jsonText)` adds each part of the library as it arrives, and
/// `finish(shown)` answers `{view, added}`: the preview's view (counts, the first `shown` rows of
/// each list, the snippets the shown conflicts name) and the added snippets as UTF-8 JSON bytes (a
/// `Uint8Array`, transferred to the page without a copy). `seed` (16 random bytes) makes the new
/// ids; without it they derive from `now`.
#[wasm_bindgen]
pub struct ImportPlanner {
    inner: Option<crate::import::ImportPlanner>,
}

#[wasm_bindgen]
impl ImportPlanner {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = fileName)] file_name: &str,
        text: &str,
        now: f64,
        seed: Option<Vec<u8>>,
    ) -> Result<ImportPlanner, JsValue> {
        let mut s = [0u8; 16];
        match seed {
            Some(bytes) => s.iter_mut().zip(bytes).for_each(|(d, b)| *d = b),
            None => s[..8].copy_from_slice(&ms(now).to_le_bytes()),
        }
        let mut ids = crate::ids::IdGen::new(s);
        let inner = crate::import::ImportPlanner::new(file_name, text, &mut ids, ms(now))?;
        Ok(ImportPlanner { inner: Some(inner) })
    }

    /// Adds a part of the library: a JSON array of snippet records.
    #[wasm_bindgen(js_name = addExisting)]
    pub fn add_existing(&mut self, text: &str) -> Result<(), JsValue> {
        self.planner()?.add_existing_json(text)?;
        Ok(())
    }

    /// Plans against the parts added: `{view, added}` (see the type). Once only.
    pub fn finish(&mut self, shown: u32) -> JsResult {
        self.planner()?;
        let Some(planner) = self.inner.take() else {
            return Err(finished());
        };
        let (view, added) = planner.finish_view(shown as usize)?;
        let out = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
        set("view", &to_js(&view)?)?;
        set("added", &js_sys::Uint8Array::from(added.as_slice()).into())?;
        Ok(out.into())
    }

    fn planner(&mut self) -> Result<&mut crate::import::ImportPlanner, JsValue> {
        self.inner.as_mut().ok_or_else(finished)
    }
}

fn finished() -> JsValue {
    js_error(&Error::new(
        ErrorKind::Internal,
        "this import plan is already finished",
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
