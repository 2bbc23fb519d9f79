//! The scoring worksheet's result saved with a task ("Save with the task" in the side panel,
//! issue 12): what the worksheet sends is checked here, ranked again by the core
//! ([`crate::rubric::worksheet::rank`], so the stored ranking is the core's, never the page's),
//! and kept on the task as a [`WorksheetResult`].

use crate::error::{Error, ErrorKind, Result};
use crate::model::{WorksheetResult, WorksheetScore};
use crate::rubric::worksheet::{rank, Sheet};
use serde::{Deserialize, Serialize};

/// Most criteria on one saved worksheet.
pub const MAX_WORKSHEET_CRITERIA: usize = 50;
/// Longest criterion or rubric name, criterion key and evidence note (characters).
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_EVIDENCE_CHARS: usize = 1_000;
/// Longest draft justification kept (characters): a long justification is a few thousand.
pub const MAX_DRAFT_CHARS: usize = 20_000;
/// Highest score a scale may reach.
pub const MAX_SCALE: u32 = 10;

/// What the worksheet sends: the rubric it scored under, its sheet (criteria, scores, scale) and
/// the final draft as the user edited it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorksheetInput {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
    #[serde(default)]
    pub rubric_name: String,
    pub sheet: Sheet,
    #[serde(default)]
    pub draft: String,
}

fn invalid(m: String) -> Error {
    Error::new(ErrorKind::InvalidMessage, m)
}

fn within(text: &str, max: usize, what: &str) -> Result<()> {
    if text.chars().count() > max {
        return Err(invalid(format!(
            "{what} is longer than {max} characters; shorten it"
        )));
    }
    Ok(())
}

impl WorksheetInput {
    /// Checks the worksheet and ranks it: the result to keep on the task, saved at `now`.
    pub fn result(&self, now: i64) -> Result<WorksheetResult> {
        let sheet = &self.sheet;
        let [low, high] = sheet.scale;
        if low > high || high == 0 || high > MAX_SCALE {
            return Err(invalid(format!(
                "the worksheet's scale {low}–{high} is not one Rubrica can keep (at most 0–{MAX_SCALE})"
            )));
        }
        if sheet.criteria.len() > MAX_WORKSHEET_CRITERIA
            || sheet.scores.len() > MAX_WORKSHEET_CRITERIA
        {
            return Err(invalid(format!(
                "a worksheet has at most {MAX_WORKSHEET_CRITERIA} criteria"
            )));
        }
        within(&self.rubric_name, MAX_NAME_CHARS, "The rubric's name")?;
        within(&self.draft, MAX_DRAFT_CHARS, "The draft justification")?;
        if let Some(id) = &self.rubric_id {
            within(id, MAX_NAME_CHARS, "The rubric's id")?;
        }
        let mut keys: Vec<&str> = Vec::new();
        for c in &sheet.criteria {
            within(&c.key, MAX_NAME_CHARS, "A criterion's key")?;
            within(&c.name, MAX_NAME_CHARS, "A criterion's name")?;
            if c.key.trim().is_empty() || keys.contains(&c.key.as_str()) {
                return Err(invalid(format!(
                    "the worksheet's criteria need distinct keys (“{}”)",
                    c.key
                )));
            }
            keys.push(&c.key);
        }
        for s in &sheet.scores {
            if !keys.contains(&s.key.as_str()) {
                return Err(invalid(format!(
                    "the worksheet scores “{}”, which is not one of its criteria",
                    s.key
                )));
            }
            within(&s.evidence, MAX_EVIDENCE_CHARS, "An evidence note")?;
            for v in [s.a, s.b].into_iter().flatten() {
                if v < low || v > high {
                    return Err(invalid(format!(
                        "a score of {v} is outside the worksheet's scale {low}–{high}"
                    )));
                }
            }
        }
        let ranking = rank(sheet);
        let mut criteria: Vec<_> = sheet.criteria.iter().collect();
        criteria.sort_by_key(|c| c.priority);
        let scores = criteria
            .iter()
            .map(|c| {
                let s = sheet.scores.iter().find(|s| s.key == c.key);
                WorksheetScore {
                    key: c.key.clone(),
                    name: c.name.trim().to_string(),
                    a: s.and_then(|s| s.a),
                    b: s.and_then(|s| s.b),
                    evidence: s.map(|s| s.evidence.trim().to_string()).unwrap_or_default(),
                }
            })
            .collect();
        Ok(WorksheetResult {
            rubric_id: self.rubric_id.clone().filter(|id| !id.is_empty()),
            rubric_name: self.rubric_name.trim().to_string(),
            scale: sheet.scale,
            scores,
            winner: ranking.winner,
            decided_by: ranking.decided_by,
            criterion: ranking.criterion,
            total_a: ranking.total_a,
            total_b: ranking.total_b,
            draft: self.draft.clone(),
            saved_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DecidedBy, Winner};
    use crate::rubric::worksheet::{Score, SheetCriterion};

    fn input() -> WorksheetInput {
        let c = |key: &str, name: &str, priority| SheetCriterion {
            key: key.into(),
            name: name.into(),
            priority,
            ..Default::default()
        };
        WorksheetInput {
            rubric_id: Some("rub_1".into()),
            rubric_name: " Common rubric ".into(),
            sheet: Sheet {
                // Out of priority order on purpose: the result keeps the rubric's order.
                criteria: vec![
                    c("helpfulness", "Helpfulness", 2),
                    c("accuracy", "Accuracy", 1),
                ],
                scores: vec![
                    Score {
                        key: "accuracy".into(),
                        a: Some(4),
                        b: Some(2),
                        evidence: " B misdates the treaty ".into(),
                    },
                    Score {
                        key: "helpfulness".into(),
                        a: Some(3),
                        b: None,
                        evidence: String::new(),
                    },
                ],
                scale: [1, 5],
            },
            draft: "Response A is better.".into(),
        }
    }

    #[test]
    fn a_worksheet_is_kept_with_the_cores_own_ranking() {
        let r = input().result(7).unwrap();
        assert_eq!((r.winner, r.decided_by), (Winner::A, DecidedBy::Priority));
        assert_eq!(r.criterion.as_deref(), Some("accuracy"));
        assert_eq!(r.rubric_name, "Common rubric");
        let keys: Vec<_> = r
            .scores
            .iter()
            .map(|s| (s.key.as_str(), s.a, s.b, s.evidence.as_str()))
            .collect();
        assert_eq!(
            keys,
            [
                ("accuracy", Some(4), Some(2), "B misdates the treaty"),
                ("helpfulness", Some(3), None, "")
            ]
        );
        assert_eq!(
            (r.draft.as_str(), r.saved_at, r.scale),
            ("Response A is better.", 7, [1, 5])
        );
    }

    #[test]
    fn bad_worksheets_are_refused_with_a_reason() {
        let mut w = input();
        w.sheet.scores[0].a = Some(9);
        assert!(w
            .result(0)
            .unwrap_err()
            .message
            .contains("outside the worksheet's scale 1–5"));
        let mut w = input();
        w.sheet.scores[0].key = "tone".into();
        assert!(w
            .result(0)
            .unwrap_err()
            .message
            .contains("not one of its criteria"));
        let mut w = input();
        w.sheet.criteria[1].key = "helpfulness".into();
        assert!(w.result(0).unwrap_err().message.contains("distinct keys"));
        let mut w = input();
        w.draft = "x".repeat(MAX_DRAFT_CHARS + 1);
        assert!(w
            .result(0)
            .unwrap_err()
            .message
            .contains("The draft justification is longer"));
        let mut w = input();
        w.sheet.scale = [5, 1];
        assert!(w.result(0).is_err());
    }

    /// 2026-03-16T12:00:00Z.
    const T0: i64 = 1_773_662_400_000;

    #[test]
    fn saved_with_the_task_through_task_update_cleared_by_null_carried_by_backups() {
        use crate::ledger::{plan_update, OutcomePatch};
        use crate::model::{Currency, Task};
        use crate::storage::{export_backup, plan_import, Collection, Snapshot};
        use serde_json::json;
        // A task as stored before the worksheet field existed.
        let key = Collection::Tasks.key_for(T0);
        let old = json!({"id": "tsk_a", "createdAt": T0, "updatedAt": T0, "startedAt": T0, "status": "inProgress"});
        let stored: Snapshot = [(key.clone(), json!({"tsk_a": old}))].into_iter().collect();
        let loaded: Task = serde_json::from_value(old).unwrap();
        assert_eq!(loaded.worksheet, None);
        // The message payload, as the worksheet sends it.
        let patch: OutcomePatch = serde_json::from_value(json!({"worksheet": {
            "rubricId": "rub_1", "rubricName": "Common rubric", "draft": "Response A is better.",
            "sheet": {"scale": [1, 5],
                "criteria": [{"key": "accuracy", "name": "Accuracy", "priority": 1, "weight": null,
                              "disqualifying": false, "phrases": []}],
                "scores": [{"key": "accuracy", "a": 2, "b": 5, "evidence": "A misdates it"}]}}}))
        .unwrap();
        let (task, writes) =
            plan_update(&stored, "tsk_a", &patch, &Currency::default(), T0 + 5).unwrap();
        let w = task.worksheet.clone().unwrap();
        assert_eq!(
            (w.winner, w.saved_at, w.scores[0].evidence.as_str()),
            (Winner::B, T0 + 5, "A misdates it")
        );
        let written = &writes[&key]["tsk_a"];
        assert_eq!(written["worksheet"]["winner"], "b");
        assert_eq!(written["worksheet"]["decidedBy"], "priority");
        // A page's extra field is refused before anything is written.
        let bad = serde_json::from_value::<OutcomePatch>(json!({"worksheet": {"rubricName": "x",
            "sheet": {"criteria": [], "scores": [], "scale": [1, 5]}, "draft": "", "winner": "a"}}));
        assert!(bad.is_err());
        // A backup of the store carries it, and its import into an empty store keeps it.
        let env = export_backup(&writes, T0 + 9);
        let text = serde_json::to_string(&env).unwrap();
        let plan = plan_import(&Snapshot::new(), &text).unwrap();
        assert_eq!(
            plan.writes[&key]["tsk_a"]["worksheet"],
            written["worksheet"]
        );
        // null removes it again.
        let clear: OutcomePatch = serde_json::from_value(json!({"worksheet": null})).unwrap();
        let (task, _) =
            plan_update(&writes, "tsk_a", &clear, &Currency::default(), T0 + 6).unwrap();
        assert_eq!(task.worksheet, None);
    }
}
