//! The figures of one group of tasks and time, in one currency: counts, approval rate, money by
//! kind and status, time, and the three hourly rates. Money is never converted: a group with
//! tasks paid in two currencies has two rows.

use super::facts::Fact;
use crate::model::{PayStatus, TaskStatus};
use serde::Serialize;

const HOUR_MS: f64 = 3_600_000.0;

/// Sums over a group, before rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub tasks: u32,
    pub approved: u32,
    pub rejected: u32,
    pub revision: u32,
    pub awaiting: u32,
    /// Confirmed pay, bonuses included (minor units).
    pub confirmed: i64,
    /// Confirmed pay of bonus tasks.
    pub bonus: i64,
    /// Expected pay (any status).
    pub expected: i64,
    /// Pay (confirmed, else expected) by pay status.
    pub pending: i64,
    pub pay_approved: i64,
    pub paid: i64,
    /// Earliest expected pay date of money not yet paid.
    pub next_pay_at: Option<i64>,
}

impl Sums {
    /// Adds another group's sums.
    pub fn merge(&mut self, o: &Sums) {
        self.tasks += o.tasks;
        self.approved += o.approved;
        self.rejected += o.rejected;
        self.revision += o.revision;
        self.awaiting += o.awaiting;
        for (a, b) in [
            (&mut self.confirmed, o.confirmed),
            (&mut self.bonus, o.bonus),
            (&mut self.expected, o.expected),
            (&mut self.pending, o.pending),
            (&mut self.pay_approved, o.pay_approved),
            (&mut self.paid, o.paid),
        ] {
            *a = a.saturating_add(b);
        }
        self.next_pay_at = match (self.next_pay_at, o.next_pay_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }

    /// Adds one task (its money in the row's currency; the caller matched it).
    pub fn add(&mut self, t: &Fact) {
        // A bonus (mission reward, overtime) is money, not a task: no count, no verdict.
        if !t.is_bonus {
            self.tasks += 1;
            match t.status {
                TaskStatus::Approved => self.approved += 1,
                TaskStatus::Rejected => self.rejected += 1,
                TaskStatus::Revision => self.revision += 1,
                TaskStatus::Submitted => self.awaiting += 1,
                TaskStatus::InProgress => {}
            }
        }
        let confirmed = t.confirmed.get().unwrap_or(0);
        self.confirmed = self.confirmed.saturating_add(confirmed);
        if t.is_bonus {
            self.bonus = self.bonus.saturating_add(confirmed);
        }
        let expected = t.expected.get().unwrap_or(0);
        self.expected = self.expected.saturating_add(expected);
        let due = if t.confirmed.get().is_some() {
            confirmed
        } else {
            expected
        };
        let slot = match t.pay_status {
            PayStatus::Pending => &mut self.pending,
            PayStatus::Approved => &mut self.pay_approved,
            PayStatus::Paid => &mut self.paid,
        };
        *slot = slot.saturating_add(due);
        if t.pay_status != PayStatus::Paid {
            if let Some(at) = t.pay_expected_at.get() {
                self.next_pay_at = Some(self.next_pay_at.map_or(at, |n| n.min(at)));
            }
        }
    }
}

/// One row of a report: a group (or the whole range) in one currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    /// The group's key: a platform or task-type id, `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, or
    /// `all`; `none` for tasks without a platform or task type.
    pub key: String,
    /// The group's name as shown (a platform's or task type's name, the date, the week).
    pub label: String,
    /// ISO 4217 code of every amount in the row; absent for a group with no money recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Digits after the decimal point of the currency (to show amounts).
    pub digits: u32,
    /// Tasks (bonus entries not counted).
    pub tasks: u32,
    pub approved: u32,
    pub rejected: u32,
    pub revision: u32,
    /// Submitted, no verdict yet.
    pub awaiting: u32,
    /// approved ÷ (approved + rejected); absent with neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_rate: Option<f64>,
    /// Confirmed earnings, bonuses included (minor units).
    pub confirmed: i64,
    pub bonus: i64,
    /// Expected earnings, shown apart from confirmed.
    pub expected: i64,
    pub pending: i64,
    pub pay_approved: i64,
    pub paid: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_pay_at: Option<i64>,
    /// Session wall time (setup and idle included) of the group, ms.
    pub wall_ms: i64,
    /// Active time of the group, ms.
    pub active_ms: i64,
    /// True effective hourly rate: confirmed ÷ wall hours (minor units per hour).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_rate: Option<f64>,
    /// Base rate: (confirmed − bonus) ÷ wall hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_rate: Option<f64>,
    /// Active rate: confirmed ÷ active hours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active_rate: Option<f64>,
}

fn per_hour(minor: i64, ms: i64) -> Option<f64> {
    (ms > 0).then(|| minor as f64 * HOUR_MS / ms as f64)
}

impl Figures {
    /// The row of `sums` in `currency` over `wall`/`active` ms.
    pub(crate) fn new(
        key: String,
        label: String,
        currency: Option<&crate::model::Currency>,
        s: &Sums,
        wall_ms: i64,
        active_ms: i64,
    ) -> Figures {
        let verdicts = s.approved + s.rejected;
        let money = currency.is_some();
        Figures {
            key,
            label,
            currency: currency.map(|c| c.code().to_string()),
            digits: currency.map_or(2, |c| c.minor_digits()),
            tasks: s.tasks,
            approved: s.approved,
            rejected: s.rejected,
            revision: s.revision,
            awaiting: s.awaiting,
            approval_rate: (verdicts > 0).then(|| f64::from(s.approved) / f64::from(verdicts)),
            confirmed: s.confirmed,
            bonus: s.bonus,
            expected: s.expected,
            pending: s.pending,
            pay_approved: s.pay_approved,
            paid: s.paid,
            next_pay_at: s.next_pay_at,
            wall_ms,
            active_ms,
            effective_rate: money.then(|| per_hour(s.confirmed, wall_ms)).flatten(),
            base_rate: money
                .then(|| per_hour(s.confirmed - s.bonus, wall_ms))
                .flatten(),
            active_rate: money.then(|| per_hour(s.confirmed, active_ms)).flatten(),
        }
    }
}
