// The checkers' view, shared by every editor in the dashboard (the snippet editor, the rubric
// notebook, and the library's justification editor): wavy underlines under the spans a checker
// found, drawn on a backdrop behind the text field (the field itself stays a plain textarea or
// input, so typing, undo and screen readers work as usual), and a list of the findings with their
// suggestions; choosing a finding selects its words in the field.
//
//   const view = underlines(textarea);          // once per field
//   view.set(findings);                          // [{span: {start, end}, rule, message, suggestion}]
//   findingsList(listEl, findings, {fieldOf, titleOf});
//   liveCheck(field, run, show);                 // debounced: run(text) → findings → show(findings)
//
// Spans are UTF-16 offsets, as the core returns them. Nothing here touches storage.
import { h, replace } from '../shared/dom.js';

const CHECK_DELAY_MS = 160;
const COPY = [
  'boxSizing', 'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'borderTopWidth',
  'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'fontFamily', 'fontSize', 'fontWeight',
  'fontStyle', 'letterSpacing', 'wordSpacing', 'lineHeight', 'textIndent', 'tabSize', 'textTransform',
];

/**
 * Wraps `field` (a textarea or text input) so spans can be underlined. Returns `{box, set(findings),
 * clear()}`: `box` is what to put in the page where the field would go (the field is inside it).
 */
export function underlines(field) {
  const wrap = h('div', { class: 'chk-wrap' });
  const backdrop = h('div', { class: 'chk-backdrop', 'aria-hidden': 'true' });
  field.parentNode?.insertBefore(wrap, field);
  wrap.append(backdrop, field);
  field.classList.add('chk-field');
  const multi = field instanceof HTMLTextAreaElement;
  let spans = [];
  const sync = () => {
    backdrop.scrollTop = field.scrollTop;
    backdrop.scrollLeft = field.scrollLeft;
  };
  function draw() {
    const style = getComputedStyle(field);
    for (const p of COPY) backdrop.style[p] = style[p];
    backdrop.style.borderColor = 'transparent';
    backdrop.style.borderStyle = 'solid';
    backdrop.style.whiteSpace = multi ? 'pre-wrap' : 'pre';
    backdrop.style.overflowWrap = multi ? 'break-word' : 'normal';
    const text = field.value;
    const parts = [];
    let at = 0;
    for (const f of spans) {
      const { start, end } = f.span;
      if (start < at || end > text.length || end <= start) continue;
      parts.push(text.slice(at, start));
      parts.push(h('mark', { class: `chk-mark chk-${f.rule}`, dataset: { rule: f.rule } }, text.slice(start, end)));
      at = end;
    }
    parts.push(text.slice(at));
    // A trailing new line needs a character after it to take up its line.
    parts.push(multi ? '\u200b' : '');
    replace(backdrop, parts);
    sync();
  }
  field.addEventListener('scroll', sync, { passive: true });
  field.addEventListener('input', () => { if (spans.length) draw(); });
  new ResizeObserver(() => sync()).observe(field);
  return {
    box: wrap,
    set(findings) {
      spans = (findings ?? []).filter((f) => f.span && f.span.end > f.span.start)
        .sort((a, b) => a.span.start - b.span.start);
      field.toggleAttribute('data-findings', spans.length > 0);
      draw();
    },
    clear() {
      spans = [];
      field.removeAttribute('data-findings');
      draw();
    },
  };
}

/**
 * Fills `list` (a `ul`) with the findings: the rule's title, what is wrong and what to do.
 * `fieldOf(finding)` names the field a finding's span is in (to select it when the finding is
 * chosen); `titleOf(rule)` gives the rule's title (from the core's rule table).
 */
export function findingsList(list, findings, { fieldOf = () => null, titleOf = (r) => r, empty = 'Nothing to flag.' } = {}) {
  if (!findings.length) {
    replace(list, h('li', { class: 'chk-none small muted' }, empty));
    return;
  }
  replace(list, findings.map((f) => {
    const field = fieldOf(f);
    const show = f.span && field ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm chk-show' }, 'Show') : null;
    show?.addEventListener('click', () => {
      field.focus();
      field.setSelectionRange(f.span.start, f.span.end);
    });
    return h('li', { class: 'chk-finding', dataset: { rule: f.rule } },
      h('div', { class: 'row-between' }, h('strong', { class: 'small' }, titleOf(f.rule)), show),
      h('p', { class: 'small chk-message' }, f.message),
      h('p', { class: 'small muted chk-suggestion' }, f.suggestion));
  }));
}

/** Runs `run(text)` (sync or async) after each pause in typing in `field`, then `show(findings)`. */
export function liveCheck(fields, run, show) {
  let timer = 0;
  let seq = 0;
  const go = async () => {
    const mine = (seq += 1);
    let findings = [];
    try {
      findings = (await run()) ?? [];
    } catch {
      findings = [];
    }
    if (mine === seq) show(findings);
  };
  const schedule = () => { clearTimeout(timer); timer = setTimeout(go, CHECK_DELAY_MS); };
  for (const f of [].concat(fields)) f.addEventListener('input', schedule);
  go();
  return { schedule, now: go };
}

/** The rule table from the page core, as `Map(id → rule)`. */
export function ruleTitles(wasm) {
  try {
    return new Map(wasm.checkerRules().map((r) => [r.id, r]));
  } catch {
    return new Map();
  }
}
