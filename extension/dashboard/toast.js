// One toast at a time at the bottom of the dashboard: a short status with an optional action
// (Undo). It is a polite live region, so screen readers hear it without losing their place.
import { h, replace } from '../shared/dom.js';

let timer = null;

function host() {
  let el = document.getElementById('toast');
  if (!el) {
    el = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
    document.body.append(el);
  }
  return el;
}

/** Shows `message`; `action` is `{label, id, run}` (run may be async). Hides after `ms`. */
export function toast(message, action = null, ms = 10_000) {
  const el = host();
  clearTimeout(timer);
  const button = action
    ? h('button', { type: 'button', class: 'btn btn-ghost toast-action', id: action.id ?? 'toast-action' }, action.label)
    : null;
  button?.addEventListener('click', async () => {
    button.disabled = true;
    hideToast();
    await action.run();
  });
  replace(el, h('span', {}, message), button);
  el.hidden = false;
  timer = setTimeout(hideToast, ms);
}

export function hideToast() {
  clearTimeout(timer);
  const el = document.getElementById('toast');
  if (el) el.hidden = true;
}
