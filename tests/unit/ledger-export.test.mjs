// The ledger's CSV exports, written by the built full core (dist/rubrica/core, run in Node) and
// read back by an independent parser (PapaParse): every column is where Toggl and Clockify expect
// it, and the tasks CSV round-trips every stored field. Needs `./build.sh` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';

const CORE = new URL('../../dist/rubrica/core/', import.meta.url);
const H = 3_600_000;
const M = 60_000;
const DAY0 = Date.UTC(2026, 2, 16); // a Monday

async function core() {
  const wasm = await import(new URL('rubrica_full.js', CORE).href);
  await wasm.default({ module_or_path: await readFile(new URL('rubrica_full_bg.wasm', CORE)) });
  return wasm;
}

const meta = (id, t = DAY0) => ({ id, createdAt: t, updatedAt: t });
const usd = (minor) => ({ minor, currency: 'USD' });

function snapshot() {
  const session = { ...meta('ses_1', DAY0 + 9 * H), platformId: 'plt_o', taskTypeId: 'tty_p', startedAt: DAY0 + 9 * H, endedAt: DAY0 + 11 * H,
    events: [{ kind: 'start', at: DAY0 + 9 * H }, { kind: 'idle', at: DAY0 + 10 * H }, { kind: 'discard', at: DAY0 + 10 * H + 30 * M, from: DAY0 + 10 * H },
      { kind: 'stop', at: DAY0 + 11 * H }] };
  const tasks = {
    tsk_1: { ...meta('tsk_1'), sessionId: 'ses_1', platformId: 'plt_o', taskTypeId: 'tty_p', startedAt: DAY0 + 9 * H, submittedAt: DAY0 + 10 * H,
      status: 'rejected', payExpected: usd(1500), criteriaCited: ['accuracy', 'tone'], feedback: 'Says "always", which is wrong, twice.\nSee B.', payStatus: 'pending', isBonus: false },
    tsk_2: { ...meta('tsk_2'), platformId: 'plt_o', startedAt: DAY0 + 12 * H, status: 'approved', payConfirmed: usd(2000), isBonus: true, payStatus: 'paid', paidAt: DAY0 + 13 * H, criteriaCited: [] },
  };
  return {
    'sessions/2026-03': { ses_1: session },
    'tasks/2026-03': tasks,
    platforms: { plt_o: { ...meta('plt_o', 0), name: 'Outlier, Inc.', payModel: 'hourly' } },
    taskTypes: { tty_p: { ...meta('tty_p', 0), platformId: 'plt_o', name: 'Pairwise' } },
  };
}

const parse = (text) => {
  const r = Papa.parse(text, { header: true, skipEmptyLines: true });
  assert.deepEqual(r.errors, []);
  return r;
};

test('Toggl and Clockify CSVs have their columns, local times and time without discarded idle', async () => {
  const wasm = await core();
  const book = new wasm.LedgerBook();
  book.load(snapshot(), DAY0 + 20 * H);
  const zone = { transitions: [{ from: 0, offsetMin: 60 }] }; // UTC+1
  const toggl = parse(book.exportCsv('toggl', DAY0, DAY0 + 24 * H, zone));
  assert.deepEqual(toggl.meta.fields, ['User', 'Email', 'Client', 'Project', 'Task', 'Description', 'Billable', 'Start date', 'Start time', 'End date', 'End time', 'Duration', 'Tags', 'Amount (USD)']);
  assert.equal(toggl.data.length, 1);
  const row = toggl.data[0];
  // 09:00–11:00 UTC is 10:00–12:00 at UTC+1; 2 h minus the 30 discarded minutes.
  assert.deepEqual([row.Client, row.Project, row['Start date'], row['Start time'], row['End time'], row.Duration],
    ['Outlier, Inc.', 'Pairwise', '2026-03-16', '10:00:00', '12:00:00', '1:30:00']);
  const clockify = parse(book.exportCsv('clockify', DAY0, DAY0 + 24 * H, zone));
  assert.equal(clockify.meta.fields.length, 17);
  assert.equal(clockify.data[0]['Duration (decimal)'], '1.50');
  assert.throws(() => book.exportCsv('excel', DAY0, DAY0 + H, zone), /toggl, clockify or tasks/);
});

test('the amount columns name the currency exported: EUR, and one column per currency', async () => {
  const wasm = await core();
  const book = new wasm.LedgerBook();
  const stored = snapshot();
  // The platform pays in EUR and the session's task was paid €12.50; a second session on a GBP
  // platform was paid £8.00.
  stored.platforms.plt_o.currency = 'EUR';
  stored.platforms.plt_g = { ...meta('plt_g', 0), name: 'Prolific', payModel: 'hourly', currency: 'GBP' };
  stored['tasks/2026-03'].tsk_1 = { ...stored['tasks/2026-03'].tsk_1, status: 'approved', payConfirmed: { minor: 1250, currency: 'EUR' } };
  book.load(stored, DAY0 + 20 * H);
  const zone = { transitions: [{ from: 0, offsetMin: 0 }] };
  const euro = parse(book.exportCsv('toggl', DAY0, DAY0 + 24 * H, zone, 'USD'));
  assert.equal(euro.meta.fields.at(-1), 'Amount (EUR)');
  assert.equal(euro.data[0]['Amount (EUR)'], '12.50');
  const clockify = parse(book.exportCsv('clockify', DAY0, DAY0 + 24 * H, zone));
  assert.deepEqual(clockify.meta.fields.slice(-2), ['Billable Rate (EUR)', 'Billable Amount (EUR)']);
  assert.equal(clockify.data[0]['Billable Rate (EUR)'], '8.33', '12.50 over 1.5 hours');
  const two = new wasm.LedgerBook();
  stored['sessions/2026-03'].ses_2 = { ...meta('ses_2', DAY0 + 14 * H), platformId: 'plt_g', startedAt: DAY0 + 14 * H, endedAt: DAY0 + 15 * H,
    events: [{ kind: 'start', at: DAY0 + 14 * H }, { kind: 'stop', at: DAY0 + 15 * H }] };
  stored['tasks/2026-03'].tsk_3 = { ...meta('tsk_3'), sessionId: 'ses_2', platformId: 'plt_g', startedAt: DAY0 + 14 * H, status: 'approved', payConfirmed: { minor: 800, currency: 'GBP' } };
  two.load(stored, DAY0 + 20 * H);
  const both = parse(two.exportCsv('toggl', DAY0, DAY0 + 24 * H, zone));
  assert.deepEqual(both.meta.fields.slice(-2), ['Amount (EUR)', 'Amount (GBP)']);
  assert.deepEqual(both.data.map((r) => [r['Amount (EUR)'], r['Amount (GBP)']]), [['12.50', ''], ['', '8.00']]);
});

test('the tasks CSV round-trips every field', async () => {
  const wasm = await core();
  const book = new wasm.LedgerBook();
  const stored = snapshot();
  // As the dashboard loads it (ledger/book.js): UTF-8 JSON bytes.
  assert.deepEqual(book.loadJson(new TextEncoder().encode(JSON.stringify(stored)), DAY0 + 20 * H), [2, 1]);
  assert.throws(() => book.loadJson(new Uint8Array([0xff, 0xfe]), 0), /not UTF-8/);
  const { data, meta: m } = parse(book.exportCsv('tasks', DAY0, DAY0 + 24 * H, { transitions: [] }));
  assert.equal(m.fields.length, 25);
  assert.equal(data.length, 2);
  for (const row of data) {
    const t = stored['tasks/2026-03'][row.id];
    assert.equal(Number(row.startedAt), t.startedAt);
    assert.equal(row.status, t.status);
    assert.equal(row.payStatus, t.payStatus);
    assert.equal(row.isBonus, String(t.isBonus));
    assert.equal(row.feedback, t.feedback ?? '', 'quotes, commas and line breaks survive');
    assert.deepEqual(row.criteriaCited ? row.criteriaCited.split('; ') : [], t.criteriaCited);
    const pay = (x) => (x ? (x.minor / 100).toFixed(2) : '');
    assert.equal(row.payExpected, pay(t.payExpected));
    assert.equal(row.payConfirmed, pay(t.payConfirmed));
    assert.equal(row.paidAt, t.paidAt ? String(t.paidAt) : '');
    assert.equal(row.platform, 'Outlier, Inc.');
  }
});
