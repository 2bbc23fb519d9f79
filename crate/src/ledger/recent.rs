//! The quick-log's list: the latest tasks with the names and rubric criteria the popup shows.

use crate::model::{Platform, Rubric, Settings, Task, TaskType};
use crate::storage::shards::records;
use crate::storage::{month_of, KEY_SETTINGS};
use crate::storage::{Collection, Snapshot};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Most tasks `task.recent` answers with.
pub const MAX_RECENT: usize = 200;

/// A rubric criterion the quick-log offers: its key and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionChoice {
    pub key: String,
    pub name: String,
}

/// One task as the quick-log lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentTask {
    pub task: Task,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_type_name: Option<String>,
    /// The task type's rubric (or the default rubric): the criteria to pick from, in priority order.
    pub criteria: Vec<CriterionChoice>,
    /// The rubric those criteria come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
}

/// Keys `task.recent` reads at `now`: this month's and last month's task shards (when the
/// `shards` index lists them), the catalogue, the rubrics and the settings.
pub fn recent_keys(shards: Option<&Value>, now: i64) -> Vec<String> {
    let listed = |m: &str| {
        shards
            .and_then(|s| s.get(Collection::Tasks.name()))
            .and_then(|t| t.get(m))
            .is_some()
    };
    let mut keys = vec![
        Collection::Platforms.name().to_string(),
        Collection::TaskTypes.name().to_string(),
        Collection::Rubrics.name().to_string(),
        KEY_SETTINGS.to_string(),
    ];
    let this = month_of(now);
    let last = month_of(now.saturating_sub(32 * 86_400_000));
    for m in [this, last] {
        if listed(&m) {
            keys.push(format!("{}/{m}", Collection::Tasks.name()));
        }
    }
    keys.dedup();
    keys
}

/// The rubric criteria that apply to tasks of `task_type_id`: its rubric, else the default one.
pub(crate) fn criteria_for(
    task_type: Option<&TaskType>,
    rubrics: &BTreeMap<String, Rubric>,
    default_rubric: Option<&str>,
) -> (Option<String>, Vec<CriterionChoice>) {
    let id = task_type
        .and_then(|t| t.rubric_id.as_deref())
        .filter(|id| rubrics.contains_key(*id))
        .or(default_rubric)
        .or_else(|| rubrics.keys().next().map(String::as_str));
    let Some(rubric) = id.and_then(|id| rubrics.get(id)) else {
        return (None, Vec::new());
    };
    let mut criteria: Vec<_> = rubric.criteria.iter().collect();
    criteria.sort_by_key(|c| c.priority);
    (
        Some(rubric.meta.id.clone()),
        criteria
            .into_iter()
            .map(|c| CriterionChoice {
                key: c.key.clone(),
                name: c.name.clone(),
            })
            .collect(),
    )
}

/// Live records of a small `{id: record}` collection by id.
pub(crate) fn by_id<T: serde::de::DeserializeOwned>(
    stored: &Snapshot,
    c: Collection,
    id: impl Fn(&T) -> (&str, bool),
) -> BTreeMap<String, T> {
    records::<T>(stored, c.name())
        .into_iter()
        .filter_map(|r| {
            let (key, live) = id(&r);
            let key = key.to_string();
            live.then_some((key, r))
        })
        .collect()
}

/// The `limit` latest live tasks of `stored` (read with [`recent_keys`]), newest first, with the
/// names and the criteria to pick from.
pub fn recent(stored: &Snapshot, limit: usize) -> Vec<RecentTask> {
    let settings: Settings = stored
        .get(KEY_SETTINGS)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default();
    let platforms = by_id::<Platform>(stored, Collection::Platforms, |p| {
        (&p.meta.id, !p.meta.is_deleted())
    });
    let types = by_id::<TaskType>(stored, Collection::TaskTypes, |t| (&t.meta.id, true));
    let rubrics = by_id::<Rubric>(stored, Collection::Rubrics, |r| {
        (&r.meta.id, !r.meta.is_deleted())
    });
    let mut tasks: Vec<Task> = stored
        .keys()
        .filter(|k| Collection::Tasks.owns_key(k))
        .flat_map(|k| records::<Task>(stored, k))
        .filter(|t| !t.meta.is_deleted())
        .collect();
    tasks.sort_by_key(|t| std::cmp::Reverse((t.started_at, t.meta.created_at)));
    tasks.truncate(limit.min(MAX_RECENT));
    tasks
        .into_iter()
        .map(|task| {
            let tt = task.task_type_id.as_deref().and_then(|id| types.get(id));
            let (rubric_id, criteria) =
                criteria_for(tt, &rubrics, settings.default_rubric_id.as_deref());
            RecentTask {
                platform_name: task
                    .platform_id
                    .as_deref()
                    .and_then(|id| platforms.get(id))
                    .map(|p| p.name.clone()),
                task_type_name: tt.map(|t| t.name.clone()),
                criteria,
                rubric_id,
                task,
            }
        })
        .collect()
}
