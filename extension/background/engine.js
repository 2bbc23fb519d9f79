// The background's one engine: the WebAssembly core in its two builds (docs/architecture.md, "Two
// modules of one core") behind one object that keeps both in step with storage.
//
// - The start-up module (`@rubrica/core`) loads once per service-worker lifetime, on first need;
//   it expands triggers and validates the messages of content scripts and the overlay. No
//   top-level await: the worker registers its listeners synchronously, and callers await
//   `engine.ready()` in their handlers.
// - The full module (`@rubrica/full`: extension pages' messages, library editing, settings
//   patches, migrations, regex triggers, importers, sessions, palette search) loads on the first
//   call to `engine.full()`, with the same state.
// - Both follow storage: the store's own writes (EVENT.STORED, before the write's promise
//   resolves, so a handler reads its own writes) and anything else that changes storage
//   (storage.onChanged, which also echoes the store's writes: those are recognised and skipped;
//   the browser sends no echo for a key whose value did not change, so an expected echo expires). A change of settings, snippets or rubrics bumps the table revision and
//   announces EVENT.TABLE_CHANGED.
// - The running session's task-type rubric is the core's answer: both modules hold the
//   `currentSession` pointer and `taskTypes` (START_KEYS) and follow them alone (`loadSession`).

import init, { Core, needsMigration, staleKeys } from '@rubrica/core';
import initFull, { Core as FullCore, checkRegex, ledgerPacks, migrate } from '@rubrica/full';
import { START_KEYS, STORAGE } from '../shared/contract.js';
import { isMonthShard, writesJson } from '../shared/month-shards.js';
import { api } from '../shared/runtime.js';
import { EVENT, emit, on } from './events.js';
import * as store from './store.js';

// START_KEYS, the keys the engine holds, are the core's (crate/src/storage/keys.rs): never a month shard.
/** Whether a change of stored `key` may change what an expansion writes (all it holds but these). */
export const shapesExpansions = (key) =>
  START_KEYS.includes(key) && key !== STORAGE.META && key !== STORAGE.SHARDS && key !== STORAGE.SNIPPET_USES;
/** Keys whose change may change the trigger table content scripts hold. */
const TABLE_KEYS = new Set([STORAGE.SETTINGS, STORAGE.SNIPPETS, STORAGE.RUBRICS]);
/** Keys that only decide the running session's rubric: the core follows them alone (`loadSession`). */
const SESSION_KEYS = new Set([STORAGE.CURRENT_SESSION, STORAGE.TASK_TYPES]);
/**
 * How long a start of the worker waits before it loads the core by itself (a message that needs it
 * loads it at once). Loading occupies the worker's thread for a while; a trigger typed while the
 * worker was stopped is answered from the literal list (literal.js) within this time, not after.
 */
const WARM_DELAY_MS = 120;
/** How long the engine waits for storage.onChanged to echo one of the store's own writes. */
const ECHO_MS = 10_000;

let fullModule = null;
/** Instantiates the full module's WebAssembly once (its JS glue is bundled: workers have no import()). */
function loadFullModule() {
  fullModule ??= initFull({ module_or_path: api.runtime.getURL('core/rubrica_full_bg.wasm') }).catch((e) => {
    fullModule = null;
    throw e;
  });
  return fullModule;
}

/**
 * The ledger packs of the month shards a write holds (docs/ledger.md, *Packs*), for the same
 * `set`, stamped with the `shards` index written with them (else the stored one). Never throws:
 * when the packs cannot be made, each is written empty, which every reader takes for "read the
 * shard" (and the dashboard asks for it again), so no pack outlives a change of its shard.
 */
async function derivePacks(changes, read) {
  // A shard whose pack the write already holds is left to it (an import writes its packs empty
  // here and the real ones in the next `set`, made by the core from its typed records).
  const keys = Object.keys(changes)
    .filter((k) => isMonthShard(k) && changes[k] !== undefined && !(`${STORAGE.LEDGER_PACK}${k}` in changes));
  if (keys.length === 0) return {};
  const empty = Object.fromEntries(keys.map((k) => [`${STORAGE.LEDGER_PACK}${k}`, '']));
  try {
    await loadFullModule();
    const index = changes[STORAGE.SHARDS] ?? (await read([STORAGE.SHARDS]))[STORAGE.SHARDS] ?? null;
    const shards = Object.fromEntries(keys.map((k) => [k, changes[k]]));
    return { ...empty, ...ledgerPacks(new TextEncoder().encode(writesJson(shards)), index) };
  } catch (e) {
    console.error('Rubrica: the ledger packs of this write could not be made; the shards will be read', e);
    return empty;
  }
}
store.deriveWith(derivePacks);

/** storage.session key of the trigger table's revision (engine.revision()). */
const TABLE_REVISION_KEY = 'rubrica.tableRevision';

/** Startup marks (performance.mark), read by the cold-start benchmark's breakdown. */
const mark = (name) => performance.mark?.(`rubrica:${name}`);

class Engine {
  constructor() {
    /** The start-up module's handle, once `ready()` resolved. */
    this.core = null;
    /** What loading found: `{counts, problems}`. */
    this.report = null;
    this.bootedAt = 0;
    /**
     * Changes whenever the trigger table may have changed; content scripts re-fetch on a new
     * value. Kept in storage.session, so a worker that restarts answers with the same revision
     * and no tab re-fetches an unchanged table (revision()); a browser start begins a new one.
     */
    this.tableRevision = Date.now();
    this.revisionRead = null;
    this.snapshot = {};
    this.booting = null;
    this.warming = null;
    this.warmTimer = 0;
    /** Resolves when the core has loaded (without asking it to load). */
    this.booted = new Promise((resolve) => {
      this.onBooted = resolve;
    });
    /** Resolves once `warm()` has rehearsed (without asking it to warm). */
    this.warmed = new Promise((resolve) => {
      this.onWarmed = resolve;
    });
    this.fullCore = null;
    this.fullLoading = null;
    this.fullStale = false;
    this.cachedSettings = null;
    this.usageStale = false;
    /** The live stored snippet records, computed once per change of `snippets` (liveSnippets). */
    this.live = null;
    /** Keys of the store's own writes whose storage.onChanged echo has not arrived yet. */
    this.echoes = new Map();
  }

  /**
   * The trigger table's revision once the one kept in storage.session is read (at most once per
   * worker; answers stay consistent while it is read). Where storage.session is missing, the
   * worker's own.
   */
  async revision() {
    this.revisionRead ??= (async () => {
      const session = api.storage?.session;
      if (!session) return;
      const mine = this.tableRevision;
      try {
        const { [TABLE_REVISION_KEY]: kept } = await session.get(TABLE_REVISION_KEY);
        if (Number.isSafeInteger(kept)) {
          if (this.tableRevision === mine) this.tableRevision = kept;
        } else {
          await session.set({ [TABLE_REVISION_KEY]: this.tableRevision });
        }
      } catch {
        // The worker's own revision stands: tabs re-fetch once, as after a browser start.
      }
    })();
    await this.revisionRead;
    return this.tableRevision;
  }

  /** A new trigger table revision, kept for the next worker before anyone is told. */
  async bumpRevision() {
    await this.revision();
    this.tableRevision += 1;
    await api.storage?.session?.set({ [TABLE_REVISION_KEY]: this.tableRevision })?.catch?.(() => {});
    return this.tableRevision;
  }

  /** The engine with the start-up module loaded and storage migrated. */
  ready() {
    this.booting ??= this.boot().catch((e) => {
      this.booting = null; // the next message tries again
      throw e;
    });
    return this.booting;
  }

  async boot() {
    mark('boot');
    // The module compiles while storage (and the kept table revision) is read.
    const reading = store.read(START_KEYS);
    const revising = this.revision();
    await init({ module_or_path: api.runtime.getURL('core/rubrica_core_bg.wasm') });
    mark('wasm');
    const core = new Core(crypto.getRandomValues(new Uint8Array(16)));
    let stored = await reading;
    await revising;
    mark('read');
    if (needsMigration(stored.meta)) {
      // A fresh install or another schema: the full module plans against the whole store, so
      // nothing is missed (and refuses a newer schema, leaving it untouched).
      await loadFullModule();
      const plan = migrate(await store.read(null), Date.now());
      if (Object.keys(plan.writes).length > 0) {
        await store.write(plan.writes); // apply() ignores it: nothing is loaded yet
        stored = { ...stored, ...plan.writes };
      }
      if (plan.removes.length > 0) await store.remove(plan.removes); // keys a migration renamed
    } else {
      // A migration stopped between its write and its removal left a renamed key behind: finish it.
      const stale = Object.keys(await store.read(staleKeys()));
      if (stale.length > 0) await store.remove(stale);
    }
    this.core = core;
    this.snapshot = Object.fromEntries(START_KEYS.map((k) => [k, stored[k]]));
    this.report = core.load(this.snapshot);
    this.cachedSettings = core.settings();
    this.bootedAt = Date.now();
    mark('loaded');
    this.onBooted(this);
    return this;
  }

  /**
   * The engine, ready and rehearsed: the first expansion after a start would otherwise also pay for
   * compiling the code it runs (the browser compiles WebAssembly functions on their first call).
   * Called when the worker is woken ahead of use (a field gained focus, a trigger was begun), never
   * on an expansion's own path. The rehearsal expands the built-in demo trigger and throws the
   * result away: nothing is written, no use is counted.
   */
  warm() {
    this.warming ??= this.ready().then(() => {
      this.core.rehearse();
      mark('warm');
      this.onWarmed();
    });
    return this.warming.catch(() => {
      this.warming = null;
    });
  }

  /** `warm()` a moment from now (WARM_DELAY_MS), unless something loads the core first. */
  warmSoon() {
    if (this.warming || this.warmTimer) return;
    this.warmTimer = setTimeout(() => void this.warm(), WARM_DELAY_MS);
  }

  /** The current settings (read from the core once per change, not per call). */
  settings() {
    return this.cachedSettings ?? this.core.settings();
  }

  /** The full module's engine, with the same state as the start-up one. */
  async full() {
    await this.ready();
    if (this.fullCore && this.fullStale) {
      this.fullStale = false;
      this.fullCore.load(this.snapshot);
    }
    if (this.fullCore) return this.fullCore;
    this.fullLoading ??= (async () => {
      await loadFullModule();
      const full = new FullCore(crypto.getRandomValues(new Uint8Array(16)));
      full.load(this.snapshot);
      this.fullCore = full;
      return full;
    })().catch((e) => {
      this.fullLoading = null;
      throw e;
    });
    return this.fullLoading;
  }

  /**
   * The full module's WebAssembly, instantiated, without its engine: for its free functions
   * (`countRecords`), which need no library loaded — so they never wait for the full engine to
   * reload a large library after a change.
   */
  async fullModule() {
    await this.ready();
    await loadFullModule();
  }

  /**
   * The live snippet records as storage holds them (no tombstones; use counts are apart), from
   * the snapshot the engine follows: computed once per change of `snippets`, so counting and
   * reading the library in parts cost nothing per call that grows with the library.
   */
  liveSnippets() {
    const map = this.snapshot[STORAGE.SNIPPETS];
    // `!this.live`: a store with no `snippets` key at all (map undefined) is an empty library too.
    if (!this.live || this.live.map !== map) {
      // As the core's live count (`storage::live_count`): every record without `deletedAt`.
      this.live = { map, list: Object.values(map ?? {}).filter((r) => r?.deletedAt == null) };
    }
    return this.live.list;
  }

  /**
   * Part of the live snippets as JSON text: `{total, text}`, at most 10,000 records from
   * `offset` (`library.snippetsPart`, read by the import planner). Only this part is written as
   * JSON; neither module reloads for it.
   */
  async snippetsPart(offset, limit) {
    await this.ready();
    const all = this.liveSnippets();
    const start = Math.min(offset, all.length);
    return { total: all.length, text: JSON.stringify(all.slice(start, start + Math.min(limit, 10_000))) };
  }

  /** Throws a `template` error when a regex trigger pattern is invalid (full module). */
  async checkRegex(pattern) {
    await this.full();
    checkRegex(pattern);
  }

  /**
   * Brings both modules up to `changes` ({key: newValue}; `undefined` = removed). `why` is
   * 'usage' for a use count, which nothing but the library listing shows: it waits for that.
   */
  async apply(changes, why = 'change') {
    const keys = Object.keys(changes);
    const held = keys.filter((k) => START_KEYS.includes(k));
    if (held.length === 0 || !this.core) return;
    for (const k of held) this.snapshot[k] = changes[k];
    if (why === 'usage' || held.every((k) => k === STORAGE.SNIPPET_USES)) {
      // Use counts (schema 3: apart from the snippets) change nothing an expansion writes.
      this.usageStale = true;
      return;
    }
    if (held.every((k) => SESSION_KEYS.has(k))) {
      // A session started or stopped, or a task type changed: only the session's rubric moves.
      this.core.loadSession(this.snapshot);
      this.fullCore?.loadSession(this.snapshot);
      await emit(EVENT.EXPANSIONS_CHANGED); // `{criterion: …}` may now read another rubric
      return;
    }
    if (held.length === 1 && held[0] === STORAGE.SETTINGS && changes.settings) {
      this.core.setSettings(changes.settings);
      this.fullCore?.setSettings(changes.settings);
    } else {
      this.report = this.core.load(this.snapshot);
      this.usageStale = false;
      this.fullStale = this.fullCore !== null;
    }
    this.cachedSettings = this.core.settings();
    if (held.some((k) => TABLE_KEYS.has(k))) await emit(EVENT.TABLE_CHANGED, await this.bumpRevision());
    if (held.some(shapesExpansions)) await emit(EVENT.EXPANSIONS_CHANGED);
  }

  /** The library as the dashboard lists it (use counts included). */
  async library() {
    const full = await this.full();
    if (this.usageStale) {
      this.usageStale = false;
      full.load(this.snapshot);
    }
    return full.library();
  }

  /** Reloads everything from storage (after a restore that replaced most keys). */
  async reload() {
    if (!this.core) return this.ready();
    const stored = await store.read(START_KEYS);
    await this.apply(Object.fromEntries(START_KEYS.map((k) => [k, stored[k]])));
    return this;
  }

  /** The store is about to write `changes`: storage.onChanged's echo of them is to be skipped. */
  expectEcho(changes) {
    const until = Date.now() + ECHO_MS;
    for (const k of Object.keys(changes)) this.echoes.set(k, [...(this.echoes.get(k) ?? []), until]);
  }

  /** The write failed: no echo comes. */
  forgetEcho(changes) {
    for (const k of Object.keys(changes)) {
      const pending = this.echoes.get(k) ?? [];
      pending.pop();
      if (pending.length === 0) this.echoes.delete(k);
    }
  }

  /** storage.onChanged: changes the store did not make (or echoes of its own, skipped). */
  onChanged(changes) {
    const now = Date.now();
    const foreign = {};
    for (const [k, change] of Object.entries(changes)) {
      const pending = (this.echoes.get(k) ?? []).filter((t) => t > now);
      if (pending.length > 0) {
        pending.shift();
        this.echoes.set(k, pending);
        continue;
      }
      this.echoes.delete(k);
      foreign[k] = change.newValue;
    }
    if (Object.keys(foreign).length > 0) {
      this.apply(foreign).catch((e) => console.error('Rubrica: could not follow a storage change', e));
    }
  }
}

/** The background's engine. */
export const engine = new Engine();

/** Registers the engine's listeners; call synchronously at the top level of the background. */
export function installEngine() {
  on(EVENT.STORING, (changes) => engine.expectEcho(changes));
  on(EVENT.STORED, (changes, why) => engine.apply(changes, why));
  on(EVENT.STORE_FAILED, (changes) => engine.forgetEcho(changes));
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') engine.onChanged(changes);
  });
}
