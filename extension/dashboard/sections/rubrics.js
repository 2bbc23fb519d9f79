// Rubrics, the rubric notebook: the list (the default one marked), the editor with the rubric
// checker (rubric-editor.js), "Paste a rubric" (rubric-paste.js), delete with Undo, and "Use as
// default rubric".
import { send } from '../../shared/runtime.js';
import { MSG } from '../../shared/contract.js';
import { h, replace, plural } from '../../shared/dom.js';
import { sectionHead } from './coming.js';
import { fetchLibrary } from '../library-data.js';
import { toast } from '../toast.js';
import { rubricEditor } from './rubric-editor.js';
import { pasteForm } from './rubric-paste.js';

export default {
  id: 'rubrics',
  title: 'Rubrics',
  icon: 'rubrics',
  countKey: 'rubrics',
  render(ctx) {
    let lib = { rubrics: [], activeRubricId: null };
    let openId = undefined; // undefined: closed; null: new
    const list = h('ul', { class: 'rubric-list', id: 'rubric-list' });
    const slot = h('div', { id: 'rubric-editor-slot' });
    const newBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'rubric-new' }, '+ New rubric');
    const pasteBtn = h('button', { type: 'button', class: 'btn', id: 'rubric-paste-open' }, 'Paste a rubric');

    function open(r, notice) {
      openId = r?.id ?? null;
      replace(slot, rubricEditor(r, lib, {
        notice,
        onSaved: async (record) => { await refresh(); open(record); toast(`Saved ${record.name}.`); },
        onDelete: remove,
        onDefault: setDefault,
        onClose: () => { openId = undefined; replace(slot); newBtn.focus(); },
      }));
      slot.querySelector('#rubric-editor-title')?.focus();
    }

    async function setDefault(r) {
      try {
        const settings = await send(MSG.SETTINGS_UPDATE, { patch: { defaultRubricId: r.id } });
        ctx.setSettings?.(settings);
        await refresh();
        if (openId === r.id) open(lib.rubrics.find((x) => x.id === r.id) ?? r);
        toast(`${r.name} is now the default rubric.`);
      } catch (e) {
        toast(`Could not change the default: ${e.message}`);
      }
    }

    async function remove(r) {
      try {
        await send(MSG.RUBRIC_DELETE, { id: r.id });
        openId = undefined;
        replace(slot);
        await refresh();
        newBtn.focus();
        toast(`Deleted ${r.name}.`, { label: 'Undo', id: 'rubric-undo', run: async () => {
          await send(MSG.RUBRIC_RESTORE, { id: r.id });
          await refresh();
          toast(`Restored ${r.name}.`);
        } });
      } catch (e) {
        toast(`Could not delete: ${e.message}`);
      }
    }

    async function refresh() {
      try {
        lib = await fetchLibrary();
      } catch (e) {
        replace(list, h('li', { class: 'alert alert-danger', role: 'alert' }, `Could not load rubrics: ${e.message}`));
        return;
      }
      if (!lib.rubrics.length) {
        replace(list, h('li', { class: 'card empty', id: 'rubric-empty' }, h('h3', {}, 'No rubrics yet'),
          h('p', {}, 'Write down a project’s rubric once, then cite its criteria from every justification with {criterion: key}.')));
      } else {
        replace(list, lib.rubrics.map((r) => {
          const isDefault = r.id === lib.activeRubricId;
          const b = h('button', { type: 'button', class: 'rubric-open card', dataset: { id: r.id }, 'aria-current': openId === r.id ? 'true' : false },
            h('span', { class: 'row-between' }, h('strong', {}, r.name), isDefault ? h('span', { class: 'badge badge-on rubric-default-badge' }, 'Default') : null),
            h('span', { class: 'small muted' }, `${plural(r.criteria.length, 'criterion', 'criteria')}${r.builtin ? ' · starter' : ''}`),
            h('span', { class: 'row wrap' }, r.criteria.slice().sort((a, b2) => a.priority - b2.priority).slice(0, 4)
              .map((c) => h('code', { class: 'chip' }, c.key))));
          b.addEventListener('click', () => open(r));
          return h('li', {}, b);
        }));
      }
    }
    newBtn.addEventListener('click', () => open(null));
    pasteBtn.addEventListener('click', () => {
      openId = undefined;
      replace(slot, pasteForm({
        onDraft: ({ rubric, notice }) => open(rubric, notice),
        onClose: () => { replace(slot); pasteBtn.focus(); },
      }));
      slot.querySelector('#rubric-paste-text')?.focus();
    });
    /** `#rubrics?rubric=ID&criterion=KEY` (the rejection alert's link): open that rubric with the
     * cited criterion's card marked, scrolled to and its key field focused and selected. */
    function openWanted() {
      const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
      const r = lib.rubrics.find((x) => x.id === params.get('rubric'));
      if (!r) return;
      open(r);
      const wanted = (params.get('criterion') ?? '').toLowerCase();
      const card = [...slot.querySelectorAll('li.criterion')].find((li) => {
        const key = li.querySelector('[data-part="key"]')?.value.toLowerCase();
        const name = li.querySelector('[data-part="name"]')?.value.toLowerCase();
        return wanted && (key === wanted || name === wanted);
      });
      if (!card) return;
      card.classList.add('criterion-cited');
      card.setAttribute('aria-current', 'true');
      card.scrollIntoView({ block: 'center' });
      const key = card.querySelector('[data-part="key"]');
      key?.focus();
      key?.select?.();
    }
    this.update = () => refresh();
    refresh().then(openWanted);
    return h('div', { class: 'stack-lg', id: 'section-rubrics' },
      h('div', { class: 'row-between wrap section-head-row' },
        sectionHead('Library', 'Rubrics', 'Your rubric notebook: criteria in priority order, with the phrases you cite, your notes, and a checker that flags vague or generic criteria.'),
        h('div', { class: 'row' }, pasteBtn, newBtn)),
      slot,
      list);
  },
};
