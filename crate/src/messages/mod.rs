//! The message contract: every message the extension's parts send to the background, who may send
//! it, its payload and its reply. This is the one place message types are declared.
//!
//! | file | what |
//! |---|---|
//! | `mod.rs` | [`SenderKind`], the [`Request`] enum and [`Request::parse`] (sender check, strict payloads, size limits) |
//! | `spec.rs` | [`SPECS`]: every type's name, constant, senders, payload and reply in words; the background's notices to content scripts ([`TO_CONTENT`]) and to extension pages ([`TO_PAGES`]) |
//! | `payloads.rs` | the payload types, one per message shape; the [`Reply`] |
//! | `codegen.rs` | [`contract_js`] (`extension/shared/contract.js`: the messages, and the storage key names of [`crate::storage`]) and [`messages_tables`] (the tables of `docs/messages.md`), both generated from `spec.rs`; a test fails when either file is stale and `UPDATE_CONTRACT=1 cargo test` rewrites them |
//!
//! On the wire a request is `{"type": "expand", "payload": {…}}` (no `payload` for types without
//! one) and a reply is `{"ok": true, "data": …}` or `{"ok": false, "error": {kind, message, line?,
//! column?, excerpt?}}`. Parsing is strict: unknown types, missing, extra or mistyped fields are
//! rejected with [`ErrorKind::InvalidMessage`]; a known type from a sender that may not send it is
//! rejected with [`ErrorKind::Forbidden`].

mod codegen;
mod limits;
mod payloads;
mod spec;
mod spec_work;

pub use codegen::{contract_js, fill_messages_doc, messages_tables};
pub use payloads::*;
pub use spec::{
    all as all_specs, spec, NoticeSpec, Spec, SPECS, TABLE_CHANGED, TO_CONTENT, TO_PAGES, WARM_PORT,
};

use crate::error::{Error, ErrorKind, Result};
#[cfg(feature = "pages")]
use payloads::valid_host;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who sent a message, as the background's router established it from `sender.id` and the sender's
/// origin. Anything else (other extensions, web pages) never reaches the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SenderKind {
    /// Rubrica's content script in a tab or frame of a web page.
    Content,
    /// One of Rubrica's own extension pages (popup, dashboard).
    Page,
    /// Rubrica's overlay (the fill-in form and the palette, `overlay/overlay.html`): an extension
    /// page inside a web page's tab. It may only send `overlay.*` messages.
    Overlay,
}

impl SenderKind {
    /// Parses the router's name for a sender kind.
    pub fn parse(name: &str) -> Option<SenderKind> {
        match name {
            "content" => Some(SenderKind::Content),
            "page" => Some(SenderKind::Page),
            "overlay" => Some(SenderKind::Overlay),
            _ => None,
        }
    }
}

/// A validated request. The start-up module (built without the `pages` feature) knows only the
/// messages of content scripts and the overlay: extension pages' messages are parsed by the full
/// module, so their payloads cost the service worker's start nothing.
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
    #[serde(rename = "overlay.forget")]
    OverlayForget(TokenPayload),
    #[serde(rename = "overlay.get")]
    OverlayGet(TokenPayload),
    #[serde(rename = "overlay.preview")]
    OverlayPreview(OverlayValues),
    #[serde(rename = "overlay.search")]
    OverlaySearch(OverlaySearch),
    #[serde(rename = "overlay.choose")]
    OverlayChoose(OverlayChoose),
    #[serde(rename = "overlay.entry")]
    OverlayEntry(OverlayEntry),
    #[serde(rename = "overlay.saveField")]
    OverlaySaveField(TokenPayload),
    #[serde(rename = "overlay.submit")]
    OverlaySubmit(OverlayValues),
    #[serde(rename = "overlay.dismiss")]
    OverlayDismiss(TokenPayload),
    #[serde(rename = "worksheet.open")]
    WorksheetOpen,
    #[serde(rename = "overlay.check")]
    OverlayCheck(TokenPayload),
    #[cfg(feature = "pages")]
    #[serde(rename = "state.get")]
    StateGet,
    #[cfg(feature = "pages")]
    #[serde(rename = "settings.update")]
    SettingsUpdate(SettingsPatch),
    #[cfg(feature = "pages")]
    #[serde(rename = "backup.export")]
    BackupExport,
    #[cfg(feature = "pages")]
    #[serde(rename = "import.preview")]
    ImportPreview(ImportFile),
    #[cfg(feature = "pages")]
    #[serde(rename = "import.commit")]
    ImportCommit(ImportFile),
    #[cfg(feature = "pages")]
    #[serde(rename = "library.get")]
    LibraryGet,
    #[cfg(feature = "pages")]
    #[serde(rename = "library.snippetsPart")]
    LibrarySnippetsPart(SnippetsPart),
    #[cfg(feature = "pages")]
    #[serde(rename = "snippet.save")]
    SnippetSave(SaveSnippet),
    #[cfg(feature = "pages")]
    #[serde(rename = "snippet.delete")]
    SnippetDelete(RecordId),
    #[cfg(feature = "pages")]
    #[serde(rename = "snippet.restore")]
    SnippetRestore(RecordId),
    #[cfg(feature = "pages")]
    #[serde(rename = "rubric.save")]
    RubricSave(SaveRubric),
    #[cfg(feature = "pages")]
    #[serde(rename = "rubric.delete")]
    RubricDelete(RecordId),
    #[cfg(feature = "pages")]
    #[serde(rename = "rubric.restore")]
    RubricRestore(RecordId),
    #[cfg(feature = "library-search")]
    #[serde(rename = "justification.save")]
    JustificationSave(SaveJustification),
    #[cfg(feature = "library-search")]
    #[serde(rename = "justification.delete")]
    JustificationDelete(RecordId),
    #[cfg(feature = "library-search")]
    #[serde(rename = "justification.restore")]
    JustificationRestore(RecordId),
    #[cfg(feature = "pages")]
    #[serde(rename = "snippets.import")]
    SnippetsImport(ImportSnippets),
    #[cfg(feature = "pages")]
    #[serde(rename = "session.get")]
    SessionGet,
    #[cfg(feature = "pages")]
    #[serde(rename = "session.command")]
    SessionCommand(SessionCommand),
    #[cfg(feature = "pages")]
    #[serde(rename = "session.restart")]
    SessionRestart(SessionRestart),
    #[cfg(feature = "pages")]
    #[serde(rename = "session.list")]
    SessionList(SessionList),
    #[cfg(feature = "pages")]
    #[serde(rename = "session.edit")]
    SessionEditRequest(SessionEditPayload),
    #[cfg(feature = "pages")]
    #[serde(rename = "session.report")]
    SessionReport(SessionRange),
    #[cfg(feature = "pages")]
    #[serde(rename = "catalogue.get")]
    CatalogueGet,
    #[cfg(feature = "pages")]
    #[serde(rename = "platform.create")]
    PlatformCreate(PlatformName),
    #[cfg(feature = "pages")]
    #[serde(rename = "taskType.create")]
    TaskTypeCreate(TaskTypePayload),
    #[cfg(feature = "pages")]
    #[serde(rename = "taskType.update")]
    TaskTypeUpdate(TaskTypePayload),
    #[cfg(feature = "pages")]
    #[serde(rename = "site.enable")]
    SiteEnable(SitePayload),
    #[cfg(feature = "pages")]
    #[serde(rename = "site.disable")]
    SiteDisable(SitePayload),
    #[cfg(feature = "pages")]
    #[serde(rename = "task.update")]
    TaskUpdate(TaskUpdate),
    #[cfg(feature = "pages")]
    #[serde(rename = "task.add")]
    TaskAdd(TaskAdd),
    #[cfg(feature = "pages")]
    #[serde(rename = "task.recent")]
    TaskRecent(TaskRecent),
    #[cfg(feature = "pages")]
    #[serde(rename = "ledger.repack")]
    LedgerRepack(LedgerRepack),
    #[cfg(feature = "pages")]
    #[serde(rename = "alerts.get")]
    AlertsGet,
    #[cfg(feature = "pages")]
    #[serde(rename = "outlier.preview")]
    OutlierPreview(ImportFile),
    #[cfg(feature = "pages")]
    #[serde(rename = "outlier.commit")]
    OutlierCommit(ImportFile),
    #[cfg(feature = "pages")]
    #[serde(rename = "toggl.preview")]
    TogglPreview(TogglFile),
    #[cfg(feature = "pages")]
    #[serde(rename = "toggl.commit")]
    TogglCommit(TogglFile),
    #[cfg(feature = "pages")]
    #[serde(rename = "alert.dismiss")]
    AlertDismiss(RecordId),
    #[cfg(feature = "pages")]
    #[serde(rename = "worksheet.insert")]
    WorksheetInsert(WorksheetInsert),
}

use limits::*;

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
        if cfg!(not(feature = "pages")) && sender == SenderKind::Page {
            return Err(Error::new(
                ErrorKind::Internal,
                "extension pages' messages are parsed by the full module",
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
            Request::OverlaySearch(p) if p.query.chars().count() > MAX_QUERY_CHARS => {
                Err(invalid("the search is too long".into()))
            }
            Request::PaletteOpen(p) if p.field.chars().count() > MAX_FIELD_CHARS => Err(Error::new(
                ErrorKind::Limit,
                "the field is longer than 20,000 characters; the palette cannot save or check it",
            )),
            Request::OverlayEntry(p)
                if p.entry_id.is_empty() || p.entry_id.chars().count() > MAX_ID_CHARS =>
            {
                Err(invalid("that is not a library entry id".into()))
            }
            Request::OverlayChoose(p)
                if p.snippet_id.is_empty() || p.snippet_id.chars().count() > MAX_ID_CHARS =>
            {
                Err(invalid("that is not a snippet id".into()))
            }
            Request::OverlayPreview(OverlayValues { values: v, .. })
            | Request::OverlaySubmit(OverlayValues { values: v, .. })
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
            #[cfg(feature = "pages")]
            Request::WorksheetInsert(p) if p.text.len() > MAX_WORKSHEET_BYTES => Err(Error::new(
                ErrorKind::Limit,
                "the draft is longer than 64 KB; shorten it before inserting",
            )),
            #[cfg(feature = "pages")]
            Request::SnippetsImport(ImportSnippets {
                snippets_json: Some(t),
                ..
            }) if t.len() > 2 * MAX_IMPORT_BYTES => Err(Error::new(
                ErrorKind::Limit,
                "these snippets are more than 64 MB of text; import the file in parts",
            )),
            #[cfg(feature = "pages")]
            Request::ImportPreview(ImportFile { text, .. })
            | Request::ImportCommit(ImportFile { text, .. })
            | Request::OutlierPreview(ImportFile { text, .. })
            | Request::OutlierCommit(ImportFile { text, .. })
            | Request::TogglPreview(TogglFile { text, .. })
            | Request::TogglCommit(TogglFile { text, .. })
                if text.len() > MAX_IMPORT_BYTES =>
            {
                Err(Error::new(
                    ErrorKind::Limit,
                    "this file is larger than 32 MB; split it and import the parts",
                ))
            }
            #[cfg(feature = "pages")]
            Request::SessionCommand(SessionCommand {
                command:
                    crate::timing::command::Command::Idle { .. }
                    | crate::timing::command::Command::Locked { .. }
                    | crate::timing::command::Command::Active {}
                    | crate::timing::command::Command::Heartbeat {},
            }) => Err(invalid(
                "idle, locked, active and heartbeat come from the browser, not from a page".into(),
            )),
            #[cfg(feature = "pages")]
            Request::SessionList(SessionList { from, to, .. })
            | Request::SessionReport(SessionRange { from, to })
                if to < from =>
            {
                Err(invalid("the range ends before it starts".into()))
            }
            #[cfg(feature = "pages")]
            Request::SessionReport(SessionRange { from, to })
                if to.saturating_sub(*from) > 400 * 86_400_000 =>
            {
                Err(Error::new(
                    ErrorKind::Limit,
                    "a report covers at most 400 days; pick a shorter range",
                ))
            }
            #[cfg(feature = "pages")]
            Request::SiteEnable(p) | Request::SiteDisable(p) if !valid_host(&p.host) => Err(
                invalid("“host” must be a web page's host name, such as example.com".into()),
            ),
            #[cfg(feature = "pages")]
            Request::TaskUpdate(TaskUpdate { id, .. }) | Request::AlertDismiss(RecordId { id })
                if id.is_empty() || id.chars().count() > MAX_ID_CHARS =>
            {
                Err(invalid("that is not a record id".into()))
            }
            #[cfg(feature = "pages")]
            Request::LedgerRepack(p) if !p.is_valid() => Err(invalid(
                "“keys” must be at most 1,000 task or session month shard keys".into(),
            )),
            #[cfg(feature = "pages")]
            Request::SiteDisable(SitePayload {
                tab_id: Some(_), ..
            }) => Err(invalid("“site.disable” takes no tabId".into())),
            _ => Ok(request),
        }
    }
}

// The contract's tests need every message type (the `pages` feature, in the default build).
#[cfg(all(test, feature = "pages"))]
mod codegen_tests;
#[cfg(all(test, feature = "pages"))]
mod tests;

#[cfg(all(test, not(feature = "pages")))]
mod startup_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_start_up_module_parses_content_messages_and_hands_page_messages_on() {
        let expand = json!({"type": "expand", "payload": {"trigger": ";acc"}});
        assert!(Request::parse(SenderKind::Content, &expand).is_ok());
        let e = Request::parse(SenderKind::Page, &json!({"type": "state.get"})).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Internal));
        // The sender check still comes first: a content script may not send page messages.
        let e = Request::parse(SenderKind::Content, &json!({"type": "state.get"})).err();
        assert_eq!(e.map(|e| e.kind), Some(ErrorKind::Forbidden));
    }
}
