// Loads the WebAssembly core once per background lifetime and brings stored data up to date.
// No top-level await: the service worker must register its listeners synchronously, so callers
// await `ready()` inside their handlers instead.

import init, { Core, migrate } from '@rubrica/core';
import { api } from '../shared/runtime.js';
import * as store from './store.js';

/** Keys the engine needs at start; month shards are never read here. */
export const START_KEYS = ['meta', 'settings', 'snippets', 'rubrics', 'shards'];

let booting = null;

/** The loaded engine and what loading found: `{core, report, bootedAt}`. */
export function ready() {
  booting ??= boot().catch((e) => {
    booting = null; // let the next message try again
    throw e;
  });
  return booting;
}

async function boot() {
  await init({ module_or_path: api.runtime.getURL('core/rubrica_core_bg.wasm') });
  const core = new Core(crypto.getRandomValues(new Uint8Array(16)));
  let stored = await store.read(START_KEYS);
  let plan = migrate(stored, Date.now());
  if (plan.from !== plan.to) {
    // A fresh install or an older schema: plan against the whole store, so nothing is missed.
    plan = migrate(await store.read(null), Date.now());
  }
  if (Object.keys(plan.writes).length > 0) {
    await store.write(plan.writes);
    stored = { ...stored, ...plan.writes };
  }
  const report = core.load(stored);
  return { core, report, bootedAt: Date.now() };
}

/** Re-reads the start keys into the running engine after the background wrote some of them. */
export async function refresh(env) {
  env.report = env.core.load(await store.read(START_KEYS));
  return env;
}

/** Forgets the loaded engine (after a storage change such as an import) so it reloads. */
export function reload() {
  booting = null;
  return ready();
}
