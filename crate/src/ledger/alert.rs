//! The repeated-rejection alert: when one rubric criterion is cited in `N` rejections of one task
//! type within a window (Settings: `alerts.sameCriterionRejections`, default 3, and
//! `alerts.rejectionWindowDays`, default 14), an alert is stored in the `alerts` key.
//!
//! Raised once per pattern: after an alert for a (task type, criterion), only rejections
//! reviewed after it count towards the next one, so the same rejections never raise two alerts.
//! Dismissing hides it; it stays stored (the pattern's memory).

use super::recent::{by_id, criteria_for};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{Alert, AlertKind, RecordMeta, Rubric, Settings, Task, TaskStatus, TaskType};
use crate::storage::shards::{range_keys, records};
use crate::storage::KEY_SETTINGS;
use crate::storage::{Collection, Snapshot};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const DAY_MS: i64 = 86_400_000;

/// When a rejection happened: the review, else the submission, else the start.
pub fn rejected_at(t: &Task) -> i64 {
    verdict_at(t.reviewed_at, t.submitted_at, t.started_at)
}

/// [`rejected_at`] of a task's three times.
pub(crate) fn verdict_at(reviewed_at: Option<i64>, submitted_at: Option<i64>, started: i64) -> i64 {
    reviewed_at.or(submitted_at).unwrap_or(started)
}

/// Keys the check reads at `now`: the task shards of the window, `alerts` and `settings`.
pub fn alert_keys(shards: Option<&Value>, window_days: u32, now: i64) -> Vec<String> {
    let from = now.saturating_sub(i64::from(window_days.max(1)) * DAY_MS);
    let mut keys: Vec<String> = range_keys(shards, from, now)
        .into_iter()
        .filter(|k| Collection::Tasks.owns_key(k))
        .collect();
    keys.push(Collection::Alerts.name().to_string());
    keys.push(KEY_SETTINGS.to_string());
    keys
}

/// What the check found: the `alerts` map to write (absent when nothing new) and the new alerts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertPlan {
    pub writes: Snapshot,
    pub raised: Vec<Alert>,
}

fn alerts_map(stored: &Snapshot) -> Map<String, Value> {
    stored
        .get(Collection::Alerts.name())
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn settings_of(stored: &Snapshot) -> Settings {
    stored
        .get(KEY_SETTINGS)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

/// Checks the rejections in `stored` (read with [`alert_keys`]) at `now` and plans the new alerts.
pub fn plan_rejection_alerts(stored: &Snapshot, ids: &mut IdGen, now: i64) -> Result<AlertPlan> {
    let settings = settings_of(stored);
    let n = settings.alerts.same_criterion_rejections;
    let mut plan = AlertPlan {
        writes: Snapshot::new(),
        raised: Vec::new(),
    };
    if n == 0 {
        return Ok(plan);
    }
    let from = now.saturating_sub(i64::from(settings.alerts.rejection_window_days.max(1)) * DAY_MS);
    let mut map = alerts_map(stored);
    // The latest alert per (task type, criterion): rejections before it are already reported.
    let mut last: BTreeMap<(Option<String>, String), i64> = BTreeMap::new();
    for a in map
        .values()
        .filter_map(|v| serde_json::from_value::<Alert>(v.clone()).ok())
    {
        if let AlertKind::RepeatedRejection {
            task_type_id,
            criterion,
            ..
        } = a.kind
        {
            let e = last
                .entry((task_type_id, criterion.to_lowercase()))
                .or_insert(i64::MIN);
            *e = (*e).max(a.meta.created_at);
        }
    }
    // Count per pattern, in a stable order; the criterion as first written is the one shown.
    let mut counts: BTreeMap<(Option<String>, String), (u32, String)> = BTreeMap::new();
    let tasks = stored
        .keys()
        .filter(|k| Collection::Tasks.owns_key(k))
        .flat_map(|k| records::<Task>(stored, k));
    for t in tasks.filter(|t| !t.meta.is_deleted() && t.status == TaskStatus::Rejected) {
        let at = rejected_at(&t);
        if at <= from || at > now {
            continue;
        }
        for c in &t.criteria_cited {
            let key = (t.task_type_id.clone(), c.to_lowercase());
            if last.get(&key).is_some_and(|&l| at <= l) {
                continue;
            }
            let e = counts.entry(key).or_insert((0, c.clone()));
            e.0 += 1;
        }
    }
    for ((task_type_id, _), (count, criterion)) in counts {
        if count < n {
            continue;
        }
        let alert = Alert {
            meta: RecordMeta::new(ids.next(IdKind::Alert, now), now),
            kind: AlertKind::RepeatedRejection {
                task_type_id,
                criterion,
                count,
            },
            dismissed_at: None,
        };
        let value = serde_json::to_value(&alert)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        map.insert(alert.meta.id.clone(), value);
        plan.raised.push(alert);
    }
    if !plan.raised.is_empty() {
        plan.writes
            .insert(Collection::Alerts.name().into(), Value::Object(map));
    }
    Ok(plan)
}

/// Dismisses alert `id` at `now`: the new `alerts` map. An unknown id is [`ErrorKind::NotFound`].
pub fn plan_dismiss(stored: &Snapshot, id: &str, now: i64) -> Result<Snapshot> {
    let mut map = alerts_map(stored);
    let mut alert: Alert = map
        .get(id)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .ok_or_else(|| Error::new(ErrorKind::NotFound, "that alert no longer exists"))?;
    alert.dismissed_at = Some(now);
    alert.meta.updated_at = now;
    let value =
        serde_json::to_value(&alert).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
    map.insert(id.to_string(), value);
    let mut out = Snapshot::new();
    out.insert(Collection::Alerts.name().into(), Value::Object(map));
    Ok(out)
}

/// An alert as the popup and dashboard show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertView {
    #[serde(flatten)]
    pub alert: Alert,
    /// The task type's name, for a repeated-rejection alert.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type_name: Option<String>,
    /// The criterion's display name, when the rubric has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion_name: Option<String>,
    /// The rubric holding the criterion (the dashboard links to it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
}

/// Keys `alerts.get` reads.
pub const ALERT_VIEW_KEYS: &[&str] = &["alerts", "taskTypes", "rubrics", KEY_SETTINGS];

/// Alerts not dismissed, newest first, with names (read with [`ALERT_VIEW_KEYS`]).
pub fn alert_views(stored: &Snapshot) -> Vec<AlertView> {
    let settings = settings_of(stored);
    let types = by_id::<TaskType>(stored, Collection::TaskTypes, |t| (&t.meta.id, true));
    let rubrics = by_id::<Rubric>(stored, Collection::Rubrics, |r| {
        (&r.meta.id, !r.meta.is_deleted())
    });
    let mut out: Vec<AlertView> = records::<Alert>(stored, Collection::Alerts.name())
        .into_iter()
        .filter(|a| a.dismissed_at.is_none() && !a.meta.is_deleted())
        .map(|alert| {
            let (mut name, mut rubric_id, mut crit) = (None, None, None);
            if let AlertKind::RepeatedRejection {
                task_type_id,
                criterion,
                ..
            } = &alert.kind
            {
                let tt = task_type_id.as_deref().and_then(|id| types.get(id));
                name = tt.map(|t| t.name.clone());
                let (rid, criteria) =
                    criteria_for(tt, &rubrics, settings.default_rubric_id.as_deref());
                if let Some(c) = criteria
                    .iter()
                    .find(|c| c.key.eq_ignore_ascii_case(criterion))
                {
                    crit = Some(c.name.clone());
                    rubric_id = rid;
                }
            }
            AlertView {
                alert,
                task_type_name: name,
                criterion_name: crit,
                rubric_id,
            }
        })
        .collect();
    out.sort_by_key(|a| std::cmp::Reverse(a.alert.meta.created_at));
    out
}
