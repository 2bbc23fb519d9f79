// The ZoneOffsets probe (extension/shared/zone.js) against modelled zones and the real TZ database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { zoneOffsets, offsetAt } from '../../extension/shared/zone.js';

const H = 3_600_000;
const D = 24 * H;
const Y2026 = Date.UTC(2026, 0, 1);

/** A modelled zone: offsets (minutes) switching at the given UTC instants. */
const model = (base, switches) => (t) => {
  let off = base;
  for (const [from, o] of switches) if (t >= from) off = o;
  return off;
};

// Documented limit: two transitions inside one day-step that cancel out are invisible (no real zone does that).
test('a fixed zone has one transition at the padded start', () => {
  const z = zoneOffsets(Y2026, Y2026 + 30 * D, () => 330);
  assert.deepEqual(z, { transitions: [{ from: Y2026 - D, offsetMin: 330 }] });
});

test('finds each transition to the millisecond', () => {
  const spring = Date.UTC(2026, 2, 8, 7); // New York 2026-03-08 02:00 EST
  const fall = Date.UTC(2026, 10, 1, 6);
  const z = zoneOffsets(Y2026, Date.UTC(2026, 11, 31), model(-300, [[spring, -240], [fall, -300]]));
  assert.deepEqual(z.transitions.slice(1), [
    { from: spring, offsetMin: -240 },
    { from: fall, offsetMin: -300 },
  ]);
  // strictly increasing `from`
  for (let i = 1; i < z.transitions.length; i++) assert.ok(z.transitions[i].from > z.transitions[i - 1].from);
});

test('a second transition less than a day after the first is found (probing resumes at the first)', () => {
  // Start of range is padded by a day, so day-steps land at Y2026 + k·D − D; a is between steps.
  const a = Y2026 + 10 * D + 2 * H;
  const b = a + 23 * H;
  const z = zoneOffsets(Y2026, Y2026 + 20 * D, model(0, [[a, 60], [b, 0]]));
  assert.deepEqual(z.transitions.slice(1), [{ from: a, offsetMin: 60 }, { from: b, offsetMin: 0 }]);
});

test('the real zone database agrees (TZ=America/New_York, Europe/Berlin, Asia/Kolkata)', () => {
  const here = fileURLToPath(new URL('../../extension/shared/zone.js', import.meta.url));
  const script = `import('${here}').then(({zoneOffsets}) => console.log(JSON.stringify(zoneOffsets(${Y2026}, ${Y2026 + 364 * D}))))`;
  const want = {
    'America/New_York': [-300, -240, -300],
    'Europe/Berlin': [60, 120, 60],
    'Asia/Kolkata': [330],
  };
  for (const [tz, offsets] of Object.entries(want)) {
    const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    const z = JSON.parse(r.stdout);
    assert.deepEqual(z.transitions.map((t) => t.offsetMin), offsets, tz);
  }
  // New York 2026 spring forward: 2026-03-08T07:00:00Z
  const r = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8' });
  assert.equal(JSON.parse(r.stdout).transitions[1].from, Date.UTC(2026, 2, 8, 7));
  assert.equal(Object.is(offsetAt(0), -0), false);
});
