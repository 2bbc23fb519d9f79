//! The message contract: every message the extension's parts send to the background, who may send
//! it, its payload and its reply. This is the one place message types are declared;
//! `extension/shared/contract.js` is generated from [`SPECS`] (a test fails when it is stale).
//!
//! On the wire a request is `{"type": "expand", "payload": {…}}` (no `payload` for types without
//! one) and a reply is `{"ok": true, "data": …}` or `{"ok": false, "error": {kind, message, line?,
//! column?, excerpt?}}`. Parsing is strict: unknown types, missing, extra or mistyped fields are
//! rejected with [`ErrorKind::InvalidMessage`]; a known type from a sender that may not send it is
//! rejected with [`ErrorKind::Forbidden`].

use crate::error::{Error, ErrorKind, Result};
use crate::template::FieldValue;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Who sent a message, as the background's router established it from `sender.id` and the sender's
/// origin. Anything else (other extensions, web pages) never reaches the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SenderKind {
    /// Rubrica's content script in a tab or frame of a web page.
    Content,
    /// One of Rubrica's own extension pages (popup, dashboard).
    Page,
    /// Rubrica's in-page frame (the fill-in form and search palette, `frame/frame.html`): an
    /// extension page inside a web page's tab. It may only send `frame.*` messages.
    Frame,
}

impl SenderKind {
    /// Parses the router's name for a sender kind.
    pub fn parse(name: &str) -> Option<SenderKind> {
        match name {
            "content" => Some(SenderKind::Content),
            "page" => Some(SenderKind::Page),
            "frame" => Some(SenderKind::Frame),
            _ => None,
        }
    }
}

const CONTENT_AND_PAGE: &[SenderKind] = &[SenderKind::Content, SenderKind::Page];
const CONTENT_ONLY: &[SenderKind] = &[SenderKind::Content];
const PAGE_ONLY: &[SenderKind] = &[SenderKind::Page];
const FRAME_ONLY: &[SenderKind] = &[SenderKind::Frame];

/// One message type of the contract.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The `type` on the wire.
    pub name: &'static str,
    /// The constant name in `contract.js`.
    pub constant: &'static str,
    /// Who may send it.
    pub from: &'static [SenderKind],
    /// Payload, in words (the Rust type is the exact definition).
    pub payload: &'static str,
    /// Reply `data`, in words.
    pub reply: &'static str,
}

/// Every message type. Content scripts get the trigger table and the text of expansions the user
/// triggered, nothing else.
pub const SPECS: &[Spec] = &[
    Spec {
        name: "ping",
        constant: "PING",
        from: CONTENT_AND_PAGE,
        payload: "none",
        reply: "{version, ready, tableRevision}: wakes the background (focus on a field, a trigger's first character); a new tableRevision means: fetch the table again",
    },
    Spec {
        name: "triggers.get",
        constant: "TRIGGERS_GET",
        from: CONTENT_AND_PAGE,
        payload: "none",
        reply: "the trigger table (docs/trigger-table.md): triggers and modes, no content; an empty table with enabled: false for a frame on a site where Rubrica is off (docs/sites.md)",
    },
    Spec {
        name: "expand",
        constant: "EXPAND",
        from: CONTENT_ONLY,
        payload: "{trigger: the text as typed, values?: {field: string | [string] | bool}, useDefaults?: bool}",
        reply: "{status: 'done', text, cursors: [UTF-16 offsets into text], snippetId}, or {status: 'needsInput', token} when the template has fill-in fields: the background shows the form in its frame (the fields never reach the content script) and later sends overlay.insert; {status: 'paused'} while paused, {status: 'off'} from a site where Rubrica is off (judged from the sender's origin and tab)",
    },
    Spec {
        name: "expand.regex",
        constant: "EXPAND_REGEX",
        from: CONTENT_ONLY,
        payload: "{before: at most the table's lookback of text before the caret, delimiter excluded}",
        reply: "{status: \"none\"} or an expansion as for expand (paused and off included), plus replaceLen (UTF-16 units to replace)",
    },
    // --- fill-in form and search palette (issue #4): docs/palette.md ---
    Spec {
        name: "palette.open",
        constant: "PALETTE_OPEN",
        from: CONTENT_ONLY,
        payload: "{word: the word before the caret (at most 64 UTF-16 units, may be empty)}",
        reply: "{token}: the content script shows frame/frame.html#token; the search happens in the frame",
    },
    Spec {
        name: "overlay.cancel",
        constant: "OVERLAY_CANCEL",
        from: CONTENT_ONLY,
        payload: "{token}: the content script closed the form or palette (click elsewhere, field gone)",
        reply: "null; the pending request is forgotten",
    },
    Spec {
        name: "frame.get",
        constant: "FRAME_GET",
        from: FRAME_ONLY,
        payload: "{token}",
        reply: "{mode: 'fill', fields: [FieldSpec], preview: {text, cursors}, theme} or {mode: 'palette', query, theme}",
    },
    Spec {
        name: "frame.preview",
        constant: "FRAME_PREVIEW",
        from: FRAME_ONLY,
        payload: "{token, values: {field: string | [string] | bool}}",
        reply: "{text, cursors}: the expansion with these values (defaults for the rest)",
    },
    Spec {
        name: "frame.search",
        constant: "FRAME_SEARCH",
        from: FRAME_ONLY,
        payload: "{token, query (at most 128 characters)}",
        reply: "[{snippetId, label, trigger, folder, excerpt, needsInput, field, score}], best first (at most 50)",
    },
    Spec {
        name: "frame.choose",
        constant: "FRAME_CHOOSE",
        from: FRAME_ONLY,
        payload: "{token, snippetId}",
        reply: "{status: 'done'} (inserted), or {status: 'needsInput', fields, preview}: the frame turns into the fill-in form",
    },
    Spec {
        name: "frame.submit",
        constant: "FRAME_SUBMIT",
        from: FRAME_ONLY,
        payload: "{token, values}",
        reply: "{status: 'done'}: the background rendered the text and sent overlay.insert to the requesting tab and frame",
    },
    Spec {
        name: "frame.cancel",
        constant: "FRAME_CANCEL",
        from: FRAME_ONLY,
        payload: "{token}",
        reply: "null; the background sends overlay.close (the trigger stays as typed)",
    },
    Spec {
        name: "state.get",
        constant: "STATE_GET",
        from: PAGE_ONLY,
        payload: "none",
        reply: "{version, schema, counts, settings, problems, bytesInUse}",
    },
    Spec {
        name: "settings.update",
        constant: "SETTINGS_UPDATE",
        from: PAGE_ONLY,
        payload: "{patch: a partial Settings object}",
        reply: "the complete new Settings",
    },
    Spec {
        name: "backup.export",
        constant: "BACKUP_EXPORT",
        from: PAGE_ONLY,
        payload: "none",
        reply: "a backup envelope {format, schema, kind, exportedAt, app, data}",
    },
    Spec {
        name: "import.preview",
        constant: "IMPORT_PREVIEW",
        from: PAGE_ONLY,
        payload: "{fileName, text}",
        reply: "{kind, summary: {collection: {added, updated, skipped}}, replacesSettings}",
    },
    Spec {
        name: "import.commit",
        constant: "IMPORT_COMMIT",
        from: PAGE_ONLY,
        payload: "{fileName, text}",
        reply: "the same summary, after one write",
    },
    Spec {
        name: "library.get",
        constant: "LIBRARY_GET",
        from: PAGE_ONLY,
        payload: "none",
        reply: "{snippets: [live Snippet], rubrics: [live Rubric], activeRubricId, conflicts}",
    },
    Spec {
        name: "snippet.save",
        constant: "SNIPPET_SAVE",
        from: PAGE_ONLY,
        payload: "{snippet: SnippetDraft (no id = new)}",
        reply: "the saved Snippet; a template error has line, column and excerpt",
    },
    Spec {
        name: "snippet.delete",
        constant: "SNIPPET_DELETE",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "{id} (a tombstone: snippet.restore undoes it)",
    },
    Spec {
        name: "snippet.restore",
        constant: "SNIPPET_RESTORE",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "{id}",
    },
    Spec {
        name: "rubric.save",
        constant: "RUBRIC_SAVE",
        from: PAGE_ONLY,
        payload: "{rubric: RubricDraft (no id = new)}",
        reply: "the saved Rubric",
    },
    Spec {
        name: "rubric.delete",
        constant: "RUBRIC_DELETE",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "{id} (a tombstone: rubric.restore undoes it)",
    },
    Spec {
        name: "rubric.restore",
        constant: "RUBRIC_RESTORE",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "{id}",
    },
    // --- snippets.import (dashboard Data section) ---
    Spec {
        name: "snippets.import",
        constant: "SNIPPETS_IMPORT",
        from: PAGE_ONLY,
        payload: "{fileName, snippets: [Snippet] (the reviewed plan's added snippets)}",
        reply: "{added, skipped}: counts; an invalid snippet is an error naming it and nothing is stored",
    },
    Spec {
        name: "session.get",
        constant: "SESSION_GET",
        from: PAGE_ONLY,
        payload: "none",
        reply: "{session, state, totals, openTask, taskCount, lastActivity, pendingIdle, restartAskedAt, focus, cap} of the current session (docs/time.md)",
    },
    Spec {
        name: "session.command",
        constant: "SESSION_COMMAND",
        from: PAGE_ONLY,
        payload: "{command: {type: start|pause|resume|nextTask|stop|keepIdle|discardIdle, …}} (browser signals come from the background only)",
        reply: "the new session.get view, with notice? (the idle question)",
    },
    Spec {
        name: "session.restart",
        constant: "SESSION_RESTART",
        from: PAGE_ONLY,
        payload: "{stop: bool}: answer to “this session was running when the browser quit”",
        reply: "the new session.get view",
    },
    Spec {
        name: "session.list",
        constant: "SESSION_LIST",
        from: PAGE_ONLY,
        payload: "{from, to, limit?} (UTC ms)",
        reply: "[{session, totals, tasks}] of live sessions overlapping [from, to), newest first",
    },
    Spec {
        name: "session.edit",
        constant: "SESSION_EDIT",
        from: PAGE_ONLY,
        payload: "{edit: {op: editSession|editTask, id, start?, end?} or {op: deleteSession|restoreSession|deleteTask|restoreTask, id}}",
        reply: "{id}; overlaps are refused with conflict naming the other record's local times",
    },
    Spec {
        name: "session.report",
        constant: "SESSION_REPORT",
        from: PAGE_ONLY,
        payload: "{from, to} (UTC ms)",
        reply: "{days: [DayBucket], weeks: [WeekBucket]} split at local midnight (docs/time.md)",
    },
    Spec {
        name: "platform.create",
        constant: "PLATFORM_CREATE",
        from: PAGE_ONLY,
        payload: "{name} (1–80 characters; a live platform's name is refused)",
        reply: "the new Platform (hourly, the settings' currency, no hosts)",
    },
    Spec {
        name: "taskType.create",
        constant: "TASK_TYPE_CREATE",
        from: PAGE_ONLY,
        payload: "{taskType: {platformId, name, timeCapMin? (1–1440), rate? {kind: hourly|perTask, amount: \"25.00\", currency?}, rubricId?}}",
        reply: "the new TaskType (refused: unknown platform, blank or duplicate name, bad cap or amount)",
    },
    Spec {
        name: "taskType.update",
        constant: "TASK_TYPE_UPDATE",
        from: PAGE_ONLY,
        payload: "{taskType: {id, name, timeCapMin?, rate?, rubricId?}}: the editor's whole state",
        reply: "the TaskType; a changed rate applies from now (docs/time.md)",
    },
    // --- site control (docs/sites.md) ---
    Spec {
        name: "site.enable",
        constant: "SITE_ENABLE",
        from: PAGE_ONLY,
        payload: "{host, tabId?}: a built-in platform is turned back on; any other host needs its host permission granted first (the popup asks), then its content script is registered and injected into tab tabId",
        reply: "{host, state}: the site's status afterwards (state as siteStatus in extension/shared/sites.js)",
    },
    Spec {
        name: "site.disable",
        constant: "SITE_DISABLE",
        from: PAGE_ONLY,
        payload: "{host}: a built-in platform is added to disabledSites; an enabled site is removed, unregistered and its host permission released",
        reply: "{host, state, released}: released is false when the browser kept the permission",
    },
];

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
}

/// Payload of `frame.preview` and `frame.submit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameValues {
    pub token: String,
    /// The form's answers by field name.
    pub values: BTreeMap<String, FieldValue>,
}

/// Payload of `frame.search`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameSearch {
    pub token: String,
    pub query: String,
}

/// Payload of `frame.choose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FrameChoose {
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
fn valid_host(host: &str) -> bool {
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

/// A validated request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "payload", deny_unknown_fields)]
pub enum Request {
    #[serde(rename = "ping")]
    Ping,
    #[serde(rename = "triggers.get")]
    TriggersGet,
    #[serde(rename = "expand")]
    Expand(ExpandPayload),
    #[serde(rename = "expand.regex")]
    ExpandRegex(ExpandRegexPayload),
    #[serde(rename = "palette.open")]
    PaletteOpen(PaletteOpen),
    #[serde(rename = "overlay.cancel")]
    OverlayCancel(TokenPayload),
    #[serde(rename = "frame.get")]
    FrameGet(TokenPayload),
    #[serde(rename = "frame.preview")]
    FramePreview(FrameValues),
    #[serde(rename = "frame.search")]
    FrameSearch(FrameSearch),
    #[serde(rename = "frame.choose")]
    FrameChoose(FrameChoose),
    #[serde(rename = "frame.submit")]
    FrameSubmit(FrameValues),
    #[serde(rename = "frame.cancel")]
    FrameCancel(TokenPayload),
    #[serde(rename = "state.get")]
    StateGet,
    #[serde(rename = "settings.update")]
    SettingsUpdate(SettingsPatch),
    #[serde(rename = "backup.export")]
    BackupExport,
    #[serde(rename = "import.preview")]
    ImportPreview(ImportFile),
    #[serde(rename = "import.commit")]
    ImportCommit(ImportFile),
    #[serde(rename = "library.get")]
    LibraryGet,
    #[serde(rename = "snippet.save")]
    SnippetSave(SaveSnippet),
    #[serde(rename = "snippet.delete")]
    SnippetDelete(RecordId),
    #[serde(rename = "snippet.restore")]
    SnippetRestore(RecordId),
    #[serde(rename = "rubric.save")]
    RubricSave(SaveRubric),
    #[serde(rename = "rubric.delete")]
    RubricDelete(RecordId),
    #[serde(rename = "rubric.restore")]
    RubricRestore(RecordId),
    #[serde(rename = "snippets.import")]
    SnippetsImport(ImportSnippets),
    #[serde(rename = "session.get")]
    SessionGet,
    #[serde(rename = "session.command")]
    SessionCommand(SessionCommand),
    #[serde(rename = "session.restart")]
    SessionRestart(SessionRestart),
    #[serde(rename = "session.list")]
    SessionList(SessionList),
    #[serde(rename = "session.edit")]
    SessionEditRequest(SessionEditPayload),
    #[serde(rename = "session.report")]
    SessionReport(SessionRange),
    #[serde(rename = "platform.create")]
    PlatformCreate(PlatformName),
    #[serde(rename = "taskType.create")]
    TaskTypeCreate(TaskTypePayload),
    #[serde(rename = "taskType.update")]
    TaskTypeUpdate(TaskTypePayload),
    #[serde(rename = "site.enable")]
    SiteEnable(SitePayload),
    #[serde(rename = "site.disable")]
    SiteDisable(SitePayload),
}

/// Payload of `snippets.import`: the snippets of a reviewed import plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportSnippets {
    /// The file they came from (for messages).
    pub file_name: String,
    /// The snippets to add, with the ids the plan gave them.
    pub snippets: Vec<crate::model::Snippet>,
}

/// Longest accepted text field in a message (an import file may be large; a trigger may not).
const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;
const MAX_TRIGGER_CHARS: usize = 256;
/// Longest text a content script may send for regex matching (UTF-16 units; the table says 64).
const MAX_REGEX_WINDOW: usize = 256;
/// Most fill-in values in one `expand`, and most text in all of them together.
const MAX_VALUES: usize = 500;
const MAX_VALUES_BYTES: usize = 1024 * 1024;
/// Longest word before the caret that opens the palette, and longest query (characters).
const MAX_WORD_UTF16: usize = 64;
const MAX_QUERY_CHARS: usize = 128;
/// Snippet ids are short (`snp_` + a ULID); anything much longer is not one.
const MAX_ID_CHARS: usize = 64;

/// Whether `token` has the shape the background hands out: 32 lowercase hex digits.
fn is_token(token: &str) -> bool {
    token.len() == 32
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn token_of(request: &Request) -> Option<&str> {
    match request {
        Request::OverlayCancel(p) | Request::FrameGet(p) | Request::FrameCancel(p) => {
            Some(&p.token)
        }
        Request::FramePreview(p) | Request::FrameSubmit(p) => Some(&p.token),
        Request::FrameSearch(p) => Some(&p.token),
        Request::FrameChoose(p) => Some(&p.token),
        _ => None,
    }
}

fn values_size(values: &BTreeMap<String, FieldValue>) -> usize {
    values
        .iter()
        .map(|(k, v)| {
            k.len()
                + match v {
                    FieldValue::Bool(_) => 1,
                    FieldValue::Text(t) => t.len(),
                    FieldValue::List(items) => items.iter().map(String::len).sum(),
                }
        })
        .sum()
}

impl Request {
    /// Validates a raw message from `sender` against the contract.
    pub fn parse(sender: SenderKind, raw: &Value) -> Result<Request> {
        let invalid = |m: String| Error::new(ErrorKind::InvalidMessage, m);
        let Some(obj) = raw.as_object() else {
            return Err(invalid("a message must be an object with a “type”".into()));
        };
        let Some(name) = obj.get("type").and_then(Value::as_str) else {
            return Err(invalid("a message must have a string “type”".into()));
        };
        let Some(spec) = spec(name) else {
            let shown: String = name.chars().take(40).collect();
            return Err(invalid(format!("unknown message type “{shown}”")));
        };
        if !spec.from.contains(&sender) {
            return Err(Error::new(
                ErrorKind::Forbidden,
                format!("“{name}” may not be sent from a {sender:?} sender").to_lowercase(),
            ));
        }
        let request = Request::deserialize(raw)
            .map_err(|e| invalid(format!("“{name}” has an invalid payload: {e}")))?;
        if token_of(&request).is_some_and(|t| !is_token(t)) {
            return Err(invalid("the token is not one Rubrica hands out".into()));
        }
        match &request {
            Request::PaletteOpen(p) if p.word.encode_utf16().count() > MAX_WORD_UTF16 => {
                Err(invalid("the word before the caret is too long".into()))
            }
            Request::FrameSearch(p) if p.query.chars().count() > MAX_QUERY_CHARS => {
                Err(invalid("the search is too long".into()))
            }
            Request::FrameChoose(p)
                if p.snippet_id.is_empty() || p.snippet_id.chars().count() > MAX_ID_CHARS =>
            {
                Err(invalid("that is not a snippet id".into()))
            }
            Request::FramePreview(FrameValues { values: v, .. })
            | Request::FrameSubmit(FrameValues { values: v, .. })
                if v.len() > MAX_VALUES || values_size(v) > MAX_VALUES_BYTES =>
            {
                Err(Error::new(
                    ErrorKind::Limit,
                    "the fill-in values are too large (at most 500 fields and 1 MB of text)",
                ))
            }
            Request::Expand(p) if p.trigger.chars().count() > MAX_TRIGGER_CHARS => {
                Err(invalid("the trigger is too long".into()))
            }
            Request::Expand(p) if p.trigger.is_empty() => {
                Err(invalid("the trigger is empty".into()))
            }
            Request::Expand(ExpandPayload {
                values: Some(v), ..
            }) if v.len() > MAX_VALUES || values_size(v) > MAX_VALUES_BYTES => Err(Error::new(
                ErrorKind::Limit,
                "the fill-in values are too large (at most 500 fields and 1 MB of text)",
            )),
            Request::ExpandRegex(p) if p.before.encode_utf16().count() > MAX_REGEX_WINDOW => Err(
                invalid("the text sent for regex triggers is too long".into()),
            ),
            Request::ImportPreview(f) | Request::ImportCommit(f)
                if f.text.len() > MAX_IMPORT_BYTES =>
            {
                Err(Error::new(
                    ErrorKind::Limit,
                    "this file is larger than 32 MB; split it and import the parts",
                ))
            }
            Request::SessionCommand(SessionCommand {
                command:
                    crate::timing::command::Command::Idle { .. }
                    | crate::timing::command::Command::Locked { .. }
                    | crate::timing::command::Command::Active {}
                    | crate::timing::command::Command::Heartbeat {},
            }) => Err(invalid(
                "idle, locked, active and heartbeat come from the browser, not from a page".into(),
            )),
            Request::SessionList(SessionList { from, to, .. })
            | Request::SessionReport(SessionRange { from, to })
                if to < from =>
            {
                Err(invalid("the range ends before it starts".into()))
            }
            Request::SessionReport(SessionRange { from, to })
                if to.saturating_sub(*from) > 400 * 86_400_000 =>
            {
                Err(Error::new(
                    ErrorKind::Limit,
                    "a report covers at most 400 days; pick a shorter range",
                ))
            }
            Request::SiteEnable(p) | Request::SiteDisable(p) if !valid_host(&p.host) => Err(
                invalid("“host” must be a web page's host name, such as example.com".into()),
            ),
            Request::SiteDisable(SitePayload {
                tab_id: Some(_), ..
            }) => Err(invalid("“site.disable” takes no tabId".into())),
            _ => Ok(request),
        }
    }
}

/// The spec of message type `name`.
pub fn spec(name: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.name == name)
}

/// A reply on the wire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Reply {
    Ok { ok: bool, data: Value },
    Err { ok: bool, error: Error },
}

impl Reply {
    /// A successful reply.
    pub fn ok(data: Value) -> Reply {
        Reply::Ok { ok: true, data }
    }

    /// A failed reply.
    pub fn err(error: Error) -> Reply {
        Reply::Err { ok: false, error }
    }
}

/// The one notice the background sends to content scripts (`tabs.sendMessage`): the trigger table
/// changed, fetch it again. It carries no library data.
pub const TABLE_CHANGED: &str = "table.changed";

/// Every notice the background sends to content scripts (`tabs.sendMessage`), with its payload.
/// None carries library data except `overlay.insert`, which carries the one text the user chose.
pub const TO_CONTENT: &[(&str, &str, &str)] = &[
    (
        "TABLE_CHANGED",
        TABLE_CHANGED,
        "{revision}: the trigger table changed, fetch it again (to every tab)",
    ),
    (
        "PALETTE_SHOW",
        "palette.show",
        "none: the open-palette shortcut; the frame of the active tab that has focus and a focused field answers with palette.open (to every frame of the active tab)",
    ),
    (
        "OVERLAY_INSERT",
        "overlay.insert",
        "{token, text, cursors, replaceLen?}: the final text of the form or palette, to write at the remembered caret (to the requesting frame only)",
    ),
    (
        "OVERLAY_CLOSE",
        "overlay.close",
        "{token}: the user cancelled in the frame; close it and put focus and caret back (to the requesting frame only)",
    ),
];

/// The source of `extension/shared/contract.js`.
pub fn contract_js() -> String {
    let mut out = String::from(
        "// Generated from crate/src/messages.rs by `cargo test` (UPDATE_CONTRACT=1). Do not edit.\n\
         // The message contract: every message type, and which senders may send it.\n\n\
         export const MSG = Object.freeze({\n",
    );
    for s in SPECS {
        out.push_str(&format!("  {}: '{}',\n", s.constant, s.name));
    }
    out.push_str("});\n\n/** Which senders may send each type: 'content' (content scripts), 'page' (extension pages). */\nexport const SENDERS = Object.freeze({\n");
    let mut by_name = BTreeMap::new();
    for s in SPECS {
        let from: Vec<String> = s
            .from
            .iter()
            .map(|k| format!("'{}'", format!("{k:?}").to_lowercase()))
            .collect();
        by_name.insert(s.name, from.join(", "));
    }
    for s in SPECS {
        out.push_str(&format!(
            "  '{}': Object.freeze([{}]),\n",
            s.name, by_name[s.name]
        ));
    }
    out.push_str(
        "});\n\n/** Background → content scripts: the trigger table changed (no data). */\n",
    );
    out.push_str(&format!(
        "export const TABLE_CHANGED = '{TABLE_CHANGED}';\n"
    ));
    out.push_str("\n/** Background → content scripts: every notice (docs/messages.md). */\nexport const TO_CONTENT = Object.freeze({\n");
    for (constant, name, _) in TO_CONTENT {
        out.push_str(&format!("  {constant}: '{name}',\n"));
    }
    out.push_str("});\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(sender: SenderKind, v: Value) -> Result<Request> {
        Request::parse(sender, &v)
    }

    #[test]
    fn valid_messages_parse() {
        assert_eq!(
            parse(SenderKind::Content, json!({"type": "ping"})),
            Ok(Request::Ping)
        );
        assert_eq!(
            parse(
                SenderKind::Content,
                json!({"type": "expand", "payload": {"trigger": ";Acc"}})
            ),
            Ok(Request::Expand(ExpandPayload {
                trigger: ";Acc".into(),
                values: None,
                use_defaults: false,
            }))
        );
        let with_values = parse(
            SenderKind::Content,
            json!({"type": "expand", "payload": {"trigger": ";j", "useDefaults": true,
                   "values": {"better": "A", "issues": ["x", "y"], "cite": true}}}),
        );
        let Ok(Request::Expand(p)) = with_values else {
            panic!("{with_values:?}");
        };
        assert!(p.use_defaults);
        assert_eq!(p.values.map(|v| v.len()), Some(3));
        assert!(parse(
            SenderKind::Page,
            json!({"type": "settings.update", "payload": {"patch": {"theme": "dark"}}})
        )
        .is_ok());
    }

    #[test]
    fn malformed_messages_are_invalid() {
        for bad in [
            json!(null),
            json!("ping"),
            json!({}),
            json!({"type": 5}),
            json!({"type": "launch.missiles"}),
            json!({"type": "expand"}),
            json!({"type": "expand", "payload": {}}),
            json!({"type": "expand", "payload": {"trigger": 5}}),
            json!({"type": "expand", "payload": {"trigger": ";a", "extra": 1}}),
            json!({"type": "expand", "payload": {"trigger": ""}}),
            json!({"type": "expand", "payload": {"trigger": "x".repeat(300)}}),
            json!({"type": "expand", "payload": {"trigger": ";a", "values": {"a": 5}}}),
            json!({"type": "expand", "payload": {"trigger": ";a", "values": [1]}}),
            json!({"type": "expand", "payload": {"trigger": ";a", "useDefaults": "yes"}}),
            json!({"type": "ping", "extra": true}),
        ] {
            let e = parse(SenderKind::Content, bad.clone()).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
        }
    }

    #[test]
    fn content_scripts_cannot_read_data() {
        for t in [
            "state.get",
            "backup.export",
            "settings.update",
            "import.commit",
        ] {
            let e = parse(SenderKind::Content, json!({"type": t})).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{t}");
        }
        let e = parse(
            SenderKind::Page,
            json!({"type": "expand", "payload": {"trigger": ";a"}}),
        )
        .err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
    }

    #[test]
    fn every_spec_names_a_request_variant() {
        let payloads = [
            json!(null),
            json!({"trigger": ";x"}),
            json!({"patch": {}}),
            json!({"fileName": "a.json", "text": "{}"}),
            json!({"snippet": {"triggers": [";a"], "template": "A"}}),
            json!({"rubric": {"name": "R"}}),
            json!({"id": "snp_x"}),
            json!({"before": "score 5"}),
            json!({"fileName": "a.yml", "snippets": []}),
            json!({"command": {"type": "start"}}),
            json!({"stop": false}),
            json!({"from": 0, "to": 1}),
            json!({"edit": {"op": "deleteSession", "id": "ses_x"}}),
            json!({"name": "Outlier"}),
            json!({"taskType": {"platformId": "plt_x", "name": "Rating"}}),
            json!({"taskType": {"id": "tty_x", "name": "Rating"}}),
            json!({"host": "example.com"}),
            json!({"word": ";ac"}),
            json!({"token": TOKEN}),
            json!({"token": TOKEN, "values": {"a": "x"}}),
            json!({"token": TOKEN, "query": "acc"}),
            json!({"token": TOKEN, "snippetId": "snp_x"}),
        ];
        for s in SPECS {
            let sender = s.from[0];
            let ok = payloads.iter().any(|p| {
                let msg = if p.is_null() {
                    json!({"type": s.name})
                } else {
                    json!({"type": s.name, "payload": p})
                };
                Request::parse(sender, &msg).is_ok()
            });
            assert!(ok, "{} has no matching Request variant", s.name);
        }
    }

    #[test]
    fn session_messages_refuse_browser_signals_and_extra_fields() {
        for bad in [
            json!({"type": "session.command", "payload": {"command": {"type": "idle", "since": 1}}}),
            json!({"type": "session.command", "payload": {"command": {"type": "heartbeat"}}}),
            json!({"type": "session.command", "payload": {"command": {"type": "fly"}}}),
            json!({"type": "session.command", "payload": {"command": {"type": "start"}, "x": 1}}),
            json!({"type": "session.list", "payload": {"from": 5, "to": 1}}),
            json!({"type": "session.edit", "payload": {"edit": {"op": "editSession", "id": "s", "zap": 1}}}),
            json!({"type": "taskType.create", "payload": {"taskType": {"platformId": "p"}, "x": 1}}),
            json!({"type": "taskType.update", "payload": {"taskType": "Rating"}}),
        ] {
            let e = parse(SenderKind::Page, bad.clone()).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
        }
        let e = parse(
            SenderKind::Content,
            json!({"type": "taskType.create",
            "payload": {"taskType": {"platformId": "p", "name": "x"}}}),
        )
        .err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
        assert!(parse(
            SenderKind::Page,
            json!({"type": "taskType.update", "payload": {"taskType": {"id": "t", "name": "x",
                   "timeCapMin": 5, "rate": {"kind": "perTask", "amount": "2.50", "currency": "EUR"}}}})
        )
        .is_ok());
        let e = parse(SenderKind::Content, json!({"type": "session.get"})).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
        assert!(parse(
            SenderKind::Page,
            json!({"type": "session.command", "payload": {"command": {"type": "stop", "at": 5}}})
        )
        .is_ok());
    }

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn frame_messages_come_from_the_frame_only_and_carry_a_valid_token() {
        let get = json!({"type": "frame.get", "payload": {"token": TOKEN}});
        assert!(parse(SenderKind::Frame, get.clone()).is_ok());
        for sender in [SenderKind::Content, SenderKind::Page] {
            let e = parse(sender, get.clone()).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{sender:?}");
        }
        // The frame may send nothing but frame.*: not the library, not expansions.
        for t in ["library.get", "state.get", "backup.export", "triggers.get"] {
            let e = parse(SenderKind::Frame, json!({"type": t})).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden), "{t}");
        }
        let e = parse(
            SenderKind::Frame,
            json!({"type": "expand", "payload": {"trigger": ";a"}}),
        )
        .err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
        for bad in [
            json!({"type": "frame.get", "payload": {"token": "short"}}),
            json!({"type": "frame.get", "payload": {"token": TOKEN.to_uppercase()}}),
            json!({"type": "frame.get", "payload": {"token": format!("{TOKEN}0")}}),
            json!({"type": "frame.get", "payload": {"token": TOKEN, "x": 1}}),
            json!({"type": "frame.search", "payload": {"token": TOKEN, "query": "q".repeat(129)}}),
            json!({"type": "frame.search", "payload": {"token": TOKEN}}),
            json!({"type": "frame.choose", "payload": {"token": TOKEN, "snippetId": ""}}),
            json!({"type": "frame.choose", "payload": {"token": TOKEN, "snippetId": "s".repeat(65)}}),
            json!({"type": "frame.submit", "payload": {"token": TOKEN, "values": {"a": 5}}}),
            json!({"type": "frame.submit", "payload": {"token": TOKEN}}),
        ] {
            let e = parse(SenderKind::Frame, bad.clone()).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
        }
        let many: serde_json::Map<String, Value> =
            (0..501).map(|i| (format!("f{i}"), json!("x"))).collect();
        let e = parse(
            SenderKind::Frame,
            json!({"type": "frame.submit", "payload": {"token": TOKEN, "values": many}}),
        )
        .err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Limit));
    }

    #[test]
    fn content_scripts_open_the_palette_with_a_short_word_only() {
        let open = |word: &str| {
            parse(
                SenderKind::Content,
                json!({"type": "palette.open", "payload": {"word": word}}),
            )
        };
        assert!(open("").is_ok());
        assert!(open(";acc").is_ok());
        assert_eq!(
            open(&"w".repeat(65)).err().map(|e| e.kind),
            Some(ErrorKind::InvalidMessage)
        );
        let e = parse(
            SenderKind::Frame,
            json!({"type": "palette.open", "payload": {"word": "x"}}),
        )
        .err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
        let cancel = json!({"type": "overlay.cancel", "payload": {"token": TOKEN}});
        assert!(parse(SenderKind::Content, cancel).is_ok());
    }

    #[test]
    fn docs_list_every_message_type() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/messages.md");
        let docs = std::fs::read_to_string(path).unwrap_or_default();
        for s in SPECS {
            assert!(
                docs.contains(&format!("| `{}` |", s.name)),
                "docs/messages.md lacks a row for {}",
                s.name
            );
        }
        for (_, name, _) in TO_CONTENT {
            assert!(
                docs.contains(&format!("`{name}`")),
                "docs/messages.md lacks {name}"
            );
        }
    }

    #[test]
    fn site_messages_take_a_host_from_pages_only() {
        assert_eq!(
            parse(
                SenderKind::Page,
                json!({"type": "site.enable", "payload": {"host": "tasks.example.com", "tabId": 7}})
            ),
            Ok(Request::SiteEnable(SitePayload {
                host: "tasks.example.com".into(),
                tab_id: Some(7),
            }))
        );
        for host in [
            "127.0.0.1",
            "[::1]",
            "rubrica-enable.localhost",
            "xn--bcher-kva.example",
        ] {
            let msg = json!({"type": "site.disable", "payload": {"host": host}});
            assert!(parse(SenderKind::Page, msg).is_ok(), "{host}");
        }
        for bad in [
            json!({"type": "site.enable", "payload": {"host": ""}}),
            json!({"type": "site.enable", "payload": {"host": "https://example.com"}}),
            json!({"type": "site.enable", "payload": {"host": "Example.com"}}),
            json!({"type": "site.enable", "payload": {"host": "example.com:8080"}}),
            json!({"type": "site.enable", "payload": {"host": "*.example.com"}}),
            json!({"type": "site.enable", "payload": {"host": ".example.com"}}),
            json!({"type": "site.enable", "payload": {"host": "a..example.com"}}),
            json!({"type": "site.enable", "payload": {"host": "[::1"}}),
            json!({"type": "site.enable", "payload": {"host": "a".repeat(254)}}),
            json!({"type": "site.enable", "payload": {"host": "example.com", "tabId": -1}}),
            json!({"type": "site.enable", "payload": {"host": "example.com", "origin": "x"}}),
            json!({"type": "site.disable", "payload": {"host": "example.com", "tabId": 3}}),
        ] {
            let e = parse(SenderKind::Page, bad.clone()).err();
            assert_eq!(e.map(|e| e.kind), Some(ErrorKind::InvalidMessage), "{bad}");
        }
        let e = parse(
            SenderKind::Content,
            json!({"type": "site.enable", "payload": {"host": "example.com"}}),
        )
        .err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
    }

    #[test]
    fn replies_have_the_wire_shape() {
        let ok = serde_json::to_value(Reply::ok(json!(1))).unwrap_or_default();
        assert_eq!(ok, json!({"ok": true, "data": 1}));
        let err = serde_json::to_value(Reply::err(Error::new(ErrorKind::NotFound, "gone")))
            .unwrap_or_default();
        assert_eq!(
            err,
            json!({"ok": false, "error": {"kind": "notFound", "message": "gone"}})
        );
    }

    #[test]
    fn contract_js_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../extension/shared/contract.js"
        );
        let want = contract_js();
        if std::env::var_os("UPDATE_CONTRACT").is_some() {
            std::fs::write(path, &want).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "extension/shared/contract.js is stale: run `UPDATE_CONTRACT=1 cargo test contract_js`"
        );
    }
}
