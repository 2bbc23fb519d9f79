//! Outlier's earnings CSV into the ledger: `workDate,itemID,duration,rateApplied,payout,payType,
//! projectName,status` (values often quoted; `duration` like `1h 2m 3s`, parts may be missing;
//! `payout` like `$12.34`; `payType` such as `missionReward` or `overtimePay` marks a bonus that
//! has no time of its own and stays out of base rates).
//!
//! Every row becomes a task of platform "Outlier" (created when no platform has that name) and of
//! a task type named after `projectName` (created when missing). A row's identity is its
//! `importKey` (`outlier:` item, date, pay type, payout), so importing the same file twice adds
//! nothing. Any malformed cell stops the import with its row and column named; nothing is written.

use super::csv_file::{
    cell_error, csv_with_header, has_columns, norm, parse_duration, unreadable_row,
};
pub(super) use super::dates::parse_date;
use super::new_tasks::NewTasks;
use super::recent::by_id;
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{
    Currency, Money, PayModel, PayStatus, Platform, RecordMeta, Task, TaskStatus, TaskType,
};
use crate::storage::shards::{records, to_value, Writes};
use crate::storage::{Collection, Snapshot};
use crate::timing::zone::ZoneOffsets;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The columns, in the order Outlier writes them (matched by name, any order).
pub const OUTLIER_COLUMNS: [&str; 8] = [
    "workDate",
    "itemID",
    "duration",
    "rateApplied",
    "payout",
    "payType",
    "projectName",
    "status",
];

/// What an import would do (or did): counts, new names, and the writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutlierPlan {
    /// Rows that become new tasks.
    pub added: usize,
    /// Rows already in the ledger (or repeated in the file).
    pub duplicates: usize,
    /// Rows with no payout and no time (nothing to record).
    pub empty: usize,
    /// Task types the import creates.
    pub new_task_types: Vec<String>,
    /// Whether it creates the platform "Outlier".
    pub new_platform: bool,
    /// The new tasks (typed, serialised straight into the answer) and the other keys.
    #[serde(skip)]
    pub writes: NewTasks,
}

/// Whether `text` starts with the header of Outlier's earnings CSV.
pub fn is_outlier_csv(text: &str) -> bool {
    has_columns(text, &["workDate", "itemID", "payout", "payType"])
}

/// One parsed row.
struct Row {
    day: i64,
    item: String,
    duration_ms: i64,
    payout: Money,
    pay_type: String,
    project: String,
    status: String,
}

/// Parses the file (every cell checked first; any error names its row and column).
fn parse(text: &str) -> Result<Vec<(usize, Row)>> {
    let (mut reader, header) = csv_with_header(text)?;
    let mut cols = [0usize; 8];
    for (i, name) in OUTLIER_COLUMNS.iter().enumerate() {
        cols[i] = header
            .iter()
            .position(|h| *h == norm(name))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Import,
                    format!(
                        "This is not an Outlier earnings CSV: the header has no “{name}” column \
                     (expected {})",
                        OUTLIER_COLUMNS.join(",")
                    ),
                )
                .at_line(1)
            })?;
    }
    let usd = Currency::default();
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let row = i + 2; // 1-based, after the header
        let rec = rec.map_err(|e| unreadable_row(row, &e))?;
        let get = |c: usize| rec.get(cols[c]).unwrap_or("").trim();
        let day = parse_date(get(0))
            .ok_or_else(|| cell_error(row, "workDate", format!("“{}” is not a date", get(0))))?;
        let duration_ms = parse_duration(get(2)).ok_or_else(|| {
            cell_error(
                row,
                "duration",
                format!(
                    "“{}” is not a duration like 1h 2m 3s (at most 366 days)",
                    get(2)
                ),
            )
        })?;
        let payout = if get(4).is_empty() {
            Money::new(0, usd)
        } else {
            Money::parse_decimal(get(4), usd).map_err(|m| cell_error(row, "payout", m))?
        };
        out.push((
            row,
            Row {
                day,
                item: get(1).to_string(),
                duration_ms,
                payout,
                pay_type: get(5).to_string(),
                project: get(6).to_string(),
                status: get(7).to_ascii_lowercase(),
            },
        ));
    }
    Ok(out)
}

fn is_bonus(pay_type: &str) -> bool {
    let p = pay_type.to_ascii_lowercase();
    p.contains("mission") || p.contains("overtime") || p.contains("bonus") || p.contains("reward")
}

/// Plans the import of `text` into `stored` (every task shard, `platforms`, `taskTypes`,
/// `shards`) at `now`; work dates are local days of `zone`.
pub fn plan_outlier_import(
    stored: &Snapshot,
    text: &str,
    zone: &ZoneOffsets,
    ids: &mut IdGen,
    now: i64,
) -> Result<OutlierPlan> {
    let rows = parse(text)?;
    let mut seen: HashSet<String> = stored
        .keys()
        .filter(|k| Collection::Tasks.owns_key(k))
        .flat_map(|k| records::<Task>(stored, k))
        .filter_map(|t| t.import_key)
        .collect();
    let platforms = by_id::<Platform>(stored, Collection::Platforms, |p| {
        (&p.meta.id, !p.meta.is_deleted())
    });
    let mut platform_map: Map<String, Value> = stored
        .get(Collection::Platforms.name())
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut types_map: Map<String, Value> = stored
        .get(Collection::TaskTypes.name())
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut plan = OutlierPlan {
        added: 0,
        duplicates: 0,
        empty: 0,
        new_task_types: Vec::new(),
        new_platform: false,
        writes: NewTasks::default(),
    };
    let platform_id = match platforms
        .values()
        .find(|p| p.name.eq_ignore_ascii_case("outlier"))
    {
        Some(p) => p.meta.id.clone(),
        None => {
            let id = ids.next(IdKind::Platform, now);
            let p = Platform {
                meta: RecordMeta::new(id.clone(), now),
                name: "Outlier".into(),
                pay_model: PayModel::Hourly,
                currency: Currency::default(),
                hosts: vec!["outlier.ai".into()],
            };
            platform_map.insert(id.clone(), to_value(&p)?);
            plan.new_platform = true;
            id
        }
    };
    let mut type_ids: Vec<(String, String)> =
        by_id::<TaskType>(stored, Collection::TaskTypes, |t| {
            (&t.meta.id, !t.meta.is_deleted())
        })
        .into_values()
        .filter(|t| t.platform_id == platform_id)
        .map(|t| (t.name.to_lowercase(), t.meta.id))
        .collect();
    let mut index = Writes::new(stored);
    for (_, r) in rows {
        if r.payout.minor == 0 && r.duration_ms == 0 {
            plan.empty += 1;
            continue;
        }
        let key = format!(
            "outlier:{}:{}:{}:{}",
            r.item,
            r.day,
            r.pay_type.to_ascii_lowercase(),
            r.payout.minor
        );
        if !seen.insert(key.clone()) {
            plan.duplicates += 1;
            continue;
        }
        let task_type_id = if r.project.is_empty() {
            None
        } else if let Some((_, id)) = type_ids
            .iter()
            .find(|(n, _)| *n == r.project.to_lowercase())
        {
            Some(id.clone())
        } else {
            let id = ids.next(IdKind::TaskType, now);
            let tt: TaskType = serde_json::from_value(serde_json::json!({
                "id": id, "createdAt": now, "updatedAt": now, "platformId": platform_id,
                "name": r.project.chars().take(80).collect::<String>(),
            }))
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
            types_map.insert(id.clone(), to_value(&tt)?);
            type_ids.push((r.project.to_lowercase(), id.clone()));
            plan.new_task_types.push(tt.name);
            Some(id)
        };
        let bonus = is_bonus(&r.pay_type);
        let pay_status = match r.status.as_str() {
            s if s.contains("paid") => PayStatus::Paid,
            s if s.contains("approved") || s.contains("complete") => PayStatus::Approved,
            _ => PayStatus::Pending,
        };
        let task = Task {
            meta: RecordMeta::new(ids.next(IdKind::Task, now), now),
            session_id: None,
            platform_id: Some(platform_id.clone()),
            task_type_id,
            external_id: (!r.item.is_empty()).then_some(r.item),
            started_at: zone.day_start(r.day),
            submitted_at: None,
            status: if pay_status == PayStatus::Pending {
                TaskStatus::Submitted
            } else {
                TaskStatus::Approved
            },
            pay_expected: None,
            pay_confirmed: Some(r.payout),
            pay_status,
            is_bonus: bonus,
            feedback: None,
            criteria_cited: Vec::new(),
            justification_id: None,
            reviewed_at: None,
            pay_expected_at: None,
            pay_approved_at: None,
            paid_at: None,
            notes: (!r.pay_type.is_empty()).then(|| format!("Outlier pay type: {}", r.pay_type)),
            duration_ms: (!bonus && r.duration_ms > 0).then_some(r.duration_ms),
            import_key: Some(key),
            worksheet: None,
        };
        plan.writes.put(stored, task);
        plan.added += 1;
    }
    if plan.added > 0 {
        index.count(Collection::Tasks, now, plan.added as i64);
        for (key, value) in index.finish() {
            plan.writes.set(key, value);
        }
        if plan.new_platform {
            let key = Collection::Platforms.name().into();
            plan.writes.set(key, Value::Object(platform_map));
        }
        if !plan.new_task_types.is_empty() {
            let key = Collection::TaskTypes.name().into();
            plan.writes.set(key, Value::Object(types_map));
        }
    }
    Ok(plan)
}
