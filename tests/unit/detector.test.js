import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTable, findTrigger } from '../../extension/content/detector.js';

const table = compileTable({
  version: 1,
  enabled: true,
  lengths: [6, 5, 4, 3],
  entries: {
    ';accx': { m: 'i', w: 0, c: 1 },
    ';acc': { m: 'i', w: 0, c: 1 },
    ';Exact': { m: 'i', w: 0, c: 0 },
    'btw': { m: 'd', w: 1, c: 1 },
  },
  delimiters: ' .,',
  revision: 7,
});

test('immediate triggers match at the caret, longest first, with case', () => {
  assert.equal(findTrigger(table, 'Text ;acc')?.typed, ';acc');
  assert.equal(findTrigger(table, 'Text ;ACCX')?.typed, ';ACCX');
  assert.equal(findTrigger(table, 'x;Exact')?.typed, ';Exact');
  assert.equal(findTrigger(table, 'x;exact'), null, 'case-sensitive triggers keep their case');
  assert.equal(findTrigger(table, '😀;acc')?.typed, ';acc');
  assert.equal(findTrigger(table, 'nothing here'), null);
});

test('delimiter triggers need the delimiter and a word boundary', () => {
  assert.equal(findTrigger(table, 'ok btw'), null, 'no delimiter typed yet');
  assert.equal(findTrigger(table, 'ok btw', ' ')?.typed, 'btw');
  assert.equal(findTrigger(table, 'okbtw', ' '), null, 'inside a word');
  assert.equal(findTrigger(table, 'BTW', '.')?.typed, 'BTW');
});

test('a disabled or unknown table matches nothing', () => {
  assert.equal(findTrigger(compileTable({ version: 1, enabled: false, lengths: [4], entries: { ';acc': { m: 'i', w: 0, c: 1 } } }), ';acc'), null);
  assert.equal(compileTable({ version: 2 }), null);
  assert.equal(findTrigger(null, ';acc'), null);
});

test('the regex window is bounded and never splits a surrogate pair', async () => {
  const { regexWindow } = await import('../../extension/content/detector.js');
  const t = compileTable({ version: 1, lengths: [], entries: {}, hasRegex: true, lookback: 4 });
  assert.equal(regexWindow(t, 'abcdefgh'), 'efgh');
  assert.equal(regexWindow(t, 'ab😀cd'), '😀cd'.length <= 4 ? '😀cd' : 'cd');
  assert.equal(regexWindow(t, 'a😀xyz'), 'xyz', 'a window starting inside 😀 drops the half');
  assert.equal(regexWindow(t, 'ab'), 'ab');
});

test('the first characters of triggers are known, in both cases when case propagates', () => {
  assert.ok(table.starts.has(';'));
  assert.ok(table.starts.has('b') && table.starts.has('B'));
  assert.ok(!table.starts.has('x'));
});

test('the first-unit filter never hides a trigger: capitals, non-ASCII and surrogate first characters', async () => {
  const { detectAtCaret } = await import('../../extension/content/detector.js');
  const t = compileTable({
    version: 1,
    lengths: [5, 4, 3],
    entries: {
      'btw': { m: 'd', w: 1, c: 1 },
      'éte': { m: 'i', w: 0, c: 1 },
      '😀ok': { m: 'i', w: 0, c: 0 },
      'Zed': { m: 'i', w: 0, c: 0 },
    },
    delimiters: ' \n.',
  });
  assert.equal(findTrigger(t, 'say BTW', ' ')?.typed, 'BTW', 'a capital folds to a lower-case key');
  assert.equal(findTrigger(t, 'x ÉTE')?.typed, 'ÉTE', 'non-ASCII first units are looked up in full');
  assert.equal(findTrigger(t, 'a 😀ok')?.typed, '😀ok');
  assert.equal(findTrigger(t, 'a Zed')?.typed, 'Zed');
  assert.equal(findTrigger(t, 'a zed'), null, 'exact keys keep their case');
  assert.deepEqual(detectAtCaret(t, 'so btw\n'), { kind: 'trigger', typed: 'btw', keepAfter: '\n' });
  assert.deepEqual(detectAtCaret(t, 'x éte'), { kind: 'trigger', typed: 'éte', keepAfter: '' });
  assert.equal(detectAtCaret(t, 'so btw'), null, 'on-delimiter: nothing until the delimiter');
  assert.equal(detectAtCaret(t, ''), null);
});

test('detectAtCaret sends the regex window on a delimiter when regex triggers exist', async () => {
  const { detectAtCaret } = await import('../../extension/content/detector.js');
  const t = compileTable({ version: 1, lengths: [], entries: {}, hasRegex: true, lookback: 8, delimiters: ' ' });
  assert.deepEqual(detectAtCaret(t, 'overall ;score4 '), { kind: 'regex', typed: ' ;score4', keepAfter: ' ' });
  assert.equal(detectAtCaret(t, 'overall ;score4'), null, 'regex triggers wait for a delimiter');
  assert.equal(detectAtCaret(t, ' '), null, 'nothing before the delimiter');
});

test('triggers with spaces are found at the caret, also after no-break spaces (contenteditable)', async () => {
  const { detectAtCaret } = await import('../../extension/content/detector.js');
  const long = `;${'x'.repeat(199)}`;
  const spaced = compileTable({
    version: 1,
    enabled: true,
    lengths: [200, 13, 8, 5],
    entries: {
      ':sweat smile:': { m: 'i', w: 0, c: 0 },
      '.roll d2': { m: 'd', w: 0, c: 0 },
      'a bas': { m: 'd', w: 1, c: 1 },
      [long]: { m: 'i', w: 0, c: 0 },
    },
    delimiters: ' .,',
  });
  assert.deepEqual(detectAtCaret(spaced, 'hi :sweat smile:'), { kind: 'trigger', typed: ':sweat smile:', keepAfter: '' });
  assert.deepEqual(detectAtCaret(spaced, 'go .roll d2 '), { kind: 'trigger', typed: '.roll d2', keepAfter: ' ' });
  assert.deepEqual(detectAtCaret(spaced, 'A bas,'), { kind: 'trigger', typed: 'A bas', keepAfter: ',' });
  assert.equal(detectAtCaret(spaced, 'la bas '), null, 'word boundary');
  // contenteditable: "a\u00a0bas\u00a0" is what the browser keeps while typing.
  assert.deepEqual(detectAtCaret(spaced, 'x a\u00a0bas\u00a0'), { kind: 'trigger', typed: 'a\u00a0bas', keepAfter: '\u00a0' });
  assert.equal(detectAtCaret(spaced, `z${long}`)?.typed, long);
  assert.ok(spaced.reach >= 200, 'the content script reads back at least the longest trigger');
});
