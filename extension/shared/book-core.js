// The ledger book's own WebAssembly module (core/rubrica_book_bg.wasm): the `LedgerBook` handle
// alone, built from the same core without its engine (docs/architecture.md). The Ledger & reports
// section and the Data section's export load it instead of the full module, a quarter of its
// size, so the section's first render does not wait for the full module to arrive.
import init, * as wasm from '../core/rubrica_book.js';

let loading = null;

/**
 * Resolves to the book module's exports (`LedgerBook`). The glue's init runs once: when the
 * dashboard's early.js started it, this waits for that one.
 */
export function bookCore() {
  loading ??= init({ module_or_path: new URL('../core/rubrica_book_bg.wasm', import.meta.url) }).then(() => wasm);
  return loading;
}
