use super::{RecordMeta, TaskStatus};
use serde::{Deserialize, Serialize};

/// When a typed trigger expands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum TriggerMode {
    /// As soon as the trigger's last character is typed.
    #[default]
    Immediate,
    /// When a delimiter (space, punctuation, Enter, Tab) follows the trigger; the delimiter is kept.
    Delimiter,
}

/// A snippet: triggers plus a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snippet {
    #[serde(flatten)]
    pub meta: RecordMeta,
    /// Literal triggers, e.g. `;acc`. May be empty when `regex` is set.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Optional regex trigger (espanso syntax, named captures `(?P<name>…)` usable in the template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<String>,
    /// Short human name shown in lists and the palette.
    #[serde(default)]
    pub label: String,
    /// Folder path, `/`-separated (`Rubric/Accuracy`); empty for the top level.
    #[serde(default)]
    pub folder: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Template source in Rubrica's template language (`docs/templates.md`).
    pub template: String,
    #[serde(default)]
    pub mode: TriggerMode,
    /// Only expand when the trigger starts a word.
    #[serde(default)]
    pub word_boundary: bool,
    /// `;acc` / `;Acc` / `;ACC` expand to lower / Capitalised / UPPER text.
    #[serde(default = "yes")]
    pub propagate_case: bool,
    /// Keys of the rubric criteria this snippet speaks to.
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub usage_count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<i64>,
    /// Part of the starter pack (so updates can refresh it without touching the user's own).
    #[serde(default)]
    pub builtin: bool,
}

fn yes() -> bool {
    true
}

/// One criterion of a rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Criterion {
    /// Stable key used in references: lower case, `[a-z0-9_-]` (e.g. `accuracy`).
    pub key: String,
    /// Display name ("Instruction following").
    pub name: String,
    #[serde(default)]
    pub definition: String,
    /// 1 = highest; justifications cite criteria in this order.
    #[serde(default)]
    pub priority: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Failing it fails the whole response.
    #[serde(default)]
    pub disqualifying: bool,
    #[serde(default)]
    pub notes: String,
    /// Phrases `{criterion: key}` expands to; the first is the default. The worksheet's draft
    /// justification cites criteria with them too (the user's own words).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// The user's annotations on the criterion (one per line in the notebook), e.g. what a
    /// reviewer flagged last time. Never shown inside a page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<String>,
    /// Ids of snippets linked to this criterion in the notebook.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snippet_ids: Vec<String>,
}

/// A rubric: named, ordered criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rubric {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub name: String,
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// What an ideal response to the task looks like; good rubrics start from it (the rubric
    /// checker flags a rubric without one).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ideal_response: String,
    #[serde(default)]
    pub builtin: bool,
}

impl Rubric {
    /// The criterion with `key` (case-insensitive), if any.
    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria
            .iter()
            .find(|c| c.key.eq_ignore_ascii_case(key.trim()))
    }
}

/// A justification the user saved to their library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Justification {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<TaskStatus>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it was last inserted from the palette.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<i64>,
}
