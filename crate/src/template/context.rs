//! What a render reads besides the template ([`RenderContext`], [`SnippetResolver`]) and what it
//! answers ([`Rendered`]).

use super::fields::{FieldSpec, FieldValue};
use crate::model::Rubric;
use serde::Serialize;
use std::collections::BTreeMap;

/// Default render budget: node visits allowed per render.
pub const DEFAULT_FUEL: u64 = 50_000;
/// Longest output, in bytes.
pub const MAX_OUTPUT_BYTES: usize = 1024 * 1024;
/// How deep `{snippet: …}` may nest.
pub const MAX_DEPTH: usize = 8;

/// A snippet found by [`SnippetResolver::resolve`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedSnippet {
    /// A stable identity (the snippet id), used to detect cycles.
    pub key: String,
    /// How messages name it (its trigger or label).
    pub name: String,
    /// Its template source.
    pub template: String,
}

/// Finds snippets for `{snippet: …}`; the engine implements it over the user's library.
pub trait SnippetResolver {
    /// The snippet whose trigger (`;acc`) or label (`Accuracy phrase`) is `reference`.
    fn resolve(&self, reference: &str) -> Option<ResolvedSnippet>;
}

/// A resolver that knows no snippets.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoSnippets;

impl SnippetResolver for NoSnippets {
    fn resolve(&self, _: &str) -> Option<ResolvedSnippet> {
        None
    }
}

/// What to do about fields the caller gave no value for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Answer [`Rendered::NeedsInput`] so the extension can show the fill-in form.
    #[default]
    Interactive,
    /// Use each field's default.
    UseDefaults,
}

/// Everything a render may read besides the template. The core never reads the clock.
pub struct RenderContext<'a> {
    /// Current time, UTC epoch milliseconds.
    pub now_ms: i64,
    /// The user's offset from UTC in minutes, east positive (+60 for CET; JavaScript's
    /// `-new Date().getTimezoneOffset()`).
    pub tz_offset_min: i32,
    /// Text for `{clipboard}`; `None` renders as empty text.
    pub clipboard: Option<String>,
    /// Field values by field name.
    pub values: BTreeMap<String, FieldValue>,
    /// Named captures of a regex trigger, for `{capture: name}`.
    pub captures: BTreeMap<String, String>,
    /// What to do about missing values.
    pub mode: Mode,
    /// Where `{snippet: …}` looks.
    pub resolver: &'a dyn SnippetResolver,
    /// The rubric `{criterion: …}` reads.
    pub rubric: Option<&'a Rubric>,
    /// The render budget.
    pub fuel: u64,
}

impl RenderContext<'static> {
    /// A context at `now_ms` in UTC with no values, no snippets, no rubric and the default budget.
    pub fn new(now_ms: i64) -> Self {
        RenderContext {
            now_ms,
            tz_offset_min: 0,
            clipboard: None,
            values: BTreeMap::new(),
            captures: BTreeMap::new(),
            mode: Mode::Interactive,
            resolver: &NoSnippets,
            rubric: None,
            fuel: DEFAULT_FUEL,
        }
    }
}

/// The result of a render.
///
/// JSON: `{"status": "done", "text", "cursors": [..]}` or `{"status": "needsInput", "fields": [..]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum Rendered {
    /// The final text.
    Done {
        /// The text.
        text: String,
        /// `{cursor}` positions as UTF-16 offsets into `text`, in template order (the first is
        /// where the caret goes). Empty when the template has no `{cursor}`.
        cursors: Vec<u32>,
    },
    /// Some fields have no value and the caller asked for the form.
    NeedsInput {
        /// Every field of the template and its nested snippets, in order of first appearance.
        fields: Vec<FieldSpec>,
    },
}

/// A render plus the fields it found (nested snippets included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The result.
    pub rendered: Rendered,
    /// Every field, in order of first appearance.
    pub fields: Vec<FieldSpec>,
}
