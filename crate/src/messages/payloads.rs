//! The payload of every message type: strict (`deny_unknown_fields`) so a field the contract does
//! not name is refused. Size limits that serde cannot express are checked in [`super::Request::parse`].

use crate::template::FieldValue;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Payload of `snippet.save`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveSnippet {
    /// The editor's draft.
    pub snippet: crate::edits::SnippetDraft,
}

/// Payload of `rubric.save`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveRubric {
    /// The editor's draft.
    pub rubric: crate::edits::RubricDraft,
}

/// Payload of `worksheet.insert`: the draft the user confirmed, for the tab the worksheet is bound to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorksheetInsert {
    /// The task page's tab (the side panel was opened from it).
    pub tab_id: u32,
    /// The text to write at the caret of the field last used in that tab.
    pub text: String,
}

/// Payload of `justification.save`.
#[cfg(feature = "library-search")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SaveJustification {
    /// The entry as the Library section or the palette sends it.
    pub entry: crate::justify::save::JustificationDraft,
}

/// Payload of messages that name one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordId {
    /// The record's id.
    pub id: String,
}

/// Payload of `expand`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpandPayload {
    /// The trigger as the user typed it (case matters for propagation).
    pub trigger: String,
    /// The fill-in form's answers by field name (sent after a `needsInput` reply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<BTreeMap<String, FieldValue>>,
    /// Fill unanswered fields with their defaults instead of asking.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub use_defaults: bool,
}

/// Payload of `expand.regex`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExpandRegexPayload {
    /// Text before the caret (the delimiter just typed excluded), at most the table's lookback.
    pub before: String,
    /// The fill-in form's answers by field name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<BTreeMap<String, FieldValue>>,
    /// Fill unanswered fields with their defaults instead of asking.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub use_defaults: bool,
}

/// A pending form or palette request's token: 32 lowercase hex digits (128 random bits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenPayload {
    pub token: String,
}

/// Payload of `palette.open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaletteOpen {
    /// The word before the caret: the search box's first query.
    pub word: String,
    /// The focused field's whole text (at most 20,000 characters): what "Save this field" saves
    /// and the near-duplicate guard checks. Absent or empty for an empty field.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
}

/// Payload of `overlay.entry`: insert one library entry (the palette's second, explicit action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverlayEntry {
    pub token: String,
    pub entry_id: String,
}

/// Payload of `overlay.preview` and `overlay.submit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverlayValues {
    pub token: String,
    /// The form's answers by field name.
    pub values: BTreeMap<String, FieldValue>,
}

/// Payload of `overlay.search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverlaySearch {
    pub token: String,
    pub query: String,
}

/// Payload of `overlay.choose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverlayChoose {
    pub token: String,
    pub snippet_id: String,
}

/// Payload of `settings.update`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsPatch {
    /// A partial settings object; merged into the current settings and checked as a whole.
    pub patch: serde_json::Map<String, Value>,
}

/// Payload of `import.preview` and `import.commit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportFile {
    pub file_name: String,
    pub text: String,
}

/// Payload of `toggl.preview` and `toggl.commit`: the file, and whether dates that read either
/// way (`03/04/2026`) are day first (the person's choice in the preview; month first otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TogglFile {
    pub file_name: String,
    pub text: String,
    #[serde(default)]
    pub day_first: bool,
}

/// Payload of `session.command`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionCommand {
    /// A user command (browser signals such as `idle` are refused: only the background sends them).
    pub command: crate::timing::command::Command,
}

/// Payload of `session.restart`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRestart {
    /// Stop the session at its last activity (`true`) or keep it running.
    pub stop: bool,
}

/// Payload of `session.list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionList {
    /// Range start (UTC ms).
    pub from: i64,
    /// Range end, exclusive (UTC ms).
    pub to: i64,
    /// Most sessions to return (default 100, at most 1,000).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Payload of `session.report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRange {
    /// Range start (UTC ms).
    pub from: i64,
    /// Range end, exclusive (UTC ms).
    pub to: i64,
}

/// Payload of `platform.create`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlatformName {
    /// The platform's name as the user typed it.
    pub name: String,
}

/// Payload of `taskType.create` and `taskType.update`. The task type itself is checked strictly
/// (`deny_unknown_fields`, as `catalogue::TaskTypeDraft` / `TaskTypeUpdate`) by the full
/// module that handles it: typing it here would cost the background module ~6 KB gzipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskTypePayload {
    /// The task type's fields (an object).
    pub task_type: serde_json::Map<String, Value>,
}

/// Longest host name (DNS limit).
#[cfg(feature = "pages")]
const MAX_HOST_CHARS: usize = 253;

/// Payload of `site.enable` and `site.disable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SitePayload {
    /// A web page's host name, lower case, no scheme or port (`example.com`, `[::1]`).
    pub host: String,
    /// The tab to inject the content script into right away (`site.enable` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab_id: Option<u32>,
}

/// Whether `host` looks like a host name Rubrica may register a content script for.
#[cfg(feature = "pages")]
pub(super) fn valid_host(host: &str) -> bool {
    let bracketed = host.len() > 2 && host.starts_with('[') && host.ends_with(']');
    !host.is_empty()
        && host.len() <= MAX_HOST_CHARS
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && if bracketed {
            host[1..host.len() - 1]
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        } else {
            host.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        }
}

/// Payload of `session.edit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionEditPayload {
    /// The correction.
    pub edit: crate::sessions::SessionEdit,
}

/// Payload of `snippets.import`: the snippets of a reviewed import plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportSnippets {
    /// The file they came from (for messages).
    pub file_name: String,
    /// The snippets to add, with the ids the plan gave them.
    #[serde(default)]
    pub snippets: Vec<crate::model::Snippet>,
    /// The same as JSON text (a large import: the page's planning worker hands it over as text,
    /// so the page never builds 100,000 objects); the core parses and checks it like `snippets`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippets_json: Option<String>,
}

/// Payload of `library.snippetsPart`: a slice of the live snippet records, in stored order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SnippetsPart {
    /// Index of the first snippet.
    pub offset: u32,
    /// How many at most (the reply is capped at 10,000).
    pub limit: u32,
}

/// Payload of `task.update`: one task's outcome and pay (the quick-log, the ledger's editor).
#[cfg(feature = "pages")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskUpdate {
    pub id: String,
    pub outcome: crate::ledger::OutcomePatch,
}

/// Payload of `task.add`: a task added by hand in the ledger.
#[cfg(feature = "pages")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskAdd {
    pub task: crate::ledger::NewTask,
}

/// Payload of `task.recent`.
#[cfg(feature = "pages")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskRecent {
    /// Most tasks to list (default 20, at most 200).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// Payload of `ledger.repack`: month shards whose ledger pack the dashboard found missing or
/// stale (docs/ledger.md, *Packs*).
#[cfg(feature = "pages")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerRepack {
    pub keys: Vec<String>,
}

#[cfg(feature = "pages")]
impl LedgerRepack {
    /// At most 1,000 keys, each a task or session month shard's.
    pub fn is_valid(&self) -> bool {
        self.keys.len() <= 1000
            && self
                .keys
                .iter()
                .all(|k| crate::ledger::pack_key(k).is_some())
    }
}

/// A reply on the wire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reply {
    Ok {
        ok: bool,
        data: serde_json::Value,
    },
    Err {
        ok: bool,
        error: crate::error::Error,
    },
}

impl Reply {
    /// A successful reply.
    pub fn ok(data: serde_json::Value) -> Reply {
        Reply::Ok { ok: true, data }
    }

    /// A failed reply.
    pub fn err(error: crate::error::Error) -> Reply {
        Reply::Err { ok: false, error }
    }
}
