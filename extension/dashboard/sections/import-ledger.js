// Outlier's earnings CSV (into the ledger) and Toggl's detailed CSV (into sessions) in the one
// Import area (docs/ledger.md): the background plans the import (`outlier.preview` /
// `toggl.preview`: added / duplicates / problems, new names), the user confirms, and the commit
// writes it in one `set`. The same file twice adds nothing; a malformed cell names its row and
// column and nothing is written.
import { h, icon, replace } from '../../shared/dom.js';
import { ICONS } from '../../shared/icons.js';
import { duration } from '../../shared/format.js';

/** `n` and its noun, plural unless one: "1 task", "2 tasks". */
const count = (n, noun) => `${n.toLocaleString()} ${noun}${n === 1 ? '' : 's'}`;

function countsLine(p) {
  return `${count(p.added, 'task')} to add, ${p.duplicates.toLocaleString()} already in the ledger, ${count(p.empty, 'row')} with no pay and no time.`;
}

/**
 * The preview card of a ledger import, with Import and Cancel: `badge` names the format, `body`
 * its counts and notes, `commit()` writes it and answers the line shown once done, `importing`
 * says what is written while a large file takes a moment.
 */
function planCard({ reload, out, reset, focusInput, errorView }, fileName, { badge, body, nothing, importing, commit: write }) {
  const commit = h('button', { type: 'button', class: 'btn btn-primary', id: 'import-commit', disabled: nothing }, icon(ICONS.upload), 'Import');
  const cancel = h('button', { type: 'button', class: 'btn', id: 'import-cancel' }, 'Cancel');
  const status = h('p', { class: 'small', role: 'status', id: 'import-progress' });
  cancel.addEventListener('click', () => { reset(); focusInput(); });
  commit.addEventListener('click', async () => {
    commit.disabled = true;
    cancel.disabled = true;
    // A large file takes a moment: say so while it is written.
    const slow = setTimeout(() => { status.textContent = importing; }, 300);
    try {
      const line = await write();
      clearTimeout(slow);
      reset();
      replace(out, h('div', { class: 'alert alert-success', role: 'status', id: 'import-done' }, icon(ICONS.check),
        h('p', {}, h('strong', {}, `Imported ${fileName}. `), line)));
      await reload();
    } catch (e) {
      clearTimeout(slow);
      status.textContent = '';
      commit.disabled = false;
      cancel.disabled = false;
      out.append(errorView(e, fileName));
    }
  });
  replace(out, h('section', { class: 'card stack', 'aria-labelledby': 'import-preview-title', id: 'import-preview' },
    h('div', { class: 'row-between wrap' },
      h('h3', { id: 'import-preview-title' }, 'Preview: ', h('span', { class: 'mono' }, fileName)),
      h('span', { class: 'badge badge-accent' }, badge)),
    ...body,
    status,
    h('div', { class: 'row' }, commit, cancel)));
}

/** Shows the plan of an Outlier file in `out`, with Import and Cancel. */
export async function showOutlierPlan(ctx, fileName, text) {
  const { send, MSG, out } = ctx;
  replace(out, h('p', { class: 'small muted', role: 'status' }, `Reading ${fileName} (Outlier earnings)…`));
  const plan = await send(MSG.OUTLIER_PREVIEW, { fileName, text });
  planCard(ctx, fileName, {
    badge: 'Outlier earnings',
    nothing: plan.added === 0,
    importing: `Importing ${count(plan.added, 'task')}…`,
    commit: async () => {
      const done = await send(MSG.OUTLIER_COMMIT, { fileName, text });
      return `${count(done.added, 'task')} added to the ledger, ${done.duplicates.toLocaleString()} already there.`;
    },
    body: [
      h('p', { class: 'small', id: 'import-counts' }, countsLine(plan)),
      plan.newPlatform ? h('p', { class: 'small' }, 'The platform “Outlier” will be added.') : null,
      plan.newTaskTypes.length ? h('p', { class: 'small' }, `New task types: ${plan.newTaskTypes.join(', ')}.`) : null,
      h('p', { class: 'small muted' }, 'Mission rewards and overtime pay count as bonuses: in your true hourly rate, not in the base rate.'),
    ],
  });
}

/**
 * How the file's dates were read (the core's `dates`, `datesGuessed`): said plainly; when every
 * date could be day first or month first, a warning with the choice of the two (`choose(dayFirst)`
 * previews the file again read that way).
 */
function datesNote(plan, choose) {
  if (plan.datesGuessed) {
    const dayFirst = plan.dates === 'dayFirst';
    const select = h('select', { class: 'select', id: 'import-dates-order' },
      h('option', { value: 'month' }, 'Month first (MM/DD/YYYY)'),
      h('option', { value: 'day' }, 'Day first (DD/MM/YYYY)'));
    select.value = dayFirst ? 'day' : 'month';
    select.addEventListener('change', () => choose(select.value === 'day'));
    const read = dayFirst
      ? 'Dates read day first (DD/MM/YYYY), as you chose'
      : 'Dates read month first (MM/DD/YYYY, Toggl\'s default)';
    return h('div', { class: 'alert alert-warn stack-tight', id: 'import-dates', role: 'note' },
      h('p', {}, `${read}: every date in this file could be read either way (03/04 is 4 March month first, 3 April day first). Pick the date format of your Toggl profile, or the sessions land on the wrong days.`),
      h('label', { class: 'field', for: 'import-dates-order' }, h('span', { class: 'field-label small' }, 'Dates in this file are'), select));
  }
  if (plan.dates === 'iso') return null;
  const how = plan.dates === 'dayFirst' ? 'day first (DD/MM/YYYY)' : 'month first (MM/DD/YYYY)';
  return h('p', { class: 'small muted', id: 'import-dates' }, `Dates read ${how}, as the file's dates show.`);
}

/** The sessions' time in brackets, as every duration is written (shared/format.js); none for none. */
const timeOf = (n, ms) => (n > 0 ? ` (${duration(ms)})` : '');

/**
 * Shows the plan of a Toggl (or Clockify) detailed CSV in `out`, with Import and Cancel;
 * `dayFirst` reads dates that read either way day first (the person's choice in the preview).
 */
export async function showTogglPlan(ctx, fileName, text, dayFirst = false) {
  const { send, MSG, out } = ctx;
  replace(out, h('p', { class: 'small muted', role: 'status', id: 'import-progress' }, `Reading ${fileName} (Toggl time entries)…`));
  const plan = await send(MSG.TOGGL_PREVIEW, { fileName, text, dayFirst });
  // Read again the other way; the choice keeps the focus.
  const choose = (first) => showTogglPlan(ctx, fileName, text, first)
    .then(() => out.querySelector('#import-dates-order')?.focus())
    .catch((e) => out.append(ctx.errorView(e, fileName)));
  planCard(ctx, fileName, {
    badge: 'Toggl time entries',
    nothing: plan.added === 0,
    importing: `Importing ${count(plan.added, 'session')}…`,
    commit: async () => {
      const done = await send(MSG.TOGGL_COMMIT, { fileName, text, dayFirst });
      return `${count(done.added, 'session')} added${timeOf(done.added, done.addedMs)}, ${done.duplicates.toLocaleString()} already there.`;
    },
    body: [
      h('p', { class: 'small', id: 'import-counts' },
        `${count(plan.added, 'session')} to add${timeOf(plan.added, plan.addedMs)}, ${plan.duplicates.toLocaleString()} already in your sessions.`),
      plan.newPlatforms.length ? h('p', { class: 'small' }, `New platforms: ${plan.newPlatforms.join(', ')}.`) : null,
      plan.newTaskTypes.length ? h('p', { class: 'small' }, `New task types: ${plan.newTaskTypes.join(', ')}.`) : null,
      datesNote(plan, choose),
      h('p', { class: 'small muted' }, 'Client becomes the platform and Project the task type; paused time counts as discarded idle. Amounts are not imported: pay lives on tasks.'),
    ],
  });
}
