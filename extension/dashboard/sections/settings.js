// Settings: one form, every preference, saved on change with an inline status per control.
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { applyTheme } from '../../shared/theme.js';
import { h, icon } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { sectionHead } from './coming.js';
import { sitesCard } from './settings-sites.js';
import { checkerCard } from './settings-checker.js';

const NUMBERS = {
  'set-idle-threshold': {
    label: 'Idle after', unit: 'minutes', min: 0.25, step: 0.25, max: 1440,
    hint: 'No keyboard or mouse input for this long counts as idle time. At least 15 seconds (0.25 min).',
    get: (s) => (s.session?.idleThresholdSec ?? 300) / 60,
    check: (v) => (v * 60 >= 15 ? null : 'Use at least 0.25 minutes (15 seconds); browsers cannot detect idle sooner.'),
    patch: (v) => ({ session: { idleThresholdSec: Math.round(v * 60) } }),
  },
  'set-focus-block': {
    label: 'Focus block', unit: 'minutes', min: 1, step: 1, max: 1440,
    hint: 'Suggest a break after this many minutes of work. Guides recommend 90.',
    get: (s) => s.session?.focusBlockMin ?? 90,
    check: (v) => (Number.isInteger(v) && v >= 1 ? null : 'Use a whole number of minutes, 1 or more.'),
    patch: (v) => ({ session: { focusBlockMin: v } }),
  },
  'set-rejection-alert': {
    label: 'Same-criterion alert', unit: 'rejections', min: 1, step: 1, max: 100,
    hint: 'Alert me when this many rejections of one task type cite the same criterion.',
    get: (s) => s.alerts?.sameCriterionRejections ?? 3,
    check: (v) => (Number.isInteger(v) && v >= 1 ? null : 'Use a whole number, 1 or more.'),
    patch: (v) => ({ alerts: { sameCriterionRejections: v } }),
  },
  'set-rejection-window': {
    label: 'Same-criterion window', unit: 'days', min: 1, step: 1, max: 365,
    hint: 'Count those rejections within this many days.',
    get: (s) => s.alerts?.rejectionWindowDays ?? 14,
    check: (v) => (Number.isInteger(v) && v >= 1 ? null : 'Use a whole number of days, 1 or more.'),
    patch: (v) => ({ alerts: { rejectionWindowDays: v } }),
  },
  'set-export-reminder': {
    label: 'Backup reminder', unit: 'days', min: 0, step: 1, max: 365,
    hint: 'Remind me to export a backup after this many days. 0 turns the reminder off.',
    get: (s) => s.alerts?.exportReminderDays ?? 14,
    check: (v) => (Number.isInteger(v) && v >= 0 ? null : 'Use a whole number of days, 0 or more.'),
    patch: (v) => ({ alerts: { exportReminderDays: v } }),
  },
  'set-near-duplicate': {
    label: 'Near-duplicate warning', unit: '% similar', min: 1, step: 1, max: 100,
    hint: 'Warn me when a text is at least this similar to a library entry (a copy is 100 %, a light edit 60–90 %).',
    get: (s) => s.library?.nearDuplicatePercent ?? 50,
    check: (v) => (Number.isInteger(v) && v >= 1 && v <= 100 ? null : 'Use a whole number from 1 to 100.'),
    patch: (v) => ({ library: { nearDuplicatePercent: v } }),
  },
};

const SWITCHES = {
  'set-expansion-enabled': {
    label: 'Expand triggers as I type', hint: 'Runs on the built-in task platforms and sites you enable. Off pauses expansion everywhere.',
    get: (s) => s.expansion?.enabled !== false, patch: (v) => ({ expansion: { enabled: v } }),
  },
  'set-backspace-undo': {
    label: 'Backspace undoes an expansion', hint: 'Press Backspace right after an expansion to get the trigger back. Ctrl+Z works too.',
    get: (s) => s.expansion?.backspaceUndo !== false, patch: (v) => ({ expansion: { backspaceUndo: v } }),
  },
};

function statusEl(id) {
  return h('p', { class: 'field-status', id: `${id}-status`, role: 'status', 'aria-live': 'polite' });
}

function row(id, label, hint, control) {
  return h('div', { class: 'field-row' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: id }, label),
      h('p', { class: 'field-hint', id: `${id}-hint` }, hint)),
    h('div', { class: 'field-control' }, control),
    statusEl(id));
}

function group(id, title, ...rows) {
  return h('section', { class: 'card card-lg', 'aria-labelledby': id }, h('h2', { id, class: 'settings-group' }, title), ...rows);
}

export default {
  id: 'settings',
  title: 'Settings',
  icon: 'settings',
  render(ctx) {
    const controls = {};
    const timers = {};

    function show(id, kind, text) {
      const el = document.getElementById(`${id}-status`);
      const input = controls[id];
      clearTimeout(timers[id]);
      if (input && input.type !== 'radio') input.setAttribute('aria-invalid', String(kind === 'error'));
      if (!el) return;
      el.className = `field-status ${kind === 'error' ? 'status-error' : 'status-ok'}`;
      el.replaceChildren(kind === 'error' ? icon(ICONS.alert) : icon(ICONS.check), ' ', text);
      if (kind !== 'error') timers[id] = setTimeout(() => el.replaceChildren(), 4000);
    }

    async function save(id, patch) {
      try {
        const settings = await send(MSG.SETTINGS_UPDATE, { patch });
        ctx.setSettings(settings);
        applyTheme(settings.theme);
        show(id, 'ok', 'Saved');
      } catch (e) {
        show(id, 'error', e.message);
      }
    }

    const s = ctx.state?.settings ?? {};
    // Theme: a radio group drawn as a segmented control.
    const themes = ['system', 'light', 'dark'].map((value) => {
      const input = h('input', { type: 'radio', name: 'theme', value, id: `set-theme-${value}` });
      input.addEventListener('change', () => input.checked && save('set-theme', { theme: value }));
      controls[`set-theme-${value}`] = input;
      return h('label', {}, input, h('span', {}, value[0].toUpperCase() + value.slice(1)));
    });
    const themeRow = h('div', { class: 'field-row' },
      h('div', { class: 'field' }, h('span', { class: 'field-label', id: 'set-theme-label' }, 'Theme'),
        h('p', { class: 'field-hint', id: 'set-theme-hint' }, 'System follows your operating system’s light or dark mode.')),
      h('div', { class: 'field-control' }, h('div', { class: 'segmented', role: 'radiogroup', id: 'set-theme',
        'aria-labelledby': 'set-theme-label', 'aria-describedby': 'set-theme-hint' }, themes)),
      statusEl('set-theme'));

    const switchRows = Object.entries(SWITCHES).map(([id, f]) => {
      const input = h('input', { type: 'checkbox', role: 'switch', class: 'switch', id, 'aria-describedby': `${id}-hint` });
      input.addEventListener('change', () => save(id, f.patch(input.checked)));
      controls[id] = input;
      return row(id, f.label, f.hint, input);
    });

    const numberRow = (id) => {
      const f = NUMBERS[id];
      const input = h('input', { type: 'number', class: 'input', id, min: f.min, max: f.max, step: f.step,
        inputmode: 'decimal', 'aria-describedby': `${id}-hint ${id}-status` });
      input.addEventListener('change', () => {
        const v = Number(input.value);
        const problem = input.value.trim() === '' || !Number.isFinite(v) ? 'Enter a number.' : f.check(v);
        if (problem) show(id, 'error', problem);
        else save(id, f.patch(v));
      });
      controls[id] = input;
      return row(id, f.label, f.hint, [input, h('span', { class: 'unit', 'aria-hidden': 'true' }, f.unit)]);
    };

    const currency = h('input', { type: 'text', class: 'input input-code', id: 'set-currency', maxlength: '3',
      autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'set-currency-hint set-currency-status' });
    currency.addEventListener('change', () => {
      const code = currency.value.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code)) show('set-currency', 'error', 'Use a three-letter ISO code such as USD, EUR or GBP.');
      else save('set-currency', { currency: code });
    });
    controls['set-currency'] = currency;

    function sync(settings) {
      for (const [id, f] of Object.entries(NUMBERS)) {
        const el = controls[id];
        if (document.activeElement !== el && el.getAttribute('aria-invalid') !== 'true') el.value = String(f.get(settings));
      }
      for (const [id, f] of Object.entries(SWITCHES)) controls[id].checked = f.get(settings);
      for (const t of ['system', 'light', 'dark']) controls[`set-theme-${t}`].checked = (settings.theme ?? 'system') === t;
      if (document.activeElement !== currency && currency.getAttribute('aria-invalid') !== 'true') currency.value = settings.currency ?? 'USD';
    }

    const sites = sitesCard();
    const checker = checkerCard({ save, show });

    const form = h('form', { class: 'stack-lg', id: 'settings-form', 'aria-label': 'Settings', novalidate: true },
      group('settings-appearance', 'Appearance', themeRow),
      group('settings-expansion', 'Text expansion', ...switchRows),
      sites.el,
      group('settings-sessions', 'Work sessions', numberRow('set-idle-threshold'), numberRow('set-focus-block')),
      group('settings-alerts', 'Alerts and reminders', numberRow('set-rejection-alert'), numberRow('set-rejection-window'), numberRow('set-export-reminder')),
      checker.el,
      group('settings-library', 'Justification library', numberRow('set-near-duplicate')),
      group('settings-money', 'Money', row('set-currency', 'Currency', 'Used for new platforms and in reports (ISO 4217 code).', [currency, h('span', { class: 'unit', 'aria-hidden': 'true' })])));
    form.addEventListener('submit', (e) => e.preventDefault());
    sync(s);
    sites.sync(s);
    checker.sync(s);
    this.update = (state) => {
      sync(state?.settings ?? {});
      sites.sync(state?.settings ?? {});
      checker.sync(state?.settings ?? {});
    };
    return h('div', { class: 'stack-lg', id: 'section-settings' },
      sectionHead('Preferences', 'Settings', 'Changes save as you make them and apply to the popup and every task page.'),
      form);
  },
};
