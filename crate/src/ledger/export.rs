//! CSV exports of the loaded ledger: sessions as Toggl's and Clockify's detailed reports (so
//! users can take their time to those tools), and the native tasks CSV with every field. Dates
//! and times are local (the browser's offsets); durations are `H:MM:SS` of session time without
//! discarded idle; amounts are confirmed pay in the currency's decimals.

use super::book::Ledger;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Currency, Money, Session, Task};
use crate::timing::totals::totals;
use crate::timing::zone::ZoneOffsets;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Toggl's detailed CSV header, as `../shared/PRODUCT.md` gives it; an export names the
/// currency it holds in the last column (`Amount (EUR)`), one column per currency.
pub const TOGGL_HEADER: [&str; 14] = [
    "User",
    "Email",
    "Client",
    "Project",
    "Task",
    "Description",
    "Billable",
    "Start date",
    "Start time",
    "End date",
    "End time",
    "Duration",
    "Tags",
    "Amount (USD)",
];
/// Clockify's detailed CSV header; an export names its currencies in the last two columns.
pub const CLOCKIFY_HEADER: [&str; 17] = [
    "Project",
    "Client",
    "Description",
    "Task",
    "User",
    "Group",
    "Email",
    "Tags",
    "Billable",
    "Start Date",
    "Start Time",
    "End Date",
    "End Time",
    "Duration (h)",
    "Duration (decimal)",
    "Billable Rate (USD)",
    "Billable Amount (USD)",
];
/// The native tasks CSV header: every field of a task.
pub const TASKS_HEADER: [&str; 25] = [
    "id",
    "platform",
    "taskType",
    "externalId",
    "sessionId",
    "startedAt",
    "submittedAt",
    "status",
    "payExpected",
    "payConfirmed",
    "currency",
    "isBonus",
    "payStatus",
    "payExpectedAt",
    "payApprovedAt",
    "paidAt",
    "reviewedAt",
    "feedback",
    "criteriaCited",
    "notes",
    "timeMs",
    "durationMs",
    "justificationId",
    "createdAt",
    "updatedAt",
];

fn csv_error(e: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Internal,
        format!("the CSV could not be written: {e}"),
    )
}

fn write<H: AsRef<[u8]>>(header: &[H], rows: Vec<Vec<String>>) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(csv_error)?;
    for r in rows {
        w.write_record(&r).map_err(csv_error)?;
    }
    let bytes = w.into_inner().map_err(csv_error)?;
    String::from_utf8(bytes).map_err(csv_error)
}

/// `YYYY-MM-DD` and `HH:MM:SS` of `utc` in `zone`.
fn local(zone: &ZoneOffsets, utc: i64) -> (String, String) {
    let l = zone.local(utc);
    let day = l.div_euclid(86_400_000);
    let secs = l.rem_euclid(86_400_000) / 1000;
    (
        crate::timing::zone::date_of_day(day),
        format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60),
    )
}

fn hms(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

fn iso(t: Option<i64>) -> String {
    t.map(|t| t.to_string()).unwrap_or_default()
}

/// One exported session: names, local start and end, time, confirmed pay per currency.
struct SessionLine {
    client: String,
    project: String,
    start: (String, String),
    end: (String, String),
    ms: i64,
    /// Confirmed pay of the session's tasks, in minor units, per currency.
    pay: BTreeMap<Currency, i64>,
}

/// The currencies of an export's amount columns: every currency the exported pay is in (sorted
/// by code), else the exported sessions' platforms' currencies, else `fallback`. Amounts are
/// never converted, so each currency has its own column(s), named after its code.
fn currencies(lines: &[SessionLine], platform: &[Currency], fallback: &Currency) -> Vec<Currency> {
    let mut set: BTreeSet<Currency> = lines.iter().flat_map(|l| l.pay.keys().cloned()).collect();
    if set.is_empty() {
        set.extend(platform.iter().cloned());
    }
    if set.is_empty() {
        set.insert(*fallback);
    }
    set.into_iter().collect()
}

/// The session's pay in `c` in minor units: 0 when the export has one currency, `None` for no
/// pay in `c` among several (an empty cell).
fn pay_in(line: &SessionLine, c: &Currency, single: bool) -> Option<i64> {
    line.pay.get(c).copied().or(single.then_some(0))
}

/// [`pay_in`] as a decimal in `c`'s digits (`12.50`), or empty.
fn amount(line: &SessionLine, c: &Currency, single: bool) -> String {
    pay_in(line, c, single)
        .map(|minor| Money::new(minor, *c).to_decimal_digits(c.minor_digits()))
        .unwrap_or_default()
}

impl Ledger {
    fn session_lines(
        &self,
        from: i64,
        to: i64,
        zone: &ZoneOffsets,
    ) -> (Vec<SessionLine>, Vec<Currency>) {
        let mut by_session: HashMap<&str, Vec<Task>> = HashMap::new();
        for t in self.entries.iter().filter_map(|e| self.task(e)) {
            if let Some(s) = t.session_id.as_deref() {
                by_session.entry(s).or_default().push(t.clone());
            }
        }
        let mut sessions: Vec<&Session> = self
            .sessions
            .iter()
            .filter(|s| s.started_at >= from && s.started_at < to)
            .collect();
        sessions.sort_by_key(|s| s.started_at);
        let platform_currencies: Vec<Currency> = sessions
            .iter()
            .filter_map(|s| s.platform_id.as_deref())
            .filter_map(|p| self.platforms.get(p))
            .map(|p| p.currency)
            .collect();
        let lines = sessions
            .into_iter()
            .map(|s| {
                let tasks = by_session
                    .get(s.meta.id.as_str())
                    .cloned()
                    .unwrap_or_default();
                let t = totals(s, &tasks, self.now);
                let end = s.ended_at.unwrap_or(self.now);
                let mut pay = BTreeMap::new();
                for m in tasks.iter().filter_map(|t| t.pay_confirmed.as_ref()) {
                    *pay.entry(m.currency).or_insert(0i64) += m.minor;
                }
                SessionLine {
                    client: self.name(super::GroupBy::Platform, s.platform_id.as_deref()),
                    project: self.name(super::GroupBy::TaskType, s.task_type_id.as_deref()),
                    start: local(zone, s.started_at),
                    end: local(zone, end),
                    ms: t.wall - t.idle_discarded,
                    pay,
                }
            })
            .collect();
        (lines, platform_currencies)
    }

    /// Sessions that started in `[from, to)` as Toggl's detailed CSV. The amount column names
    /// its currency (`Amount (EUR)`); pay in several currencies gets one column each.
    pub fn toggl_csv(&self, from: i64, to: i64, zone: &ZoneOffsets) -> Result<String> {
        self.toggl_csv_in(from, to, zone, &Currency::default())
    }

    /// [`Ledger::toggl_csv`] with `fallback` naming the amount column when no exported session
    /// has pay or a platform with a currency.
    pub fn toggl_csv_in(
        &self,
        from: i64,
        to: i64,
        zone: &ZoneOffsets,
        fallback: &Currency,
    ) -> Result<String> {
        let (lines, platform) = self.session_lines(from, to, zone);
        let cs = currencies(&lines, &platform, fallback);
        let single = cs.len() == 1;
        let mut header: Vec<String> = TOGGL_HEADER[..13].iter().map(|h| h.to_string()).collect();
        header.extend(cs.iter().map(|c| format!("Amount ({c})")));
        let rows = lines
            .into_iter()
            .map(|l| {
                let mut row = vec![
                    String::new(),
                    String::new(),
                    l.client.clone(),
                    l.project.clone(),
                    String::new(),
                    "Rubrica session".into(),
                    "Yes".into(),
                    l.start.0.clone(),
                    l.start.1.clone(),
                    l.end.0.clone(),
                    l.end.1.clone(),
                    hms(l.ms),
                    "rubrica".into(),
                ];
                row.extend(cs.iter().map(|c| amount(&l, c, single)));
                row
            })
            .collect();
        write(&header, rows)
    }

    /// Sessions that started in `[from, to)` as Clockify's detailed CSV; the rate and amount
    /// columns name their currency, one pair per currency.
    pub fn clockify_csv(&self, from: i64, to: i64, zone: &ZoneOffsets) -> Result<String> {
        self.clockify_csv_in(from, to, zone, &Currency::default())
    }

    /// [`Ledger::clockify_csv`] with `fallback` as in [`Ledger::toggl_csv_in`].
    pub fn clockify_csv_in(
        &self,
        from: i64,
        to: i64,
        zone: &ZoneOffsets,
        fallback: &Currency,
    ) -> Result<String> {
        let (lines, platform) = self.session_lines(from, to, zone);
        let cs = currencies(&lines, &platform, fallback);
        let single = cs.len() == 1;
        let mut header: Vec<String> = CLOCKIFY_HEADER[..15]
            .iter()
            .map(|h| h.to_string())
            .collect();
        for c in &cs {
            header.push(format!("Billable Rate ({c})"));
            header.push(format!("Billable Amount ({c})"));
        }
        let rows = lines
            .into_iter()
            .map(|l| {
                let hours = l.ms as f64 / 3_600_000.0;
                let mut row = vec![
                    l.project.clone(),
                    l.client.clone(),
                    "Rubrica session".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    "rubrica".into(),
                    "Yes".into(),
                    l.start.0.clone(),
                    l.start.1.clone(),
                    l.end.0.clone(),
                    l.end.1.clone(),
                    hms(l.ms),
                    format!("{hours:.2}"),
                ];
                for c in &cs {
                    let digits = c.minor_digits() as usize;
                    let rate = match pay_in(&l, c, single) {
                        Some(m) if hours > 0.0 => {
                            let per_hour = m as f64 / hours / 10f64.powi(digits as i32);
                            format!("{per_hour:.digits$}")
                        }
                        Some(_) => format!("{:.digits$}", 0.0),
                        None => String::new(),
                    };
                    row.push(rate);
                    row.push(amount(&l, c, single));
                }
                row
            })
            .collect();
        write(&header, rows)
    }

    /// Tasks that started in `[from, to)` with every field; times are UTC epoch ms.
    pub fn tasks_csv(&self, from: i64, to: i64) -> Result<String> {
        let mut entries: Vec<_> = self
            .entries
            .iter()
            .zip(&self.facts)
            .filter(|(e, _)| e.started_at >= from && e.started_at < to)
            .filter_map(|(e, f)| Some((f, self.task(e)?)))
            .collect();
        entries.sort_by_key(|(_, t)| (t.started_at, t.meta.id.clone()));
        let money = |m: &Option<crate::model::Money>| {
            m.as_ref().map(|m| m.to_decimal()).unwrap_or_default()
        };
        let rows = entries
            .into_iter()
            .map(|(f, t)| {
                let enum_name = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
                vec![
                    t.meta.id.clone(),
                    t.platform_id
                        .as_deref()
                        .map(|p| self.name(super::GroupBy::Platform, Some(p)))
                        .unwrap_or_default(),
                    t.task_type_id
                        .as_deref()
                        .map(|p| self.name(super::GroupBy::TaskType, Some(p)))
                        .unwrap_or_default(),
                    t.external_id.clone().unwrap_or_default(),
                    t.session_id.clone().unwrap_or_default(),
                    t.started_at.to_string(),
                    iso(t.submitted_at),
                    enum_name(serde_json::to_value(t.status).unwrap_or_default()),
                    money(&t.pay_expected),
                    money(&t.pay_confirmed),
                    t.pay_confirmed
                        .as_ref()
                        .or(t.pay_expected.as_ref())
                        .map(|m| m.currency.code().to_string())
                        .unwrap_or_default(),
                    t.is_bonus.to_string(),
                    enum_name(serde_json::to_value(t.pay_status).unwrap_or_default()),
                    iso(t.pay_expected_at),
                    iso(t.pay_approved_at),
                    iso(t.paid_at),
                    iso(t.reviewed_at),
                    t.feedback.clone().unwrap_or_default(),
                    t.criteria_cited.join("; "),
                    t.notes.clone().unwrap_or_default(),
                    f.time_ms.get().map(|t| t.to_string()).unwrap_or_default(),
                    iso(t.duration_ms),
                    t.justification_id.clone().unwrap_or_default(),
                    t.meta.created_at.to_string(),
                    t.meta.updated_at.to_string(),
                ]
            })
            .collect();
        write(&TASKS_HEADER, rows)
    }
}
