//! The engine: the long-lived state the extension's background holds behind one handle — settings,
//! snippets, rubrics and the compiled trigger table — and the coarse operations on it.
//!
//! The engine never touches storage. The background reads a [`Snapshot`], hands it to
//! [`Engine::load`], and writes what the engine's answers tell it to.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::IdGen;
use crate::model::{RecordMeta, Rubric, Settings, Snippet, TriggerMode};
use crate::storage::{live_count, Collection, Snapshot, KEY_SETTINGS, KEY_SHARDS, SCHEMA_VERSION};
use crate::template::library::{apply_case_keeping_cursors, LibraryResolver};
use crate::template::{self, FieldSpec, FieldValue, Mode, RenderContext, Rendered};
#[cfg(feature = "regex-triggers")]
use crate::triggers::{compile_regex_triggers, RegexTriggers};
use crate::triggers::{typed_case, TriggerTable, TypedCase};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What `library.get` answers.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryView<'a> {
    /// Live snippets, in stored order.
    pub snippets: Vec<&'a Snippet>,
    /// Live rubrics.
    pub rubrics: Vec<&'a Rubric>,
    /// The rubric `{criterion: …}` resolves against, if any.
    pub active_rubric_id: Option<&'a str>,
    /// Duplicate and shadowed triggers, for the snippet list to show (never resolved silently).
    pub conflicts: Vec<crate::triggers::Conflict>,
}

/// A record in storage that could not be read. It stays in storage untouched; the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadProblem {
    pub key: String,
    pub id: String,
    pub message: String,
}

/// What [`Engine::load`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
    /// Live (not deleted) records per loaded collection.
    pub counts: BTreeMap<String, u32>,
    pub problems: Vec<LoadProblem>,
}

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
    /// The rubric of the running session's task type, which wins over the default rubric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_rubric_id: Option<String>,
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

/// The trigger of the built-in demo snippet, which works even with an empty library.
pub const DEMO_TRIGGER: &str = ";rubrica";
const DEMO_TEXT: &str = "Rubrica is working: this text was rendered by its core, on this machine.";

/// Rubrica's core state.
#[derive(Debug, Clone)]
pub struct Engine {
    ids: IdGen,
    settings: Settings,
    snippets: Vec<Snippet>,
    rubrics: Vec<Rubric>,
    table: TriggerTable,
    /// Compiled regex triggers; `None` when there are none or they failed to compile.
    #[cfg(feature = "regex-triggers")]
    regex: Option<RegexTriggers>,
    /// Why the regex triggers could not be compiled (shown as a load problem).
    regex_problem: Option<String>,
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

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with default settings and only the built-in snippets (id seed fixed; use
    /// [`Engine::with_seed`] in the extension).
    pub fn new() -> Engine {
        Engine::with_seed([0; 16])
    }

    /// An engine whose ids come from `seed` (the extension passes 16 random bytes).
    pub fn with_seed(seed: [u8; 16]) -> Engine {
        let mut engine = Engine {
            ids: IdGen::new(seed),
            settings: Settings::default(),
            snippets: Vec::new(),
            rubrics: Vec::new(),
            table: TriggerTable::compile([], true),
            #[cfg(feature = "regex-triggers")]
            regex: None,
            regex_problem: None,
        };
        engine.rebuild();
        engine
    }

    /// The id generator, for code that creates records.
    pub fn ids(&mut self) -> &mut IdGen {
        &mut self.ids
    }

    /// The current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Live snippets, built-ins included.
    pub fn snippets(&self) -> &[Snippet] {
        &self.snippets
    }

    /// Live rubrics.
    pub fn rubrics(&self) -> &[Rubric] {
        &self.rubrics
    }

    /// The library as the dashboard lists it (built-in demo snippet left out).
    pub fn library_view(&self) -> LibraryView<'_> {
        LibraryView {
            snippets: self
                .snippets
                .iter()
                .filter(|s| !s.triggers.iter().any(|t| t == DEMO_TRIGGER) || !s.builtin)
                .collect(),
            rubrics: self.rubrics.iter().collect(),
            active_rubric_id: self.active_rubric().map(|r| r.meta.id.as_str()),
            conflicts: crate::triggers::conflicts(&self.snippets),
        }
    }

    /// The compiled trigger table.
    pub fn trigger_table(&self) -> &TriggerTable {
        &self.table
    }

    /// Loads settings, snippets and rubrics from a storage snapshot (already migrated). Records
    /// that fail to parse are reported and skipped in memory, never removed from storage.
    pub fn load(&mut self, stored: &Snapshot) -> LoadReport {
        let mut report = LoadReport::default();
        self.settings = match stored.get(KEY_SETTINGS) {
            Some(v) => Settings::deserialize_lenient(v, &mut report.problems),
            None => Settings::default(),
        };
        self.snippets = load_collection(stored, Collection::Snippets, &mut report);
        self.rubrics = load_collection(stored, Collection::Rubrics, &mut report);
        self.rebuild();
        if let Some(message) = &self.regex_problem {
            report.problems.push(LoadProblem {
                key: Collection::Snippets.name().into(),
                id: String::new(),
                message: message.clone(),
            });
        }
        report
    }

    fn rebuild(&mut self) {
        if !self
            .snippets
            .iter()
            .any(|s| s.triggers.iter().any(|t| t == DEMO_TRIGGER))
        {
            self.snippets.push(demo_snippet());
        }
        self.table = TriggerTable::compile(&self.snippets, self.settings.expansion.enabled);
        self.table.backspace_undo = self.settings.expansion.backspace_undo;
        #[cfg(feature = "regex-triggers")]
        {
            (self.regex, self.regex_problem) = if self.table.has_regex {
                match compile_regex_triggers(&self.snippets) {
                    Ok(r) if !r.is_empty() => (Some(r), None),
                    Ok(_) => (None, None),
                    Err(e) => (None, Some(format!("regex triggers are off: {}", e.message))),
                }
            } else {
                (None, None)
            };
        }
    }

    /// Replaces the settings (after the background stored them) and recompiles the table.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.rebuild();
    }

    /// Merges `patch` into the current settings. Unknown or mistyped settings are an error and
    /// nothing changes.
    pub fn patch_settings(&self, patch: &Map<String, Value>) -> Result<Settings> {
        let mut merged = serde_json::to_value(&self.settings)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        merge(&mut merged, &Value::Object(patch.clone()), "")?;
        serde_json::from_value(merged)
            .map_err(|e| Error::new(ErrorKind::InvalidMessage, format!("invalid setting: {e}")))
    }

    /// The rubric `{criterion: …}` reads: the default rubric from settings, else the first
    /// built-in rubric, else none.
    pub fn active_rubric(&self) -> Option<&Rubric> {
        self.settings
            .default_rubric_id
            .as_ref()
            .and_then(|id| self.rubrics.iter().find(|r| r.meta.id == *id))
            .or_else(|| self.rubrics.iter().find(|r| r.builtin))
    }

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
            .snippets
            .iter()
            .find(|s| {
                s.triggers
                    .iter()
                    .any(|t| *t == key || (s.propagate_case && t.to_lowercase() == key))
            })
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
        let rubric = ctx
            .session_rubric_id
            .as_ref()
            .and_then(|id| self.rubrics.iter().find(|r| r.meta.id == *id))
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

    /// Live record counts of every collection, from the small collections' maps and the shard
    /// index, so counting never loads a month shard.
    pub fn count_records(stored: &Snapshot) -> BTreeMap<String, u32> {
        let index = stored.get(KEY_SHARDS);
        Collection::ALL
            .into_iter()
            .map(|c| {
                let n = if c.is_sharded() {
                    index
                        .and_then(|i| i.get(c.name()))
                        .and_then(Value::as_object)
                        .map(|m| m.values().filter_map(Value::as_u64).sum::<u64>() as u32)
                        .unwrap_or(0)
                } else {
                    stored.get(c.name()).map(live_count).unwrap_or(0)
                };
                (c.name().to_string(), n)
            })
            .collect()
    }

    /// The schema version this engine reads and writes.
    pub fn schema(&self) -> u32 {
        SCHEMA_VERSION
    }
}

fn demo_snippet() -> Snippet {
    Snippet {
        meta: RecordMeta::new("snp_00000000000000000000000DEMO".into(), 0),
        triggers: vec![DEMO_TRIGGER.into()],
        regex: None,
        label: "Rubrica demo".into(),
        folder: "Rubrica".into(),
        tags: vec!["demo".into()],
        template: DEMO_TEXT.into(),
        mode: TriggerMode::Immediate,
        word_boundary: false,
        propagate_case: false,
        criteria: vec![],
        usage_count: 0,
        last_used_at: None,
        builtin: true,
    }
}

fn load_collection<T: serde::de::DeserializeOwned + HasMeta>(
    stored: &Snapshot,
    c: Collection,
    report: &mut LoadReport,
) -> Vec<T> {
    let mut out = Vec::new();
    for (key, value) in stored.iter().filter(|(k, _)| c.owns_key(k)) {
        let Some(map) = value.as_object() else {
            report.problems.push(LoadProblem {
                key: key.clone(),
                id: String::new(),
                message: format!("“{key}” is not a map of records"),
            });
            continue;
        };
        for (id, rec) in map {
            match T::deserialize(rec) {
                Ok(r) if r.meta().is_deleted() => {}
                Ok(r) => out.push(r),
                Err(e) => report.problems.push(LoadProblem {
                    key: key.clone(),
                    id: id.clone(),
                    message: e.to_string(),
                }),
            }
        }
    }
    report.counts.insert(c.name().into(), out.len() as u32);
    out
}

trait HasMeta {
    fn meta(&self) -> &RecordMeta;
}

impl HasMeta for Snippet {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
}

impl HasMeta for Rubric {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
}

impl Settings {
    fn deserialize_lenient(v: &Value, problems: &mut Vec<LoadProblem>) -> Settings {
        serde_json::from_value(v.clone()).unwrap_or_else(|e| {
            problems.push(LoadProblem {
                key: KEY_SETTINGS.into(),
                id: String::new(),
                message: format!("settings could not be read ({e}); defaults are in use"),
            });
            Settings::default()
        })
    }
}

/// Deep-merges `patch` into `target`; every key of the patch must already exist in `target`.
fn merge(target: &mut Value, patch: &Value, path: &str) -> Result<()> {
    let (Some(t), Some(p)) = (target.as_object_mut(), patch.as_object()) else {
        *target = patch.clone();
        return Ok(());
    };
    for (k, v) in p {
        let here = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        match t.get_mut(k) {
            Some(existing) if existing.is_object() && v.is_object() => merge(existing, v, &here)?,
            Some(existing) => *existing = v.clone(),
            None if is_optional_setting(&here) => {
                t.insert(k.clone(), v.clone());
            }
            None => {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    format!("unknown setting “{here}”"),
                ))
            }
        }
    }
    Ok(())
}

/// Settings that serialize as absent when unset.
fn is_optional_setting(path: &str) -> bool {
    matches!(
        path,
        "defaultRubricId" | "lastExportAt" | "session.lastPlatformId" | "session.lastTaskTypeId"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stored_with_snippet(template: &str) -> Snapshot {
        let mut s = Snapshot::new();
        s.insert(
            "snippets".into(),
            json!({"snp_a": {"id": "snp_a", "createdAt": 1, "updatedAt": 1,
                             "triggers": [";acc"], "template": template},
                   "snp_bad": {"id": "snp_bad"}}),
        );
        s
    }

    /// 2026-11-26T09:30:00Z.
    const NOW: i64 = 1_795_685_400_000;

    fn ctx() -> ExpandContext {
        ExpandContext {
            now: NOW,
            ..ExpandContext::default()
        }
    }

    fn done(r: Result<ExpandResult>) -> (String, Vec<u32>) {
        match r {
            Ok(ExpandResult {
                rendered: Rendered::Done { text, cursors },
                ..
            }) => (text, cursors),
            other => panic!("not done: {other:?}"),
        }
    }

    #[test]
    fn demo_trigger_expands_with_an_empty_library() {
        let mut e = Engine::new();
        let (text, cursors) = done(e.expand(";rubrica", &ctx()));
        assert_eq!(text, DEMO_TEXT);
        assert_eq!(cursors, vec![DEMO_TEXT.encode_utf16().count() as u32]);
        assert!(e.expand(";nothing", &ctx()).is_err());
    }

    fn library() -> Snapshot {
        let mut s = Snapshot::new();
        s.insert(
            "snippets".into(),
            json!({
                "snp_j": {"id": "snp_j", "createdAt": 1, "updatedAt": 1, "triggers": [";just"],
                          "template": "Response {choice: better; A | B} is better: {snippet: ;acc}. Straße{cursor} {date: D MMM}"},
                "snp_acc": {"id": "snp_acc", "createdAt": 1, "updatedAt": 1, "triggers": [";acc"],
                            "label": "Accuracy", "template": "{criterion: accuracy}"}
            }),
        );
        s.insert(
            "rubrics".into(),
            json!({
                "rub_user": {"id": "rub_user", "createdAt": 1, "updatedAt": 1, "name": "Mine",
                             "criteria": [{"key": "accuracy", "name": "Accuracy", "phrases": ["my phrase"]}]},
                "rub_std": {"id": "rub_std", "createdAt": 1, "updatedAt": 1, "name": "Standard",
                            "builtin": true,
                            "criteria": [{"key": "accuracy", "name": "Accuracy", "phrases": ["it is correct"]}]}
            }),
        );
        s
    }

    #[cfg(feature = "palette")]
    #[test]
    fn the_palette_searches_and_expands_by_id() {
        let mut e = Engine::new();
        e.load(&library());
        let hits = e.search("accurcy", 10);
        assert_eq!(hits.first().map(|h| h.snippet_id.as_str()), Some("snp_acc"));
        let ask = e.expand_snippet("snp_j", &ctx());
        assert!(matches!(
            ask,
            Ok(ExpandResult {
                rendered: Rendered::NeedsInput { .. },
                ..
            })
        ));
        let mut defaults = ctx();
        defaults.use_defaults = true;
        let (text, _) = done(e.expand_snippet("snp_j", &defaults));
        assert!(text.starts_with("Response A is better"), "{text}");
        assert!(e.expand_snippet("snp_gone", &ctx()).is_err());
        assert_eq!(e.palette_replace_len("snp_j", ";ju"), Ok(3));
        assert_eq!(e.palette_replace_len("snp_j", "word"), Ok(0));
        assert!(e.palette_replace_len("snp_gone", ";ju").is_err());
    }

    #[test]
    fn templates_ask_for_input_then_render_with_case_and_cursors() {
        let mut e = Engine::new();
        e.load(&library());
        let ask = e.expand(";just", &ctx()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            serde_json::to_value(&ask).unwrap_or_default(),
            json!({"status": "needsInput", "snippetId": "snp_j", "fields": [
                {"name": "better", "kind": "choice", "options": ["A", "B"], "default": "A"}]})
        );
        let mut answered = ctx();
        answered.values = Some([("better".to_string(), FieldValue::Text("B".into()))].into());
        let (text, cursors) = done(e.expand(";just", &answered));
        assert_eq!(text, "Response B is better: it is correct. Straße 26 Nov");
        assert_eq!(cursors, vec![43]);
        // Upper case turns ß into SS: the cursor stays after it.
        let (text, cursors) = done(e.expand(";JUST", &answered));
        assert_eq!(text, "RESPONSE B IS BETTER: IT IS CORRECT. STRASSE 26 NOV");
        assert_eq!(cursors, vec![44]);
        let json = serde_json::to_value(e.expand(";just", &answered).ok()).unwrap_or_default();
        assert_eq!(json["status"], "done");
        assert_eq!(json["snippetId"], "snp_j");
    }

    #[test]
    fn the_default_rubric_wins_over_the_builtin_one() {
        let mut e = Engine::new();
        e.load(&library());
        let mut c = ctx();
        c.use_defaults = true;
        assert_eq!(done(e.expand(";acc", &c)).0, "it is correct");
        e.set_settings(Settings {
            default_rubric_id: Some("rub_user".into()),
            ..Settings::default()
        });
        assert_eq!(done(e.expand(";acc", &c)).0, "my phrase");
        assert_eq!(e.active_rubric().map(|r| r.name.as_str()), Some("Mine"));
    }

    #[test]
    fn preview_uses_defaults_and_reports_errors_with_positions() {
        let mut e = Engine::new();
        e.load(&library());
        let p = e
            .preview(
                "{text: why; default=x}{cursor} {snippet: Accuracy}",
                &ctx(),
                Some("rub_user"),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.text, "x my phrase");
        assert_eq!(p.cursors, vec![1]);
        assert_eq!(p.fields.len(), 1);
        let err = e.preview("ok\n{choice: better}", &ctx(), None).err();
        assert_eq!(
            err.as_ref().map(|e| (e.line, e.column)),
            Some((Some(2), Some(1)))
        );
        assert!(e.preview("x", &ctx(), Some("rub_nope")).is_err());
    }

    #[test]
    fn load_reports_bad_records_and_keeps_good_ones() {
        let mut e = Engine::new();
        let report = e.load(&stored_with_snippet("the response is accurate"));
        assert_eq!(report.counts["snippets"], 1);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(report.problems[0].id, "snp_bad");
        assert_eq!(done(e.expand(";Acc", &ctx())).0, "The response is accurate");
        assert_eq!(done(e.expand(";ACC", &ctx())).0, "THE RESPONSE IS ACCURATE");
    }

    fn patch(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn settings_patches_are_checked() {
        let e = Engine::new();
        let ok = e.patch_settings(&patch(
            json!({"theme": "dark", "expansion": {"enabled": false}}),
        ));
        let ok = ok.unwrap_or_else(|e| panic!("{e}"));
        assert!(!ok.expansion.enabled);
        assert!(
            ok.expansion.backspace_undo,
            "untouched settings keep their values"
        );
        let unknown = e.patch_settings(&patch(json!({"expansion": {"turbo": true}})));
        assert_eq!(
            unknown.map_err(|e| e.message),
            Err("unknown setting “expansion.turbo”".to_string())
        );
        assert!(e
            .patch_settings(&patch(json!({"theme": "purple"})))
            .is_err());
        let optional = e.patch_settings(&patch(json!({"defaultRubricId": "rub_x"})));
        assert_eq!(
            optional.map(|s| s.default_rubric_id),
            Ok(Some("rub_x".into()))
        );
    }

    #[test]
    fn the_running_sessions_rubric_wins_over_the_default() {
        let mut s = Snapshot::new();
        let rubric = |id: &str, phrase: &str, builtin: bool| {
            json!({"id": id, "createdAt": 1, "updatedAt": 1, "name": id, "builtin": builtin,
                   "criteria": [{"key": "accuracy", "name": "Accuracy", "phrases": [phrase]}]})
        };
        s.insert(
            "rubrics".into(),
            json!({"rub_a": rubric("rub_a", "default phrase", true),
                   "rub_b": rubric("rub_b", "project phrase", false)}),
        );
        s.insert(
            "snippets".into(),
            json!({"snp_c": {"id": "snp_c", "createdAt": 1, "updatedAt": 1, "triggers": [";c"],
                             "template": "{criterion: accuracy}"}}),
        );
        let mut e = Engine::new();
        e.load(&s);
        let text = |r: Result<ExpandResult>| match r.map(|x| x.rendered) {
            Ok(Rendered::Done { text, .. }) => text,
            other => format!("{other:?}"),
        };
        assert_eq!(text(e.expand(";c", &ctx())), "default phrase");
        let mut with_session = ctx();
        with_session.session_rubric_id = Some("rub_b".into());
        assert_eq!(text(e.expand(";c", &with_session)), "project phrase");
        with_session.session_rubric_id = Some("rub_gone".into());
        assert_eq!(text(e.expand(";c", &with_session)), "default phrase");
    }

    #[test]
    #[cfg(feature = "regex-triggers")]
    fn regex_triggers_expand_with_their_captures() {
        let mut s = Snapshot::new();
        s.insert(
            "snippets".into(),
            json!({"snp_r": {"id": "snp_r", "createdAt": 1, "updatedAt": 1, "triggers": [],
                             "regex": ";score(?P<n>[1-5])", "template": "Score {capture: n}/5."},
                   "snp_bad": {"id": "snp_bad", "createdAt": 1, "updatedAt": 1, "triggers": [],
                               "regex": "(", "template": "x"}}),
        );
        let mut e = Engine::new();
        let report = e.load(&s);
        assert!(report
            .problems
            .iter()
            .any(|p| p.message.contains("regex triggers are off")));
        s.insert(
            "snippets".into(),
            json!({"snp_r": {"id": "snp_r", "createdAt": 1, "updatedAt": 1, "triggers": [],
                             "regex": ";score(?P<n>[1-5])", "template": "Score {capture: n}/5."}}),
        );
        assert!(e.load(&s).problems.is_empty());
        let x = e
            .expand_regex("Overall ;score4", &ctx())
            .unwrap_or_else(|e| panic!("{e}"));
        let x = x.unwrap_or_else(|| panic!("no match"));
        assert_eq!(x.replace_len, 7);
        assert_eq!(
            x.result.rendered,
            Rendered::Done {
                text: "Score 4/5.".into(),
                cursors: vec![10]
            }
        );
        assert_eq!(
            e.expand_regex("nothing here", &ctx()).map(|x| x.is_none()),
            Ok(true)
        );
    }

    #[test]
    fn counts_come_from_small_maps_and_the_shard_index() {
        let mut s = stored_with_snippet("x");
        s.insert(
            "shards".into(),
            json!({"tasks": {"2026-10": 3, "2026-11": 4}, "sessions": {}}),
        );
        let counts = Engine::count_records(&s);
        assert_eq!(counts["snippets"], 2);
        assert_eq!(counts["tasks"], 7);
        assert_eq!(counts["sessions"], 0);
    }

    #[test]
    fn disabled_expansion_is_in_the_table() {
        let mut e = Engine::new();
        let mut s = Settings::default();
        s.expansion.enabled = false;
        e.set_settings(s);
        assert!(!e.trigger_table().enabled);
        let mut s = Settings::default();
        s.expansion.backspace_undo = false;
        e.set_settings(s);
        assert!(
            !e.trigger_table().backspace_undo,
            "the table carries the Backspace setting"
        );
    }
}
