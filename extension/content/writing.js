// Rubrica's own writes into a field (expansions, Backspace-undo, replayed keys) cause input events
// and DOM changes that are not the user typing: while one runs, trigger detection stands aside.

let writing = false;

/** True while Rubrica itself writes into a field. */
export function isWriting() {
  return writing;
}

/** Runs one of Rubrica's own writes (possibly async); resolves to its result, false if it threw. */
export async function write(fn) {
  writing = true;
  try {
    return await fn();
  } catch (e) {
    console.warn('Rubrica: could not write the expansion —', e.message);
    return false;
  } finally {
    writing = false;
  }
}
