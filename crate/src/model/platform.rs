use super::{Money, RecordMeta};
use serde::{Deserialize, Serialize};

/// How a platform pays, as the user describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum PayModel {
    /// Paid for time worked.
    #[default]
    Hourly,
    /// Paid a fixed amount per task.
    PerTask,
    /// Some projects one way, some the other.
    Mixed,
}

/// A platform the user works on (Outlier, DataAnnotation, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Platform {
    #[serde(flatten)]
    pub meta: RecordMeta,
    /// Display name.
    pub name: String,
    pub pay_model: PayModel,
    /// The currency the platform pays in.
    #[serde(default)]
    pub currency: super::Currency,
    /// Host names where this platform's task forms live (for site control and the popup).
    #[serde(default)]
    pub hosts: Vec<String>,
}

/// Whether a rate is per hour or per task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RateKind {
    Hourly,
    PerTask,
}

/// A rate in force from `effective_from` until the next rate's start. Rate changes are never
/// retroactive: a task is paid at the rate in force when it started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub kind: RateKind,
    pub amount: Money,
    /// UTC epoch ms from which this rate applies.
    pub effective_from: i64,
}

/// A kind of task on a platform ("Coding RLHF", "Rater – Pairwise"), with its rates, optional time
/// cap and the rubric its justifications are written against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskType {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub platform_id: String,
    pub name: String,
    /// Rate history, any order; the one in force at an instant is [`TaskType::rate_at`].
    #[serde(default)]
    pub rates: Vec<Rate>,
    /// The platform's time cap per task, if any (ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_cap_ms: Option<i64>,
    /// The rubric that snippets' `{criterion: …}` references resolve against for this task type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
}

impl TaskType {
    /// The rate in force at `at`: the latest rate whose `effective_from` is not after `at`.
    pub fn rate_at(&self, at: i64) -> Option<&Rate> {
        self.rates
            .iter()
            .filter(|r| r.effective_from <= at)
            .max_by_key(|r| r.effective_from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Currency;

    #[test]
    fn rate_changes_are_not_retroactive() {
        let usd = Currency::default();
        let tt = TaskType {
            meta: RecordMeta::new("tty_x".into(), 0),
            platform_id: "plt_x".into(),
            name: "Pairwise".into(),
            rates: vec![
                Rate {
                    kind: RateKind::Hourly,
                    amount: Money::new(3000, usd),
                    effective_from: 200,
                },
                Rate {
                    kind: RateKind::Hourly,
                    amount: Money::new(2500, usd),
                    effective_from: 100,
                },
            ],
            time_cap_ms: None,
            rubric_id: None,
        };
        assert_eq!(tt.rate_at(50), None);
        assert_eq!(tt.rate_at(150).map(|r| r.amount.minor), Some(2500));
        assert_eq!(tt.rate_at(200).map(|r| r.amount.minor), Some(3000));
    }
}
