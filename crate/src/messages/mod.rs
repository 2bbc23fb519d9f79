//! The message contract: every message the extension's parts send to the background, who may send
//! it, its payload and its reply. This is the one place message types are declared.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | [`SenderKind`], the [`Request`] enum and [`Request::parse`] (sender check, strict payloads, size limits), the [`Reply`] |
//! | `spec.rs` | [`SPECS`]: every type's name, constant, senders, payload and reply in words; the background's notices to content scripts ([`TO_CONTENT`]) and to extension pages ([`TO_PAGES`]) |
//! | `payloads.rs` | the payload types, one per message shape |
//! | `codegen.rs` | [`contract_js`] (`extension/shared/contract.js`: the messages, and the storage key names of [`crate::storage`]) and [`messages_tables`] (the tables of `docs/messages.md`), both generated from `spec.rs`; a test fails when either file is stale and `UPDATE_CONTRACT=1 cargo test` rewrites them |
//!
//! On the wire a request is `{"type": "expand", "payload": {…}}` (no `payload` for types without
//! one) and a reply is `{"ok": true, "data": …}` or `{"ok": false, "error": {kind, message, line?,
//! column?, excerpt?}}`. Parsing is strict: unknown types, missing, extra or mistyped fields are
//! rejected with [`ErrorKind::InvalidMessage`]; a known type from a sender that may not send it is
//! rejected with [`ErrorKind::Forbidden`].

mod codegen;
mod payloads;
mod spec;

pub use codegen::{contract_js, fill_messages_doc, messages_tables};
pub use payloads::*;
pub use spec::{spec, NoticeSpec, Spec, SPECS, TABLE_CHANGED, TO_CONTENT, TO_PAGES};

use crate::error::{Error, ErrorKind, Result};
use crate::template::FieldValue;
use payloads::valid_host;
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
    #[serde(rename = "catalogue.get")]
    CatalogueGet,
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

#[cfg(test)]
mod tests;
