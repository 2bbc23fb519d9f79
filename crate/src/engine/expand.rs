//! Expansion: the trigger the user typed (with case propagation), a regex trigger at the caret,
//! a snippet the search palette chose, and the dashboard editor's live preview. Each renders a
//! template against the library, the rubric in force and the injected clock.

use super::Engine;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Rubric, Snippet};
use crate::template::library::{apply_case_keeping_cursors, LibraryResolver};
use crate::template::{self, FieldSpec, FieldValue, Mode, RenderContext, Rendered};
use crate::triggers::{typed_case, TypedCase};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What an expansion or preview may read besides the library: the injected clock, the
/// clipboard and the fill-in form's answers.
///
/// JSON: `{now, tzOffsetMin?, clipboard?, values?, captures?, useDefaults?}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpandContext {
    /// Current time, UTC epoch milliseconds.
    pub now: i64,
    /// The user's offset from UTC in minutes, east positive: JavaScript's
    /// `-new Date().getTimezoneOffset()` (+60 for CET).
    #[serde(default)]
    pub tz_offset_min: i32,
    /// Text for `{clipboard}`; absent renders as empty text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clipboard: Option<String>,
    /// The fill-in form's answers by field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<BTreeMap<String, FieldValue>>,
    /// Named captures of a regex trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captures: Option<BTreeMap<String, String>>,
    /// Fill fields without a value from their defaults instead of asking.
    #[serde(default)]
    pub use_defaults: bool,
}

/// The result of [`Engine::expand`].
///
/// JSON: `{"status": "done", "text", "cursors": [UTF-16 offsets], "snippetId"}` or
/// `{"status": "needsInput", "fields": [FieldSpec], "snippetId"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpandResult {
    /// The rendered text, or the fields to ask for.
    #[serde(flatten)]
    pub rendered: Rendered,
    /// The snippet's id (for usage counts, and to send the form's answers back).
    pub snippet_id: String,
}

/// The result of [`Engine::preview`]: the text with defaults for every unanswered field, and the
/// form the template would show.
///
/// JSON: `{"text", "cursors": [UTF-16 offsets], "fields": [FieldSpec]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// The text as it would be inserted with default values.
    pub text: String,
    /// `{cursor}` positions as UTF-16 offsets into `text`.
    pub cursors: Vec<u32>,
    /// Every field, nested snippets included, in order of first appearance.
    pub fields: Vec<FieldSpec>,
}

/// The result of [`Engine::expand_regex`]: an expansion and how much text before the caret the
/// regex matched (what to replace).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegexExpansion {
    #[serde(flatten)]
    pub result: ExpandResult,
    /// UTF-16 units before the caret (the delimiter excluded) that the expansion replaces.
    pub replace_len: u32,
}

impl Engine {
    fn render_context<'a>(
        &'a self,
        ctx: &ExpandContext,
        rubric: Option<&'a Rubric>,
        resolver: &'a LibraryResolver<'a>,
    ) -> RenderContext<'a> {
        RenderContext {
            now_ms: ctx.now,
            tz_offset_min: ctx.tz_offset_min,
            clipboard: ctx.clipboard.clone(),
            values: ctx.values.clone().unwrap_or_default(),
            captures: ctx.captures.clone().unwrap_or_default(),
            mode: if ctx.use_defaults {
                Mode::UseDefaults
            } else {
                Mode::Interactive
            },
            resolver,
            rubric,
            fuel: template::DEFAULT_FUEL,
        }
    }

    /// Expands the trigger the user typed (`;Acc`): renders the snippet's template and applies
    /// case propagation. Without `ctx.values` and `ctx.useDefaults`, a template with fill-in
    /// fields answers `needsInput`; the extension shows the form and calls again with `values`.
    /// When the template has no `{cursor}`, the caret goes to the end of the text.
    pub fn expand(&mut self, typed: &str, ctx: &ExpandContext) -> Result<ExpandResult> {
        let key = self
            .table
            .find_at_end(typed)
            .filter(|(_, t)| *t == typed)
            .map(|(k, _)| k.to_string())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("no snippet has the trigger “{typed}”"),
                )
            })?;
        let snippet = self
            .by_key
            .get(&key)
            .and_then(|&i| self.snippets.get(i))
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "the snippet was deleted"))?;
        let case = if snippet.propagate_case {
            typed_case(typed)
        } else {
            TypedCase::AsIs
        };
        self.render_snippet(snippet, case, ctx)
    }

    /// Expands a regex trigger matching at the end of `before` (the text before the caret, the
    /// delimiter just typed excluded); `Ok(None)` when no regex trigger matches. Named captures
    /// are available to the template as `{capture: name}`.
    #[cfg(feature = "regex-triggers")]
    pub fn expand_regex(
        &mut self,
        before: &str,
        ctx: &ExpandContext,
    ) -> Result<Option<RegexExpansion>> {
        if !self.table.enabled {
            return Ok(None);
        }
        let Some(m) = self.regex.as_ref().and_then(|r| r.match_at_end(before)) else {
            return Ok(None);
        };
        let snippet = self
            .snippets
            .iter()
            .find(|s| s.meta.id == m.snippet_id)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "the snippet was deleted"))?;
        let mut ctx = ctx.clone();
        ctx.captures = Some(m.captures);
        let result = self.render_snippet(snippet, TypedCase::AsIs, &ctx)?;
        Ok(Some(RegexExpansion {
            result,
            replace_len: m.len_utf16,
        }))
    }

    /// Expands snippet `id` as the search palette chose it (no case propagation). As for
    /// [`Engine::expand`], a template with fields answers `needsInput` unless `ctx` has values or
    /// `useDefaults`.
    #[cfg(feature = "palette")]
    pub fn expand_snippet(&self, id: &str, ctx: &ExpandContext) -> Result<ExpandResult> {
        let snippet = self.snippet(id)?;
        self.render_snippet(snippet, TypedCase::AsIs, ctx)
    }

    /// The palette's fuzzy search over the live snippets (see [`crate::search`]).
    #[cfg(feature = "palette")]
    pub fn search(&self, query: &str, limit: usize) -> Vec<crate::search::SearchHit> {
        crate::search::search(&self.snippets, query, limit)
    }

    /// How many UTF-16 units of `word` (the word before the caret when the palette opened) the
    /// palette replaces when snippet `id` is chosen: all of it when it starts one of the snippet's
    /// triggers, else none ([`crate::search::replaces_word`]).
    #[cfg(feature = "palette")]
    pub fn palette_replace_len(&self, id: &str, word: &str) -> Result<u32> {
        let snippet = self.snippet(id)?;
        Ok(if crate::search::replaces_word(snippet, word) {
            word.encode_utf16().count() as u32
        } else {
            0
        })
    }

    #[cfg(feature = "palette")]
    fn snippet(&self, id: &str) -> Result<&Snippet> {
        self.snippets
            .iter()
            .find(|s| s.meta.id == id)
            .ok_or_else(|| Error::new(ErrorKind::NotFound, "the snippet was deleted"))
    }

    fn render_snippet(
        &self,
        snippet: &Snippet,
        case: TypedCase,
        ctx: &ExpandContext,
    ) -> Result<ExpandResult> {
        let parsed = template::parse(&snippet.template)?;
        // The open session's task-type rubric wins over the default one (`session.rs`).
        let rubric = self
            .session_rubric_id()
            .and_then(|id| self.rubrics.iter().find(|r| r.meta.id == id))
            .or_else(|| self.active_rubric());
        let rendered = template::render(
            &parsed,
            &self.render_context(ctx, rubric, &LibraryResolver(&self.snippets)),
        )?;
        let rendered = match rendered {
            Rendered::Done { text, cursors } => {
                let (text, mut cursors) = apply_case_keeping_cursors(&text, &cursors, case);
                if cursors.is_empty() {
                    cursors.push(text.encode_utf16().count() as u32);
                }
                Rendered::Done { text, cursors }
            }
            ask => ask,
        };
        Ok(ExpandResult {
            rendered,
            snippet_id: snippet.meta.id.clone(),
        })
    }

    /// Renders template source for the dashboard's live preview, with defaults for unanswered
    /// fields. `rubric_id` picks the rubric for `{criterion: …}` (default: [`Engine::active_rubric`]).
    /// Parse errors carry a line, column and caret excerpt.
    pub fn preview(
        &self,
        source: &str,
        ctx: &ExpandContext,
        rubric_id: Option<&str>,
    ) -> Result<Preview> {
        let rubric =
            match rubric_id {
                Some(id) => Some(self.rubrics.iter().find(|r| r.meta.id == id).ok_or_else(
                    || Error::new(ErrorKind::NotFound, format!("no rubric has the id “{id}”")),
                )?),
                None => self.active_rubric(),
            };
        let parsed = template::parse(source)?;
        let resolver = LibraryResolver(&self.snippets);
        let mut rctx = self.render_context(ctx, rubric, &resolver);
        rctx.mode = Mode::UseDefaults;
        let out = template::render_output(&parsed, &rctx)?;
        match out.rendered {
            Rendered::Done { text, cursors } => Ok(Preview {
                text,
                cursors,
                fields: out.fields,
            }),
            Rendered::NeedsInput { .. } => Err(Error::new(
                ErrorKind::Internal,
                "a preview asked for input; please report this",
            )),
        }
    }
}
