//! Storage glue for work sessions (issue #5): which keys to read, and the writes that record a
//! command or a correction, including the `shards` index and the hot `running` pointer.
//!
//! Pure like the rest of the core: every function takes a storage [`Snapshot`] the background
//! read and returns the writes (`{key: value}`) to send in one `set`. Records are stored in the
//! month shard of their `createdAt` (`sessions/YYYY-MM`, `tasks/YYYY-MM`); a shard's other records
//! are carried over untouched, even ones this build cannot parse.
//!
//! `running` points at the **current** session — the latest one, running or just stopped (so the
//! idle question can still be answered after a stop): `{sessionId, sessionsKey, tasksKeys,
//! restartAskedAt?}`. Its session's state says whether it runs.

use crate::error::{Error, ErrorKind, Result};
use crate::ids::{IdGen, IdKind};
use crate::model::{
    Currency, Money, PayModel, Platform, Rate, RateKind, RecordMeta, Session, SessionSettings,
    Task, TaskType,
};
use crate::storage::{month_of, Collection, Snapshot, KEY_RUNNING, KEY_SHARDS};
use crate::timing::buckets::{by_day, by_week, DayBucket, WeekBucket, Weekday};
use crate::timing::corrections::{self, TimesEdit};
use crate::timing::reminders::{
    next_focus_break, task_cap, CapSchedule, FocusReminder, DEFAULT_CAP_WARN_PERCENT,
};
use crate::timing::state::{
    apply, last_activity, open_task, state_of, Command, Notice, SessionState,
};
use crate::timing::totals::{totals, Totals};
use crate::timing::zone::ZoneOffsets;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The value of the `running` key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Running {
    /// The current session's id.
    pub session_id: String,
    /// The shard holding it.
    pub sessions_key: String,
    /// The shards holding its tasks.
    #[serde(default)]
    pub tasks_keys: Vec<String>,
    /// Set when the browser started with this session running: the popup asks keep or stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restart_asked_at: Option<i64>,
}

fn running_of(stored: &Snapshot) -> Option<Running> {
    stored
        .get(KEY_RUNNING)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Keys to read for the current session at `now`: `running`, `shards`, `taskTypes`, its shards,
/// and the shards of `now`'s month, where a new session or task goes (so the plan merges into
/// them instead of replacing them).
pub fn current_keys(running: Option<&Value>, now: i64) -> Vec<String> {
    let mut keys = vec![
        KEY_RUNNING.to_string(),
        KEY_SHARDS.to_string(),
        "taskTypes".to_string(),
        Collection::Sessions.key_for(now),
        Collection::Tasks.key_for(now),
    ];
    if let Some(r) = running.and_then(|v| serde_json::from_value::<Running>(v.clone()).ok()) {
        keys.push(r.sessions_key);
        keys.extend(r.tasks_keys);
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The parsable records of one stored `{id: record}` map.
fn records<T: DeserializeOwned>(stored: &Snapshot, key: &str) -> Vec<T> {
    stored
        .get(key)
        .and_then(Value::as_object)
        .map(|m| {
            m.values()
                .filter_map(|v| serde_json::from_value(v.clone()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Every parsable record of a sharded collection present in the snapshot.
fn all_of<T: DeserializeOwned>(stored: &Snapshot, c: Collection) -> Vec<T> {
    stored
        .keys()
        .filter(|k| c.owns_key(k))
        .flat_map(|k| records::<T>(stored, k))
        .collect()
}

struct Current {
    running: Running,
    session: Session,
    tasks: Vec<Task>,
}

fn current(stored: &Snapshot) -> Option<Current> {
    let running = running_of(stored)?;
    let session = records::<Session>(stored, &running.sessions_key)
        .into_iter()
        .find(|s| s.meta.id == running.session_id)?;
    let tasks = running
        .tasks_keys
        .iter()
        .flat_map(|k| records::<Task>(stored, k))
        .filter(|t| t.session_id.as_deref() == Some(session.meta.id.as_str()))
        .collect();
    Some(Current {
        running,
        session,
        tasks,
    })
}

/// Accumulates writes: record puts into shard maps, and live-count changes in the index.
struct Writes<'a> {
    stored: &'a Snapshot,
    out: Snapshot,
    index: Option<Value>,
}

impl<'a> Writes<'a> {
    fn new(stored: &'a Snapshot) -> Self {
        Writes {
            stored,
            out: Snapshot::new(),
            index: None,
        }
    }

    fn put<T: Serialize>(
        &mut self,
        c: Collection,
        id: &str,
        created_at: i64,
        record: &T,
    ) -> Result<()> {
        let key = c.key_for(created_at);
        let value = serde_json::to_value(record)
            .map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))?;
        let map = self
            .out
            .entry(key.clone())
            .or_insert_with(|| match self.stored.get(&key) {
                Some(Value::Object(m)) => Value::Object(m.clone()),
                _ => Value::Object(Map::new()),
            });
        if let Value::Object(m) = map {
            m.insert(id.to_string(), value);
        }
        Ok(())
    }

    /// Adds `delta` to the live count of `c`'s shard for `created_at`.
    fn count(&mut self, c: Collection, created_at: i64, delta: i64) {
        let index = self.index.get_or_insert_with(|| {
            self.stored
                .get(KEY_SHARDS)
                .filter(|v| v.is_object())
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new()))
        });
        let Value::Object(index) = index else { return };
        let per = index
            .entry(c.name().to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !per.is_object() {
            *per = Value::Object(Map::new());
        }
        if let Value::Object(per) = per {
            let month = month_of(created_at);
            let n = per.get(&month).and_then(Value::as_i64).unwrap_or(0);
            per.insert(month, Value::from((n + delta).max(0)));
        }
    }

    fn finish(mut self) -> Snapshot {
        if let Some(index) = self.index.take() {
            self.out.insert(KEY_SHARDS.to_string(), index);
        }
        self.out
    }
}

fn to_value<T: Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::new(ErrorKind::Internal, e.to_string()))
}

/// What a command changed: the writes, and what to tell the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommandPlan {
    /// `{key: value}` to write in one `set` (empty when nothing changed).
    pub writes: Snapshot,
    /// Whether anything changed.
    pub changed: bool,
    /// Something to show the user (the idle question).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// Applies `cmd` to the current session in `stored` (read with [`current_keys`]) at `now`.
pub fn plan_command(
    stored: &Snapshot,
    cmd: Command,
    now: i64,
    ids: &mut IdGen,
) -> Result<CommandPlan> {
    let cur = current(stored);
    let (session, tasks) = match &cur {
        Some(c) => (Some(&c.session), c.tasks.as_slice()),
        None => (None, &[][..]),
    };
    let answered_restart = matches!(cmd, Command::Stop { .. });
    let out = apply(session, tasks, cmd, now, ids)?;
    if !out.changed {
        return Ok(CommandPlan {
            writes: Snapshot::new(),
            changed: false,
            notice: out.notice,
        });
    }
    let mut w = Writes::new(stored);
    let mut running = cur.as_ref().map(|c| c.running.clone()).unwrap_or_default();
    if let Some(s) = &out.session {
        w.put(Collection::Sessions, &s.meta.id, s.meta.created_at, s)?;
        if session.map(|p| p.meta.id.as_str()) != Some(s.meta.id.as_str()) {
            w.count(Collection::Sessions, s.meta.created_at, 1);
            running = Running {
                session_id: s.meta.id.clone(),
                sessions_key: Collection::Sessions.key_for(s.meta.created_at),
                tasks_keys: Vec::new(),
                restart_asked_at: None,
            };
        }
        if answered_restart || state_of(s) == SessionState::Stopped {
            running.restart_asked_at = None;
        }
    }
    for t in &out.tasks {
        w.put(Collection::Tasks, &t.meta.id, t.meta.created_at, t)?;
        if !tasks.iter().any(|x| x.meta.id == t.meta.id) {
            w.count(Collection::Tasks, t.meta.created_at, 1);
        }
        let key = Collection::Tasks.key_for(t.meta.created_at);
        if !running.tasks_keys.contains(&key) {
            running.tasks_keys.push(key);
        }
    }
    let mut writes = w.finish();
    writes.insert(KEY_RUNNING.to_string(), to_value(&running)?);
    Ok(CommandPlan {
        writes,
        changed: true,
        notice: out.notice,
    })
}

/// Marks the running session as found running at browser start (the popup asks keep or stop).
/// Returns the writes, empty when no session runs or the question is already asked.
pub fn plan_restart_question(stored: &Snapshot, now: i64) -> Result<Snapshot> {
    let mut out = Snapshot::new();
    if let Some(mut c) = current(stored) {
        if state_of(&c.session) != SessionState::Stopped && c.running.restart_asked_at.is_none() {
            c.running.restart_asked_at = Some(now);
            out.insert(KEY_RUNNING.to_string(), to_value(&c.running)?);
        }
    }
    Ok(out)
}

/// Answers the restart question: keep running (clear it) or stop at the last activity.
pub fn plan_restart_answer(
    stored: &Snapshot,
    stop: bool,
    now: i64,
    ids: &mut IdGen,
) -> Result<CommandPlan> {
    let Some(c) = current(stored) else {
        return Err(Error::new(ErrorKind::NotFound, "no session is running"));
    };
    if stop && state_of(&c.session) != SessionState::Stopped {
        let at = last_activity(&c.session).min(now);
        return plan_command(stored, Command::Stop { at: Some(at) }, now, ids);
    }
    // Keep running: the time while the browser was closed stays as it was recorded, and the
    // user is active now (so a later heartbeat does not mistake the gap for sleep).
    let mut plan = plan_command(stored, Command::Heartbeat {}, now, ids)?;
    let mut running = c.running;
    running.restart_asked_at = None;
    plan.writes
        .insert(KEY_RUNNING.to_string(), to_value(&running)?);
    plan.changed = true;
    Ok(plan)
}

/// The idle span waiting for the user's keep/discard answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingIdle {
    pub from: i64,
    pub to: i64,
}

/// A task type's cap on the open task, with the task type's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapView {
    pub task_id: String,
    pub task_type_name: String,
    #[serde(flatten)]
    pub schedule: CapSchedule,
}

/// What the popup and the badge show: the current session at `now`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentView {
    pub session: Option<Session>,
    pub state: SessionState,
    pub totals: Option<Totals>,
    pub open_task: Option<Task>,
    /// How many live laps the session has.
    pub task_count: usize,
    pub last_activity: Option<i64>,
    pub pending_idle: Option<PendingIdle>,
    /// Set when the browser started with the session running: ask keep or stop at `lastActivity`.
    pub restart_asked_at: Option<i64>,
    pub focus: Option<FocusReminder>,
    pub cap: Option<CapView>,
}

/// The current session's view at `now`.
pub fn current_view(stored: &Snapshot, settings: &SessionSettings, now: i64) -> CurrentView {
    let Some(c) = current(stored) else {
        return CurrentView {
            session: None,
            state: SessionState::Stopped,
            totals: None,
            open_task: None,
            task_count: 0,
            last_activity: None,
            pending_idle: None,
            restart_asked_at: None,
            focus: None,
            cap: None,
        };
    };
    let s = &c.session;
    let state = state_of(s);
    let open = open_task(s, &c.tasks).cloned();
    let cap = open.as_ref().and_then(|t| {
        let tt_id = t.task_type_id.as_deref()?;
        let tt = records::<TaskType>(stored, "taskTypes")
            .into_iter()
            .find(|x| x.meta.id == tt_id)?;
        let schedule = task_cap(s, t, tt.time_cap_ms?, DEFAULT_CAP_WARN_PERCENT, now)?;
        Some(CapView {
            task_id: t.meta.id.clone(),
            task_type_name: tt.name,
            schedule,
        })
    });
    let pending_idle = match (s.pending_idle_from, s.pending_idle_to) {
        (Some(from), Some(to)) => Some(PendingIdle { from, to }),
        _ => None,
    };
    let running = state != SessionState::Stopped;
    CurrentView {
        totals: Some(totals(s, &c.tasks, now)),
        task_count: c.tasks.iter().filter(|t| !t.meta.is_deleted()).count(),
        last_activity: Some(last_activity(s)),
        pending_idle,
        restart_asked_at: c.running.restart_asked_at.filter(|_| running),
        focus: next_focus_break(s, settings, now),
        cap,
        open_task: open,
        state,
        session: Some(c.session),
    }
}

/// Shard keys of sessions and tasks for months `from`..=`to` (UTC ms), plus the month before
/// (a session may start there and run into the range), that the `shards` index lists.
pub fn range_keys(shards: Option<&Value>, from: i64, to: i64) -> Vec<String> {
    let lo = month_of(from.saturating_sub(32 * 86_400_000));
    let hi = month_of(to);
    let mut keys = Vec::new();
    for c in [Collection::Sessions, Collection::Tasks] {
        if let Some(m) = shards
            .and_then(|s| s.get(c.name()))
            .and_then(Value::as_object)
        {
            keys.extend(
                m.keys()
                    .filter(|k| k.as_str() >= lo.as_str() && k.as_str() <= hi.as_str())
                    .map(|k| format!("{}/{k}", c.name())),
            );
        }
    }
    keys
}

/// Every session and task shard the `shards` index lists (what corrections read).
pub fn all_keys(shards: Option<&Value>) -> Vec<String> {
    range_keys(shards, i64::MIN / 4, i64::MAX / 4)
}

/// One session as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRow {
    pub session: Session,
    pub totals: Totals,
    /// Its live tasks, in start order.
    pub tasks: Vec<Task>,
}

/// Live sessions overlapping `[from, to)`, newest first, at most `limit`.
pub fn list(stored: &Snapshot, from: i64, to: i64, limit: usize, now: i64) -> Vec<SessionRow> {
    let mut sessions: Vec<Session> = all_of::<Session>(stored, Collection::Sessions)
        .into_iter()
        .filter(|s| !s.meta.is_deleted())
        .filter(|s| s.started_at < to && s.ended_at.unwrap_or(now) >= from)
        .collect();
    sessions.sort_by_key(|s| std::cmp::Reverse(s.started_at));
    sessions.truncate(limit);
    let tasks: Vec<Task> = all_of::<Task>(stored, Collection::Tasks)
        .into_iter()
        .filter(|t| !t.meta.is_deleted())
        .collect();
    sessions
        .into_iter()
        .map(|s| {
            let mut mine: Vec<Task> = tasks
                .iter()
                .filter(|t| t.session_id.as_deref() == Some(s.meta.id.as_str()))
                .cloned()
                .collect();
            mine.sort_by_key(|t| t.started_at);
            SessionRow {
                totals: totals(&s, &mine, now),
                tasks: mine,
                session: s,
            }
        })
        .collect()
}

/// Local-day and week totals of the sessions in `[from, to)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub days: Vec<DayBucket>,
    pub weeks: Vec<WeekBucket>,
}

/// Day and week buckets (weeks start on Monday, ISO labels) of `stored`'s sessions in
/// `[from, to)`, split at local midnight with `zone` (read with [`range_keys`]).
pub fn report(stored: &Snapshot, from: i64, to: i64, now: i64, zone: &ZoneOffsets) -> Report {
    let sessions: Vec<Session> = all_of(stored, Collection::Sessions);
    Report {
        days: by_day(&sessions, from..to, now, zone),
        weeks: by_week(&sessions, from..to, now, zone, Weekday::Monday),
    }
}

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
    let mut map = match stored {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
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
        _ => platform.currency.clone(),
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

/// A correction from the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "op",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum SessionEdit {
    /// Move a session's start and/or end.
    EditSession {
        id: String,
        #[serde(default)]
        start: Option<i64>,
        #[serde(default)]
        end: Option<i64>,
    },
    /// Delete a stopped session and its tasks (undo with `restoreSession`).
    DeleteSession { id: String },
    /// Undo a session's delete.
    RestoreSession { id: String },
    /// Move a task's lap.
    EditTask {
        id: String,
        #[serde(default)]
        start: Option<i64>,
        #[serde(default)]
        end: Option<i64>,
    },
    /// Delete one task.
    DeleteTask { id: String },
    /// Undo a task's delete.
    RestoreTask { id: String },
    /// Re-mark parts of a session (e.g. idle time that was work, or work that was a break).
    EditSpans {
        id: String,
        spans: Vec<corrections::SpanEdit>,
    },
}

fn not_found(what: &str) -> Error {
    Error::new(ErrorKind::NotFound, format!("that {what} no longer exists"))
}

/// Plans a correction against every session and task shard (read with [`all_keys`]): the writes
/// and the id of the changed record.
pub fn plan_edit(
    stored: &Snapshot,
    edit: &SessionEdit,
    now: i64,
    zone: &ZoneOffsets,
) -> Result<Snapshot> {
    let sessions: Vec<Session> = all_of(stored, Collection::Sessions);
    let tasks: Vec<Task> = all_of(stored, Collection::Tasks);
    let find_s = |id: &str| {
        sessions
            .iter()
            .find(|s| s.meta.id == id)
            .ok_or_else(|| not_found("session"))
    };
    let find_t = |id: &str| {
        tasks
            .iter()
            .find(|t| t.meta.id == id)
            .ok_or_else(|| not_found("task"))
    };
    let others = |id: &str| -> Vec<Session> {
        sessions
            .iter()
            .filter(|s| s.meta.id != id)
            .cloned()
            .collect()
    };
    let session_of = |t: &Task| {
        t.session_id
            .as_deref()
            .and_then(|id| sessions.iter().find(|s| s.meta.id == id))
    };
    let siblings = |t: &Task| -> Vec<Task> {
        tasks
            .iter()
            .filter(|x| x.meta.id != t.meta.id && x.session_id == t.session_id)
            .cloned()
            .collect()
    };
    let mut w = Writes::new(stored);
    match edit {
        SessionEdit::EditSession { id, start, end } => {
            let s = find_s(id)?;
            let times = TimesEdit {
                start: *start,
                end: *end,
            };
            let mine: Vec<Task> = tasks
                .iter()
                .filter(|t| t.session_id.as_deref() == Some(id))
                .cloned()
                .collect();
            let out = corrections::edit_session(s, times, &others(id), &mine, now, zone)?;
            w.put(Collection::Sessions, id, out.meta.created_at, &out)?;
        }
        SessionEdit::DeleteSession { id } | SessionEdit::RestoreSession { id } => {
            let s = find_s(id)?;
            let deleting = matches!(edit, SessionEdit::DeleteSession { .. });
            let (out, changed) = if deleting {
                corrections::delete_session(s, &tasks, now)?
            } else {
                corrections::restore_session(s, &tasks, &others(id), now, zone)?
            };
            let delta = if deleting { -1 } else { 1 };
            w.put(Collection::Sessions, id, out.meta.created_at, &out)?;
            w.count(Collection::Sessions, out.meta.created_at, delta);
            for t in &changed {
                w.put(Collection::Tasks, &t.meta.id, t.meta.created_at, t)?;
                w.count(Collection::Tasks, t.meta.created_at, delta);
            }
        }
        SessionEdit::EditTask { id, start, end } => {
            let t = find_t(id)?;
            let times = TimesEdit {
                start: *start,
                end: *end,
            };
            let out = corrections::edit_task(t, times, session_of(t), &siblings(t), now, zone)?;
            w.put(Collection::Tasks, id, out.meta.created_at, &out)?;
        }
        SessionEdit::DeleteTask { id } => {
            let out = corrections::delete_task(find_t(id)?, now)?;
            w.put(Collection::Tasks, id, out.meta.created_at, &out)?;
            w.count(Collection::Tasks, out.meta.created_at, -1);
        }
        SessionEdit::EditSpans { id, spans } => {
            if spans.is_empty() || spans.len() > 100 {
                return Err(Error::new(
                    ErrorKind::InvalidMessage,
                    "send between 1 and 100 span corrections at a time",
                ));
            }
            let out = corrections::edit_spans(find_s(id)?, spans, now)?;
            w.put(Collection::Sessions, id, out.meta.created_at, &out)?;
        }
        SessionEdit::RestoreTask { id } => {
            let t = find_t(id)?;
            let out = corrections::restore_task(t, session_of(t), &siblings(t), now, zone)?;
            w.put(Collection::Tasks, id, out.meta.created_at, &out)?;
            w.count(Collection::Tasks, out.meta.created_at, 1);
        }
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const T0: i64 = 1_772_960_400_000; // 2026-03-08T09:00:00Z
    const MIN: i64 = 60_000;

    fn run(stored: &mut Snapshot, cmd: Value, now: i64, ids: &mut IdGen) -> CommandPlan {
        // Read as the background does: `running` first, then the keys it names.
        let keys = current_keys(stored.get(KEY_RUNNING), now);
        let view: Snapshot = keys
            .iter()
            .filter_map(|k| stored.get(k).map(|v| (k.clone(), v.clone())))
            .collect();
        let cmd: Command = serde_json::from_value(cmd).unwrap_or_else(|e| panic!("{e}"));
        let plan = plan_command(&view, cmd, now, ids).unwrap_or_else(|e| panic!("{e}"));
        stored.extend(plan.writes.clone());
        plan
    }

    #[test]
    fn start_lap_stop_writes_shards_index_and_running() {
        let mut ids = IdGen::new([1; 16]);
        let mut st = Snapshot::new();
        st.insert("shards".into(), json!({"sessions": {}, "tasks": {}}));
        run(&mut st, json!({"type": "start"}), T0, &mut ids);
        run(&mut st, json!({"type": "nextTask"}), T0 + 5 * MIN, &mut ids);
        run(
            &mut st,
            json!({"type": "nextTask"}),
            T0 + 20 * MIN,
            &mut ids,
        );
        let hb = run(
            &mut st,
            json!({"type": "heartbeat"}),
            T0 + 21 * MIN,
            &mut ids,
        );
        assert!(hb.changed);
        run(&mut st, json!({"type": "stop"}), T0 + 30 * MIN, &mut ids);
        assert_eq!(
            st["shards"],
            json!({"sessions": {"2026-03": 1}, "tasks": {"2026-03": 2}})
        );
        assert_eq!(st["sessions/2026-03"].as_object().map(|m| m.len()), Some(1));
        assert_eq!(st["tasks/2026-03"].as_object().map(|m| m.len()), Some(2));
        let view = current_view(&st, &SessionSettings::default(), T0 + 40 * MIN);
        let t = view.totals.unwrap_or_default();
        assert_eq!((t.wall, t.setup, t.tasks.len()), (30 * MIN, 5 * MIN, 2));
        assert_eq!(view.state, SessionState::Stopped);
        // A second session goes to the same shard, counted once more.
        run(&mut st, json!({"type": "start"}), T0 + 60 * MIN, &mut ids);
        assert_eq!(st["shards"]["sessions"]["2026-03"], json!(2));
        // Its first task joins the same tasks shard without replacing the first session's tasks.
        run(
            &mut st,
            json!({"type": "nextTask"}),
            T0 + 61 * MIN,
            &mut ids,
        );
        assert_eq!(st["tasks/2026-03"].as_object().map(|m| m.len()), Some(3));
        assert_eq!(st["sessions/2026-03"].as_object().map(|m| m.len()), Some(2));
        assert_eq!(st["shards"]["tasks"]["2026-03"], json!(3));
        assert!(matches!(
            current_view(&st, &SessionSettings::default(), T0 + 61 * MIN).state,
            SessionState::Running { .. }
        ));
    }

    #[test]
    fn platforms_are_created_by_name_once() {
        let mut ids = IdGen::new([6; 16]);
        let usd = Currency::default();
        let (p, map) = create_platform(None, "  Outlier   AI ", usd.clone(), T0, &mut ids)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.name, "Outlier AI");
        assert!(p.meta.id.starts_with("plt_"));
        assert_eq!(map.as_object().map(|m| m.len()), Some(1));
        let again = create_platform(Some(&map), "outlier ai", usd.clone(), T0, &mut ids);
        assert_eq!(again.err().map(|e| e.kind), Some(ErrorKind::Conflict));
        let blank = create_platform(Some(&map), " ", usd.clone(), T0, &mut ids);
        assert_eq!(blank.err().map(|e| e.kind), Some(ErrorKind::InvalidMessage));
        let long = create_platform(Some(&map), &"x".repeat(81), usd, T0, &mut ids);
        assert_eq!(long.err().map(|e| e.kind), Some(ErrorKind::InvalidMessage));
    }

    fn platforms_with(ids: &mut IdGen) -> (Platform, Value) {
        create_platform(None, "Outlier", Currency::default(), T0, ids)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn draft(platform_id: &str, name: &str) -> TaskTypeDraft {
        TaskTypeDraft {
            platform_id: platform_id.into(),
            name: name.into(),
            time_cap_min: None,
            rate: None,
            rubric_id: None,
        }
    }

    #[test]
    fn task_types_are_created_on_a_live_platform_with_checked_fields() {
        let mut ids = IdGen::new([7; 16]);
        let (p, platforms) = platforms_with(&mut ids);
        let mut d = draft(&p.meta.id, "  Coding   RLHF ");
        d.time_cap_min = Some(45);
        d.rate = Some(RateDraft {
            kind: RateKind::Hourly,
            amount: "25.50".into(),
            currency: None,
        });
        let (t, map) = create_task_type(None, Some(&platforms), &d, T0, &mut ids)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(t.meta.id.starts_with("tty_"));
        assert_eq!(t.name, "Coding RLHF");
        assert_eq!(t.platform_id, p.meta.id);
        assert_eq!(t.time_cap_ms, Some(45 * MIN));
        assert_eq!(t.rates.len(), 1);
        assert_eq!(t.rates[0].amount, Money::new(2550, Currency::default()));
        assert_eq!(t.rates[0].effective_from, T0);
        let kind = |r: Result<(TaskType, Value)>| r.err().map(|e| e.kind);
        let make = |d: &TaskTypeDraft, ids: &mut IdGen| {
            create_task_type(Some(&map), Some(&platforms), d, T0, ids)
        };
        // Same name on the same platform (any case) is a conflict; elsewhere it is fine.
        assert_eq!(
            kind(make(&draft(&p.meta.id, "coding rlhf"), &mut ids)),
            Some(ErrorKind::Conflict)
        );
        let (other, platforms2) = create_platform(
            Some(&platforms),
            "DataAnnotation",
            Currency::default(),
            T0,
            &mut ids,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(create_task_type(
            Some(&map),
            Some(&platforms2),
            &draft(&other.meta.id, "Coding RLHF"),
            T0,
            &mut ids
        )
        .is_ok());
        assert_eq!(
            kind(make(&draft("plt_nope", "X"), &mut ids)),
            Some(ErrorKind::NotFound)
        );
        assert_eq!(
            kind(make(&draft(&p.meta.id, "  "), &mut ids)),
            Some(ErrorKind::InvalidMessage)
        );
        for cap in [0, 1441] {
            let mut d = draft(&p.meta.id, "Capped");
            d.time_cap_min = Some(cap);
            assert_eq!(kind(make(&d, &mut ids)), Some(ErrorKind::InvalidMessage));
        }
        for (amount, currency) in [
            ("abc", None),
            ("1.234", None),
            ("-3", None),
            ("5", Some("US")),
        ] {
            let mut d = draft(&p.meta.id, "Paid");
            d.rate = Some(RateDraft {
                kind: RateKind::PerTask,
                amount: amount.into(),
                currency: currency.map(String::from),
            });
            assert_eq!(
                kind(make(&d, &mut ids)),
                Some(ErrorKind::InvalidMessage),
                "{amount}"
            );
        }
        let mut d = draft(&p.meta.id, "Rubric");
        d.rubric_id = Some("not-a-rubric".into());
        assert_eq!(kind(make(&d, &mut ids)), Some(ErrorKind::InvalidMessage));
        // A draft with an unknown field is refused when it crosses the wire.
        let extra = serde_json::from_value::<TaskTypeDraft>(
            json!({"platformId": "plt_a", "name": "x", "timeCapMs": 5}),
        );
        assert!(extra.is_err());
    }

    #[test]
    fn task_type_updates_append_rates_from_now_and_keep_names_unique() {
        let mut ids = IdGen::new([8; 16]);
        let (p, platforms) = platforms_with(&mut ids);
        let mut d = draft(&p.meta.id, "Rating");
        d.rate = Some(RateDraft {
            kind: RateKind::Hourly,
            amount: "20".into(),
            currency: None,
        });
        let (t, map) = create_task_type(None, Some(&platforms), &d, T0, &mut ids)
            .unwrap_or_else(|e| panic!("{e}"));
        let (_, map) = create_task_type(
            Some(&map),
            Some(&platforms),
            &draft(&p.meta.id, "Writing"),
            T0,
            &mut ids,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let rubric = ids.next(IdKind::Rubric, T0);
        let later = T0 + 60 * MIN;
        let up = TaskTypeUpdate {
            id: t.meta.id.clone(),
            name: "Rating v2".into(),
            time_cap_min: Some(1),
            rate: Some(RateDraft {
                kind: RateKind::PerTask,
                amount: "3.50".into(),
                currency: Some("eur".into()),
            }),
            rubric_id: Some(rubric.clone()),
        };
        let (u, map) = update_task_type(Some(&map), Some(&platforms), &up, later)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(u.name, "Rating v2");
        assert_eq!(u.time_cap_ms, Some(MIN));
        assert_eq!(u.rubric_id.as_deref(), Some(rubric.as_str()));
        assert_eq!(u.meta.updated_at, later);
        // Never retroactive: the old rate still applies before `later`.
        assert_eq!(u.rates.len(), 2);
        assert_eq!(u.rate_at(T0).map(|r| r.amount.minor), Some(2000));
        let now_rate = u.rate_at(later).unwrap_or_else(|| panic!("no rate"));
        assert_eq!(now_rate.kind, RateKind::PerTask);
        assert_eq!(
            now_rate.amount,
            Money::new(350, Currency::parse("EUR").unwrap_or_default())
        );
        // Saving the same rate again appends nothing; clearing cap and rubric works.
        let again = TaskTypeUpdate {
            time_cap_min: None,
            rubric_id: None,
            ..up.clone()
        };
        let (u2, map) = update_task_type(Some(&map), Some(&platforms), &again, later + MIN)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(u2.rates.len(), 2);
        assert_eq!((u2.time_cap_ms, u2.rubric_id), (None, None));
        // Another task type's name on the same platform is refused; an unknown id is not found.
        let dup = TaskTypeUpdate {
            name: " writing ".into(),
            ..again.clone()
        };
        let err = update_task_type(Some(&map), Some(&platforms), &dup, later).err();
        assert_eq!(err.map(|e| e.kind), Some(ErrorKind::Conflict));
        let gone = TaskTypeUpdate {
            id: "tty_gone".into(),
            ..again
        };
        let err = update_task_type(Some(&map), Some(&platforms), &gone, later).err();
        assert_eq!(err.map(|e| e.kind), Some(ErrorKind::NotFound));
    }

    #[test]
    fn signals_without_a_session_write_nothing() {
        let mut ids = IdGen::new([2; 16]);
        let mut st = Snapshot::new();
        let p = run(&mut st, json!({"type": "idle", "since": T0}), T0, &mut ids);
        assert!(!p.changed && p.writes.is_empty());
        assert!(plan_command(&st, Command::Pause {}, T0, &mut ids).is_err());
    }

    #[test]
    fn restart_question_and_stop_at_last_activity() {
        let mut ids = IdGen::new([3; 16]);
        let mut st = Snapshot::new();
        run(&mut st, json!({"type": "start"}), T0, &mut ids);
        run(
            &mut st,
            json!({"type": "heartbeat"}),
            T0 + 10 * MIN,
            &mut ids,
        );
        let w = plan_restart_question(&st, T0 + 100 * MIN).unwrap_or_default();
        st.extend(w);
        let v = current_view(&st, &SessionSettings::default(), T0 + 100 * MIN);
        assert_eq!(v.restart_asked_at, Some(T0 + 100 * MIN));
        assert_eq!(v.last_activity, Some(T0 + 10 * MIN));
        // Asked once only.
        assert!(plan_restart_question(&st, T0 + 101 * MIN)
            .unwrap_or_default()
            .is_empty());
        let p = plan_restart_answer(&st, true, T0 + 101 * MIN, &mut ids)
            .unwrap_or_else(|e| panic!("{e}"));
        st.extend(p.writes);
        let v = current_view(&st, &SessionSettings::default(), T0 + 200 * MIN);
        assert_eq!(v.state, SessionState::Stopped);
        assert_eq!(v.totals.map(|t| t.wall), Some(10 * MIN));
        assert_eq!(v.restart_asked_at, None);
    }

    #[test]
    fn cap_view_uses_the_task_types_cap() {
        let mut ids = IdGen::new([4; 16]);
        let mut st = Snapshot::new();
        st.insert(
            "taskTypes".into(),
            json!({"tty_a": {"id": "tty_a", "createdAt": 0, "updatedAt": 0, "platformId": "plt_a",
                   "name": "Rating", "timeCapMs": 600000}}),
        );
        run(
            &mut st,
            json!({"type": "start", "taskTypeId": "tty_a"}),
            T0,
            &mut ids,
        );
        run(&mut st, json!({"type": "nextTask"}), T0 + MIN, &mut ids);
        let v = current_view(&st, &SessionSettings::default(), T0 + 3 * MIN);
        let cap = v.cap.unwrap_or_else(|| panic!("no cap"));
        assert_eq!(cap.task_type_name, "Rating");
        assert_eq!(cap.schedule.warn_at, Some(T0 + MIN + 8 * MIN));
        assert_eq!(cap.schedule.over_at, Some(T0 + 11 * MIN));
    }

    #[test]
    fn edits_keep_the_index_and_refuse_overlaps() {
        let mut ids = IdGen::new([5; 16]);
        let mut st = Snapshot::new();
        run(&mut st, json!({"type": "start"}), T0, &mut ids);
        run(&mut st, json!({"type": "nextTask"}), T0 + MIN, &mut ids);
        run(&mut st, json!({"type": "stop"}), T0 + 60 * MIN, &mut ids);
        let first = running_of(&st).map(|r| r.session_id).unwrap_or_default();
        run(&mut st, json!({"type": "start"}), T0 + 120 * MIN, &mut ids);
        run(&mut st, json!({"type": "stop"}), T0 + 180 * MIN, &mut ids);
        let zone = ZoneOffsets::utc();
        let keys = all_keys(st.get("shards"));
        assert_eq!(
            keys,
            vec!["sessions/2026-03".to_string(), "tasks/2026-03".to_string()]
        );
        let e = plan_edit(
            &st,
            &SessionEdit::EditSession {
                id: first.clone(),
                start: None,
                end: Some(T0 + 150 * MIN),
            },
            T0 + 200 * MIN,
            &zone,
        );
        let e = e
            .err()
            .unwrap_or_else(|| Error::new(ErrorKind::Internal, ""));
        assert_eq!(e.kind, ErrorKind::Conflict);
        assert!(e.message.contains("overlap"), "{}", e.message);
        let del: SessionEdit = serde_json::from_value(json!({"op": "deleteSession", "id": first}))
            .unwrap_or_else(|e| panic!("{e}"));
        let w = plan_edit(&st, &del, T0 + 200 * MIN, &zone).unwrap_or_else(|e| panic!("{e}"));
        st.extend(w);
        assert_eq!(
            st["shards"],
            json!({"sessions": {"2026-03": 1}, "tasks": {"2026-03": 0}})
        );
        assert_eq!(
            list(&st, T0 - MIN, T0 + 300 * MIN, 50, T0 + 300 * MIN).len(),
            1
        );
        let undo = SessionEdit::RestoreSession { id: first };
        st.extend(plan_edit(&st, &undo, T0 + 201 * MIN, &zone).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(
            st["shards"],
            json!({"sessions": {"2026-03": 2}, "tasks": {"2026-03": 1}})
        );
        let rows = list(&st, T0 - MIN, T0 + 300 * MIN, 50, T0 + 300 * MIN);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].tasks.len(), 1);
        assert_eq!(rows[1].totals.setup, MIN);
        assert!(serde_json::from_value::<SessionEdit>(
            json!({"op": "deleteSession", "id": "x", "y": 1})
        )
        .is_err());
    }
}
