// Keys typed around an expansion (docs/typing.md):
// - Enter right after a pending trigger expands first, then acts as Enter (the page's own Enter
//   handler sees a keydown after the expansion landed; if it does not take it, the browser's
//   default is performed: a line break, or the form's implicit submission);
// - keys typed while an expansion is in flight (the background renders asynchronously) are held
//   back and replayed at the caret once the expansion is written, through the field's own editing
//   (execCommand) so the page's model and the undo stack see them as typing.
// It works with any field kind: writing, detection and expansion are injected by input.js.

/** How long typed keys wait for an expansion before they are written as they are. */
export const IN_FLIGHT_TIMEOUT_MS = 2000;

const MODIFIER_KEYS = new Set([
  'Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'FnLock',
  'Hyper', 'Super', 'Symbol', 'SymbolLock', 'OS',
]);

/** The element a key or input event is really for (inside open shadow roots too). */
export function eventTarget(event) {
  return event.composedPath?.()[0] ?? event.target;
}

/** Whether `event` types one character (AltGr combinations count; Ctrl/Meta/Alt shortcuts do not). */
export function isPrintable(event) {
  const altGraph = event.getModifierState?.('AltGraph') === true;
  if (!altGraph && (event.ctrlKey || event.metaKey || event.altKey)) return false;
  const key = event.key ?? '';
  return key.length > 0 && key.length <= 2 && [...key].length === 1;
}

const modsOf = (event) => ({
  shiftKey: !!event.shiftKey, ctrlKey: !!event.ctrlKey, altKey: !!event.altKey, metaKey: !!event.metaKey,
});

/**
 * Text for an `<input>`, which cannot hold line breaks (the browser would silently drop them and
 * glue the lines together): every run of white space that contains a line break becomes one space
 * (and is dropped at the very start or end). `cursors` (UTF-16 offsets) move with the text.
 */
export function singleLine(text, cursors = []) {
  if (!/[\r\n]/.test(text)) return { text, cursors };
  const map = new Array(text.length + 1);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const run = /[\s]+/y;
    run.lastIndex = i;
    const m = /\s/.test(text[i]) ? run.exec(text) : null;
    if (m && /[\r\n]/.test(m[0])) {
      const edge = i === 0 || i + m[0].length === text.length;
      for (let k = 0; k < m[0].length; k++) map[i + k] = out.length;
      if (!edge) out += ' ';
      i += m[0].length;
    } else {
      map[i] = out.length;
      out += text[i];
      i += 1;
    }
  }
  map[text.length] = out.length;
  return { text: out, cursors: cursors.map((c) => map[Math.max(0, Math.min(text.length, c))]) };
}

function docOf(el) {
  return el.ownerDocument ?? document;
}

function focus(el) {
  const doc = docOf(el);
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (active !== el) el.focus();
}

const isTextControl = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

/** Types `text` at the caret as the user would have: the field's own editing, so undo works. */
export function typeText(el, text) {
  focus(el);
  let ok = false;
  try {
    ok = docOf(el).execCommand('insertText', false, text);
  } catch {
    ok = false;
  }
  if (!ok && isTextControl(el)) {
    // Fields where execCommand is refused (e.g. some input types): the native way, plus the event.
    const start = el.selectionStart ?? el.value.length;
    el.setRangeText(text, start, el.selectionEnd ?? start, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }
}

/** Backspace as the user would have pressed it. */
export function deleteBackward(el) {
  focus(el);
  let ok = false;
  try {
    ok = docOf(el).execCommand('delete', false);
  } catch {
    ok = false;
  }
  if (!ok && isTextControl(el)) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    if (start === end && start === 0) return;
    el.setRangeText('', start === end ? start - 1 : start, end, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  }
}

/** The first submit button of a form (its default button), if any. */
function defaultButton(form) {
  for (const c of form.elements) {
    if ((c instanceof HTMLButtonElement && c.type === 'submit') || (c instanceof HTMLInputElement && (c.type === 'submit' || c.type === 'image'))) return c;
  }
  return null;
}

const BLOCKS_IMPLICIT = new Set(['text', 'search', 'url', 'tel', 'email', 'password', 'date', 'month', 'week', 'time', 'datetime-local', 'number']);

/**
 * What the browser does for an Enter nobody took: a line break in a textarea (undoable, through
 * execCommand), a paragraph (or a line break with Shift) in a contenteditable, and implicit
 * submission for an `<input>` in a form (the default button, or the form itself when it has one
 * single-line field only). Ctrl/Alt/Meta+Enter have no default here.
 */
export function enterDefault(el, mods) {
  if (mods.ctrlKey || mods.altKey || mods.metaKey) return;
  const doc = docOf(el);
  if (el instanceof HTMLInputElement) {
    const form = el.form;
    if (!form) return;
    const button = defaultButton(form);
    if (button) {
      if (!button.disabled) form.requestSubmit(button);
      return;
    }
    const blocking = [...form.elements].filter((c) => c instanceof HTMLInputElement && BLOCKS_IMPLICIT.has(c.type));
    if (blocking.length === 1) form.requestSubmit();
    return;
  }
  focus(el);
  const command = el instanceof HTMLTextAreaElement || mods.shiftKey ? 'insertLineBreak' : 'insertParagraph';
  if (el.isContentEditable) {
    // Editors that take their edits from beforeinput (Slate, Lexical) do the break themselves and
    // say so; execCommand would change only the DOM behind their model.
    const before = new InputEvent('beforeinput', { inputType: command, bubbles: true, cancelable: true, composed: true });
    if (!el.dispatchEvent(before)) return;
  }
  let ok = false;
  try {
    ok = doc.execCommand(command, false);
  } catch {
    ok = false;
  }
  if (!ok) typeText(el, '\n');
}

/** Pages often test `keyCode === 13`; where the constructor ignores it (Firefox), set it here. */
function legacyCodes(event) {
  for (const name of ['keyCode', 'which']) {
    if (event[name] !== 13) Object.defineProperty(event, name, { value: 13 });
  }
  if (event.type === 'keypress' && event.charCode !== 13) Object.defineProperty(event, 'charCode', { value: 13 });
  return event;
}

/**
 * Creates the key handling for one frame. `deps`:
 * - `isExpandable(el)`: whether Rubrica types in `el`;
 * - `enterExpansion(el)`: when a trigger would fire on Enter at the caret of `el`, starts its
 *   expansion (without the newline) and returns its promise; else null. Must decide synchronously.
 * - `backspaceUndo(el)`: Backspace right after an expansion (restores the trigger); true if done;
 * - optional `typeText`, `deleteBackward`, `enterDefault`, `timeoutMs`.
 * Returns `{onKeydown, onPointerDown, track, discard, busy, pending}`; main.js registers `onKeydown` as a
 * capturing keydown listener on `window` at load, and input.js calls `track(el, promise)`
 * synchronously whenever it starts an expansion.
 */
export function createTyping(deps) {
  const type = deps.typeText ?? typeText;
  const del = deps.deleteBackward ?? deleteBackward;
  const enterAct = deps.enterDefault ?? enterDefault;
  const timeoutMs = deps.timeoutMs ?? IN_FLIGHT_TIMEOUT_MS;
  /** The expansion in flight: {el}; keys typed meanwhile wait in `queue`. */
  let flight = null;
  /** Held-back keys, in order: {el, kind: 'text' | 'enter' | 'act' | 'backspace', text, mods}. */
  const queue = [];
  /** Rubrica's own re-dispatched Enter: passes through untouched. */
  let synthetic = null;
  let draining = false;

  function settle(f) {
    if (flight !== f) return;
    flight = null;
    drain();
  }

  /** An expansion started in `el`: keys typed until `promise` settles (or times out) are held back. */
  function track(el, promise) {
    const f = { el };
    flight = f;
    const timer = setTimeout(() => settle(f), timeoutMs);
    Promise.resolve(promise)
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        // After the write's own events: replay in a later task, at the caret the write left.
        setTimeout(() => settle(f), 0);
      });
    return promise;
  }

  /** Re-dispatches Enter on `el` after an expansion; performs the default if the page did not take it. */
  function act(el, mods) {
    const init = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true, ...mods };
    const down = legacyCodes(new KeyboardEvent('keydown', init));
    synthetic = down;
    let taken;
    try {
      taken = !el.dispatchEvent(down);
      if (!taken) {
        const press = legacyCodes(new KeyboardEvent('keypress', { ...init, charCode: 13 }));
        synthetic = press;
        taken = !el.dispatchEvent(press);
      }
    } finally {
      synthetic = null;
    }
    if (!taken && el.isConnected) enterAct(el, mods);
  }

  /** Enter on `el`: a pending trigger expands first (Enter acts after it), else Enter acts now. */
  function enter(el, mods) {
    const started = deps.isExpandable(el) ? deps.enterExpansion(el) : null;
    if (!started) return false;
    track(el, started);
    queue.unshift({ el, kind: 'act', mods });
    return true;
  }

  /** Replays one held-back key; a promise when the field writes asynchronously (rich editors). */
  function replay(item) {
    switch (item.kind) {
      case 'text':
        return type(item.el, item.text);
      case 'backspace':
        if (!deps.backspaceUndo(item.el)) del(item.el);
        break;
      case 'enter':
        if (!enter(item.el, item.mods)) act(item.el, item.mods);
        break;
      case 'act':
        act(item.el, item.mods);
        break;
    }
  }

  /**
   * Replays held-back keys, one after the other (each waits for the previous write to land), until
   * none is left or one of them starts another expansion. Keys typed meanwhile join the queue.
   */
  async function drain() {
    if (draining) return;
    draining = true;
    try {
      while (!flight && queue.length > 0) {
        const pending = replay(queue.shift());
        if (pending && typeof pending.then === 'function') await pending.catch(() => {});
      }
    } finally {
      draining = false;
    }
  }

  /** Gives up waiting: the held-back keys are written now, as typed. */
  function flushNow() {
    flight = null;
    drain();
  }

  function onKeydown(event) {
    if (event === synthetic || !event.isTrusted) return;
    const el = eventTarget(event);
    if (flight || queue.length > 0 || draining) {
      if (MODIFIER_KEYS.has(event.key)) return;
      let item = null;
      if (event.isComposing || event.key === 'Process' || event.key === 'Dead') item = null;
      else if (event.key === 'Enter') item = { el, kind: 'enter', mods: modsOf(event) };
      else if (event.key === 'Backspace' && !event.ctrlKey && !event.altKey && !event.metaKey) item = { el, kind: 'backspace' };
      else if (isPrintable(event)) item = { el, kind: 'text', text: event.key };
      if (item && deps.isExpandable(el)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        queue.push(item);
        return;
      }
      // Any other key (arrows, Tab, shortcuts, a composition): what was held back goes in first.
      flushNow();
      return;
    }
    if (event.key === 'Enter' && !event.isComposing && enter(el, modsOf(event))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  /** A click may move the caret: held-back keys go in where they were typed, first. */
  function onPointerDown(event) {
    if (event.isTrusted && (flight || queue.length > 0 || draining)) flushNow();
  }

  /** The expansion opened the fill-in form instead: held-back keys are dropped, none replayed. */
  function discard() {
    flight = null;
    queue.length = 0;
  }

  return {
    onKeydown,
    onPointerDown,
    track,
    discard,
    busy: () => flight !== null,
    pending: () => queue.length,
  };
}
