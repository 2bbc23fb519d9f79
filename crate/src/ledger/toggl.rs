//! Toggl's detailed CSV into work sessions: `User,Email,Client,Project,Task,Description,Billable,
//! Start date,Start time,End date,End time,Duration,Tags,Amount (…)` (columns matched by name, in
//! any order; Clockify's detailed CSV has the same date and time columns and is read too).
//!
//! Each row becomes one stopped session: `Client` names its platform and `Project` its task type
//! (both created when missing, as Rubrica's own export writes them), start and end are local times
//! of the user's zone. A `Duration` shorter than end − start (Toggl's paused time) becomes a
//! discarded idle span at the end, so the session's time is the file's. Amounts are not imported:
//! pay lives on tasks. A session's identity is its start, to the second: a row that starts when a
//! stored session does (or an earlier row) is a duplicate, so the same file twice — or Rubrica's
//! own Toggl export — adds nothing. Any malformed cell stops the import with its row and column
//! named; nothing is written.

use super::csv_file::{
    cell_error, csv_with_header, has_columns, norm, tracked_duration, unreadable_row,
};
use super::dates::{file_order, parse_date_in, DateOrder, FileOrder};
use super::recent::by_id;
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{
    Currency, PayModel, Platform, RecordMeta, Session, SessionEvent, SessionEventKind, TaskType,
};
use crate::storage::shards::{records, to_value, Writes};
use crate::storage::{Collection, Snapshot};
use crate::timing::zone::ZoneOffsets;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The columns a Toggl import needs (matched without case or spaces).
pub const TOGGL_REQUIRED: [&str; 4] = ["Start date", "Start time", "End date", "End time"];

/// The names Rubrica's export writes for a session without a platform or task type.
const NO_NAMES: [&str; 3] = ["", "no platform", "no task type"];

/// What a Toggl import would do (or did).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TogglPlan {
    /// Rows that become new sessions.
    pub added: usize,
    /// Rows whose start is already a session's (stored, or an earlier row).
    pub duplicates: usize,
    /// Platforms (from `Client`) the import creates.
    pub new_platforms: Vec<String>,
    /// Task types (from `Project`) the import creates.
    pub new_task_types: Vec<String>,
    /// Total time of the added sessions, ms.
    pub added_ms: i64,
    /// How the file's dates were read: `"iso"` (every one `YYYY-MM-DD`), `"monthFirst"`
    /// (`MM/DD/YYYY`) or `"dayFirst"` (`DD/MM/YYYY`, `DD.MM.YYYY`).
    pub dates: &'static str,
    /// Every day-and-month date in the file reads either way, so month first was taken (Toggl's
    /// default): the preview says so, since a day-first file would import on the wrong days.
    pub dates_guessed: bool,
    #[serde(skip)]
    pub writes: Snapshot,
}

/// One parsed row: UTC start and end, time worked, names.
struct Row {
    start: i64,
    end: i64,
    ms: i64,
    client: String,
    project: String,
}

/// `HH:MM:SS`, `HH:MM` (24-hour) or with `AM`/`PM`, as ms after midnight.
pub(super) fn parse_time(text: &str) -> Option<i64> {
    let t = text.trim().to_ascii_uppercase();
    let (clock, pm) = match (t.strip_suffix("AM"), t.strip_suffix("PM")) {
        (Some(c), _) => (c.trim(), Some(false)),
        (_, Some(c)) => (c.trim(), Some(true)),
        _ => (t.as_str(), None),
    };
    let parts: Vec<i64> = clock
        .split(':')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    let h = match pm {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => h,
    };
    // `then`, not `then_some`: the product must not be worked out for an hour out of range.
    ((0..24).contains(&h) && (0..60).contains(&m) && (0..60).contains(&s))
        .then(|| ((h * 60 + m) * 60 + s) * 1000)
}

/// The UTC instant of local `day` at `ms` after midnight in `zone` (the earlier one when a
/// clock change repeats it).
fn utc_of(zone: &ZoneOffsets, day: i64, ms: i64) -> i64 {
    let local = day * 86_400_000 + ms;
    let guess = local - i64::from(zone.offset_at(local)) * 60_000;
    let utc = local - i64::from(zone.offset_at(guess)) * 60_000;
    let earlier = utc - 3_600_000;
    if zone.local(earlier) == local {
        earlier
    } else {
        utc
    }
}

fn not_toggl(name: &str) -> Error {
    Error::new(
        ErrorKind::Import,
        format!(
            "This is not a Toggl detailed CSV: the header has no “{name}” column (expected {})",
            TOGGL_REQUIRED.join(", ")
        ),
    )
    .at_line(1)
}

/// Parses the file (every cell checked first; any error names its row and column). `day_first`
/// reads a file whose every date reads either way day first (else month first).
fn parse(text: &str, zone: &ZoneOffsets, day_first: bool) -> Result<(Vec<Row>, FileOrder)> {
    let (mut reader, header) = csv_with_header(text)?;
    let find = |name: &str| header.iter().position(|h| *h == norm(name));
    let mut cols = [0usize; 4];
    for (i, name) in TOGGL_REQUIRED.iter().enumerate() {
        cols[i] = find(name).ok_or_else(|| not_toggl(name))?;
    }
    // Clockify's `Duration (decimal)` is decimal hours whatever the user's display format.
    let (duration, duration_name) = ["Duration (decimal)", "Duration", "Duration (h)"]
        .into_iter()
        .find_map(|name| find(name).map(|c| (Some(c), name)))
        .unwrap_or((None, "Duration"));
    let (client, project) = (find("Client"), find("Project"));
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        records.push(rec.map_err(|e| unreadable_row(i + 2, &e))?); // rows are 1-based, after the header
    }
    // Day first or month first: whatever the whole file's dates can be read as.
    let dates = (records.iter().enumerate())
        .flat_map(|(i, r)| [0, 2].map(|c| ((i + 2, c), r.get(cols[c]).unwrap_or("").trim())));
    let mut read = file_order(dates).map_err(|((row, c), text)| {
        cell_error(
            row,
            TOGGL_REQUIRED[c],
            format!(
                "“{text}” is not in the same date format as the file's other dates (some can \
                 only be day first, DD/MM/YYYY, others only month first, MM/DD/YYYY): export \
                 the file again with one date format"
            ),
        )
    })?;
    if read.guessed && day_first {
        read.order = DateOrder::DayFirst;
    }
    let mut out = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let row = i + 2;
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
        let date = |c: usize| {
            let name = TOGGL_REQUIRED[c];
            let text = get(Some(cols[c]));
            parse_date_in(text, read.order)
                .ok_or_else(|| cell_error(row, name, format!("“{text}” is not a date")))
        };
        let time = |c: usize| {
            let name = TOGGL_REQUIRED[c];
            let text = get(Some(cols[c]));
            parse_time(text).ok_or_else(|| {
                cell_error(row, name, format!("“{text}” is not a time like 09:30:00"))
            })
        };
        let start = utc_of(zone, date(0)?, time(1)?);
        let end = utc_of(zone, date(2)?, time(3)?);
        if end < start {
            return Err(cell_error(
                row,
                TOGGL_REQUIRED[3],
                "the entry ends before it starts".into(),
            ));
        }
        let span = end - start;
        let ms = match get(duration) {
            "" => span,
            text => tracked_duration(text)
                .filter(|ms| *ms <= span + 1000)
                .ok_or_else(|| {
                    cell_error(
                        row,
                        duration_name,
                        format!("“{text}” is not a duration like 1:02:03 within the entry"),
                    )
                })?
                .min(span),
        };
        out.push(Row {
            start,
            end,
            ms,
            client: get(client).to_string(),
            project: get(project).to_string(),
        });
    }
    Ok((out, read))
}

/// Whether `text` starts with a header that has Toggl's (or Clockify's) date and time columns.
pub fn is_toggl_csv(text: &str) -> bool {
    has_columns(text, &TOGGL_REQUIRED)
}

/// Keys a Toggl import reads: every session shard the `shards` index lists, the catalogue, the
/// index.
pub fn toggl_import_keys(index: Option<&Value>) -> Vec<String> {
    let mut keys: Vec<String> = crate::sessions::all_keys(index)
        .into_iter()
        .filter(|k| Collection::Sessions.owns_key(k))
        .collect();
    keys.extend(["platforms", "taskTypes", "shards"].map(String::from));
    keys
}

/// Plans the import of `text` into `stored` (read with [`toggl_import_keys`]) at `now`; dates and
/// times are local to `zone`; new platforms pay in `currency`. A file whose every date reads
/// either way (`03/04/2026`) is read day first with `day_first`, month first otherwise (Toggl's
/// default; the person chooses in the preview); a file whose dates show their order is read so.
pub fn plan_toggl_import(
    stored: &Snapshot,
    text: &str,
    zone: &ZoneOffsets,
    currency: &Currency,
    ids: &mut IdGen,
    now: i64,
    day_first: bool,
) -> Result<TogglPlan> {
    let (rows, read) = parse(text, zone, day_first)?;
    let mut seen: HashSet<i64> = stored
        .keys()
        .filter(|k| Collection::Sessions.owns_key(k))
        .flat_map(|k| records::<Session>(stored, k))
        .filter(|s| !s.meta.is_deleted())
        .map(|s| s.started_at.div_euclid(1000))
        .collect();
    let map_of = |c: Collection| -> Map<String, Value> {
        stored
            .get(c.name())
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (mut platform_map, mut types_map) =
        (map_of(Collection::Platforms), map_of(Collection::TaskTypes));
    let mut platforms: Vec<(String, String)> =
        by_id::<Platform>(stored, Collection::Platforms, |p| {
            (&p.meta.id, !p.meta.is_deleted())
        })
        .into_values()
        .map(|p| (p.name.to_lowercase(), p.meta.id))
        .collect();
    let mut types: Vec<(String, String, String)> =
        by_id::<TaskType>(stored, Collection::TaskTypes, |t| {
            (&t.meta.id, !t.meta.is_deleted())
        })
        .into_values()
        .map(|t| (t.platform_id, t.name.to_lowercase(), t.meta.id))
        .collect();
    let mut plan = TogglPlan {
        added: 0,
        duplicates: 0,
        new_platforms: Vec::new(),
        new_task_types: Vec::new(),
        added_ms: 0,
        dates: match (read.numeric, read.order) {
            (false, _) => "iso",
            (true, DateOrder::MonthFirst) => "monthFirst",
            (true, DateOrder::DayFirst) => "dayFirst",
        },
        dates_guessed: read.guessed,
        writes: Snapshot::new(),
    };
    let mut writes = Writes::new(stored);
    for r in rows {
        if !seen.insert(r.start.div_euclid(1000)) {
            plan.duplicates += 1;
            continue;
        }
        let client = r.client.to_lowercase();
        let platform_id = if NO_NAMES.contains(&client.as_str()) {
            None
        } else if let Some((_, id)) = platforms.iter().find(|(n, _)| *n == client) {
            Some(id.clone())
        } else {
            let id = ids.next(IdKind::Platform, now);
            let p = Platform {
                meta: RecordMeta::new(id.clone(), now),
                name: r.client.chars().take(80).collect(),
                pay_model: PayModel::Hourly,
                currency: *currency,
                hosts: Vec::new(),
            };
            platform_map.insert(id.clone(), to_value(&p)?);
            platforms.push((client, id.clone()));
            plan.new_platforms.push(p.name);
            Some(id)
        };
        let project = r.project.to_lowercase();
        let task_type_id = match &platform_id {
            Some(pid) if !NO_NAMES.contains(&project.as_str()) => {
                match types.iter().find(|(p, n, _)| p == pid && *n == project) {
                    Some((_, _, id)) => Some(id.clone()),
                    None => {
                        let id = ids.next(IdKind::TaskType, now);
                        let tt: TaskType = serde_json::from_value(serde_json::json!({
                            "id": id, "createdAt": now, "updatedAt": now, "platformId": pid,
                            "name": r.project.chars().take(80).collect::<String>(),
                        }))
                        .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
                        types_map.insert(id.clone(), to_value(&tt)?);
                        types.push((pid.clone(), project, id.clone()));
                        plan.new_task_types.push(tt.name);
                        Some(id)
                    }
                }
            }
            _ => None,
        };
        let event = |kind, at, from| SessionEvent { kind, at, from };
        let mut events = vec![event(SessionEventKind::Start, r.start, None)];
        let worked_to = r.start + r.ms;
        if worked_to < r.end {
            // Toggl's paused time: a discarded idle span, so the session's time is the file's.
            events.push(event(SessionEventKind::Idle, worked_to, None));
            events.push(event(SessionEventKind::Discard, r.end, Some(worked_to)));
        }
        events.push(event(SessionEventKind::Stop, r.end, None));
        // The session's id, shard and `createdAt` are its start's, as for a recorded session.
        let id = ids.next(IdKind::Session, r.start);
        let mut meta = RecordMeta::new(id.clone(), r.start);
        meta.updated_at = now;
        let session = Session {
            meta,
            platform_id,
            task_type_id,
            started_at: r.start,
            ended_at: Some(r.end),
            events,
            last_activity_at: Some(r.end),
            pending_idle_from: None,
            pending_idle_to: None,
        };
        writes.put(Collection::Sessions, &id, r.start, &session)?;
        writes.count(Collection::Sessions, r.start, 1);
        plan.added += 1;
        plan.added_ms = plan.added_ms.saturating_add(r.ms);
    }
    if plan.added > 0 {
        let mut out = writes.finish();
        if !plan.new_platforms.is_empty() {
            out.insert(
                Collection::Platforms.name().into(),
                Value::Object(platform_map),
            );
        }
        if !plan.new_task_types.is_empty() {
            out.insert(
                Collection::TaskTypes.name().into(),
                Value::Object(types_map),
            );
        }
        plan.writes = out;
    }
    Ok(plan)
}
