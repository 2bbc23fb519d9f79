//! A small sample rubric shared by the template fixtures and the fuzz harness, so the corpus seeded
//! from the fixtures renders against the same criteria. Not used by the extension.

use crate::model::{Criterion, RecordMeta, Rubric};

/// The rubric the template fixtures (`tests/templates/`) and the fuzz harness render against.
pub fn sample_rubric() -> Rubric {
    let criterion = |key: &str, name: &str, definition: &str, phrases: &[&str]| Criterion {
        key: key.into(),
        name: name.into(),
        definition: definition.into(),
        priority: 1,
        weight: None,
        disqualifying: false,
        notes: String::new(),
        phrases: phrases.iter().map(|p| p.to_string()).collect(),
        annotations: Vec::new(),
        snippet_ids: Vec::new(),
    };
    Rubric {
        meta: RecordMeta::new("rub_sample".into(), 0),
        name: "Standard RLHF".into(),
        criteria: vec![
            criterion(
                "accuracy",
                "Accuracy",
                "Claims are factually correct.",
                &[
                    "it states the facts correctly",
                    "it contains no factual errors",
                ],
            ),
            criterion(
                "helpfulness",
                "Helpfulness",
                "It answers the question asked.",
                &["it answers the question"],
            ),
            criterion("tone", "Tone", "", &[]),
        ],
        ideal_response: String::new(),
        builtin: true,
    }
}
