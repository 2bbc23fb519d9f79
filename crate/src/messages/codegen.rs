//! Code and docs generated from the contract ([`super::SPECS`], [`super::TO_CONTENT`],
//! [`super::TO_PAGES`]) and from the storage key names ([`crate::storage`]):
//! `extension/shared/contract.js` for JavaScript, and the two tables of `docs/messages.md`
//! (between `<!-- generated: NAME -->` and `<!-- end generated: NAME -->` markers; the prose
//! around them is written by hand). Tests compare both files with what this module generates;
//! `UPDATE_CONTRACT=1 cargo test` rewrites them.

use super::spec::{all as all_specs, TABLE_CHANGED, TO_CONTENT, TO_PAGES, WARM_PORT};
use super::SenderKind;
use std::fmt::Write;

/// The name JavaScript uses for a sender kind (`'content'`, `'page'`, `'overlay'`).
fn sender_name(k: SenderKind) -> &'static str {
    match k {
        SenderKind::Content => "content",
        SenderKind::Page => "page",
        SenderKind::Overlay => "overlay",
    }
}

/// The source of `extension/shared/contract.js`.
pub fn contract_js() -> String {
    let mut out = String::from(
        "// Generated from crate/src/messages/spec.rs by `cargo test` (UPDATE_CONTRACT=1). Do not edit.\n\
         // The message contract: every message type, and which senders may send it.\n\n\
         export const MSG = Object.freeze({\n",
    );
    for s in all_specs() {
        let _ = writeln!(out, "  {}: '{}',", s.constant, s.name);
    }
    out.push_str(
        "});\n\n/** Which senders may send each type: 'content' (content scripts), 'page' (extension pages), 'overlay' (the overlay page in a web page's tab). */\nexport const SENDERS = Object.freeze({\n",
    );
    for s in all_specs() {
        let from: Vec<String> = s
            .from
            .iter()
            .map(|k| format!("'{}'", sender_name(*k)))
            .collect();
        let _ = writeln!(out, "  '{}': Object.freeze([{}]),", s.name, from.join(", "));
    }
    out.push_str(
        "});\n\n/** Background → content scripts: the trigger table changed (no data). */\n",
    );
    let _ = writeln!(out, "export const TABLE_CHANGED = '{TABLE_CHANGED}';");
    out.push_str(
        "\n/** Content script → background: the port held while a field has focus (wakes the worker; nothing is sent). */\n",
    );
    let _ = writeln!(out, "export const WARM_PORT = '{WARM_PORT}';");
    out.push_str(
        "\n/** The built-in demo snippet's trigger, always in the library: a woken background rehearses expanding it (nothing is counted or sent). */\n",
    );
    let _ = writeln!(
        out,
        "export const DEMO_TRIGGER = '{}';",
        crate::engine::DEMO_TRIGGER
    );
    out.push_str("\n/** Background → content scripts: every notice (docs/messages.md). */\nexport const TO_CONTENT = Object.freeze({\n");
    for n in TO_CONTENT {
        let _ = writeln!(out, "  {}: '{}',", n.constant, n.name);
    }
    out.push_str("});\n\n/** Background → extension pages (runtime.sendMessage): every notice (docs/messages.md). */\nexport const TO_PAGES = /* @__PURE__ */ Object.freeze({\n");
    for n in TO_PAGES {
        let _ = writeln!(out, "  {}: '{}',", n.constant, n.name);
    }
    out.push_str("});\n");
    storage_js(&mut out);
    out
}

/// The storage key names of [`crate::storage`] (docs/data-model.md), so no JavaScript types one.
/// Marked pure, so the content script's bundle (which never touches storage) leaves them out.
fn storage_js(out: &mut String) {
    use crate::storage::{
        Collection, KEY_CURRENT_SESSION, KEY_LEDGER_PACK_PREFIX, KEY_META, KEY_SETTINGS,
        KEY_SHARDS, KEY_SNIPPET_USES, LEDGER_PACKED, START_KEYS, SUMMARY_KEYS,
    };
    let list = |keys: &[&str]| {
        let quoted: Vec<String> = keys.iter().map(|k| format!("'{k}'")).collect();
        quoted.join(", ")
    };
    out.push_str("\n/** Storage keys (docs/data-model.md). Month shards are named by the core, never built here. */\nexport const STORAGE = /* @__PURE__ */ Object.freeze({\n");
    let mut keys = vec![
        ("META", KEY_META),
        ("SETTINGS", KEY_SETTINGS),
        ("SHARDS", KEY_SHARDS),
        ("CURRENT_SESSION", KEY_CURRENT_SESSION),
        ("SNIPPET_USES", KEY_SNIPPET_USES),
        ("LEDGER_PACK", KEY_LEDGER_PACK_PREFIX),
    ];
    let constants = [
        (Collection::Platforms, "PLATFORMS"),
        (Collection::TaskTypes, "TASK_TYPES"),
        (Collection::Rubrics, "RUBRICS"),
        (Collection::Snippets, "SNIPPETS"),
        (Collection::Alerts, "ALERTS"),
    ];
    keys.extend(constants.iter().map(|(c, k)| (*k, c.name())));
    for (constant, key) in keys {
        let _ = writeln!(out, "  {constant}: '{key}',");
    }
    out.push_str(
        "});\n\n/** What the background's engine loads at start and follows on change. */\n",
    );
    let _ = writeln!(
        out,
        "export const START_KEYS = /* @__PURE__ */ Object.freeze([{}]);",
        list(START_KEYS)
    );
    out.push_str("\n/** Collections whose month shards have a ledger pack (STORAGE.LEDGER_PACK + shard key), written with the shard. */\n");
    let packed: Vec<&str> = LEDGER_PACKED.iter().map(|c| c.name()).collect();
    let _ = writeln!(
        out,
        "export const LEDGER_PACKED = /* @__PURE__ */ Object.freeze([{}]);",
        list(&packed)
    );
    out.push_str("\n/** The small keys that describe the whole store (`state.get`) without a month shard. */\n");
    let _ = writeln!(
        out,
        "export const SUMMARY_KEYS = /* @__PURE__ */ Object.freeze([{}]);",
        list(SUMMARY_KEYS)
    );
}

/// A Markdown table cell: `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The generated tables of `docs/messages.md`, by block name: `notices` (background → content
/// scripts, then → extension pages) and `types` (every message type).
pub fn messages_tables() -> [(&'static str, String); 2] {
    let mut notices = String::from("| notice | sent to | payload |\n|---|---|---|\n");
    for n in TO_CONTENT.iter().chain(TO_PAGES) {
        let _ = writeln!(
            notices,
            "| `{}` | {} | {} |",
            n.name,
            cell(n.to),
            cell(n.payload)
        );
    }
    let mut types =
        String::from("| type | senders | payload | reply `data` |\n|---|---|---|---|\n");
    for s in all_specs() {
        let from: Vec<&str> = s.from.iter().map(|k| sender_name(*k)).collect();
        let _ = writeln!(
            types,
            "| `{}` | {} | {} | {} |",
            s.name,
            from.join(", "),
            cell(s.payload),
            cell(s.reply)
        );
    }
    [("notices", notices), ("types", types)]
}

/// `doc` with every generated block replaced by [`messages_tables`]; an error names a block whose
/// markers are missing or out of order.
pub fn fill_messages_doc(doc: &str) -> Result<String, String> {
    let mut out = doc.to_string();
    for (name, table) in messages_tables() {
        let open = format!("<!-- generated: {name} -->\n");
        let close = format!("<!-- end generated: {name} -->");
        let start = out
            .find(&open)
            .map(|i| i + open.len())
            .ok_or_else(|| format!("no “{}” marker", open.trim_end()))?;
        let end = out[start..]
            .find(&close)
            .map(|i| start + i)
            .ok_or_else(|| format!("no “{close}” marker after its start"))?;
        // Blank lines around the table: Markdown ends a table at a blank line, not at a comment.
        out.replace_range(start..end, &format!("\n{table}\n"));
    }
    Ok(out)
}
