// The full WebAssembly core for extension pages (the dashboard): each page loads its own instance
// to compute on a read snapshot — previews, import plans, reports, search. Pages never write
// storage; every change goes to the background as a message. (The background's engine is
// background/engine.js.)
import init, * as wasm from '../core/rubrica_full.js';

let loading = null;

/**
 * Resolves to `{wasm, core}`: the module's functions and one `Core` handle for this page. The
 * handle is made the first time a page asks for `core` (its engine takes ~10 ms to start): the
 * ledger's first render, which needs only the module, does not wait for it.
 */
export function pageCore() {
  loading ??= init({ module_or_path: new URL('../core/rubrica_full_bg.wasm', import.meta.url) }).then(() => {
    let core = null;
    return {
      wasm,
      get core() {
        core ??= new wasm.Core(crypto.getRandomValues(new Uint8Array(16)));
        return core;
      },
    };
  });
  return loading;
}
