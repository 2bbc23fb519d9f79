//! Merging reviewed imported snippets into the stored `snippets` map (the `snippets.import`
//! message). The page planned the import on its own core; the background checks every snippet
//! again here, because a message is untrusted: nothing is stored unless all of them are valid.

use super::{as_map, invalid, snippet_problems};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{self, IdKind};
use crate::model::Snippet;
use serde::Serialize;
use serde_json::Value;

/// Most snippets accepted in one import (one message, one write). Far above real files (the
/// largest public espanso collections hold about 30,000 matches); the bound keeps one message and
/// one storage write within what the browser handles comfortably (about 30 MB).
pub const MAX_IMPORTED_SNIPPETS: usize = 100_000;

/// The error for an import of `n` snippets when `n` is over [`MAX_IMPORTED_SNIPPETS`]: the preview
/// asks this as the import does, so the two always agree.
pub fn too_many(n: usize) -> Option<Error> {
    (n > MAX_IMPORTED_SNIPPETS).then(|| {
        Error::new(
            ErrorKind::Limit,
            format!(
                "This file has {} snippets to add; one import takes at most {} (so that one \
                 message and one write stay within what the browser handles). Split the file \
                 and import the parts one after another.",
                group_digits(n),
                group_digits(MAX_IMPORTED_SNIPPETS)
            ),
        )
    })
}

/// `12345` → `12,345`.
pub fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{} {what}s", group_digits(n))
    }
}

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

/// Why one imported snippet cannot be stored: a `snp_` id, then [`snippet_problems`] (the same
/// check the import preview made).
fn problems_of(s: &Snippet) -> Vec<String> {
    let mut out = Vec::new();
    if !ids::is_valid(IdKind::Snippet, &s.meta.id) {
        out.push("it has no valid snippet id".into());
    }
    out.extend(snippet_problems(s));
    out
}

/// How many offending snippets an error names before it says how many more there are.
const NAMED: usize = 20;

/// Adds `snippets` to `stored` (the `snippets` map) as the user's own (`builtin: false`, unused,
/// not deleted). Snippets whose id is already stored are skipped. Any invalid snippet is an error
/// naming it, and then nothing is merged.
pub fn merge_snippets(
    stored: Option<&Value>,
    snippets: Vec<Snippet>,
    now: i64,
) -> Result<(Value, MergeSummary)> {
    if let Some(e) = too_many(snippets.len()) {
        return Err(e);
    }
    let mut map = as_map(stored)?;
    let bad: Vec<String> = snippets
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let p = problems_of(s);
            (!p.is_empty()).then(|| format!("{}: {}", name_of(s, i), p.join("; ")))
        })
        .collect();
    if !bad.is_empty() {
        let more = bad.len().saturating_sub(NAMED);
        let mut message = format!(
            "Nothing was imported: {} cannot be stored. {}",
            plural(bad.len(), "snippet"),
            bad[..bad.len().min(NAMED)].join(". ")
        );
        if more > 0 {
            message.push_str(&format!(". And {} more.", group_digits(more)));
        }
        return Err(invalid(message));
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
        assert_eq!(e.kind, ErrorKind::InvalidMessage);
        assert!(e.message.contains("Broken"), "{}", e.message);

        let mut spaced = good.clone();
        spaced.triggers = vec![":sweat smile:".into(), "a bas".into()];
        assert!(
            merge_snippets(None, vec![spaced], 1).is_ok(),
            "spaces are fine"
        );
        let mut tabbed = good.clone();
        tabbed.triggers = vec![";a\tb".into(), ";c\nd".into()];
        let e = merge_snippets(None, vec![tabbed.clone(), tabbed], 1).err();
        let m = e.map(|e| e.message).unwrap_or_default();
        assert!(
            m.contains("2 snippets") && m.contains("a tab") && m.contains("a line break"),
            "{m}"
        );
        let mut none = good.clone();
        none.triggers = vec![];
        assert!(merge_snippets(None, vec![none], 1).is_err());
        let mut foreign = good.clone();
        foreign.meta.id = "rub_01J00000000000000000000000".into();
        assert!(merge_snippets(None, vec![foreign], 1).is_err());
        let mut long = good;
        long.triggers = vec![";".repeat(crate::edits::MAX_TRIGGER_CHARS + 1)];
        assert!(merge_snippets(None, vec![long], 1).is_err());
        assert!(too_many(MAX_IMPORTED_SNIPPETS).is_none());
        let e = too_many(123_456).map(|e| e.message).unwrap_or_default();
        assert!(e.contains("123,456") && e.contains("100,000"), "{e}");
        assert!(merge_snippets(Some(&json!([1])), vec![], 1).is_err());
    }
}
