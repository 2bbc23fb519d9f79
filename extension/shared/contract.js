// Generated from crate/src/messages/spec.rs by `cargo test` (UPDATE_CONTRACT=1). Do not edit.
// The message contract: every message type, and which senders may send it.

export const MSG = Object.freeze({
  PING: 'ping',
  TRIGGERS_GET: 'triggers.get',
  EXPAND: 'expand',
  EXPAND_REGEX: 'expand.regex',
  PALETTE_OPEN: 'palette.open',
  OVERLAY_FORGET: 'overlay.forget',
  OVERLAY_CHECK: 'overlay.check',
  OVERLAY_GET: 'overlay.get',
  OVERLAY_PREVIEW: 'overlay.preview',
  OVERLAY_SEARCH: 'overlay.search',
  OVERLAY_CHOOSE: 'overlay.choose',
  OVERLAY_ENTRY: 'overlay.entry',
  OVERLAY_SAVE_FIELD: 'overlay.saveField',
  OVERLAY_SUBMIT: 'overlay.submit',
  OVERLAY_DISMISS: 'overlay.dismiss',
  STATE_GET: 'state.get',
  SETTINGS_UPDATE: 'settings.update',
  BACKUP_EXPORT: 'backup.export',
  IMPORT_PREVIEW: 'import.preview',
  IMPORT_COMMIT: 'import.commit',
  LIBRARY_GET: 'library.get',
  LIBRARY_SNIPPETS_PART: 'library.snippetsPart',
  SNIPPET_SAVE: 'snippet.save',
  SNIPPET_DELETE: 'snippet.delete',
  SNIPPET_RESTORE: 'snippet.restore',
  RUBRIC_SAVE: 'rubric.save',
  RUBRIC_DELETE: 'rubric.delete',
  RUBRIC_RESTORE: 'rubric.restore',
  SNIPPETS_IMPORT: 'snippets.import',
  SITE_ENABLE: 'site.enable',
  SITE_DISABLE: 'site.disable',
  WORKSHEET_OPEN: 'worksheet.open',
  JUSTIFICATION_SAVE: 'justification.save',
  JUSTIFICATION_DELETE: 'justification.delete',
  JUSTIFICATION_RESTORE: 'justification.restore',
  SESSION_GET: 'session.get',
  SESSION_COMMAND: 'session.command',
  SESSION_RESTART: 'session.restart',
  SESSION_LIST: 'session.list',
  SESSION_EDIT: 'session.edit',
  SESSION_REPORT: 'session.report',
  CATALOGUE_GET: 'catalogue.get',
  PLATFORM_CREATE: 'platform.create',
  TASK_TYPE_CREATE: 'taskType.create',
  TASK_TYPE_UPDATE: 'taskType.update',
  TASK_UPDATE: 'task.update',
  TASK_ADD: 'task.add',
  TASK_RECENT: 'task.recent',
  LEDGER_REPACK: 'ledger.repack',
  ALERTS_GET: 'alerts.get',
  OUTLIER_PREVIEW: 'outlier.preview',
  OUTLIER_COMMIT: 'outlier.commit',
  TOGGL_PREVIEW: 'toggl.preview',
  TOGGL_COMMIT: 'toggl.commit',
  ALERT_DISMISS: 'alert.dismiss',
  WORKSHEET_INSERT: 'worksheet.insert',
});

/** Which senders may send each type: 'content' (content scripts), 'page' (extension pages), 'overlay' (the overlay page in a web page's tab). */
export const SENDERS = Object.freeze({
  'ping': Object.freeze(['content', 'page']),
  'triggers.get': Object.freeze(['content', 'page']),
  'expand': Object.freeze(['content']),
  'expand.regex': Object.freeze(['content']),
  'palette.open': Object.freeze(['content']),
  'overlay.forget': Object.freeze(['content']),
  'overlay.check': Object.freeze(['overlay']),
  'overlay.get': Object.freeze(['overlay']),
  'overlay.preview': Object.freeze(['overlay']),
  'overlay.search': Object.freeze(['overlay']),
  'overlay.choose': Object.freeze(['overlay']),
  'overlay.entry': Object.freeze(['overlay']),
  'overlay.saveField': Object.freeze(['overlay']),
  'overlay.submit': Object.freeze(['overlay']),
  'overlay.dismiss': Object.freeze(['overlay']),
  'state.get': Object.freeze(['page']),
  'settings.update': Object.freeze(['page']),
  'backup.export': Object.freeze(['page']),
  'import.preview': Object.freeze(['page']),
  'import.commit': Object.freeze(['page']),
  'library.get': Object.freeze(['page']),
  'library.snippetsPart': Object.freeze(['page']),
  'snippet.save': Object.freeze(['page']),
  'snippet.delete': Object.freeze(['page']),
  'snippet.restore': Object.freeze(['page']),
  'rubric.save': Object.freeze(['page']),
  'rubric.delete': Object.freeze(['page']),
  'rubric.restore': Object.freeze(['page']),
  'snippets.import': Object.freeze(['page']),
  'site.enable': Object.freeze(['page']),
  'site.disable': Object.freeze(['page']),
  'worksheet.open': Object.freeze(['content', 'overlay']),
  'justification.save': Object.freeze(['page']),
  'justification.delete': Object.freeze(['page']),
  'justification.restore': Object.freeze(['page']),
  'session.get': Object.freeze(['page']),
  'session.command': Object.freeze(['page']),
  'session.restart': Object.freeze(['page']),
  'session.list': Object.freeze(['page']),
  'session.edit': Object.freeze(['page']),
  'session.report': Object.freeze(['page']),
  'catalogue.get': Object.freeze(['page']),
  'platform.create': Object.freeze(['page']),
  'taskType.create': Object.freeze(['page']),
  'taskType.update': Object.freeze(['page']),
  'task.update': Object.freeze(['page']),
  'task.add': Object.freeze(['page']),
  'task.recent': Object.freeze(['page']),
  'ledger.repack': Object.freeze(['page']),
  'alerts.get': Object.freeze(['page']),
  'outlier.preview': Object.freeze(['page']),
  'outlier.commit': Object.freeze(['page']),
  'toggl.preview': Object.freeze(['page']),
  'toggl.commit': Object.freeze(['page']),
  'alert.dismiss': Object.freeze(['page']),
  'worksheet.insert': Object.freeze(['page']),
});

/** Background → content scripts: the trigger table changed (no data). */
export const TABLE_CHANGED = 'table.changed';

/** Content script → background: the port held while a field has focus (wakes the worker; nothing is sent). */
export const WARM_PORT = 'rubrica.warm';

/** The built-in demo snippet's trigger, always in the library: a woken background rehearses expanding it (nothing is counted or sent). */
export const DEMO_TRIGGER = ';rubrica';

/** Background → content scripts: every notice (docs/messages.md). */
export const TO_CONTENT = Object.freeze({
  TABLE_CHANGED: 'table.changed',
  PALETTE_SHOW: 'palette.show',
  OVERLAY_INSERT: 'overlay.insert',
  FIELD_TEXT: 'field.text',
  WORKSHEET_INSERT: 'worksheet.insert',
  OVERLAY_CLOSE: 'overlay.close',
});

/** Background → extension pages (runtime.sendMessage): every notice (docs/messages.md). */
export const TO_PAGES = /* @__PURE__ */ Object.freeze({
  SESSION_CHANGED: 'session.changed',
});

/** Storage keys (docs/data-model.md). Month shards are named by the core, never built here. */
export const STORAGE = /* @__PURE__ */ Object.freeze({
  META: 'meta',
  SETTINGS: 'settings',
  SHARDS: 'shards',
  CURRENT_SESSION: 'currentSession',
  SNIPPET_USES: 'snippetUses',
  LEDGER_PACK: 'ledgerPack/',
  PLATFORMS: 'platforms',
  TASK_TYPES: 'taskTypes',
  RUBRICS: 'rubrics',
  SNIPPETS: 'snippets',
  ALERTS: 'alerts',
});

/** What the background's engine loads at start and follows on change. */
export const START_KEYS = /* @__PURE__ */ Object.freeze(['meta', 'settings', 'snippets', 'snippetUses', 'rubrics', 'shards', 'currentSession', 'taskTypes']);

/** Collections whose month shards have a ledger pack (STORAGE.LEDGER_PACK + shard key), written with the shard. */
export const LEDGER_PACKED = /* @__PURE__ */ Object.freeze(['tasks', 'sessions']);

/** The small keys that describe the whole store (`state.get`) without a month shard. */
export const SUMMARY_KEYS = /* @__PURE__ */ Object.freeze(['meta', 'settings', 'platforms', 'taskTypes', 'rubrics', 'alerts', 'shards']);
