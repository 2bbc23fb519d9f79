// The catalogue card of the Sessions section: every platform with its task types (time cap, rate
// in force, earlier rates kept, rubric), each editable in place (task-type-editor.js). The rate in
// force and each amount's digits are the core's (`catalogue.get`).
import { h, replace, plural } from '../../../shared/dom.js';
import { duration, money } from '../../../shared/format.js';
import { taskTypeEditor } from './task-type-editor.js';
import { say } from './status.js';

/** "$25.00 per hour" / "€3.50 per task". */
function rateText(rate) {
  const amount = money(rate.amount, rate.amount.digits);
  return `${amount} ${rate.kind === 'hourly' ? 'per hour' : 'per task'}`;
}

function taskTypeRow(tt, platform, rubrics, saved) {
  const rate = tt.rateNow;
  const earlier = tt.rates.length - (rate ? 1 : 0);
  const rubricName = rubrics.find((r) => r.id === tt.rubricId)?.name;
  const slot = h('div', {});
  const editBtn = h('button', { type: 'button', class: 'btn btn-ghost', 'aria-label': `Edit task type ${tt.name}`, 'aria-expanded': 'false' }, 'Edit');
  const details = [
    tt.timeCapMs ? `${duration(tt.timeCapMs)} cap` : 'No cap',
    rate ? rateText(rate) : 'No rate',
    earlier > 0 ? `${plural(earlier, 'earlier rate')} kept` : null,
    rubricName ? `Rubric: ${rubricName}` : tt.rubricId ? 'Rubric deleted' : null,
  ].filter(Boolean).join(' · ');
  // A refresh skipped while this editor was open (see refreshCatalogue) runs when it closes.
  const catchUp = () => {
    if (slot.closest('[data-stale]')) saved();
  };
  editBtn.addEventListener('click', () => {
    if (slot.firstChild) {
      replace(slot);
      editBtn.setAttribute('aria-expanded', 'false');
      catchUp();
      return;
    }
    editBtn.setAttribute('aria-expanded', 'true');
    slot.append(taskTypeEditor(tt, platform, rubrics, (done) => {
      replace(slot);
      editBtn.setAttribute('aria-expanded', 'false');
      if (done) {
        say(`Task type ${done.name} saved.`);
        saved();
      } else {
        editBtn.focus();
        catchUp();
      }
    }));
  });
  return h('li', { class: 'tasktype-item', dataset: { taskTypeId: tt.id } },
    h('div', { class: 'row-between' },
      h('div', { class: 'stack-tight' }, h('strong', {}, tt.name), h('span', { class: 'small muted' }, details)),
      editBtn),
    slot);
}

/**
 * Fills `catalog` with the platforms and their task types. `records` is a promise of the
 * catalogue (`{platforms: [{…, taskTypes}]}`, live records by name) with `rubrics`; `saved()` runs
 * after an edit.
 */
export async function refreshCatalogue(catalog, records, saved) {
  try {
    const { platforms, rubrics } = await records;
    // Storage changes elsewhere (a lap, a heartbeat, another tab) must not close a task type
    // editor under the user and lose what they typed: while one is open the catalogue waits, and
    // catches up when it closes.
    if (catalog.querySelector('form.tasktype-edit')) {
      catalog.dataset.stale = 'true';
      return;
    }
    delete catalog.dataset.stale;
    const head = h('h2', { class: 'card-title', id: 'sessions-catalog-title' }, 'Platforms and task types');
    if (platforms.length === 0) {
      replace(catalog, head, h('p', { class: 'muted small' }, 'No platforms yet. Add one, and its task types, from the toolbar popup when you start a session.'));
      return;
    }
    replace(catalog, head, platforms.map((p) => {
      const mine = p.taskTypes;
      const headId = `plt-${p.id}`;
      return h('section', { class: 'stack-tight catalog-platform', 'aria-labelledby': headId },
        h('h3', { class: 'catalog-platform-name', id: headId }, p.name, ' ', h('span', { class: 'small muted' }, p.currency ?? '')),
        mine.length === 0
          ? h('p', { class: 'small muted' }, 'No task types yet: add one from the popup with this platform selected.')
          : h('ul', { class: 'tasktype-list', 'aria-labelledby': headId }, mine.map((t) => taskTypeRow(t, p, rubrics, saved))));
    }));
  } catch (e) {
    say(`Platforms could not be loaded: ${e.message}`, 'error');
  }
}
