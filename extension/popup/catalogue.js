// The popup's platforms and task types: the two pickers, the names a session is shown with, and
// the inline "Add a platform" / "Add a task type" forms. The catalogue is the core's answer
// (`catalogue.get`); every change goes to the background as a message.
import { send } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { $ } from '../shared/dom.js';
import { duration, sessionSubject } from '../shared/format.js';
import { fitNote, guardNamePaste } from '../shared/name-fit.js';

/** Live platforms and task types, by name, for the pickers. */
let picks = { platforms: [], taskTypes: [] };
/** Every record's name by id, deleted ones too: a past session keeps naming its platform. */
let names = { platforms: {}, taskTypes: {} };
let settingsNow = null;

/** Tells screen readers what just happened (the popup's polite live region). */
export function announce(text) {
  $('session-live').textContent = text;
}

export async function loadCatalogue() {
  const catalogue = await send(MSG.CATALOGUE_GET);
  // With no platform picked, every platform's task types in one list, by name as before.
  const taskTypes = catalogue.platforms.flatMap((p) => p.taskTypes).sort((a, b) => a.name.localeCompare(b.name));
  picks = { platforms: catalogue.platforms, taskTypes };
  names = catalogue.names;
}

/** A platform's currency code ("USD"), or null when there is none or it is unknown. */
export function currencyOf(platformId) {
  return picks.platforms.find((p) => p.id === platformId)?.currency ?? null;
}

/** Minor digits of `currency` as the core gave them with an amount in the catalogue; null if none did. */
export function digitsOf(currency) {
  for (const p of picks.platforms) {
    for (const t of p.taskTypes) {
      const a = t.rateNow?.amount;
      if (a?.currency === currency) return a.digits;
    }
  }
  return null;
}

/** The rate in force of a task type (`{kind, amount: {minor, currency, digits}}`), or null. */
export function rateOf(taskTypeId) {
  return picks.taskTypes.find((t) => t.id === taskTypeId)?.rateNow ?? null;
}

/** Whether any platform exists yet (the "no platforms yet" note). */
export const hasPlatforms = () => picks.platforms.length > 0;

/** Whether the catalogue names the session's platform and task type (else it is older than they are). */
export function knows(session) {
  const known = (map, id) => !id || Object.hasOwn(map, id);
  return !session || (known(names.platforms, session.platformId) && known(names.taskTypes, session.taskTypeId));
}

/** "Outlier · Rating" for a session (and its open task's type), `none` without a platform. */
export function subjectOf(session, openTask, none) {
  if (!session) return '';
  const name = (map, id) => (Object.hasOwn(map, id) ? map[id] : null);
  const platform = session.platformId ? name(names.platforms, session.platformId) ?? 'Unknown platform' : null;
  const typeId = openTask?.taskTypeId ?? session.taskTypeId;
  const taskType = typeId ? name(names.taskTypes, typeId) ?? 'unknown task type' : null;
  return sessionSubject(platform, taskType, none);
}

function option(value, label, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

export function renderPickers(settings = settingsNow) {
  settingsNow = settings;
  const platform = $('session-platform');
  const current = platform.value || settings?.session?.lastPlatformId || '';
  platform.replaceChildren(option('', 'No platform', current === ''),
    ...picks.platforms.map((p) => option(p.id, p.name, p.id === current)));
  const taskType = $('session-task-type');
  const chosen = taskType.value || settings?.session?.lastTaskTypeId || '';
  const types = picks.taskTypes.filter((t) => !platform.value || t.platformId === platform.value);
  taskType.replaceChildren(option('', 'Any task type', chosen === ''),
    ...types.map((t) => option(t.id, t.name, t.id === chosen)));
  $('session-pick-note').hidden = hasPlatforms();
  // A task type belongs to a platform: offer to add one once a platform is picked.
  const chosenPlatform = picks.platforms.find((p) => p.id === platform.value);
  $('tasktype-add-toggle').hidden = !chosenPlatform;
  if (!chosenPlatform) showForm('tasktype', false);
  $('tasktype-for').textContent = chosenPlatform ? `For ${chosenPlatform.name}.` : '';
}

/** Opens or closes one of the inline "add" forms (`platform` or `tasktype`); one at a time. */
export function showForm(which, open) {
  const form = $(`${which}-add`);
  form.hidden = !open;
  $(`${which}-add-toggle`).setAttribute('aria-expanded', String(open));
  if (open) {
    const other = which === 'platform' ? 'tasktype' : 'platform';
    $(`${other}-add`).hidden = true;
    $(`${other}-add-toggle`).setAttribute('aria-expanded', 'false');
    $(`${which}-name`).focus();
  }
}

// ---- names cut at a word ----------------------------------------------------------------------

/**
 * The name fields hold at most `maxlength` characters. A paste goes through shared/name-fit.js:
 * kept whole, cut after its last whole word that fits, or refused when its first word does not
 * fit; a note beside the field (`#<which>-note`) says which. Returns `{cut, limit, reset()}`:
 * whether the name in the field was cut.
 */
function watchLength(which) {
  const input = $(`${which}-name`);
  const note = $(`${which}-note`);
  const limit = input.maxLength;
  let cut = false;
  let refused = false;
  guardNamePaste(input, (status) => {
    cut = cut || status === 'cut';
    refused = status === 'refused';
    note.textContent = fitNote(cut && status === 'whole' ? 'cut' : status, limit);
  });
  // A cut note stays while the cut name is in the field (it goes when the field is emptied); a
  // refusal's note goes with the next edit.
  input.addEventListener('input', () => {
    if (input.value === '') cut = false;
    if (input.value === '' || refused) {
      refused = false;
      note.textContent = fitNote(cut ? 'cut' : 'whole', limit);
    }
  });
  return {
    get cut() {
      return cut;
    },
    limit,
    reset() {
      cut = false;
      note.textContent = '';
    },
  };
}

/** After a name was cut: the saved name, visibly, until the next add or start. */
function savedNameNote(kind, name, field) {
  const { cut, limit } = field;
  const note = $('session-name-note');
  note.textContent = cut ? `The ${kind} was saved as “${name}”, cut at a word to fit ${limit} characters.` : '';
  note.hidden = !cut;
  return cut ? ` Its name was cut at a word to fit ${limit} characters.` : '';
}

export function hideSavedNameNote() {
  $('session-name-note').hidden = true;
}

export function wireCatalogue() {
  const platformName = watchLength('platform');
  const taskTypeName = watchLength('tasktype');
  $('session-platform').addEventListener('change', () => renderPickers());
  $('platform-add-toggle').addEventListener('click', () => showForm('platform', $('platform-add').hidden));
  $('tasktype-add-toggle').addEventListener('click', () => showForm('tasktype', $('tasktype-add').hidden));
  $('platform-add').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const platform = await send(MSG.PLATFORM_CREATE, { name: $('platform-name').value });
      $('platform-error').textContent = '';
      $('platform-name').removeAttribute('aria-invalid');
      $('platform-name').value = '';
      const cutNote = savedNameNote('platform', platform.name, platformName);
      platformName.reset();
      // The pickers are brought up to date before the form closes: a click that follows the close
      // (Add a task type) must find the popup in its final state, not have its form closed by
      // a render still under way.
      await loadCatalogue();
      $('session-platform').value = '';
      renderPickers();
      $('session-platform').value = platform.id;
      renderPickers();
      showForm('platform', false);
      $('session-platform').focus();
      announce(`Platform ${platform.name} added and selected.${cutNote}`);
    } catch (err) {
      $('platform-error').textContent = err.message;
      $('platform-name').setAttribute('aria-invalid', 'true');
    }
  });
  $('tasktype-add').addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = $('tasktype-name');
    const cap = $('tasktype-cap');
    const fail = (message, field) => {
      $('tasktype-error').textContent = message;
      for (const el of [name, cap]) {
        if (el === field) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
      }
    };
    const capText = cap.value.trim();
    if (capText !== '' && !/^\d+$/.test(capText)) {
      fail('A time cap is a whole number of minutes between 1 and 1440, or empty for none.', cap);
      return;
    }
    const taskType = { platformId: $('session-platform').value, name: name.value };
    if (capText !== '') taskType.timeCapMin = Number(capText);
    try {
      const created = await send(MSG.TASK_TYPE_CREATE, { taskType });
      fail('', null);
      name.value = '';
      cap.value = '';
      const cutNote = savedNameNote('task type', created.name, taskTypeName);
      taskTypeName.reset();
      await loadCatalogue();
      $('session-task-type').value = '';
      renderPickers();
      $('session-task-type').value = created.id;
      showForm('tasktype', false);
      $('session-task-type').focus();
      const capNote = created.timeCapMs ? ` with a ${duration(created.timeCapMs)} cap` : '';
      announce(`Task type ${created.name}${capNote} added and selected.${cutNote}`);
    } catch (err) {
      fail(err.message, /cap/i.test(err.message) ? cap : name);
    }
  });
}
