//! Record edits for the library: save a snippet or rubric from the editor's draft, delete with a
//! tombstone, restore (undo). Each takes the collection's stored map (`{id: record}`) and returns
//! the saved record and the map to write back in one `set`; nothing here touches storage.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{Criterion, RecordMeta, Rubric, Snippet, TriggerMode};
use crate::template;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Longest trigger accepted, in characters. The content script reads this much text before the
/// caret on every key, and an `expand` message carries at most this many characters; real
/// triggers (espanso's longest public ones included) are far shorter.
pub const MAX_TRIGGER_CHARS: usize = 256;

/// Why `t` cannot be a trigger, or `None` when it can. Triggers may hold spaces and any printable
/// character, as in espanso; they may not be empty, hold a control character (a tab or a line
/// break cannot be typed into a page's field as part of a trigger: Tab moves the focus, Enter
/// submits or starts a new line) or be longer than [`MAX_TRIGGER_CHARS`]. The snippet editor,
/// every importer's preview and the import itself ask this one function.
pub fn trigger_problem(t: &str) -> Option<String> {
    if t.trim().is_empty() {
        return Some(if t.is_empty() {
            "a trigger is empty".into()
        } else {
            format!("the trigger “{t}” is only spaces")
        });
    }
    if let Some(c) = t.chars().find(|c| c.is_control()) {
        let what = match c {
            '\t' => "a tab".to_string(),
            '\n' | '\r' => "a line break".to_string(),
            c => format!("the control character U+{:04X}", c as u32),
        };
        return Some(format!(
            "the trigger “{}” contains {what}, which cannot be typed as part of a trigger in a web page",
            t.escape_debug()
        ));
    }
    let n = t.chars().count();
    if n > MAX_TRIGGER_CHARS {
        return Some(format!(
            "the trigger “{}…” is {n} characters long; at most {MAX_TRIGGER_CHARS} are read before the caret",
            t.chars().take(24).collect::<String>()
        ));
    }
    None
}

/// Everything that keeps `s` from being stored as a snippet: each bad trigger, a missing
/// trigger, a template that does not parse. Empty when it can be stored. The import preview and
/// the import itself ask this same function, so they always agree.
pub fn snippet_problems(s: &Snippet) -> Vec<String> {
    let mut out: Vec<String> = s
        .triggers
        .iter()
        .filter_map(|t| trigger_problem(t))
        .collect();
    let has_regex = s.regex.as_deref().is_some_and(|r| !r.trim().is_empty());
    if s.triggers.is_empty() && !has_regex {
        out.push("it has no trigger".into());
    }
    if let Err(e) = template::parse(&s.template) {
        out.push(format!("its text does not parse: {}", e.message));
    }
    out
}

/// What the snippet editor sends: a new snippet (no `id`) or changes to an existing one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SnippetDraft {
    /// The snippet to change; absent for a new one.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub triggers: Vec<String>,
    #[serde(default)]
    pub regex: Option<String>,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub folder: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub template: String,
    #[serde(default)]
    pub mode: TriggerMode,
    #[serde(default)]
    pub word_boundary: bool,
    #[serde(default = "yes")]
    pub propagate_case: bool,
    #[serde(default)]
    pub criteria: Vec<String>,
}

fn yes() -> bool {
    true
}

/// What the rubric editor sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RubricDraft {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// What an ideal response looks like (optional).
    #[serde(default)]
    pub ideal_response: String,
}

fn conflict(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Conflict, message)
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidMessage, message)
}

fn as_map(stored: Option<&Value>) -> Result<Map<String, Value>> {
    match stored {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(Error::new(
            ErrorKind::Storage,
            "the stored collection is not a map of records; nothing was changed",
        )),
    }
}

fn clean_list(items: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && seen.insert(s.clone()))
        .collect()
}

/// The record fields after a save: a new id for a new record; for an edit the same id and
/// creation time, no tombstone, and an `updatedAt` that always moves forward (imports compare it).
fn next_meta(old: Option<&RecordMeta>, kind: IdKind, ids: &mut IdGen, now: i64) -> RecordMeta {
    match old {
        Some(old) => RecordMeta {
            updated_at: now.max(old.updated_at + 1),
            deleted_at: None,
            ..old.clone()
        },
        None => RecordMeta::new(ids.next(kind, now), now),
    }
}

/// Checks and normalises a draft's triggers: trimmed, non-empty, printable, short ([`trigger_problem`]).
fn clean_triggers(draft: &SnippetDraft) -> Result<Vec<String>> {
    let triggers = clean_list(&draft.triggers);
    if let Some(why) = triggers.iter().find_map(|t| trigger_problem(t)) {
        return Err(invalid(why));
    }
    let has_regex = draft.regex.as_deref().is_some_and(|r| !r.trim().is_empty());
    if triggers.is_empty() && !has_regex {
        return Err(invalid(
            "a snippet needs at least one trigger (such as ;acc) or a regex trigger",
        ));
    }
    Ok(triggers)
}

/// Saves a snippet draft into `stored` (the `snippets` map). The template must parse: its error
/// (with line, column and caret) is returned unchanged so the editor can show it inline.
pub fn save_snippet(
    stored: Option<&Value>,
    draft: SnippetDraft,
    ids: &mut IdGen,
    now: i64,
) -> Result<(Snippet, Value)> {
    let mut map = as_map(stored)?;
    let triggers = clean_triggers(&draft)?;
    template::parse(&draft.template)?;
    let existing: Option<Snippet> = match &draft.id {
        Some(id) => {
            let rec = map
                .get(id)
                .ok_or_else(|| Error::new(ErrorKind::NotFound, "this snippet no longer exists"))?;
            Some(Snippet::deserialize(rec).map_err(|e| {
                Error::new(
                    ErrorKind::Storage,
                    format!("the stored snippet could not be read ({e}); nothing was changed"),
                )
            })?)
        }
        None => None,
    };
    let meta = next_meta(
        existing.as_ref().map(|s| &s.meta),
        IdKind::Snippet,
        ids,
        now,
    );
    let label = match draft.label.trim() {
        "" => triggers
            .first()
            .cloned()
            .unwrap_or_else(|| "Regex snippet".into()),
        l => l.to_string(),
    };
    let snippet = Snippet {
        meta,
        triggers,
        regex: draft.regex.filter(|r| !r.trim().is_empty()),
        label,
        folder: draft.folder.trim().trim_matches('/').to_string(),
        tags: clean_list(&draft.tags),
        template: draft.template,
        mode: draft.mode,
        word_boundary: draft.word_boundary,
        propagate_case: draft.propagate_case,
        criteria: clean_list(&draft.criteria),
        usage_count: existing.as_ref().map_or(0, |s| s.usage_count),
        last_used_at: existing.as_ref().and_then(|s| s.last_used_at),
        // An edited starter snippet becomes the user's own.
        builtin: false,
    };
    let value = serde_json::to_value(&snippet)
        .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
    map.insert(snippet.meta.id.clone(), value);
    Ok((snippet, Value::Object(map)))
}

/// Saves a rubric draft into `stored` (the `rubrics` map): a name, criteria with unique keys made
/// of lower-case letters, digits, `_` and `-`, and names.
pub fn save_rubric(
    stored: Option<&Value>,
    draft: RubricDraft,
    ids: &mut IdGen,
    now: i64,
) -> Result<(Rubric, Value)> {
    let mut map = as_map(stored)?;
    let name = draft.name.trim().to_string();
    if name.is_empty() {
        return Err(invalid("a rubric needs a name"));
    }
    let mut keys = BTreeSet::new();
    let mut criteria = Vec::with_capacity(draft.criteria.len());
    for (i, mut c) in draft.criteria.into_iter().enumerate() {
        c.key = c.key.trim().to_lowercase();
        c.name = c.name.trim().to_string();
        if c.key.is_empty()
            || !c
                .key
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' || ch == '-')
        {
            return Err(invalid(format!(
                "criterion {}: the key “{}” may only use a–z, 0–9, _ and - (it is what {{criterion: key}} cites)",
                i + 1,
                c.key
            )));
        }
        if c.name.is_empty() {
            return Err(invalid(format!("criterion “{}” needs a name", c.key)));
        }
        if !keys.insert(c.key.clone()) {
            return Err(conflict(format!(
                "two criteria have the key “{}”; keys must be unique",
                c.key
            )));
        }
        c.phrases = clean_list(&c.phrases);
        c.annotations = clean_list(&c.annotations);
        c.snippet_ids = clean_list(&c.snippet_ids);
        criteria.push(c);
    }
    let existing = match &draft.id {
        Some(id) => Some(
            map.get(id)
                .and_then(|v| Rubric::deserialize(v).ok())
                .ok_or_else(|| Error::new(ErrorKind::NotFound, "this rubric no longer exists"))?,
        ),
        None => None,
    };
    let meta = next_meta(existing.as_ref().map(|r| &r.meta), IdKind::Rubric, ids, now);
    let rubric = Rubric {
        meta,
        name,
        criteria,
        ideal_response: draft.ideal_response.trim().to_string(),
        builtin: false,
    };
    let value = serde_json::to_value(&rubric)
        .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
    map.insert(rubric.meta.id.clone(), value);
    Ok((rubric, Value::Object(map)))
}

/// Marks record `id` in `stored` deleted at `now` (`deleted = true`) or restores it (undo).
/// Returns the map to write back.
pub fn set_deleted(stored: Option<&Value>, id: &str, deleted: bool, now: i64) -> Result<Value> {
    let mut map = as_map(stored)?;
    let rec = map
        .get_mut(id)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                "there is nothing with this id to change",
            )
        })?;
    let updated = rec.get("updatedAt").and_then(Value::as_i64).unwrap_or(0);
    if deleted {
        rec.insert("deletedAt".into(), Value::from(now));
    } else {
        rec.remove("deletedAt");
    }
    rec.insert("updatedAt".into(), Value::from(now.max(updated + 1)));
    Ok(Value::Object(map))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft(template: &str) -> SnippetDraft {
        SnippetDraft {
            id: None,
            triggers: vec![" ;acc ".into(), ";acc".into()],
            regex: None,
            label: String::new(),
            folder: "/Rubric/".into(),
            tags: vec!["a".into(), " ".into()],
            template: template.into(),
            mode: TriggerMode::Immediate,
            word_boundary: false,
            propagate_case: true,
            criteria: vec![],
        }
    }

    #[test]
    fn new_snippets_get_ids_and_clean_fields() {
        let mut ids = IdGen::new([1; 16]);
        let (s, map) =
            save_snippet(None, draft("Accurate."), &mut ids, 100).unwrap_or_else(|e| panic!("{e}"));
        assert!(s.meta.id.starts_with("snp_"));
        assert_eq!(s.triggers, vec![";acc"]);
        assert_eq!(s.label, ";acc");
        assert_eq!(s.folder, "Rubric");
        assert_eq!(s.tags, vec!["a"]);
        assert_eq!(map[&s.meta.id]["template"], "Accurate.");
    }

    #[test]
    fn template_errors_come_back_with_a_position() {
        let mut ids = IdGen::new([1; 16]);
        let e = save_snippet(None, draft("Better: {choice: b}"), &mut ids, 1).err();
        let e = e.unwrap_or_else(|| Error::new(ErrorKind::Internal, "no error"));
        assert_eq!(e.kind, ErrorKind::Template);
        assert_eq!(e.line, Some(1));
        assert!(e.excerpt.is_some());
    }

    #[test]
    fn bad_triggers_are_refused() {
        let mut ids = IdGen::new([1; 16]);
        let mut d = draft("x");
        d.triggers = vec![];
        assert!(save_snippet(None, d.clone(), &mut ids, 1).is_err());
        d.triggers = vec![";a\tb".into()];
        assert!(save_snippet(None, d.clone(), &mut ids, 1).is_err());
        d.triggers = vec![";".repeat(MAX_TRIGGER_CHARS + 1)];
        assert!(save_snippet(None, d.clone(), &mut ids, 1).is_err());
        d.triggers = vec!["a bas".into(), ":sweat smile:".into()];
        assert!(
            save_snippet(None, d.clone(), &mut ids, 1).is_ok(),
            "spaces are printable"
        );
        d.triggers = vec![];
        d.regex = Some("(?P<n>\\d+)x".into());
        assert!(
            save_snippet(None, d, &mut ids, 1).is_ok(),
            "a regex alone is enough"
        );
    }

    #[test]
    fn editing_keeps_identity_and_usage_and_delete_round_trips() {
        let mut ids = IdGen::new([1; 16]);
        let (s, map) =
            save_snippet(None, draft("One"), &mut ids, 100).unwrap_or_else(|e| panic!("{e}"));
        let mut map = map;
        map[&s.meta.id]["usageCount"] = json!(7);
        let mut edit = draft("Two");
        edit.id = Some(s.meta.id.clone());
        let (s2, map2) =
            save_snippet(Some(&map), edit, &mut ids, 100).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s2.meta.id, s.meta.id);
        assert_eq!(s2.meta.created_at, 100);
        assert_eq!(s2.meta.updated_at, 101, "updatedAt always moves forward");
        assert_eq!(s2.usage_count, 7);
        let gone =
            set_deleted(Some(&map2), &s.meta.id, true, 200).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(gone[&s.meta.id]["deletedAt"], 200);
        let back =
            set_deleted(Some(&gone), &s.meta.id, false, 201).unwrap_or_else(|e| panic!("{e}"));
        assert!(back[&s.meta.id].get("deletedAt").is_none());
        assert!(set_deleted(Some(&back), "snp_nope", true, 1).is_err());
        let mut missing = draft("x");
        missing.id = Some("snp_nope".into());
        assert_eq!(
            save_snippet(Some(&back), missing, &mut ids, 1)
                .err()
                .map(|e| e.kind),
            Some(ErrorKind::NotFound)
        );
    }

    #[test]
    fn rubrics_need_unique_clean_keys() {
        let mut ids = IdGen::new([2; 16]);
        let crit = |key: &str| Criterion {
            key: key.into(),
            name: "Accuracy".into(),
            definition: String::new(),
            priority: 1,
            weight: None,
            disqualifying: false,
            notes: String::new(),
            phrases: vec!["  accurate ".into(), " ".into()],
            annotations: Vec::new(),
            snippet_ids: Vec::new(),
        };
        let ok = RubricDraft {
            id: None,
            name: "Mine".into(),
            criteria: vec![crit(" Accuracy ")],
            ideal_response: String::new(),
        };
        let (r, _) = save_rubric(None, ok, &mut ids, 5).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.criteria[0].key, "accuracy");
        assert_eq!(r.criteria[0].phrases, vec!["accurate"]);
        let dup = RubricDraft {
            id: None,
            name: "Mine".into(),
            criteria: vec![crit("a"), crit("A")],
            ideal_response: String::new(),
        };
        assert_eq!(
            save_rubric(None, dup, &mut ids, 5).err().map(|e| e.kind),
            Some(ErrorKind::Conflict)
        );
        let bad = RubricDraft {
            id: None,
            name: "Mine".into(),
            criteria: vec![crit("has space")],
            ideal_response: String::new(),
        };
        assert!(save_rubric(None, bad, &mut ids, 5).is_err());
        let unnamed = RubricDraft {
            id: None,
            name: " ".into(),
            criteria: vec![],
            ideal_response: String::new(),
        };
        assert!(save_rubric(None, unnamed, &mut ids, 5).is_err());
        assert!(save_rubric(
            Some(&json!(3)),
            RubricDraft {
                id: None,
                name: "x".into(),
                criteria: vec![],
                ideal_response: String::new(),
            },
            &mut ids,
            5
        )
        .is_err());
    }
}

// --- snippets.import: merging reviewed imported snippets (edits/merge.rs) ----------------------
mod merge;
pub use merge::{group_digits, merge_snippets, too_many, MergeSummary, MAX_IMPORTED_SNIPPETS};
