//! Session commands as one plan: start, pause, lap, stop and the browser's signals (idle, locked,
//! heartbeat), and the question asked when the browser started with a session running, with its
//! answer. Each plan is everything the background does about the command: the writes for one
//! `set` (records, the `shards` index, the `currentSession` pointer and, for a start with picks,
//! the settings that remember them), and the view on the state after those writes.

use super::view::{current_view, CurrentView};
use super::{current, Current};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::IdGen;
use crate::model::Settings;
use crate::storage::shards::{pointer_of, to_value, CurrentSession, Writes};
use crate::storage::{Collection, Snapshot, KEY_CURRENT_SESSION, KEY_SETTINGS};
use crate::timing::state::{apply, last_activity, state_of, Command, Notice, SessionState};
use serde::Serialize;

/// What a command does: the writes, the view after them, and what to tell the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionPlan {
    /// `{key: value}` to write in one `set` (empty when nothing changed).
    pub writes: Snapshot,
    /// The current session as it is once `writes` are stored (what the popup and badge show).
    pub view: CurrentView,
    /// Whether anything changed.
    pub changed: bool,
    /// Something to show the user (the idle question).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// The writes of a plan before its view is computed.
struct Planned {
    writes: Snapshot,
    changed: bool,
    notice: Option<Notice>,
}

impl Planned {
    fn nothing(notice: Option<Notice>) -> Planned {
        Planned {
            writes: Snapshot::new(),
            changed: false,
            notice,
        }
    }

    /// The plan with the view on `stored` after the writes, at `now`.
    fn finish(self, stored: &Snapshot, settings: &Settings, now: i64) -> SessionPlan {
        let view = if self.writes.is_empty() {
            current_view(stored, &settings.session, now)
        } else {
            current_view(&after(stored, &self.writes), &settings.session, now)
        };
        SessionPlan {
            writes: self.writes,
            view,
            changed: self.changed,
            notice: self.notice,
        }
    }
}

/// Applies `cmd` to the current session in `stored` (read with [`super::current_keys`]) at `now`.
/// `settings` are the engine's: a start with a platform or task type remembers them there (in the
/// same writes), and the view's focus reminder follows them.
pub fn plan_command(
    stored: &Snapshot,
    cmd: Command,
    now: i64,
    settings: &Settings,
    ids: &mut IdGen,
) -> Result<SessionPlan> {
    let picks = match &cmd {
        Command::Start {
            platform_id,
            task_type_id,
        } => Some((platform_id.clone(), task_type_id.clone())),
        _ => None,
    };
    let mut planned = plan_writes(stored, cmd, now, ids, false)?;
    if let Some((platform, task_type)) = picks.filter(|_| planned.changed) {
        if let Some(remembered) = remember_picks(settings, platform, task_type) {
            planned
                .writes
                .insert(KEY_SETTINGS.to_string(), to_value(&remembered)?);
            return Ok(planned.finish(stored, &remembered, now));
        }
    }
    Ok(planned.finish(stored, settings, now))
}

/// The settings with a start's platform and task type remembered for the next start (the
/// shortcut starts with them, the popup preselects them); `None` when nothing changes. A pick
/// left out keeps the one remembered before.
fn remember_picks(
    settings: &Settings,
    platform: Option<String>,
    task_type: Option<String>,
) -> Option<Settings> {
    let mut next = settings.clone();
    if platform.is_some() {
        next.session.last_platform_id = platform;
    }
    if task_type.is_some() {
        next.session.last_task_type_id = task_type;
    }
    (next != *settings).then_some(next)
}

/// The records, index and pointer `cmd` writes. `clear_restart` answers the restart question
/// whatever the command does (a stop answers it too).
fn plan_writes(
    stored: &Snapshot,
    cmd: Command,
    now: i64,
    ids: &mut IdGen,
    clear_restart: bool,
) -> Result<Planned> {
    let cur = current(stored);
    let (session, tasks) = match &cur {
        Some(c) => (Some(&c.session), c.tasks.as_slice()),
        None => (None, &[][..]),
    };
    let answered_restart = clear_restart || matches!(cmd, Command::Stop { .. });
    let out = apply(session, tasks, cmd, now, ids)?;
    if !out.changed {
        return Ok(Planned::nothing(out.notice));
    }
    let mut w = Writes::new(stored);
    let mut pointer = cur.as_ref().map(|c| c.pointer.clone()).unwrap_or_default();
    if let Some(s) = &out.session {
        w.put(Collection::Sessions, &s.meta.id, s.meta.created_at, s)?;
        if session.map(|p| p.meta.id.as_str()) != Some(s.meta.id.as_str()) {
            w.count(Collection::Sessions, s.meta.created_at, 1);
            pointer = CurrentSession {
                session_id: s.meta.id.clone(),
                sessions_key: Collection::Sessions.key_for(s.meta.created_at),
                ..CurrentSession::default()
            };
        }
        pointer.open = state_of(s) != SessionState::Stopped;
        pointer.task_type_id = s.task_type_id.clone();
        if answered_restart || !pointer.open {
            pointer.restart_asked_at = None;
        }
    }
    for t in &out.tasks {
        w.put(Collection::Tasks, &t.meta.id, t.meta.created_at, t)?;
        if !tasks.iter().any(|x| x.meta.id == t.meta.id) {
            w.count(Collection::Tasks, t.meta.created_at, 1);
        }
        let key = Collection::Tasks.key_for(t.meta.created_at);
        if !pointer.tasks_keys.contains(&key) {
            pointer.tasks_keys.push(key);
        }
    }
    let mut writes = w.finish();
    put_pointer(stored, &mut writes, &pointer)?;
    Ok(Planned {
        writes,
        changed: true,
        notice: out.notice,
    })
}

/// Adds the pointer to `writes` when it differs from the stored one (a heartbeat, most laps and
/// idle answers leave it as it is, and the engine then has nothing to follow).
fn put_pointer(stored: &Snapshot, writes: &mut Snapshot, pointer: &CurrentSession) -> Result<()> {
    let value = to_value(pointer)?;
    if stored.get(KEY_CURRENT_SESSION) != Some(&value) {
        writes.insert(KEY_CURRENT_SESSION.to_string(), value);
    }
    Ok(())
}

/// The keys the view reads, from `writes` where they are written, else from `stored`.
fn after(stored: &Snapshot, writes: &Snapshot) -> Snapshot {
    let get = |k: &str| writes.get(k).or_else(|| stored.get(k));
    let mut keys = vec![
        KEY_CURRENT_SESSION.to_string(),
        Collection::TaskTypes.name().to_string(),
    ];
    let mut merged = Snapshot::new();
    if let Some(v) = get(KEY_CURRENT_SESSION) {
        merged.insert(KEY_CURRENT_SESSION.to_string(), v.clone());
    }
    if let Some(p) = pointer_of(&merged) {
        keys.push(p.sessions_key);
        keys.extend(p.tasks_keys);
    }
    for k in keys {
        if let Some(v) = get(&k) {
            merged.insert(k, v.clone());
        }
    }
    merged
}

/// Marks the running session as found running at browser start (the popup asks keep or stop):
/// the plan writes the question's time into the pointer, unless no session runs or it is already
/// asked (then nothing changes).
pub fn plan_restart_question(
    stored: &Snapshot,
    now: i64,
    settings: &Settings,
) -> Result<SessionPlan> {
    let mut planned = Planned::nothing(None);
    if let Some(mut c) = current(stored) {
        if state_of(&c.session) != SessionState::Stopped && c.pointer.restart_asked_at.is_none() {
            c.pointer.restart_asked_at = Some(now);
            put_pointer(stored, &mut planned.writes, &c.pointer)?;
            planned.changed = true;
        }
    }
    Ok(planned.finish(stored, settings, now))
}

/// Answers the restart question: keep running (clear it) or stop at the last activity.
pub fn plan_restart_answer(
    stored: &Snapshot,
    stop: bool,
    now: i64,
    settings: &Settings,
    ids: &mut IdGen,
) -> Result<SessionPlan> {
    let Some(Current {
        pointer, session, ..
    }) = current(stored)
    else {
        return Err(Error::new(ErrorKind::NotFound, "no session is running"));
    };
    if stop && state_of(&session) != SessionState::Stopped {
        let at = last_activity(&session).min(now);
        let planned = plan_writes(stored, Command::Stop { at: Some(at) }, now, ids, true)?;
        return Ok(planned.finish(stored, settings, now));
    }
    // Keep running: the time while the browser was closed stays as it was recorded, and the
    // user is active now (so a later heartbeat does not mistake the gap for sleep).
    let mut planned = plan_writes(stored, Command::Heartbeat {}, now, ids, true)?;
    let mut kept = planned
        .writes
        .get(KEY_CURRENT_SESSION)
        .and_then(|v| serde_json::from_value::<CurrentSession>(v.clone()).ok())
        .unwrap_or(pointer);
    kept.restart_asked_at = None;
    put_pointer(stored, &mut planned.writes, &kept)?;
    planned.changed = true;
    Ok(planned.finish(stored, settings, now))
}
