//! The catalogue of what work is for: platforms and their task types. Creating a platform by name,
//! creating and editing a task type (name, time cap, rubric) with the checks that keep names
//! unique, and its pay rates, appended from `now` so a task keeps the rate it started at.
//!
//! Pure: each function takes the stored `{id: record}` map(s) and returns the record and the new
//! map to write back. [`view`] answers `catalogue.get`: what the popup's pickers and the
//! dashboard's catalogue show, with the rate in force and every amount's minor digits.

mod view;

pub use view::{catalogue_view, CatalogueView, MoneyView, PlatformView, RateView, TaskTypeView};

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{Currency, Money, PayModel, Platform, Rate, RateKind, RecordMeta, TaskType};
use crate::storage::shards::to_value;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Longest platform name accepted.
const MAX_PLATFORM_NAME: usize = 80;

/// Adds a platform by name (the popup's "add a platform" while picking one for a session): hourly
/// pay in `currency`, no hosts yet. Returns the record and the new `platforms` map. A blank or
/// over-long name is refused, and so is a name a live platform already has (case-insensitive).
pub fn create_platform(
    stored: Option<&Value>,
    name: &str,
    currency: Currency,
    now: i64,
    ids: &mut IdGen,
) -> Result<(Platform, Value)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidMessage,
            "give the platform a name",
        ));
    }
    if name.chars().count() > MAX_PLATFORM_NAME {
        return Err(Error::new(
            ErrorKind::InvalidMessage,
            "a platform name is at most 80 characters",
        ));
    }
    let mut map = map_of(stored);
    let taken = map
        .values()
        .filter_map(|v| serde_json::from_value::<Platform>(v.clone()).ok())
        .any(|p| !p.meta.is_deleted() && p.name.to_lowercase() == name.to_lowercase());
    if taken {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!("a platform named “{name}” already exists; pick it from the list"),
        ));
    }
    let platform = Platform {
        meta: RecordMeta::new(ids.next(IdKind::Platform, now), now),
        name,
        pay_model: PayModel::Hourly,
        currency,
        hosts: Vec::new(),
    };
    map.insert(platform.meta.id.clone(), to_value(&platform)?);
    Ok((platform, Value::Object(map)))
}

/// Longest task type name accepted.
const MAX_TASK_TYPE_NAME: usize = 80;
/// Time caps accepted, in whole minutes (a minute to a day).
const CAP_MIN_RANGE: std::ops::RangeInclusive<u32> = 1..=1440;

/// A rate as the editor sends it: the amount as typed (`"25.00"`), in `currency` or the platform's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateDraft {
    pub kind: RateKind,
    /// A decimal amount such as `25.00` (parsed with [`Money::parse_decimal`]).
    pub amount: String,
    /// ISO 4217 code; the platform's currency when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// A new task type (the popup's "Add a task type").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskTypeDraft {
    pub platform_id: String,
    pub name: String,
    /// Time cap per task in minutes (1–1440); none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_cap_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateDraft>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
}

/// The dashboard editor's whole state for one task type: a missing cap or rubric clears it; a
/// missing rate leaves the rate history alone, and a rate that differs from the one in force now
/// is appended from `now` (never retroactive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskTypeUpdate {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_cap_min: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateDraft>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_id: Option<String>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidMessage, message)
}

fn map_of(stored: Option<&Value>) -> Map<String, Value> {
    match stored {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    }
}

fn live_platform(platforms: Option<&Value>, id: &str) -> Result<Platform> {
    platforms
        .and_then(|m| m.get(id))
        .and_then(|v| serde_json::from_value::<Platform>(v.clone()).ok())
        .filter(|p| !p.meta.is_deleted())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NotFound,
                "that platform no longer exists; pick another",
            )
        })
}

/// The checked name, cap (ms) and rubric of a task type on `platform_id`; `own` is its id when
/// editing (so it does not clash with itself).
fn check_task_type(
    map: &Map<String, Value>,
    platform_id: &str,
    own: Option<&str>,
    name: &str,
    cap_min: Option<u32>,
    rubric_id: Option<&str>,
) -> Result<(String, Option<i64>, Option<String>)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(invalid("give the task type a name"));
    }
    if name.chars().count() > MAX_TASK_TYPE_NAME {
        return Err(invalid("a task type name is at most 80 characters"));
    }
    let taken = map
        .values()
        .filter_map(|v| serde_json::from_value::<TaskType>(v.clone()).ok())
        .any(|t| {
            !t.meta.is_deleted()
                && Some(t.meta.id.as_str()) != own
                && t.platform_id == platform_id
                && t.name.to_lowercase() == name.to_lowercase()
        });
    if taken {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!("this platform already has a task type named “{name}”"),
        ));
    }
    let cap = match cap_min {
        None => None,
        Some(m) if CAP_MIN_RANGE.contains(&m) => Some(i64::from(m) * 60_000),
        Some(_) => {
            return Err(invalid(
                "a time cap is between 1 and 1440 minutes (leave it empty for none)",
            ))
        }
    };
    let rubric = match rubric_id.map(str::trim).filter(|r| !r.is_empty()) {
        None => None,
        Some(r) if crate::ids::is_valid(IdKind::Rubric, r) => Some(r.to_string()),
        Some(_) => return Err(invalid("that is not a rubric id")),
    };
    Ok((name, cap, rubric))
}

/// A draft rate as a [`Rate`] from `now`; a bad or negative amount is refused with its reason.
fn rate_of(draft: &RateDraft, platform: &Platform, now: i64) -> Result<Rate> {
    let currency = match draft.currency.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => Currency::parse(c).map_err(invalid)?,
        _ => platform.currency,
    };
    let text = draft.amount.trim();
    if text.is_empty() {
        return Err(invalid("give the rate an amount such as 25.00"));
    }
    let amount = Money::parse_decimal(text, currency).map_err(invalid)?;
    if amount.minor < 0 {
        return Err(invalid("a rate cannot be negative"));
    }
    Ok(Rate {
        kind: draft.kind,
        amount,
        effective_from: now,
    })
}

/// Adds a task type to a live platform: returns the record and the new `taskTypes` map. Refused:
/// an unknown platform, a blank, over-long or (within the platform, case-insensitive) duplicate
/// name, a cap outside 1–1440 minutes, a bad amount or currency.
pub fn create_task_type(
    stored: Option<&Value>,
    platforms: Option<&Value>,
    draft: &TaskTypeDraft,
    now: i64,
    ids: &mut IdGen,
) -> Result<(TaskType, Value)> {
    let platform = live_platform(platforms, &draft.platform_id)?;
    let mut map = map_of(stored);
    let (name, time_cap_ms, rubric_id) = check_task_type(
        &map,
        &platform.meta.id,
        None,
        &draft.name,
        draft.time_cap_min,
        draft.rubric_id.as_deref(),
    )?;
    let rates = match &draft.rate {
        Some(r) => vec![rate_of(r, &platform, now)?],
        None => Vec::new(),
    };
    let record = TaskType {
        meta: RecordMeta::new(ids.next(IdKind::TaskType, now), now),
        platform_id: platform.meta.id,
        name,
        rates,
        time_cap_ms,
        rubric_id,
    };
    map.insert(record.meta.id.clone(), to_value(&record)?);
    Ok((record, Value::Object(map)))
}

/// Edits a live task type's name, cap, rubric and rate (see [`TaskTypeUpdate`]): the record and
/// the new `taskTypes` map. Past rates are kept, so earlier tasks keep the rate they started at.
pub fn update_task_type(
    stored: Option<&Value>,
    platforms: Option<&Value>,
    update: &TaskTypeUpdate,
    now: i64,
) -> Result<(TaskType, Value)> {
    let mut map = map_of(stored);
    let mut record = map
        .get(&update.id)
        .and_then(|v| serde_json::from_value::<TaskType>(v.clone()).ok())
        .filter(|t| !t.meta.is_deleted())
        .ok_or_else(|| not_found("task type"))?;
    let platform = live_platform(platforms, &record.platform_id)?;
    let (name, time_cap_ms, rubric_id) = check_task_type(
        &map,
        &record.platform_id,
        Some(&record.meta.id),
        &update.name,
        update.time_cap_min,
        update.rubric_id.as_deref(),
    )?;
    if let Some(draft) = &update.rate {
        let rate = rate_of(draft, &platform, now)?;
        let same = record
            .rate_at(now)
            .is_some_and(|r| r.kind == rate.kind && r.amount == rate.amount);
        if !same {
            // A rate already starting at this instant (or later) is replaced, never duplicated.
            record.rates.retain(|r| r.effective_from < now);
            record.rates.push(rate);
        }
    }
    record.name = name;
    record.time_cap_ms = time_cap_ms;
    record.rubric_id = rubric_id;
    record.meta.updated_at = now;
    map.insert(record.meta.id.clone(), to_value(&record)?);
    Ok((record, Value::Object(map)))
}

fn not_found(what: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("that {what} no longer exists"))
}

#[cfg(test)]
mod tests;
