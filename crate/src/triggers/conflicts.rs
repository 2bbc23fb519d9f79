//! Trigger conflicts, reported to the user and never resolved silently.
//!
//! Two kinds exist:
//! - **duplicate**: two snippets claim the same trigger (compared case-insensitively when either
//!   propagates case, since `;acc` then also answers to `;ACC`);
//! - **prefix**: an immediate trigger is a prefix of a longer trigger, so the short one fires
//!   first and the long one can never be typed.
//!
//! The compiled table ([`super::TriggerTable::compile`]) keeps the first claimant in id order
//! (the older snippet); the report says which one that is.

use super::table::live_by_id;
use crate::model::{Snippet, TriggerMode};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What kind of clash a [`Conflict`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConflictKind {
    /// The same trigger in two snippets; only the first (by id) expands.
    Duplicate,
    /// `trigger` is immediate and a prefix of `other`, so `other` can never fire.
    Prefix,
}

/// One clash between two triggers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// Duplicate or prefix.
    pub kind: ConflictKind,
    /// The trigger that wins (as written in its snippet).
    pub trigger: String,
    /// The trigger that loses: the duplicate, or the longer trigger shadowed by the prefix.
    pub other: String,
    /// Id of the snippet whose `trigger` wins.
    pub snippet_id: String,
    /// Id of the snippet whose `other` never fires.
    pub other_snippet_id: String,
    /// More snippets with the very same trigger that never fire (a group of three or more), in
    /// id order; empty for a pair.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// A sentence for the UI.
    pub message: String,
}

/// One literal trigger of a live snippet, in claim order.
struct Claim<'a> {
    written: &'a str,
    folded: String,
    case_insensitive: bool,
    immediate: bool,
    snippet_id: &'a str,
}

impl Claim<'_> {
    /// The key this trigger has in the compiled table.
    fn table_key(&self) -> &str {
        if self.case_insensitive {
            &self.folded
        } else {
            self.written
        }
    }
}

/// The first two claims of a set that belong to different snippets: the earliest claim of
/// another snippet than `l`'s is always among them.
#[derive(Default, Clone, Copy)]
struct FirstTwo([Option<usize>; 2]);

impl FirstTwo {
    fn offer(&mut self, i: usize, claims: &[Claim]) {
        match self.0 {
            [None, _] => self.0[0] = Some(i),
            [Some(a), None] if claims[a].snippet_id != claims[i].snippet_id => self.0[1] = Some(i),
            _ => {}
        }
    }

    fn other_than(&self, l: &Claim, claims: &[Claim]) -> Option<usize> {
        self.0
            .into_iter()
            .flatten()
            .find(|&i| claims[i].snippet_id != l.snippet_id)
    }
}

/// Every duplicate and prefix conflict among the live snippets' literal triggers, in a stable
/// order (by winning trigger, then losing trigger). Deleted snippets are ignored; a snippet that
/// lists the same trigger twice is not reported. Snippets that share one table key are one
/// conflict: the winner (the smallest id: the oldest snippet, or the first in an imported file)
/// with the first loser in `otherSnippetId` and the rest in `also`. O(n log n + reported).
pub fn conflicts<'a>(snippets: impl IntoIterator<Item = &'a Snippet>) -> Vec<Conflict> {
    let claims: Vec<Claim> = live_by_id(snippets)
        .into_iter()
        .flat_map(|s| {
            s.triggers
                .iter()
                .filter(|t| !t.is_empty())
                .map(move |t| Claim {
                    written: t,
                    folded: t.to_lowercase(),
                    case_insensitive: s.propagate_case,
                    immediate: s.mode == TriggerMode::Immediate,
                    snippet_id: &s.meta.id,
                })
        })
        .collect();
    // Claims grouped by folded trigger, each group in claim (id) order.
    let mut by_folded: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_folded.entry(c.folded.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    // Whether a claim is the one its table key expands (the first claimant).
    let mut expands = vec![false; claims.len()];
    for group in by_folded.values() {
        let mut any = FirstTwo::default();
        let mut folded = FirstTwo::default();
        let mut exact: HashMap<&str, FirstTwo> = HashMap::new();
        let mut keys_seen: HashSet<&str> = HashSet::new();
        // Losers of each winner whose table key is the winner's, in claim order.
        let mut same_key: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &j in group {
            let loser = &claims[j];
            expands[j] = keys_seen.insert(loser.table_key());
            // Every earlier claim collides with a case-propagating one; an exact one collides
            // with earlier case-propagating claims and the same exact text.
            let winner = if loser.case_insensitive {
                any.other_than(loser, &claims)
            } else {
                let a = folded.other_than(loser, &claims);
                let b = exact
                    .get(loser.written)
                    .and_then(|f| f.other_than(loser, &claims));
                a.into_iter().chain(b).min()
            };
            any.offer(j, &claims);
            if loser.case_insensitive {
                folded.offer(j, &claims);
            } else {
                exact.entry(loser.written).or_default().offer(j, &claims);
            }
            let Some(w) = winner else { continue };
            let w_claim = &claims[w];
            if loser.table_key() != w_claim.table_key() {
                // An exact trigger and a case-propagating one are two keys of the table: the
                // exact one wins when typed exactly as written, so it is reported as the winner.
                let (w, l) = if loser.case_insensitive {
                    (w_claim, loser)
                } else {
                    (loser, w_claim)
                };
                out.push(report(ConflictKind::Duplicate, w, l, &[]));
            } else {
                same_key.entry(w).or_default().push(j);
            }
        }
        for (w, losers) in same_key {
            let also: Vec<&Claim> = losers[1..].iter().map(|&i| &claims[i]).collect();
            out.push(report(
                ConflictKind::Duplicate,
                &claims[w],
                &claims[losers[0]],
                &also,
            ));
        }
    }
    // Prefixes: for each immediate trigger that expands, the longer folded triggers that start
    // with it (only those that would expand: a duplicate's loser is reported as one).
    for (si, short) in claims.iter().enumerate() {
        if !short.immediate || !expands[si] {
            continue;
        }
        let longer = by_folded
            .range::<str, _>((
                std::ops::Bound::Excluded(short.folded.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(k, _)| k.starts_with(short.folded.as_str()))
            .flat_map(|(_, idx)| idx.iter().copied().filter(|&i| expands[i]));
        for li in longer {
            let long = &claims[li];
            if collide(short, long, short.written.len()) && long.snippet_id != short.snippet_id {
                out.push(report(ConflictKind::Prefix, short, long, &[]));
            }
        }
    }
    out.sort_by(|a, b| (&a.trigger, &a.other).cmp(&(&b.trigger, &b.other)));
    out.dedup();
    out
}

/// Whether `short` matches the first `len` bytes of `long` the way the table compares: folded
/// when either side propagates case, exactly otherwise.
fn collide(short: &Claim, long: &Claim, len: usize) -> bool {
    if short.case_insensitive || long.case_insensitive {
        long.folded.starts_with(short.folded.as_str())
    } else {
        long.written.get(..len) == Some(short.written)
    }
}

fn report(kind: ConflictKind, winner: &Claim, loser: &Claim, also: &[&Claim]) -> Conflict {
    let message = match kind {
        ConflictKind::Duplicate if winner.table_key() != loser.table_key() => format!(
            "“{}” and “{}” differ only in case: typing “{}” exactly expands snippet {}, any \
             other capitalisation expands snippet {}. Change one of them.",
            winner.written, loser.written, winner.written, winner.snippet_id, loser.snippet_id
        ),
        ConflictKind::Duplicate if also.is_empty() => format!(
            "“{}” is the trigger of two snippets: the older one ({}) expands, the other ({}) never \
             does. Change one of them.",
            winner.written, winner.snippet_id, loser.snippet_id
        ),
        ConflictKind::Duplicate => {
            let others: Vec<String> = std::iter::once(loser)
                .chain(also.iter().copied())
                .map(|c| format!("({})", c.snippet_id))
                .collect();
            format!(
                "“{}” is the trigger of {} snippets: only the oldest one ({}) expands; these never \
                 do: {}. Change the triggers you still want.",
                winner.written,
                also.len() + 2,
                winner.snippet_id,
                others.join(", ")
            )
        }
        ConflictKind::Prefix => format!(
            "“{}” expands as soon as it is typed, so “{}” can never be typed. \
             Make “{}” expand on a delimiter, or change one of them.",
            winner.written, loser.written, winner.written
        ),
    };
    Conflict {
        kind,
        trigger: winner.written.to_string(),
        other: loser.written.to_string(),
        snippet_id: winner.snippet_id.to_string(),
        other_snippet_id: loser.snippet_id.to_string(),
        also: also.iter().map(|c| c.snippet_id.to_string()).collect(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordMeta;

    fn snippet(id: &str, triggers: &[&str], case: bool, mode: TriggerMode) -> Snippet {
        Snippet {
            meta: RecordMeta::new(id.into(), 0),
            triggers: triggers.iter().map(|s| s.to_string()).collect(),
            regex: None,
            label: String::new(),
            folder: String::new(),
            tags: vec![],
            template: "x".into(),
            mode,
            word_boundary: false,
            propagate_case: case,
            criteria: vec![],
            usage_count: 0,
            last_used_at: None,
            builtin: false,
        }
    }

    #[test]
    fn duplicates_fold_case_only_when_propagating() {
        let a = snippet("snp_2", &[";acc"], true, TriggerMode::Immediate);
        let b = snippet("snp_1", &[";ACC"], false, TriggerMode::Delimiter);
        let c = snippet("snp_3", &[";X"], false, TriggerMode::Delimiter);
        let d = snippet("snp_4", &[";x"], false, TriggerMode::Delimiter);
        let found = conflicts([&a, &b, &c, &d]);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.kind, ConflictKind::Duplicate);
        assert_eq!((f.trigger.as_str(), f.other.as_str()), (";ACC", ";acc"));
        assert_eq!(
            (f.snippet_id.as_str(), f.other_snippet_id.as_str()),
            ("snp_1", "snp_2")
        );
    }

    #[test]
    fn exact_trigger_wins_over_a_newer_or_older_folded_one() {
        let folded = snippet("snp_1", &[";acc"], true, TriggerMode::Immediate);
        let exact = snippet("snp_2", &[";ACC"], false, TriggerMode::Immediate);
        let found = conflicts([&folded, &exact]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].trigger.as_str(), found[0].snippet_id.as_str()),
            (";ACC", "snp_2")
        );
        assert!(found[0].message.contains("differ only in case"));
        let t = crate::triggers::TriggerTable::compile([&folded, &exact], true);
        assert_eq!(t.find_at_end(";ACC"), Some((";ACC", ";ACC")));
        assert_eq!(t.find_at_end(";Acc"), Some((";acc", ";Acc")));
    }

    #[test]
    fn immediate_prefix_shadows_longer_trigger() {
        let short = snippet("snp_1", &[";ac"], true, TriggerMode::Immediate);
        let long = snippet("snp_2", &[";acc"], true, TriggerMode::Immediate);
        let found = conflicts([&short, &long]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ConflictKind::Prefix);
        assert_eq!(found[0].trigger, ";ac");
        assert_eq!(found[0].other, ";acc");
        // On a delimiter the short one waits, so both can be typed.
        let short = snippet("snp_1", &[";ac"], true, TriggerMode::Delimiter);
        assert!(conflicts([&short, &long]).is_empty());
    }

    #[test]
    fn same_snippet_and_deleted_are_not_reported() {
        let a = snippet("snp_1", &[";a", ";A", ";ab"], true, TriggerMode::Immediate);
        let mut gone = snippet("snp_2", &[";a"], true, TriggerMode::Immediate);
        gone.meta.deleted_at = Some(5);
        assert!(conflicts([&a, &gone]).is_empty());
    }

    #[test]
    fn serializes_in_camel_case_for_the_ui() {
        let a = snippet("snp_1", &[";a"], true, TriggerMode::Immediate);
        let b = snippet("snp_2", &[";ab"], true, TriggerMode::Immediate);
        let v = serde_json::to_value(conflicts([&a, &b])).unwrap_or_default();
        assert_eq!(v[0]["kind"], "prefix");
        assert_eq!(v[0]["snippetId"], "snp_1");
        assert_eq!(v[0]["otherSnippetId"], "snp_2");
        assert_eq!(v[0]["other"], ";ab");
    }

    #[test]
    fn exact_triggers_compare_exactly() {
        let a = snippet("snp_1", &["Ab"], false, TriggerMode::Immediate);
        let b = snippet("snp_2", &["abc"], false, TriggerMode::Immediate);
        assert!(conflicts([&a, &b]).is_empty());
        let b = snippet("snp_2", &["Abc"], false, TriggerMode::Immediate);
        assert_eq!(conflicts([&a, &b]).len(), 1);
    }

    #[test]
    fn many_snippets_with_one_trigger_are_one_conflict_naming_each() {
        let ids = [
            "snp_1", "snp_2", "snp_3", "snp_4", "snp_5", "snp_6", "snp_7", "snp_8",
        ];
        let all: Vec<Snippet> = ids
            .iter()
            .map(|id| snippet(id, &[";sig"], true, TriggerMode::Immediate))
            .collect();
        let found = conflicts(all.iter().rev());
        assert_eq!(found.len(), 1, "{found:?}");
        let c = &found[0];
        assert_eq!(c.snippet_id, "snp_1");
        assert_eq!(c.other_snippet_id, "snp_2");
        assert_eq!(c.also, ids[2..].to_vec());
        for id in ids {
            assert!(c.message.contains(&format!("({id})")), "{}", c.message);
        }
        let two = conflicts(all[..2].iter());
        assert!(two[0].message.contains("(snp_1)") && two[0].message.contains("(snp_2)"));
    }

    #[test]
    fn triggers_with_spaces_conflict_like_any_other() {
        let a = snippet("snp_1", &["a bas"], false, TriggerMode::Immediate);
        let b = snippet("snp_2", &["a bas de"], false, TriggerMode::Immediate);
        let found = conflicts([&a, &b]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, ConflictKind::Prefix);
    }
}
