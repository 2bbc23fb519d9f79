//! Session commands as writes: start, pause, lap, stop and the browser's signals (idle, locked,
//! heartbeat), and the question asked when the browser started with a session running.

use super::{current, Current, Running};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::IdGen;
use crate::storage::shards::{to_value, Writes};
use crate::storage::{Collection, Snapshot, KEY_RUNNING};
use crate::timing::state::{apply, last_activity, state_of, Command, Notice, SessionState};
use serde::Serialize;

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

/// Applies `cmd` to the current session in `stored` (read with [`super::current_keys`]) at `now`.
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
    let Some(Current {
        running, session, ..
    }) = current(stored)
    else {
        return Err(Error::new(ErrorKind::NotFound, "no session is running"));
    };
    if stop && state_of(&session) != SessionState::Stopped {
        let at = last_activity(&session).min(now);
        return plan_command(stored, Command::Stop { at: Some(at) }, now, ids);
    }
    // Keep running: the time while the browser was closed stays as it was recorded, and the
    // user is active now (so a later heartbeat does not mistake the gap for sleep).
    let mut plan = plan_command(stored, Command::Heartbeat {}, now, ids)?;
    let mut running = running;
    running.restart_asked_at = None;
    plan.writes
        .insert(KEY_RUNNING.to_string(), to_value(&running)?);
    plan.changed = true;
    Ok(plan)
}
