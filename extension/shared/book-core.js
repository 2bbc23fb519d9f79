// The ledger book's own WebAssembly module (core/rubrica_book_bg.wasm): the `LedgerBook` handle
// alone, built from the same core without its engine (docs/architecture.md). The Ledger & reports
// section and the Data section's export load it instead of the full module, a quarter of its
// size, so the section's first render does not wait for the full module to arrive.
import init, * as wasm from '../core/rubrica_book.js';
import { ownFile } from './own-file.js';

let loading = null;

/**
 * Resolves to the book module's exports (`LedgerBook`). `compiled`, the promise of the module
 * compiled already (the dashboard's early.js), is instantiated instead of fetching it again; if it
 * failed, the module is fetched.
 */
export function bookCore(compiled) {
  const url = new URL('../core/rubrica_book_bg.wasm', import.meta.url);
  loading ??= init({ module_or_path: compiled ? compiled.catch(() => ownFile('core/rubrica_book_bg.wasm')) : url }).then(() => wasm);
  return loading;
}
