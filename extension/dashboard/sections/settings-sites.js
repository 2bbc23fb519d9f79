// Settings → Sites: where text expansion runs (docs/sites.md). The built-in task platforms, each
// of which can be turned off and on, and the sites the user enabled, each of which can be removed.
// A site can also be added here: the browser's permission prompt is asked for in the click.
import { api, send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import {
  PLATFORM_HOSTS, disabledPlatforms, extraHosts, normalizeHost, platformHostFor, sitePattern,
} from '../../shared/sites.js';
import { grantedPatterns } from '../../shared/site-access.js';
import { h, icon, replace } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';

const LOCAL = new Set(['localhost', '127.0.0.1']);

/** Element ids may not hold every host character in selectors; keep them simple and unique. */
const idFor = (prefix, host) => `${prefix}-${host.replace(/[^a-z0-9-]/g, '_')}`;

async function hasAccess(host) {
  return (await grantedPatterns(api.permissions, host)).length > 0;
}

/** Asks the browser for access to `host`; call it straight from a click or key handler. */
function ask(host) {
  try {
    return api.permissions.request({ origins: [sitePattern(host)] });
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * Builds the Sites card. Returns `{el, sync(settings)}`; `sync` redraws the lists from settings
 * (after any change, from here, the popup or another window) and keeps keyboard focus in place.
 */
export function sitesCard() {
  const status = h('p', { class: 'field-status', id: 'set-sites-status', role: 'status', 'aria-live': 'polite' });
  const say = (kind, text) => {
    status.className = `field-status ${kind === 'error' ? 'status-error' : 'status-ok'}`;
    replace(status, kind === 'error' ? icon(ICONS.alert) : icon(ICONS.check), ' ', text);
  };
  let settings = {};
  // Changes run in the order they were made, one after another: none is dropped (a switch flipped
  // while another change is saved would otherwise show a state that was never stored).
  let queue = Promise.resolve();
  function run(action) {
    queue = queue.then(action).catch((e) => say('error', e.message));
    return queue;
  }

  // --- add a site ---
  const input = h('input', {
    type: 'text', class: 'input site-add-input', id: 'set-site-host', autocomplete: 'off', spellcheck: 'false',
    inputmode: 'url', placeholder: 'tasks.example.com', 'aria-describedby': 'set-site-host-hint set-sites-status',
  });
  const add = h('button', { type: 'button', class: 'btn btn-primary', id: 'set-site-add' }, 'Enable');
  function onAdd() {
    const host = normalizeHost(input.value);
    if (!host) {
      input.setAttribute('aria-invalid', 'true');
      say('error', 'Enter a web site such as tasks.example.com (a full address works too).');
      input.focus();
      return;
    }
    input.setAttribute('aria-invalid', 'false');
    // Ask for access now, inside the click or Enter: the browser shows its prompt only then.
    const asking = platformHostFor(host) ? Promise.resolve(true) : ask(host);
    run(async () => {
      if (!(await asking)) {
        say('error', `Access to ${host} was not allowed, so expansion stays off there.`);
        return;
      }
      await send(MSG.SITE_ENABLE, { host });
      input.value = '';
      say('ok', platformHostFor(host)
        ? `${platformHostFor(host)} is a built-in task platform: expansion is on there.`
        : `Enabled on ${host}. Type a trigger in any of its pages, open ones included.`);
    });
  }
  add.addEventListener('click', onAdd);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onAdd();
    }
  });
  const addRow = h('div', { class: 'field-row' },
    h('div', { class: 'field' }, h('label', { class: 'field-label', for: 'set-site-host' }, 'Enable another site'),
      h('p', { class: 'field-hint', id: 'set-site-host-hint' },
        'Rubrica asks your browser for access to that one site. On the site itself, “Enable on this site” in the toolbar popup does the same.')),
    h('div', { class: 'field-control' }, input, add));

  // --- the sites the user enabled ---
  const extraList = h('ul', { class: 'site-list', id: 'set-extra-sites', 'aria-labelledby': 'set-extra-title' });
  async function remove(host) {
    await run(async () => {
      const { released } = await send(MSG.SITE_DISABLE, { host });
      say('ok', `Removed ${host}${released ? ': Rubrica gave up its access to it' : ''}. Expansion stops there at once.`);
    });
  }
  function allow(host) {
    const asking = ask(host);
    run(async () => {
      if (!(await asking)) {
        say('error', `Access to ${host} was not allowed.`);
        return;
      }
      await send(MSG.SITE_ENABLE, { host });
      say('ok', `Rubrica has access to ${host} again.`);
    });
  }
  async function drawExtra() {
    const hosts = extraHosts(settings);
    const access = await Promise.all(hosts.map(hasAccess));
    if (hosts.length === 0) {
      return [h('li', { class: 'site-empty muted' },
        'None yet. Open a site and choose “Enable on this site” in Rubrica’s toolbar popup, or enter it above.')];
    }
    return hosts.map((host, i) => h('li', { class: 'field-row site-row' },
      h('div', { class: 'field' },
        h('span', { class: 'field-label mono', id: idFor('site-name', host) }, host),
        h('p', { class: 'field-hint', id: idFor('site-hint', host) }, access[i]
          ? 'Enabled by you. Expansion runs in every page of this site.'
          : 'Enabled by you, but Rubrica has no access to it now (it was removed in the browser). Allow access to use triggers there.')),
      h('div', { class: 'field-control' },
        access[i] ? null : h('button', { type: 'button', class: 'btn', id: idFor('site-allow', host),
          'aria-describedby': idFor('site-hint', host), on: { click: () => allow(host) } }, 'Allow access'),
        h('button', { type: 'button', class: 'btn', id: idFor('site-remove', host), 'aria-label': `Remove ${host}`,
          'aria-describedby': idFor('site-hint', host), on: { click: () => remove(host) } }, 'Remove'))));
  }

  // --- built-in platforms ---
  const platformList = h('ul', { class: 'site-list', id: 'set-platform-sites', 'aria-labelledby': 'set-platform-title' });
  function drawPlatforms() {
    const off = new Set(disabledPlatforms(settings));
    return PLATFORM_HOSTS.map((host) => {
      const id = idFor('site-switch', host);
      const on = !off.has(host);
      const sw = h('input', { type: 'checkbox', role: 'switch', class: 'switch', id, checked: on,
        'aria-describedby': idFor('site-hint', host) });
      sw.addEventListener('change', () => {
        const want = sw.checked;
        run(async () => {
          await send(want ? MSG.SITE_ENABLE : MSG.SITE_DISABLE, { host });
          say('ok', want ? `Expansion is on at ${host}.` : `Expansion is off at ${host}.`);
        });
      });
      const what = LOCAL.has(host) ? 'Pages on this computer (self-hosted tools such as Label Studio).' : 'Task platform, with its subdomains.';
      return h('li', { class: 'field-row site-row' },
        h('div', { class: 'field' },
          h('label', { class: 'field-label mono', for: id }, host),
          h('p', { class: 'field-hint', id: idFor('site-hint', host) }, on ? what : `Turned off. ${what}`)),
        h('div', { class: 'field-control' }, sw));
    });
  }

  let drawing = Promise.resolve();
  function sync(next) {
    settings = next ?? {};
    drawing = drawing.then(async () => {
      const focused = document.activeElement?.id;
      const inLists = focused && (extraList.contains(document.activeElement) || platformList.contains(document.activeElement));
      replace(extraList, await drawExtra());
      replace(platformList, drawPlatforms());
      if (inLists) {
        // The row may be gone (a removed site): then focus goes to the list's heading area.
        (document.getElementById(focused) ?? input).focus();
      }
    });
    return drawing;
  }

  const el = h('section', { class: 'card card-lg', 'aria-labelledby': 'settings-sites', id: 'settings-sites-card' },
    h('h2', { id: 'settings-sites', class: 'settings-group' }, 'Sites'),
    h('p', { class: 'field-hint' },
      'Where triggers expand. Rubrica runs on the built-in task platforms out of the box; any other site only after you enable it. The pause switch above stops expansion everywhere.'),
    addRow,
    status,
    h('h3', { class: 'site-list-title', id: 'set-extra-title' }, 'Sites you enabled'),
    extraList,
    h('h3', { class: 'site-list-title', id: 'set-platform-title' }, 'Built-in task platforms'),
    platformList);
  return { el, sync };
}
