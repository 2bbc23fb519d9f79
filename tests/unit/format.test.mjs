// extension/shared/format.js: durations through both paths (Intl.DurationFormat, injected here,
// and the fallback Node 20 uses), money, dates, sizes and session names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  UI_LOCALE, durationParts, durationWriters, duration, clock, badgeDuration,
  decimalAmount, money, dateTime, timeOfDay, dayLabel, byteSize, sessionSubject,
} from '../../extension/shared/format.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

test('durationParts rounds down to whole seconds; negative and missing count as zero', () => {
  assert.deepEqual(durationParts(H + 5 * M + 12 * S + 999), { hours: 1, minutes: 5, seconds: 12 });
  assert.deepEqual(durationParts(26 * H), { hours: 26, minutes: 0, seconds: 0 });
  for (const v of [-5, 0, NaN, undefined, Infinity]) assert.deepEqual(durationParts(v), { hours: 0, minutes: 0, seconds: 0 });
});

const fallback = durationWriters(undefined);

test('fallback figures: seconds under a minute, then whole minutes with their units', () => {
  const cases = [
    [0, '0 sec'], [999, '0 sec'], [1 * S, '1 sec'], [45 * S, '45 sec'], [59 * S + 999, '59 sec'],
    [M, '1 min'], [M + 59 * S, '1 min'], [12 * M + 30 * S, '12 min'],
    [H, '1 hr'], [H + 5 * M + 12 * S, '1 hr, 5 min'], [26 * H + 3 * M, '26 hr, 3 min'],
    [1234 * H + M, '1,234 hr, 1 min'], [-M, '0 sec'],
  ];
  for (const [ms, want] of cases) assert.equal(fallback.duration(ms), want, String(ms));
});

test('fallback clock: seconds too, zero units left out', () => {
  const cases = [
    [0, '0 sec'], [3 * S, '3 sec'], [M, '1 min'], [3 * M + 4 * S, '3 min, 4 sec'],
    [H + 12 * S, '1 hr, 12 sec'], [H + 5 * M + 12 * S, '1 hr, 5 min, 12 sec'],
  ];
  for (const [ms, want] of cases) assert.equal(fallback.clock(ms), want, String(ms));
});

/** A stand-in for Intl.DurationFormat that records how it was built and what it was given. */
function fakeDurationFormat(log) {
  return class {
    constructor(locale, options) {
      this.options = options;
      log.push({ locale, options });
    }

    format(parts) {
      return `${this.options.secondsDisplay ?? 'auto'}:${JSON.stringify(parts)}`;
    }
  };
}

test('with Intl.DurationFormat: the UI locale, short style, whole minutes for figures, "always" only for zero', () => {
  const log = [];
  const intl = durationWriters(fakeDurationFormat(log));
  assert.deepEqual(log, [
    { locale: UI_LOCALE, options: { style: 'short' } },
    { locale: UI_LOCALE, options: { style: 'short', secondsDisplay: 'always' } },
  ]);
  assert.equal(intl.duration(H + 5 * M + 12 * S), 'auto:{"hours":1,"minutes":5,"seconds":0}');
  assert.equal(intl.duration(45 * S), 'auto:{"hours":0,"minutes":0,"seconds":45}');
  assert.equal(intl.duration(0), 'always:{"hours":0,"minutes":0,"seconds":0}');
  assert.equal(intl.clock(H + 5 * M + 12 * S), 'auto:{"hours":1,"minutes":5,"seconds":12}');
  assert.equal(intl.clock(400), 'always:{"hours":0,"minutes":0,"seconds":0}');
});

test('each duration text is written by Intl once, then kept (DurationFormat is slow in Chromium)', () => {
  let calls = 0;
  const Counting = class extends fakeDurationFormat([]) {
    format(parts) {
      calls += 1;
      return super.format(parts);
    }
  };
  const intl = durationWriters(Counting);
  const first = intl.duration(H + 5 * M + 12 * S);
  // The same minutes again (seconds are dropped from figures), and the clock's own text.
  assert.equal(intl.duration(H + 5 * M + 40 * S), first);
  assert.equal(calls, 1);
  assert.equal(intl.clock(H + 5 * M + 12 * S), 'auto:{"hours":1,"minutes":5,"seconds":12}');
  assert.equal(intl.clock(H + 5 * M + 12 * S), 'auto:{"hours":1,"minutes":5,"seconds":12}');
  assert.equal(calls, 2);
  assert.equal(intl.duration(0), 'always:{"hours":0,"minutes":0,"seconds":0}');
  assert.equal(calls, 3);
});

test('the fallback writes what Intl.DurationFormat writes (where this Node has it)', { skip: typeof Intl.DurationFormat !== 'function' && 'no Intl.DurationFormat in this Node' }, () => {
  const intl = durationWriters(Intl.DurationFormat);
  for (const ms of [0, 45 * S, M, 12 * M, H, H + 5 * M + 12 * S, 26 * H + 3 * M, 1234 * H + M]) {
    assert.equal(intl.duration(ms), fallback.duration(ms), String(ms));
    assert.equal(intl.clock(ms), fallback.clock(ms), String(ms));
  }
});

test('the module-level writers pick a path by feature detection', () => {
  const path = typeof Intl.DurationFormat === 'function' ? durationWriters(Intl.DurationFormat) : fallback;
  assert.equal(duration(H + 5 * M), path.duration(H + 5 * M));
  assert.equal(clock(3 * S), path.clock(3 * S));
  assert.equal(duration(40 * S), '40 sec', 'a session under a minute does not read as zeros');
});

test('badgeDuration fits four characters and names its unit', () => {
  const cases = [[0, '0m'], [59 * S, '0m'], [12 * M, '12m'], [59 * M, '59m'], [H, '1h00'], [H + 5 * M, '1h05'],
    [9 * H + 59 * M, '9h59'], [10 * H + 30 * M, '10h'], [123 * H, '123h']];
  for (const [ms, want] of cases) assert.equal(badgeDuration(ms), want, String(ms));
  for (const [ms] of cases.slice(0, -1)) assert.ok(badgeDuration(ms).length <= 4);
});

test('a currency\'s digits are the core\'s answer: format.js derives none', async () => {
  const f = await import('../../extension/shared/format.js');
  assert.equal(f.currencyDigits, undefined);
  assert.equal(money({ minor: 12345, currency: 'BHD' }, 3, 'en-US'), 'BHD\u00a012.345');
});

test('decimalAmount is exact', () => {
  assert.equal(decimalAmount(350, 2), '3.50');
  assert.equal(decimalAmount(5, 2), '0.05');
  assert.equal(decimalAmount(500, 0), '500');
  assert.equal(decimalAmount(1234, 3), '1.234');
  assert.equal(decimalAmount(-250, 2), '-2.50');
  assert.equal(decimalAmount(9_007_199_254_740_991, 2), '90071992547409.91');
});

test('money: the digits the caller gives, in the given locale; unknown codes still readable', () => {
  assert.equal(money({ minor: 2500, currency: 'USD' }, 2, 'en-US'), '$25.00');
  assert.equal(money({ minor: 350, currency: 'EUR' }, 2, 'en-US'), '€3.50');
  assert.equal(money({ minor: 500, currency: 'JPY' }, 0, 'en-US'), '¥500');
  assert.equal(money({ minor: 350, currency: 'EUR' }, 2, 'de-DE'), '3,50\u00a0€');
  assert.equal(money({ minor: 1250, currency: 'not a code' }, 2, 'en-US'), '12.50 not a code');
});

test('dates and times in the given locale; null for a missing time', () => {
  const t = new Date(2026, 10, 26, 14, 5).getTime(); // local time
  // ICU versions differ in the space before PM (a plain or a narrow no-break space).
  assert.match(dateTime(t, 'en-US'), /^Nov 26, 2026, 2:05\sPM$/);
  assert.match(timeOfDay(t, 'en-US'), /^2:05\sPM$/);
  assert.equal(timeOfDay(t, 'en-GB'), '14:05');
  assert.equal(dateTime(undefined), null);
  assert.equal(timeOfDay(NaN), null);
  assert.equal(dayLabel('2026-11-26', 'en-US'), 'Thu, Nov 26');
  assert.equal(dayLabel('garbage'), 'garbage');
});

test('byteSize', () => {
  assert.equal(byteSize(0), '0 B');
  assert.equal(byteSize(1536), '1.5 KB');
  assert.equal(byteSize(12_595), '12 KB');
  assert.equal(byteSize(4.5 * 1024 * 1024), '4.5 MB');
  assert.equal(byteSize(undefined), 'unknown');
});

test('sessionSubject names the platform and task type', () => {
  assert.equal(sessionSubject('Outlier', 'Rating'), 'Outlier · Rating');
  assert.equal(sessionSubject('Outlier', null), 'Outlier');
  assert.equal(sessionSubject(null, null), 'No platform');
  assert.equal(sessionSubject(undefined, 'Rating', 'no platform'), 'no platform');
});

test('timeSpan: the end date only when it is another day; an open end is named', async () => {
  const { timeSpan } = await import('../../extension/shared/format.js');
  const from = new Date(2026, 10, 26, 14, 5).getTime();
  assert.equal(timeSpan(from, from + 65 * M, 'running', 'en-US'), 'Nov 26, 2026, 2:05 PM – 3:10 PM');
  const late = new Date(2026, 10, 26, 23, 50).getTime();
  assert.equal(timeSpan(late, late + 30 * M, 'running', 'en-US'), 'Nov 26, 2026, 11:50 PM – Nov 27, 2026, 12:20 AM');
  assert.equal(timeSpan(from, null, 'running', 'en-US'), 'Nov 26, 2026, 2:05 PM – running');
});
