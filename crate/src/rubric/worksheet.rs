//! The scoring worksheet's maths: Response A and B scored per criterion of the active rubric,
//! ranked under the rubric's priority order and weights (a disqualifying failure decides first),
//! and a draft justification that cites, in priority order, the criteria where the responses
//! differ, with the user's evidence notes and the rubric's own phrases.
//!
//! Ranking, in order:
//! 1. **Disqualifying.** A response scored at the bottom of the scale on a disqualifying criterion
//!    fails it; if exactly one response fails one, the other is better.
//! 2. **Weights.** When any criterion has a weight, the weighted sums decide (criteria without a
//!    weight count 1).
//! 3. **Priority.** Otherwise (or when the weighted sums tie) the first criterion in priority
//!    order where the scores differ decides.
//! 4. Else the responses tie.

use serde::{Deserialize, Serialize};

/// A criterion as the worksheet needs it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct SheetCriterion {
    pub key: String,
    pub name: String,
    pub priority: u32,
    pub weight: Option<f64>,
    pub disqualifying: bool,
    pub phrases: Vec<String>,
}

/// The user's scores on one criterion.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Score {
    pub key: String,
    pub a: Option<u32>,
    pub b: Option<u32>,
    /// A few words of evidence.
    pub evidence: String,
}

/// The worksheet: criteria, scores and the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Sheet {
    pub criteria: Vec<SheetCriterion>,
    pub scores: Vec<Score>,
    /// Lowest and highest score (default 1–5).
    pub scale: [u32; 2],
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet {
            criteria: Vec::new(),
            scores: Vec::new(),
            scale: [1, 5],
        }
    }
}

pub use crate::model::{DecidedBy, Winner};

/// The ranking and the draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    pub winner: Winner,
    pub decided_by: DecidedBy,
    /// The criterion that decided (disqualifying or priority).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// Weighted sums of the scored criteria.
    pub total_a: f64,
    pub total_b: f64,
    /// Keys where the scores differ, in priority order.
    pub differing: Vec<String>,
    /// Keys of disqualifying criteria each response fails.
    pub failed_a: Vec<String>,
    pub failed_b: Vec<String>,
    /// Keys with a score missing for A or B.
    pub unscored: Vec<String>,
    /// The draft justification (the user edits it before it is inserted).
    pub draft: String,
}

/// Ranks the responses and drafts the justification.
pub fn rank(sheet: &Sheet) -> Ranking {
    let mut criteria: Vec<&SheetCriterion> = sheet.criteria.iter().collect();
    criteria.sort_by_key(|c| c.priority);
    let low = sheet.scale[0];
    let score = |key: &str| sheet.scores.iter().find(|s| s.key == key);
    let weighted = criteria.iter().any(|c| c.weight.is_some());
    let (mut total_a, mut total_b) = (0.0, 0.0);
    let mut differing = Vec::new();
    let (mut failed_a, mut failed_b, mut unscored) = (Vec::new(), Vec::new(), Vec::new());
    for c in &criteria {
        let s = score(&c.key);
        let (a, b) = (s.and_then(|s| s.a), s.and_then(|s| s.b));
        let (Some(a), Some(b)) = (a, b) else {
            unscored.push(c.key.clone());
            continue;
        };
        let w = c.weight.unwrap_or(1.0).max(0.0);
        total_a += w * f64::from(a);
        total_b += w * f64::from(b);
        if a != b {
            differing.push(c.key.clone());
        }
        if c.disqualifying {
            if a <= low {
                failed_a.push(c.key.clone());
            }
            if b <= low {
                failed_b.push(c.key.clone());
            }
        }
    }
    let first_diff = differing.first().cloned();
    let by_priority = || {
        let key = first_diff.clone();
        let w = key.as_deref().and_then(score).map_or(Winner::Tie, |s| {
            if s.a > s.b {
                Winner::A
            } else {
                Winner::B
            }
        });
        (
            w,
            if key.is_some() {
                DecidedBy::Priority
            } else {
                DecidedBy::Tie
            },
            key,
        )
    };
    let (winner, decided_by, criterion) = match (failed_a.first(), failed_b.first()) {
        (Some(k), None) => (Winner::B, DecidedBy::Disqualifying, Some(k.clone())),
        (None, Some(k)) => (Winner::A, DecidedBy::Disqualifying, Some(k.clone())),
        _ if weighted && (total_a - total_b).abs() > 1e-9 => {
            let w = if total_a > total_b {
                Winner::A
            } else {
                Winner::B
            };
            (w, DecidedBy::Weights, None)
        }
        _ => by_priority(),
    };
    let mut ranking = Ranking {
        winner,
        decided_by,
        criterion,
        total_a,
        total_b,
        differing,
        failed_a,
        failed_b,
        unscored,
        draft: String::new(),
    };
    ranking.draft = draft(sheet, &criteria, &ranking);
    ranking
}

fn label(c: &SheetCriterion) -> &str {
    if c.name.trim().is_empty() {
        &c.key
    } else {
        c.name.trim()
    }
}

/// The draft: the verdict, then one paragraph per differing criterion in priority order.
fn draft(sheet: &Sheet, criteria: &[&SheetCriterion], r: &Ranking) -> String {
    let find = |key: &str| criteria.iter().find(|c| c.key == key).copied();
    let score = |key: &str| sheet.scores.iter().find(|s| s.key == key);
    let (w, l) = match r.winner {
        Winner::A => ("A", "B"),
        Winner::B => ("B", "A"),
        Winner::Tie => ("", ""),
    };
    let mut out = String::new();
    match r.decided_by {
        DecidedBy::Disqualifying => {
            let name = r.criterion.as_deref().and_then(find).map_or("", label);
            out.push_str(&format!(
                "Response {w} is better: Response {l} fails {name}, a disqualifying criterion."
            ));
        }
        DecidedBy::Tie => {
            out.push_str("Response A and Response B are equally good under the rubric.")
        }
        _ => out.push_str(&format!(
            "Response {w} is better than Response {l} on the rubric's criteria in priority order."
        )),
    }
    for key in &r.differing {
        let (Some(c), Some(s)) = (find(key), score(key)) else {
            continue;
        };
        let (Some(a), Some(b)) = (s.a, s.b) else {
            continue;
        };
        let better = if a > b { "A" } else { "B" };
        let mut para = format!("\n\n{} (Response A {a}, Response B {b}): ", label(c));
        match c
            .phrases
            .first()
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
        {
            Some(phrase) => {
                para.push_str(&format!("in Response {better}, {}", lower_first(phrase)))
            }
            None => para.push_str(&format!("Response {better} is stronger")),
        }
        if !para.ends_with(['.', '!', '?']) {
            para.push('.');
        }
        let evidence = s.evidence.trim();
        if !evidence.is_empty() {
            para.push(' ');
            para.push_str(&upper_first(evidence));
            if !evidence.ends_with(['.', '!', '?']) {
                para.push('.');
            }
        }
        out.push_str(&para);
    }
    out
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep "I", acronyms and names as they are.
        Some(f) if f.is_uppercase() && c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => s.to_string(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
