//! A task's outcome and pay as the user records it (the popup's quick-log, the ledger's editor):
//! [`OutcomePatch`] changes one task, [`NewTask`] adds one by hand. Both are checked here and
//! planned as the writes to send in one `set`.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{Currency, Money, PayStatus, RecordMeta, Task, TaskStatus};
use crate::storage::shards::{records, Writes};
use crate::storage::{Collection, Snapshot};
use serde::{Deserialize, Deserializer, Serialize};

/// Longest feedback or notes text (characters): reviewers' feedback is short, notes stay notes.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Most criteria cited on one task, and the longest one (a key or a few words of free text).
pub const MAX_CRITERIA: usize = 20;
pub const MAX_CRITERION_CHARS: usize = 80;
/// Longest external task id.
pub const MAX_EXTERNAL_ID_CHARS: usize = 200;

/// `null` on the wire clears a field; an absent field leaves it as it is.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// An amount as the user typed it: `{amount: "12.34", currency?: "USD"}` (the settings'
/// currency when absent). More decimals than the currency has are refused, never rounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MoneyInput {
    pub amount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

impl MoneyInput {
    fn parse(&self, fallback: &Currency, what: &str) -> Result<Money> {
        let currency = match &self.currency {
            Some(c) => Currency::parse(c).map_err(|m| invalid(format!("{what}: {m}")))?,
            None => *fallback,
        };
        Money::parse_decimal(&self.amount, currency).map_err(|m| invalid(format!("{what}: {m}")))
    }
}

/// Changes to one task's outcome and pay. Every field is optional: absent leaves it, `null`
/// clears it (where clearing makes sense).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub pay_expected: Option<Option<MoneyInput>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub pay_confirmed: Option<Option<MoneyInput>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_bonus: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_status: Option<PayStatus>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub pay_expected_at: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub pay_approved_at: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub paid_at: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub reviewed_at: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub submitted_at: Option<Option<i64>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub feedback: Option<Option<String>>,
    /// Rubric criterion keys (`accuracy`) or free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria_cited: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub external_id: Option<Option<String>>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub notes: Option<Option<String>>,
    /// Time spent in minutes (a task added by hand or imported; a lap's time is its session's).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration_min: Option<Option<f64>>,
    /// The scoring worksheet's result to keep with the task (`null` removes it).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub worksheet: Option<Option<super::worksheet::WorksheetInput>>,
}

/// A task added by hand in the ledger: when, for what, and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewTask {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type_id: Option<String>,
    /// When the work started (UTC epoch ms).
    pub started_at: i64,
    #[serde(default)]
    pub outcome: OutcomePatch,
}

fn invalid(m: String) -> Error {
    Error::new(ErrorKind::InvalidMessage, m)
}

/// A trimmed text, `None` when blank; too long is an error naming `what`.
fn text(v: &str, max: usize, what: &str) -> Result<Option<String>> {
    let t = v.trim();
    if t.chars().count() > max {
        return Err(invalid(format!(
            "{what} is longer than {max} characters; shorten it"
        )));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// An instant within years 1970–9999.
fn instant(v: i64, what: &str) -> Result<i64> {
    if (0..=253_402_300_799_999).contains(&v) {
        Ok(v)
    } else {
        Err(invalid(format!("{what} is not a date Rubrica can store")))
    }
}

fn opt_instant(v: Option<i64>, what: &str) -> Result<Option<i64>> {
    v.map(|t| instant(t, what)).transpose()
}

impl OutcomePatch {
    /// Applies the patch to `task` at `now`; `currency` is used for amounts that name none.
    /// Setting a verdict stamps `reviewedAt`, approved or paid pay stamps its date, unless the
    /// patch gives them.
    pub fn apply(&self, task: &mut Task, currency: &Currency, now: i64) -> Result<()> {
        if let Some(status) = self.status {
            if status != task.status
                && matches!(
                    status,
                    TaskStatus::Approved | TaskStatus::Rejected | TaskStatus::Revision
                )
            {
                task.reviewed_at = Some(now);
            }
            if status == TaskStatus::Submitted && task.submitted_at.is_none() {
                task.submitted_at = Some(now);
            }
            task.status = status;
        }
        if let Some(m) = &self.pay_expected {
            task.pay_expected = m
                .as_ref()
                .map(|m| m.parse(currency, "Expected pay"))
                .transpose()?;
        }
        if let Some(m) = &self.pay_confirmed {
            task.pay_confirmed = m
                .as_ref()
                .map(|m| m.parse(currency, "Confirmed pay"))
                .transpose()?;
        }
        if let Some(b) = self.is_bonus {
            task.is_bonus = b;
        }
        if let Some(p) = self.pay_status {
            if p != task.pay_status {
                match p {
                    PayStatus::Approved => task.pay_approved_at = Some(now),
                    PayStatus::Paid => task.paid_at = Some(now),
                    PayStatus::Pending => {}
                }
            }
            task.pay_status = p;
        }
        if let Some(v) = self.pay_expected_at {
            task.pay_expected_at = opt_instant(v, "The expected pay date")?;
        }
        if let Some(v) = self.pay_approved_at {
            task.pay_approved_at = opt_instant(v, "The pay approval date")?;
        }
        if let Some(v) = self.paid_at {
            task.paid_at = opt_instant(v, "The payment date")?;
        }
        if let Some(v) = self.reviewed_at {
            task.reviewed_at = opt_instant(v, "The review date")?;
        }
        if let Some(v) = self.submitted_at {
            task.submitted_at = opt_instant(v, "The submission time")?;
        }
        if let Some(v) = &self.feedback {
            task.feedback = match v {
                Some(v) => text(v, MAX_TEXT_CHARS, "The feedback")?,
                None => None,
            };
        }
        if let Some(list) = &self.criteria_cited {
            if list.len() > MAX_CRITERIA {
                return Err(invalid(format!(
                    "at most {MAX_CRITERIA} criteria can be cited on one task"
                )));
            }
            let mut out: Vec<String> = Vec::new();
            for c in list {
                if let Some(c) = text(c, MAX_CRITERION_CHARS, "A cited criterion")? {
                    if !out.contains(&c) {
                        out.push(c);
                    }
                }
            }
            task.criteria_cited = out;
        }
        if let Some(v) = &self.external_id {
            task.external_id = match v {
                Some(v) => text(v, MAX_EXTERNAL_ID_CHARS, "The task id")?,
                None => None,
            };
        }
        if let Some(v) = &self.notes {
            task.notes = match v {
                Some(v) => text(v, MAX_TEXT_CHARS, "The notes")?,
                None => None,
            };
        }
        if let Some(v) = self.duration_min {
            task.duration_ms = match v {
                Some(min) if min.is_finite() && (0.0..=100_000.0).contains(&min) => {
                    Some((min * 60_000.0).round() as i64)
                }
                Some(_) => {
                    return Err(invalid(
                        "the time spent must be between 0 and 100,000 minutes".into(),
                    ))
                }
                None => None,
            };
        }
        if let Some(v) = &self.worksheet {
            task.worksheet = v
                .as_ref()
                .map(|w| w.result(now).map(Box::new))
                .transpose()?;
        }
        task.meta.updated_at = now;
        Ok(())
    }
}

/// Where a task's record is: the shard its id's timestamp names (ids are ULIDs minted at
/// creation), when the `shards` index lists it; otherwise every task shard.
pub fn task_keys(id: &str, shards: Option<&serde_json::Value>) -> Vec<String> {
    let all = crate::storage::shards::all_keys(shards);
    let tasks: Vec<String> = all
        .into_iter()
        .filter(|k| Collection::Tasks.owns_key(k))
        .collect();
    let guess = id
        .strip_prefix(IdKind::Task.prefix())
        .and_then(|u| ulid::Ulid::from_string(u).ok())
        .map(|u| Collection::Tasks.key_for(u.timestamp_ms() as i64));
    match guess {
        Some(k) if tasks.contains(&k) => vec![k],
        _ => tasks,
    }
}

/// Plans `patch` on task `id` in `stored` (read with [`task_keys`]): the task after the patch and
/// the writes. A deleted or unknown task is [`ErrorKind::NotFound`].
pub fn plan_update(
    stored: &Snapshot,
    id: &str,
    patch: &OutcomePatch,
    currency: &Currency,
    now: i64,
) -> Result<(Task, Snapshot)> {
    let mut task = stored
        .keys()
        .filter(|k| Collection::Tasks.owns_key(k))
        .flat_map(|k| records::<Task>(stored, k))
        .find(|t| t.meta.id == id && !t.meta.is_deleted())
        .ok_or_else(|| Error::new(ErrorKind::NotFound, "that task no longer exists"))?;
    patch.apply(&mut task, currency, now)?;
    let mut writes = Writes::new(stored);
    writes.put(Collection::Tasks, id, task.meta.created_at, &task)?;
    Ok((task, writes.finish()))
}

/// Keys a task added by hand at `now` is planned against: the `shards` index and `now`'s task shard.
pub fn add_keys(now: i64) -> Vec<String> {
    vec![
        crate::storage::KEY_SHARDS.to_string(),
        Collection::Tasks.key_for(now),
    ]
}

/// Plans a task added by hand at `now` into `stored` (this month's task shard and the `shards`
/// index): the new task and the writes.
pub fn plan_add(
    stored: &Snapshot,
    new: &NewTask,
    currency: &Currency,
    ids: &mut IdGen,
    now: i64,
) -> Result<(Task, Snapshot)> {
    let started_at = instant(new.started_at, "The start")?;
    let id = ids.next(IdKind::Task, now);
    let mut task = Task {
        meta: RecordMeta::new(id.clone(), now),
        session_id: None,
        platform_id: new.platform_id.clone(),
        task_type_id: new.task_type_id.clone(),
        external_id: None,
        started_at,
        submitted_at: None,
        status: TaskStatus::Submitted,
        pay_expected: None,
        pay_confirmed: None,
        pay_status: PayStatus::Pending,
        is_bonus: false,
        feedback: None,
        criteria_cited: Vec::new(),
        justification_id: None,
        reviewed_at: None,
        pay_expected_at: None,
        pay_approved_at: None,
        paid_at: None,
        notes: None,
        duration_ms: None,
        import_key: None,
        worksheet: None,
    };
    new.outcome.apply(&mut task, currency, now)?;
    let mut writes = Writes::new(stored);
    writes.put(Collection::Tasks, &id, now, &task)?;
    writes.count(Collection::Tasks, now, 1);
    Ok((task, writes.finish()))
}
