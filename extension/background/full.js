// The full core module (regex triggers; importers), loaded on demand. The background module is
// built without the `regex` crate to keep the service worker's start-up fast (docs/architecture.md,
// "Two modules"); the first regex trigger a user types, or a regex saved in the editor, loads this
// one. Its imports are static — service workers may not use import() — only its WebAssembly is
// fetched lazily.
import initFull, { Core as FullCore, checkRegex } from '@rubrica/full';
import { api } from '../shared/runtime.js';
import { START_KEYS } from './core.js';
import * as store from './store.js';

let loading = null;
let instance = null;
let stale = false;

async function load() {
  await initFull({ module_or_path: api.runtime.getURL('core/rubrica_full_bg.wasm') });
  instance = new FullCore(crypto.getRandomValues(new Uint8Array(16)));
  instance.load(await store.read(START_KEYS));
  return instance;
}

/** The full engine with the current library loaded. */
export async function fullCore() {
  if (instance && stale) {
    stale = false;
    instance.load(await store.read(START_KEYS));
  }
  if (instance) return instance;
  loading ??= load().catch((e) => {
    loading = null;
    throw e;
  });
  return loading;
}

/** The library changed: the next use reloads it (nothing is loaded if the module is not in use). */
export function libraryChanged() {
  stale = instance !== null;
}

/** Throws a `template` error when a regex trigger pattern is invalid. */
export async function validateRegex(pattern) {
  await fullCore();
  checkRegex(pattern);
}
