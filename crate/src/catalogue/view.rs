//! What `catalogue.get` answers: the live platforms, each with its live task types, each task
//! type with the rate in force now and every amount with its currency's minor digits (ISO 4217,
//! [`Currency::minor_digits`]), so no page derives a rate or a currency's digits itself; and the
//! names of every platform and task type, deleted ones too, so a past session still says where it
//! was worked.

use crate::model::{Currency, Money, PayModel, Platform, Rate, RateKind, RecordMeta, TaskType};
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// An amount with the minor digits of its currency: `{minor, currency, digits}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoneyView {
    /// Minor units (cents for USD).
    pub minor: i64,
    pub currency: Currency,
    /// Digits after the decimal point for `currency` (JPY 0, USD 2, BHD 3).
    pub digits: u32,
}

impl From<&Money> for MoneyView {
    fn from(m: &Money) -> Self {
        MoneyView {
            minor: m.minor,
            currency: m.currency,
            digits: m.currency.minor_digits(),
        }
    }
}

/// A rate with its amount's digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RateView {
    pub kind: RateKind,
    pub amount: MoneyView,
    pub effective_from: i64,
}

impl From<&Rate> for RateView {
    fn from(r: &Rate) -> Self {
        RateView {
            kind: r.kind,
            amount: MoneyView::from(&r.amount),
            effective_from: r.effective_from,
        }
    }
}

/// A live task type as the pickers and the catalogue show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskTypeView {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub platform_id: String,
    pub name: String,
    pub time_cap_ms: Option<i64>,
    pub rubric_id: Option<String>,
    /// Every rate, oldest first.
    pub rates: Vec<RateView>,
    /// The rate in force at `now` ([`TaskType::rate_at`]), if one has started.
    pub rate_now: Option<RateView>,
}

/// A live platform with its live task types.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlatformView {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub name: String,
    pub pay_model: PayModel,
    pub currency: Currency,
    pub hosts: Vec<String>,
    /// Its live task types, by name.
    pub task_types: Vec<TaskTypeView>,
}

/// Names by id of every stored platform and task type, deleted ones included.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Names {
    pub platforms: BTreeMap<String, String>,
    pub task_types: BTreeMap<String, String>,
}

/// `catalogue.get`'s answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogueView {
    /// Live platforms, by name.
    pub platforms: Vec<PlatformView>,
    pub names: Names,
}

/// The catalogue of the stored `platforms` and `taskTypes` maps at `now`. Records this build
/// cannot read are left out (their names are kept when they have one). Names sort
/// case-insensitively, then exactly, then by id, so the order is stable.
pub fn catalogue_view(
    stored_platforms: Option<&Value>,
    stored_task_types: Option<&Value>,
    now: i64,
) -> CatalogueView {
    let mut types: Vec<TaskType> = live(stored_task_types);
    types.sort_by(|a, b| by_name((&a.name, &a.meta.id), (&b.name, &b.meta.id)));
    let mut platforms: Vec<Platform> = live(stored_platforms);
    platforms.sort_by(|a, b| by_name((&a.name, &a.meta.id), (&b.name, &b.meta.id)));
    let platforms = platforms
        .into_iter()
        .map(|p| PlatformView {
            task_types: types
                .iter()
                .filter(|t| t.platform_id == p.meta.id)
                .map(|t| task_type_view(t, now))
                .collect(),
            meta: p.meta,
            name: p.name,
            pay_model: p.pay_model,
            currency: p.currency,
            hosts: p.hosts,
        })
        .collect();
    CatalogueView {
        platforms,
        names: Names {
            platforms: names(stored_platforms),
            task_types: names(stored_task_types),
        },
    }
}

fn task_type_view(t: &TaskType, now: i64) -> TaskTypeView {
    let mut rates: Vec<RateView> = t.rates.iter().map(RateView::from).collect();
    rates.sort_by_key(|r| r.effective_from);
    TaskTypeView {
        meta: t.meta.clone(),
        platform_id: t.platform_id.clone(),
        name: t.name.clone(),
        time_cap_ms: t.time_cap_ms,
        rubric_id: t.rubric_id.clone(),
        rates,
        rate_now: t.rate_at(now).map(RateView::from),
    }
}

/// Anything with a record's meta.
trait Record: serde::de::DeserializeOwned {
    fn meta(&self) -> &RecordMeta;
}

impl Record for Platform {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
}

impl Record for TaskType {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
}

/// The readable, live records of a stored `{id: record}` map.
fn live<T: Record>(stored: Option<&Value>) -> Vec<T> {
    stored
        .and_then(Value::as_object)
        .map(|m| {
            m.values()
                .filter_map(|v| serde_json::from_value::<T>(v.clone()).ok())
                .filter(|r| !r.meta().is_deleted())
                .collect()
        })
        .unwrap_or_default()
}

/// `{id: name}` of every record in a stored map that has a string id and name.
fn names(stored: Option<&Value>) -> BTreeMap<String, String> {
    stored
        .and_then(Value::as_object)
        .map(|m| {
            m.values()
                .filter_map(|v| {
                    let id = v.get("id")?.as_str()?;
                    let name = v.get("name")?.as_str()?;
                    Some((id.to_string(), name.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Case-insensitive name order, then the exact name, then the id.
fn by_name(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    a.0.to_lowercase()
        .cmp(&b.0.to_lowercase())
        .then_with(|| a.0.cmp(b.0))
        .then_with(|| a.1.cmp(b.1))
}
