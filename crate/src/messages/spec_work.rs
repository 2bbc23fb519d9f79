//! The contract of the work records: work sessions and their catalogue, the task ledger, the
//! justification library and the scoring worksheet. Same form as [`super::spec::SPECS`]; the
//! generated `contract.js` and `docs/messages.md` list both ([`super::spec::all`]).

use super::spec::{Spec, CONTENT_AND_OVERLAY, PAGE_ONLY};

/// The work records' message types.
pub const WORK_SPECS: &[Spec] = &[
    Spec {
        name: "worksheet.open",
        constant: "WORKSHEET_OPEN",
        from: CONTENT_AND_OVERLAY,
        payload: "none: the palette's “Open scoring worksheet” on a task page",
        reply: "{opened: bool}: the scoring worksheet opens in the side panel (Chrome) or sidebar (Firefox), bound to the sender's tab; false where the browser refuses (then the shortcut opens it)",
    },
    // --- the justification library (issue 11): docs/library.md ---
    Spec {
        name: "justification.save",
        constant: "JUSTIFICATION_SAVE",
        from: PAGE_ONLY,
        payload: "{entry: JustificationDraft (no id = new): text, platformId?, taskTypeId?, taskId?, criteria, outcome?, notes, tags}",
        reply: "the saved Justification (in its month shard; the page updates its search index from it)",
    },
    Spec {
        name: "justification.delete",
        constant: "JUSTIFICATION_DELETE",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "the entry, now a tombstone (justification.restore undoes it)",
    },
    Spec {
        name: "justification.restore",
        constant: "JUSTIFICATION_RESTORE",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "the entry, restored",
    },
    Spec {
        name: "session.get",
        constant: "SESSION_GET",
        from: PAGE_ONLY,
        payload: "none",
        reply: "{session, state, totals, openTask, taskCount, lastActivity, pendingIdle, restartAskedAt, focus, cap} of the current session (docs/time.md)",
    },
    Spec {
        name: "session.command",
        constant: "SESSION_COMMAND",
        from: PAGE_ONLY,
        payload: "{command: {type: start|pause|resume|nextTask|stop|keepIdle|discardIdle, …}} (browser signals come from the background only)",
        reply: "the new session.get view, with notice? (the idle question)",
    },
    Spec {
        name: "session.restart",
        constant: "SESSION_RESTART",
        from: PAGE_ONLY,
        payload: "{stop: bool}: answer to “this session was running when the browser quit”",
        reply: "the new session.get view",
    },
    Spec {
        name: "session.list",
        constant: "SESSION_LIST",
        from: PAGE_ONLY,
        payload: "{from, to, limit?} (UTC ms)",
        reply: "[{session, totals, tasks}] of live sessions overlapping [from, to), newest first",
    },
    Spec {
        name: "session.edit",
        constant: "SESSION_EDIT",
        from: PAGE_ONLY,
        payload: "{edit: {op: editSession|editTask, id, start?, end?} or {op: deleteSession|restoreSession|deleteTask|restoreTask, id}}",
        reply: "{id}; overlaps are refused with conflict naming the other record's local times",
    },
    Spec {
        name: "session.report",
        constant: "SESSION_REPORT",
        from: PAGE_ONLY,
        payload: "{from, to} (UTC ms)",
        reply: "{days: [DayBucket], weeks: [WeekBucket]} split at local midnight (docs/time.md)",
    },
    Spec {
        name: "catalogue.get",
        constant: "CATALOGUE_GET",
        from: PAGE_ONLY,
        payload: "none",
        reply: "{platforms: [live Platform, by name, with taskTypes: [live TaskType, by name, with rates and rateNow (the rate in force now, or null)]], names: {platforms: {id: name}, taskTypes: {id: name}} (deleted ones too)}; every amount is {minor, currency, digits} (ISO 4217 minor digits)",
    },
    Spec {
        name: "platform.create",
        constant: "PLATFORM_CREATE",
        from: PAGE_ONLY,
        payload: "{name} (1–80 characters; a live platform's name is refused)",
        reply: "the new Platform (hourly, the settings' currency, no hosts)",
    },
    Spec {
        name: "taskType.create",
        constant: "TASK_TYPE_CREATE",
        from: PAGE_ONLY,
        payload: "{taskType: {platformId, name, timeCapMin? (1–1440), rate? {kind: hourly|perTask, amount: \"25.00\", currency?}, rubricId?}}",
        reply: "the new TaskType (refused: unknown platform, blank or duplicate name, bad cap or amount)",
    },
    Spec {
        name: "taskType.update",
        constant: "TASK_TYPE_UPDATE",
        from: PAGE_ONLY,
        payload: "{taskType: {id, name, timeCapMin?, rate?, rubricId?}}: the editor's whole state",
        reply: "the TaskType; a changed rate applies from now (docs/time.md)",
    },
    // --- the task ledger (issue #10): docs/ledger.md ---
    Spec {
        name: "task.update",
        constant: "TASK_UPDATE",
        from: PAGE_ONLY,
        payload: "{id, outcome: {status?: submitted|approved|rejected|revision, payExpected?, payConfirmed? ({amount: \"12.34\", currency?} or null), isBonus?, payStatus?: pending|approved|paid, payExpectedAt?, payApprovedAt?, paidAt?, reviewedAt?, submittedAt? (UTC ms or null), feedback?, criteriaCited? [criterion key or free text], externalId?, notes? (text or null), durationMin?, worksheet? ({rubricId?, rubricName, sheet: {criteria, scores, scale}, draft}: the scoring worksheet saved with the task, ranked again by the core; or null)}}: absent leaves a field, null clears it",
        reply: "{task, alerts: [Alert raised by this change]}; a verdict stamps reviewedAt, approved/paid pay stamps its date, unless given",
    },
    Spec {
        name: "task.add",
        constant: "TASK_ADD",
        from: PAGE_ONLY,
        payload: "{task: {platformId?, taskTypeId?, startedAt (UTC ms), outcome?: as task.update's}}: a task added by hand (status submitted unless given)",
        reply: "{task, alerts}",
    },
    Spec {
        name: "task.recent",
        constant: "TASK_RECENT",
        from: PAGE_ONLY,
        payload: "{limit?} (default 20, at most 200)",
        reply: "[{task, platformName?, taskTypeName?, criteria: [{key, name}] (the task type's rubric, else the default one, in priority order), rubricId?}] of this and last month, newest first: the quick-log's list",
    },
    Spec {
        name: "ledger.repack",
        constant: "LEDGER_REPACK",
        from: PAGE_ONLY,
        payload: "{keys: [task or session month shard key]} (at most 1,000): shards whose ledger pack the dashboard found missing or stale",
        reply: "{packed: N}: the packs written again from the shards, in one `set` of packs only (docs/ledger.md, Packs)",
    },
    Spec {
        name: "alerts.get",
        constant: "ALERTS_GET",
        from: PAGE_ONLY,
        payload: "none",
        reply: "[Alert not dismissed, with taskTypeName?, criterionName?, rubricId?], newest first",
    },
    Spec {
        name: "outlier.preview",
        constant: "OUTLIER_PREVIEW",
        from: PAGE_ONLY,
        payload: "{fileName, text}: an Outlier earnings CSV (workDate,itemID,duration,rateApplied,payout,payType,projectName,status)",
        reply: "{added, duplicates, empty, newTaskTypes: [name], newPlatform}; a malformed cell is an import error naming its row and column",
    },
    Spec {
        name: "outlier.commit",
        constant: "OUTLIER_COMMIT",
        from: PAGE_ONLY,
        payload: "{fileName, text}",
        reply: "the same counts, after one write (the same file again adds nothing)",
    },
    Spec {
        name: "toggl.preview",
        constant: "TOGGL_PREVIEW",
        from: PAGE_ONLY,
        payload: "{fileName, text, dayFirst?}: a Toggl detailed CSV (Client, Project, Start date, Start time, End date, End time, Duration, …; Clockify's detailed CSV too); `dayFirst` reads dates that read either way (03/04/2026) day first, as the person chose (month first otherwise)",
        reply: "{added, duplicates, newPlatforms: [name], newTaskTypes: [name], addedMs, dates: \"iso\" | \"monthFirst\" | \"dayFirst\", datesGuessed}: how the file's dates were read, and whether every one read either way (then `dates` is the order taken: month first, or day first with `dayFirst`); a malformed cell is an import error naming its row and column",
    },
    Spec {
        name: "toggl.commit",
        constant: "TOGGL_COMMIT",
        from: PAGE_ONLY,
        payload: "{fileName, text, dayFirst?}",
        reply: "the same counts, after one write (the same file again, or Rubrica's own Toggl export, adds nothing)",
    },
    Spec {
        name: "alert.dismiss",
        constant: "ALERT_DISMISS",
        from: PAGE_ONLY,
        payload: "{id}",
        reply: "{id}: hidden for good (the pattern is remembered; only later rejections raise it again)",
    },
    // --- scoring worksheet (issue 12): docs/checkers.md ---
    Spec {
        name: "worksheet.insert",
        constant: "WORKSHEET_INSERT",
        from: PAGE_ONLY,
        payload: "{tabId, text}: the draft justification the user confirmed in the worksheet",
        reply: "{written: bool}: the background sent worksheet.insert to the tab's top frame, which wrote the text at the caret of the field last used, as an expansion is written",
    },
];
