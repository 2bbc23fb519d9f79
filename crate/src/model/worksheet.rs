use serde::{Deserialize, Serialize};

/// Which response the scoring worksheet ranked first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Winner {
    A,
    B,
    Tie,
}

/// What decided the worksheet's ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DecidedBy {
    /// A disqualifying criterion one response fails.
    Disqualifying,
    /// The weighted totals (the rubric gives weights).
    Weights,
    /// The first criterion in priority order where the scores differ.
    Priority,
    /// No difference.
    Tie,
}

/// One criterion's row of a saved worksheet: the scores of Response A and B and the evidence note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorksheetScore {
    pub key: String,
    /// The criterion's name when the worksheet was saved (the rubric may change later).
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

/// The scoring worksheet's result, saved with a task ("Save with the task"): the rubric it was
/// scored under, the per-criterion scores and evidence notes in priority order, the ranking the
/// core computed from them, and the final draft justification as the user left it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorksheetResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
    #[serde(default)]
    pub rubric_name: String,
    /// The score scale, lowest and highest.
    pub scale: [u32; 2],
    /// Per criterion, in the rubric's priority order.
    #[serde(default)]
    pub scores: Vec<WorksheetScore>,
    pub winner: Winner,
    pub decided_by: DecidedBy,
    /// The criterion that decided (disqualifying or priority).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// Weighted sums of the scored criteria.
    pub total_a: f64,
    pub total_b: f64,
    /// The final draft justification (as edited by the user).
    #[serde(default)]
    pub draft: String,
    /// When it was saved with the task (UTC epoch ms).
    pub saved_at: i64,
}
