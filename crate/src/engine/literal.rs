//! Literal expansions: the snippets whose text depends on nothing but the library (no fill-in
//! field, no date or time, no clipboard), rendered ahead of time for every way their triggers can
//! be typed. The background keeps them in memory-only browser storage so that a trigger typed
//! while the service worker is stopped is answered before the WebAssembly core has loaded
//! (`extension/background/literal.js`); anything not in the list goes through [`Engine::expand`].
//!
//! What is in the list is decided by rendering: each candidate is expanded twice, in two contexts
//! that differ in everything an expansion may read besides the library (the time, the time zone,
//! the clipboard); only a finished expansion that comes out the same both times is literal. So the
//! list is, by construction, what `expand` answers, and any feature that reads the outside world
//! keeps its snippet out of it.

use super::{Engine, ExpandContext};
use crate::template::Rendered;
use crate::triggers::{apply_case, TypedCase};
use serde::Serialize;

/// One typed trigger and what expanding it gives.
///
/// JSON: `{typed, text, cursors, snippetId}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiteralExpansion {
    /// The trigger exactly as typed (`;acc`, `;Acc`, `;ACC`).
    pub typed: String,
    /// The expansion's text.
    pub text: String,
    /// `{cursor}` positions as UTF-16 offsets into `text`.
    pub cursors: Vec<u32>,
    /// The snippet's id (for its use count).
    pub snippet_id: String,
}

/// Two contexts that differ in the time (more than a year, and not by whole days), the time zone
/// and the clipboard.
fn probes() -> [ExpandContext; 2] {
    let first = ExpandContext {
        now: 1_767_225_600_000, // 2026-01-01T00:00:00Z
        tz_offset_min: 0,
        clipboard: Some("\u{1}a".into()),
        ..ExpandContext::default()
    };
    let second = ExpandContext {
        now: first.now + 400 * 86_400_000 + 11_231_000,
        tz_offset_min: 330,
        clipboard: Some("\u{1}b".into()),
        ..ExpandContext::default()
    };
    [first, second]
}

/// The ways a trigger can be typed that the trigger table takes: as stored and, for a
/// case-propagating snippet, capitalised and in upper case (two letters or more).
fn typed_forms(trigger: &str, propagate_case: bool) -> Vec<String> {
    let mut forms = vec![trigger.to_string()];
    if propagate_case {
        let lower = trigger.to_lowercase();
        for case in [TypedCase::Capitalized, TypedCase::Upper] {
            let form = apply_case(&lower, case);
            if case == TypedCase::Upper && form.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
}

impl Engine {
    /// Every literal expansion of the live snippets, most used snippets first, until their JSON
    /// would pass `max_bytes` (the rest stay with [`Engine::expand`]). Regex triggers are never
    /// literal: what they replace depends on the text before the caret.
    pub fn literal_expansions(&mut self, max_bytes: usize) -> Vec<LiteralExpansion> {
        let mut order: Vec<(u64, Vec<String>, bool)> = self
            .snippets
            .iter()
            .filter(|s| s.regex.as_deref().is_none_or(|r| r.trim().is_empty()))
            .map(|s| (s.usage_count, s.triggers.clone(), s.propagate_case))
            .collect();
        order.sort_by_key(|s| std::cmp::Reverse(s.0));
        let [first, second] = probes();
        let mut out = Vec::new();
        let mut bytes = 0usize;
        for (_, triggers, propagate_case) in order {
            for trigger in triggers {
                for typed in typed_forms(&trigger, propagate_case) {
                    let (Ok(a), Ok(b)) =
                        (self.expand(&typed, &first), self.expand(&typed, &second))
                    else {
                        continue;
                    };
                    let Rendered::Done { text, cursors } = a.rendered else {
                        continue;
                    };
                    if b.rendered
                        != (Rendered::Done {
                            text: text.clone(),
                            cursors: cursors.clone(),
                        })
                    {
                        continue;
                    }
                    bytes += typed.len() + text.len() + a.snippet_id.len() + 8 * cursors.len() + 64;
                    if bytes > max_bytes {
                        return out;
                    }
                    out.push(LiteralExpansion {
                        typed,
                        text,
                        cursors,
                        snippet_id: a.snippet_id,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Snapshot;
    use serde_json::json;

    fn engine_with(snippets: serde_json::Value) -> Engine {
        let mut stored = Snapshot::new();
        // Schema 3: use counts live apart from the records.
        let uses: serde_json::Map<String, serde_json::Value> = snippets
            .as_object()
            .into_iter()
            .flatten()
            .map(|(id, s)| (id.clone(), json!({"count": s["usageCount"]})))
            .collect();
        stored.insert("snippetUses".into(), serde_json::Value::Object(uses));
        stored.insert("snippets".into(), snippets);
        let mut engine = Engine::new();
        engine.load(&stored);
        engine
    }

    fn snippet(
        id: &str,
        trigger: &str,
        template: &str,
        propagate: bool,
        uses: u64,
    ) -> serde_json::Value {
        json!({"id": id, "createdAt": 1, "updatedAt": 1, "triggers": [trigger], "template": template,
               "propagateCase": propagate, "usageCount": uses})
    }

    #[test]
    fn literal_snippets_are_listed_in_every_typed_form_and_equal_expand() {
        let mut engine = engine_with(json!({
            "snp_a": snippet("snp_a", ";acc", "the answer is accurate{cursor}.", true, 3),
            "snp_f": snippet("snp_f", ";fld", "Response {choice: better; A | B} is better.", false, 9),
            "snp_d": snippet("snp_d", ";day", "Checked on {date: YYYY-MM-DD}.", false, 9),
            "snp_c": snippet("snp_c", ";clip", "Source: {clipboard}", false, 9),
        }));
        let list = engine.literal_expansions(1 << 20);
        let typed: Vec<&str> = list.iter().map(|l| l.typed.as_str()).collect();
        // The demo trigger is literal too; fields, dates and the clipboard are not.
        assert!(typed.contains(&";acc") && typed.contains(&";Acc") && typed.contains(&";ACC"));
        assert!(typed.contains(&";rubrica"));
        assert!(
            !typed.iter().any(|t| [";fld", ";day", ";clip"].contains(t)),
            "{typed:?}"
        );
        for l in &list {
            let again = engine.expand(&l.typed, &probes()[0]).map(|r| r.rendered);
            assert_eq!(
                again.ok(),
                Some(Rendered::Done {
                    text: l.text.clone(),
                    cursors: l.cursors.clone()
                })
            );
        }
        let acc = list
            .iter()
            .find(|l| l.typed == ";ACC")
            .map(|l| l.text.as_str());
        assert_eq!(acc, Some("THE ANSWER IS ACCURATE."));
    }

    #[test]
    fn the_most_used_come_first_and_the_list_stops_at_its_size() {
        let mut engine = engine_with(json!({
            "snp_1": snippet("snp_1", ";one", "first", false, 1),
            "snp_2": snippet("snp_2", ";two", "second", false, 50),
        }));
        let all = engine.literal_expansions(1 << 20);
        assert_eq!(all.first().map(|l| l.typed.as_str()), Some(";two"));
        let one = engine.literal_expansions(90);
        assert_eq!(one.len(), 1);
        assert!(engine.literal_expansions(0).is_empty());
    }

    #[test]
    fn typed_forms_follow_case_propagation() {
        assert_eq!(typed_forms(";acc", false), vec![";acc"]);
        assert_eq!(typed_forms(";acc", true), vec![";acc", ";Acc", ";ACC"]);
        assert_eq!(typed_forms(";a", true), vec![";a", ";A"]);
        assert_eq!(typed_forms("//", true), vec!["//"]);
    }
}
