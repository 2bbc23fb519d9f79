//! The contract as data: every message type with who may send it and its payload and reply in
//! words ([`SPECS`], and [`WORK_SPECS`] in `spec_work.rs`), every notice the background sends to content scripts ([`TO_CONTENT`]) and
//! to extension pages ([`TO_PAGES`]).
//! The Rust types in `payloads.rs` are the exact definition; `contract.js` and the tables of
//! `docs/messages.md` are generated from this file (`codegen.rs`).

use super::spec_work::WORK_SPECS;
use super::SenderKind;

pub(super) const CONTENT_AND_PAGE: &[SenderKind] = &[SenderKind::Content, SenderKind::Page];
pub(super) const CONTENT_ONLY: &[SenderKind] = &[SenderKind::Content];
pub(super) const PAGE_ONLY: &[SenderKind] = &[SenderKind::Page];
pub(super) const OVERLAY_ONLY: &[SenderKind] = &[SenderKind::Overlay];
pub(super) const CONTENT_AND_OVERLAY: &[SenderKind] = &[SenderKind::Content, SenderKind::Overlay];

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
        reply: "{status: 'done', text, cursors: [UTF-16 offsets into text], snippetId}, or {status: 'needsInput', token} when the template has fill-in fields: the background shows the form in the overlay (the fields never reach the content script) and later sends overlay.insert; {status: 'paused'} while paused, {status: 'off'} from a site where Rubrica is off (judged from the sender's origin and tab)",
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
        payload: "{word: the word before the caret (at most 64 UTF-16 units, may be empty), field?: the focused field's text (at most 20,000 characters; for Save this field and the near-duplicate guard)}",
        reply: "{token}: the content script shows overlay/overlay.html#token; the search happens in the overlay",
    },
    Spec {
        name: "overlay.forget",
        constant: "OVERLAY_FORGET",
        from: CONTENT_ONLY,
        payload: "{token}: the content script closed the form or palette (click elsewhere, field gone)",
        reply: "null; the pending request is forgotten",
    },
    Spec {
        name: "overlay.check",
        constant: "OVERLAY_CHECK",
        from: OVERLAY_ONLY,
        payload: "{token}: the palette's “Check this field”",
        reply: "{text, findings: [{rule, target, span?, message, suggestion}], rules: [{id, title}]}: the background asked the field's frame for its text (field.text) and ran the justification checker against the active rubric and the library (near-duplicates of an entry, named by its date and task type); the overlay shows the result, the page sees nothing",
    },
    Spec {
        name: "overlay.get",
        constant: "OVERLAY_GET",
        from: OVERLAY_ONLY,
        payload: "{token}",
        reply: "{mode: 'fill', fields: [FieldSpec], preview: {text, cursors}, theme} or {mode: 'palette', query, theme, field: {chars, near: [{id, similarity, createdAt, sentence}]}} (near: library entries like the field, above the user's threshold)",
    },
    Spec {
        name: "overlay.preview",
        constant: "OVERLAY_PREVIEW",
        from: OVERLAY_ONLY,
        payload: "{token, values: {field: string | [string] | bool}}",
        reply: "{text, cursors}: the expansion with these values (defaults for the rest)",
    },
    Spec {
        name: "overlay.search",
        constant: "OVERLAY_SEARCH",
        from: OVERLAY_ONLY,
        payload: "{token, query (at most 128 characters)}",
        reply: "[{snippetId, label, trigger, folder, excerpt, needsInput, field, score}], best first (at most 50), then library entries marked {library: true, entryId, label, excerpt, highlights, createdAt} (at most 10; none for an empty query)",
    },
    Spec {
        name: "overlay.choose",
        constant: "OVERLAY_CHOOSE",
        from: OVERLAY_ONLY,
        payload: "{token, snippetId}",
        reply: "{status: 'done'} (inserted), or {status: 'needsInput', fields, preview}: the overlay turns into the fill-in form",
    },
    Spec {
        name: "overlay.entry",
        constant: "OVERLAY_ENTRY",
        from: OVERLAY_ONLY,
        payload: "{token, entryId}",
        reply: "{status: 'done'}: the library entry's text is inserted at the remembered caret (the palette's explicit second action; choosing shows it first)",
    },
    Spec {
        name: "overlay.saveField",
        constant: "OVERLAY_SAVE_FIELD",
        from: OVERLAY_ONLY,
        payload: "{token}",
        reply: "{record, near}: the field's text (sent with palette.open) saved as a library entry, and the earlier entries it is like",
    },
    Spec {
        name: "overlay.submit",
        constant: "OVERLAY_SUBMIT",
        from: OVERLAY_ONLY,
        payload: "{token, values}",
        reply: "{status: 'done'}: the background rendered the text and sent overlay.insert to the requesting tab and frame",
    },
    Spec {
        name: "overlay.dismiss",
        constant: "OVERLAY_DISMISS",
        from: OVERLAY_ONLY,
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
        name: "library.snippetsPart",
        constant: "LIBRARY_SNIPPETS_PART",
        from: PAGE_ONLY,
        payload: "{offset, limit}",
        reply: "{total, text}: the live snippet records [offset, offset + limit) as JSON text, in stored order, from the background's snapshot of storage (import planning reads the library in parts, so no task parses it all at once and no module reloads for it)",
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
        payload: "{fileName, snippets: [Snippet] (the reviewed plan's added snippets), or snippetsJson: the same as JSON text}",
        reply: "{added, skipped}: counts; an invalid snippet is an error naming it and nothing is stored",
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

/// The spec of message type `name`.
pub fn spec(name: &str) -> Option<&'static Spec> {
    all().find(|s| s.name == name)
}

/// Every message type: the foundation's ([`SPECS`]) then the work records' ([`WORK_SPECS`]).
pub fn all() -> impl Iterator<Item = &'static Spec> {
    SPECS.iter().chain(WORK_SPECS.iter())
}

/// The one notice the background sends to content scripts (`tabs.sendMessage`): the trigger table
/// changed, fetch it again. It carries no library data.
pub const TABLE_CHANGED: &str = "table.changed";

/// The name of the port a content script opens while its field has focus: connecting wakes the
/// service worker, and the port's disconnection tells the content script the worker stopped.
/// While it is open the content script's requests travel over it as `{id, message}`, each routed
/// and validated exactly like a `runtime.sendMessage` from the same sender, and answered as
/// `{id, reply}`; envelopes of any other shape are dropped unanswered.
pub const WARM_PORT: &str = "rubrica.warm";

/// A notice the background sends to content scripts (`tabs.sendMessage`).
#[derive(Debug, Clone, Copy)]
pub struct NoticeSpec {
    /// The constant name in `contract.js` (`TO_CONTENT.…`).
    pub constant: &'static str,
    /// The `type` on the wire.
    pub name: &'static str,
    /// Which tabs and frames get it, in words.
    pub to: &'static str,
    /// Its payload, in words.
    pub payload: &'static str,
}

/// Every notice the background sends to content scripts. None carries library data except
/// `overlay.insert`, which carries the one text the user chose.
pub const TO_CONTENT: &[NoticeSpec] = &[
    NoticeSpec {
        constant: "TABLE_CHANGED",
        name: TABLE_CHANGED,
        to: "every tab",
        payload: "{revision}: the trigger table may have changed (settings, snippet edits, imports); fetch it again with `triggers.get`. No library data.",
    },
    NoticeSpec {
        constant: "PALETTE_SHOW",
        name: "palette.show",
        to: "every frame of the active tab",
        payload: "none: the open-palette shortcut; the frame that has focus and a focused field answers with `palette.open`",
    },
    NoticeSpec {
        constant: "OVERLAY_INSERT",
        name: "overlay.insert",
        to: "the tab and frame that asked (`{frameId}`)",
        payload: "{token, text, cursors, replaceLen?}: the one text the user chose in the form or palette, written at the remembered caret",
    },
    NoticeSpec {
        constant: "FIELD_TEXT",
        name: "field.text",
        to: "the tab and frame of an open palette",
        payload: "{token}: the palette's “Check this field”; the frame answers {text} with the text of the field the palette was opened on (at most 64 KB)",
    },
    NoticeSpec {
        constant: "WORKSHEET_INSERT",
        name: "worksheet.insert",
        to: "the top frame of the tab the worksheet is bound to",
        payload: "{text}: the worksheet's draft the user confirmed, written at the caret of the field last used in the page",
    },
    NoticeSpec {
        constant: "OVERLAY_CLOSE",
        name: "overlay.close",
        to: "the tab and frame that asked",
        payload: "{token}: the user dismissed it; close the overlay, put focus and caret back",
    },
];

/// Every notice the background sends to extension pages (`runtime.sendMessage` to the popup,
/// the dashboard; no receiver is fine). A page renders from it instead of asking again.
pub const TO_PAGES: &[NoticeSpec] = &[NoticeSpec {
    constant: "SESSION_CHANGED",
    name: "session.changed",
    to: "every open extension page",
    payload: "{view}: the current session changed (a command from any page, a shortcut, idle, an alarm, a correction); `view` is what `session.get` answers now",
}];
