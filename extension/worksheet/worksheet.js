// The scoring worksheet (docs/checkers.md), in the browser's side panel beside a task page: score
// Response A and B per criterion of the rubric (digits and arrows), note the evidence in a few
// words; the page's core ranks them under the rubric's priority order and weights (a
// disqualifying failure decides first) and drafts a justification citing, in priority order, the
// criteria where they differ. The user edits the draft; only on confirm does it go, through the
// background, to the task page's field, written as an expansion is.
import { send, api } from '../shared/runtime.js';
import { MSG } from '../shared/contract.js';
import { applyTheme } from '../shared/theme.js';
import { h, replace } from '../shared/dom.js';
import { pageCore } from '../shared/page-core.js';
import { verdictText } from '../shared/verdict.js';
import { loadTasks, saveWithTask } from './save.js';

const $ = (id) => document.getElementById(id);
const SCALE = [1, 5];
const COLS = ['a', 'b', 'evidence'];

let lib = { rubrics: [], activeRubricId: null };
let rubric = null;
let scores = new Map(); // key → {a, b, evidence}
let draftEdited = false;
let tabId = null;

/** The tab this worksheet works with: `?tab=ID` (set when it was opened), else the active tab. */
async function boundTab() {
  const fromUrl = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  try {
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    return Number.isInteger(tab?.id) ? tab.id : null;
  } catch {
    return null;
  }
}

function status(text, kind = 'ok') {
  replace($('ws-status'), text ? h('p', { class: `small ${kind === 'error' ? 'status-error' : 'status-ok'}` }, text) : null);
}

function criteria() {
  return [...(rubric?.criteria ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
}

function cell(c, col) {
  const s = scores.get(c.key) ?? {};
  const name = c.name || c.key;
  if (col === 'evidence') {
    const input = h('input', { class: 'input ws-evidence', id: `ws-${c.key}-evidence`, value: s.evidence ?? '', autocomplete: 'off',
      'aria-label': `${name}: evidence, in a few words`, dataset: { key: c.key, col } });
    input.addEventListener('input', () => { scores.set(c.key, { ...scores.get(c.key), evidence: input.value }); rank(); });
    return input;
  }
  return h('input', { class: 'input ws-score', id: `ws-${c.key}-${col}`, value: s[col] ?? '', inputmode: 'numeric', maxlength: '1',
    autocomplete: 'off', 'aria-label': `${name}: Response ${col.toUpperCase()} score, ${SCALE[0]} to ${SCALE[1]}`, dataset: { key: c.key, col } });
}

function draw() {
  const rows = criteria().map((c) => h('tr', { dataset: { key: c.key } },
    h('th', { scope: 'row', class: 'ws-crit' }, c.name || c.key,
      c.disqualifying ? h('span', { class: 'badge badge-warn' }, 'disqualifying') : null,
      c.weight !== undefined ? h('span', { class: 'badge' }, `×${c.weight}`) : null),
    ...COLS.map((col) => h('td', {}, cell(c, col)))));
  replace($('ws-rows'), rows.length ? rows : h('tr', {}, h('td', { colspan: '4' }, 'This rubric has no criteria yet: add them in the dashboard’s Rubrics section.')));
  rank();
}

/** Moves focus to the cell `dRow` rows and `dCol` columns away from `el`. */
function moveFrom(el, dRow, dCol) {
  const keys = criteria().map((c) => c.key);
  const row = keys.indexOf(el.dataset.key) + dRow;
  const col = COLS.indexOf(el.dataset.col) + dCol;
  if (row < 0 || row >= keys.length || col < 0 || col >= COLS.length) return;
  $(`ws-${keys[row]}-${COLS[col]}`)?.focus();
}

function onKey(e) {
  const el = e.target;
  if (!el?.dataset?.key) return;
  const isScore = el.dataset.col !== 'evidence';
  if (isScore && /^[0-9]$/.test(e.key)) {
    e.preventDefault();
    const v = Number(e.key);
    if (v < SCALE[0] || v > SCALE[1]) { status(`Scores go from ${SCALE[0]} to ${SCALE[1]}.`, 'error'); return; }
    el.value = String(v);
    scores.set(el.dataset.key, { ...scores.get(el.dataset.key), [el.dataset.col]: v });
    status('');
    rank();
    if (el.dataset.col === 'a') moveFrom(el, 0, 1);
    else moveFrom(el, 1, -1);
    return;
  }
  if (isScore && (e.key === 'Backspace' || e.key === 'Delete')) {
    e.preventDefault();
    el.value = '';
    const s = { ...scores.get(el.dataset.key) };
    delete s[el.dataset.col];
    scores.set(el.dataset.key, s);
    rank();
    return;
  }
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const m = moves[e.key];
  if (!m || (!isScore && m[1] !== 0)) return; // arrows edit text in the evidence notes
  e.preventDefault();
  moveFrom(el, m[0], m[1]);
}

/** The worksheet as the core ranks it: criteria in priority order, their scores, the scale. */
function sheetOf() {
  const cs = criteria();
  return {
    criteria: cs.map((c) => ({ key: c.key, name: c.name, priority: c.priority ?? 0, weight: c.weight ?? null,
      disqualifying: !!c.disqualifying, phrases: c.phrases ?? [] })),
    scores: cs.map((c) => { const s = scores.get(c.key) ?? {}; return { key: c.key, a: s.a ?? null, b: s.b ?? null, evidence: s.evidence ?? '' }; }),
    scale: SCALE,
  };
}

async function rank() {
  const { wasm } = await pageCore();
  const cs = criteria();
  const sheet = sheetOf();
  let r;
  try {
    r = wasm.rankWorksheet(sheet);
  } catch (e) {
    status(e.message, 'error');
    return;
  }
  $('ws-verdict').textContent = verdictText(r, (key) => cs.find((c) => c.key === key)?.name)
    + (r.unscored.length ? ` Not scored yet: ${r.unscored.length}.` : '');
  for (const tr of $('ws-rows').querySelectorAll('tr[data-key]')) tr.classList.toggle('ws-diff', r.differing.includes(tr.dataset.key));
  if (!draftEdited) $('ws-draft').value = r.draft;
}

async function insert() {
  const text = $('ws-draft').value;
  if (!text.trim()) { status('The draft is empty.', 'error'); return; }
  if (!Number.isInteger(tabId)) { status('This worksheet is not bound to a task tab: open it from the task page.', 'error'); return; }
  try {
    const { written } = await send(MSG.WORKSHEET_INSERT, { tabId, text });
    if (written) status('Inserted into the task field.');
    else status('Nothing was inserted: click in the task’s field first, then insert again.', 'error');
  } catch (e) {
    status(e.message, 'error');
  }
}

function pickRubric(id) {
  rubric = lib.rubrics.find((r) => r.id === id) ?? lib.rubrics[0] ?? null;
  scores = new Map();
  draftEdited = false;
  $('ws-regenerate').hidden = true;
  draw();
}

async function start() {
  $('ws-rows').addEventListener('keydown', onKey);
  $('ws-draft').addEventListener('input', () => { draftEdited = true; $('ws-regenerate').hidden = false; });
  $('ws-regenerate').addEventListener('click', () => { draftEdited = false; $('ws-regenerate').hidden = true; rank(); });
  $('ws-insert').addEventListener('click', () => { $('ws-confirm').hidden = false; $('ws-confirm-yes').focus(); });
  $('ws-confirm-no').addEventListener('click', () => { $('ws-confirm').hidden = true; $('ws-insert').focus(); });
  $('ws-confirm-yes').addEventListener('click', async () => { $('ws-confirm').hidden = true; await insert(); $('ws-insert').focus(); });
  $('ws-rubric').addEventListener('change', (e) => pickRubric(e.target.value));
  $('ws-save').addEventListener('click', () => saveWithTask(() => ({ rubric, sheet: sheetOf() }), status));
  tabId = await boundTab();
  try {
    const state = await send(MSG.STATE_GET);
    applyTheme(state?.settings?.theme);
  } catch {
    // The default theme.
  }
  try {
    lib = await send(MSG.LIBRARY_GET);
  } catch (e) {
    status(`Could not load the rubrics: ${e.message}`, 'error');
    return;
  }
  replace($('ws-rubric'), lib.rubrics.map((r) => h('option', { value: r.id, selected: r.id === lib.activeRubricId }, r.name)));
  pickRubric(lib.activeRubricId);
  await loadTasks();
  document.querySelector('.ws-score')?.focus();
}

start();
