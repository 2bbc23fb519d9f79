// Tiny DOM helpers shared by the dashboard and the popup. User-visible data always goes in as
// text nodes; only the constant SVG strings of icons.js are parsed as markup. Formatting of
// durations, money, dates and sizes lives in format.js.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * Creates an element: h('p', {class: 'muted', id: 'x'}, 'text', childNode).
 * Attributes: `class`, `dataset` (object), `on` ({event: handler}), booleans (true → present,
 * false/null/undefined → absent), anything else via setAttribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === 'html') el.innerHTML = value; // constant SVG markup only (icons.js)
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An inline icon from a constant SVG string, hidden from assistive technology. */
export function icon(svg, className = '') {
  return h('span', { class: `icon ${className}`.trim(), 'aria-hidden': 'true', html: svg });
}

/** Replaces all children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** "1 snippet" / "3 snippets". */
export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * One action at a time for a group of buttons (`ids`). While an action runs, every button of the
 * group says it is unavailable (`aria-disabled`: dimmed, still focusable, so keyboard focus stays
 * where it was) and a click on one is ignored: a second action would act on a state the screen may
 * already show as changed before the first has finished. Returns `run(action)`, which resolves to
 * whether the action ran.
 */
export function oneAtATime(ids) {
  let busy = false;
  const mark = (on) => {
    for (const id of ids) {
      const el = $(id);
      if (on) el?.setAttribute('aria-disabled', 'true');
      else el?.removeAttribute('aria-disabled');
    }
  };
  return async (action) => {
    if (busy) return false;
    busy = true;
    mark(true);
    try {
      await action();
    } finally {
      busy = false;
      mark(false);
    }
    return true;
  };
}
