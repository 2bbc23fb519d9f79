//! Merging reviewed imported snippets into the stored `snippets` map (the `snippets.import`
//! message). The page planned the import on its own core; the background checks every snippet
//! again here, because a message is untrusted: nothing is stored unless all of them are valid.

use super::{as_map, invalid, MAX_TRIGGER_CHARS};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{self, IdKind};
use crate::model::Snippet;
use crate::template;
use serde::Serialize;
use serde_json::Value;

/// Most snippets accepted in one import message.
pub const MAX_IMPORTED_SNIPPETS: usize = 20_000;

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeSummary {
    /// Snippets stored.
    pub added: usize,
    /// Snippets left out because their id is already stored.
    pub skipped: usize,
}

fn name_of(s: &Snippet, index: usize) -> String {
    match (s.label.trim(), s.triggers.first()) {
        ("", Some(t)) => format!("snippet {} (“{t}”)", index + 1),
        ("", None) => format!("snippet {}", index + 1),
        (l, _) => format!("snippet {} (“{l}”)", index + 1),
    }
}

/// Checks one imported snippet the way the editor's save does: a `snp_` id, clean triggers (or a
/// regex), a template that parses.
fn check(s: &Snippet, index: usize) -> Result<()> {
    let name = name_of(s, index);
    if !ids::is_valid(IdKind::Snippet, &s.meta.id) {
        return Err(invalid(format!(
            "{name} has no valid snippet id; nothing was imported"
        )));
    }
    for t in &s.triggers {
        if t.is_empty() || t.chars().any(char::is_whitespace) {
            return Err(invalid(format!(
                "{name}: the trigger “{t}” is empty or contains a space; nothing was imported"
            )));
        }
        if t.chars().count() > MAX_TRIGGER_CHARS {
            return Err(invalid(format!(
                "{name}: the trigger “{t}” is longer than {MAX_TRIGGER_CHARS} characters; nothing was imported"
            )));
        }
    }
    let has_regex = s.regex.as_deref().is_some_and(|r| !r.trim().is_empty());
    if s.triggers.is_empty() && !has_regex {
        return Err(invalid(format!(
            "{name} has no trigger; nothing was imported"
        )));
    }
    template::parse(&s.template).map_err(|e| Error {
        message: format!("{name}: {}; nothing was imported", e.message),
        ..e
    })?;
    Ok(())
}

/// Adds `snippets` to `stored` (the `snippets` map) as the user's own (`builtin: false`, unused,
/// not deleted). Snippets whose id is already stored are skipped. Any invalid snippet is an error
/// naming it, and then nothing is merged.
pub fn merge_snippets(
    stored: Option<&Value>,
    snippets: Vec<Snippet>,
    now: i64,
) -> Result<(Value, MergeSummary)> {
    if snippets.len() > MAX_IMPORTED_SNIPPETS {
        return Err(Error::new(
            ErrorKind::Limit,
            format!("at most {MAX_IMPORTED_SNIPPETS} snippets can be imported at once"),
        ));
    }
    let mut map = as_map(stored)?;
    for (i, s) in snippets.iter().enumerate() {
        check(s, i)?;
    }
    let mut summary = MergeSummary {
        added: 0,
        skipped: 0,
    };
    for mut s in snippets {
        if map.contains_key(&s.meta.id) {
            summary.skipped += 1;
            continue;
        }
        s.builtin = false;
        s.usage_count = 0;
        s.last_used_at = None;
        s.meta.deleted_at = None;
        s.meta.updated_at = s.meta.updated_at.max(now);
        let value =
            serde_json::to_value(&s).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        map.insert(s.meta.id.clone(), value);
        summary.added += 1;
    }
    Ok((Value::Object(map), summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::IdGen;
    use crate::model::{RecordMeta, TriggerMode};
    use serde_json::json;

    fn snippet(ids: &mut IdGen, trigger: &str, template: &str) -> Snippet {
        Snippet {
            meta: RecordMeta::new(ids.next(IdKind::Snippet, 10), 10),
            triggers: vec![trigger.into()],
            regex: None,
            label: String::new(),
            folder: String::new(),
            tags: vec![],
            template: template.into(),
            mode: TriggerMode::Immediate,
            word_boundary: false,
            propagate_case: false,
            criteria: vec![],
            usage_count: 5,
            last_used_at: Some(3),
            builtin: true,
        }
    }

    #[test]
    fn adds_new_snippets_as_the_users_own_and_skips_known_ids() {
        let mut ids = IdGen::new([4; 16]);
        let a = snippet(&mut ids, ";a", "A {cursor}");
        let b = snippet(&mut ids, ";b", "B");
        let stored = json!({ (a.meta.id.clone()): serde_json::to_value(&a).unwrap_or_default() });
        let (map, summary) = merge_snippets(Some(&stored), vec![a.clone(), b.clone()], 100)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            summary,
            MergeSummary {
                added: 1,
                skipped: 1
            }
        );
        let rec = &map[&b.meta.id];
        assert_eq!(rec["builtin"], false);
        assert_eq!(rec["usageCount"], 0);
        assert_eq!(rec["updatedAt"], 100);
        assert_eq!(
            map[&a.meta.id]["usageCount"], 5,
            "the stored one is untouched"
        );
    }

    #[test]
    fn one_invalid_snippet_stops_the_whole_import_and_is_named() {
        let mut ids = IdGen::new([5; 16]);
        let good = snippet(&mut ids, ";ok", "fine");
        let mut bad = snippet(&mut ids, ";bad", "Better: {choice: b}");
        bad.label = "Broken".into();
        let e = merge_snippets(None, vec![good.clone(), bad], 1).err();
        let e = e.unwrap_or_else(|| Error::new(ErrorKind::Internal, "no error"));
        assert_eq!(e.kind, ErrorKind::Template);
        assert!(e.message.contains("Broken"), "{}", e.message);
        assert!(e.line.is_some());

        let mut spaced = good.clone();
        spaced.triggers = vec![";a b".into()];
        assert!(merge_snippets(None, vec![spaced], 1).is_err());
        let mut none = good.clone();
        none.triggers = vec![];
        assert!(merge_snippets(None, vec![none], 1).is_err());
        let mut foreign = good.clone();
        foreign.meta.id = "rub_01J00000000000000000000000".into();
        assert!(merge_snippets(None, vec![foreign], 1).is_err());
        let mut long = good;
        long.triggers = vec![";".repeat(MAX_TRIGGER_CHARS + 1)];
        assert!(merge_snippets(None, vec![long], 1).is_err());
        assert!(merge_snippets(Some(&json!([1])), vec![], 1).is_err());
    }
}
