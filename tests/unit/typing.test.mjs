import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPrintable, singleLine } from '../../extension/content/typing.js';

test('an <input> gets one line: line breaks and the white space around them become one space', () => {
  assert.deepEqual(singleLine('one line', [3]), { text: 'one line', cursors: [3] });
  assert.deepEqual(singleLine('Line one\nLine two\n\n  Line three').text, 'Line one Line two Line three');
  assert.deepEqual(singleLine('a \r\n b').text, 'a b');
  assert.deepEqual(singleLine('\nlead and trail\n').text, 'lead and trail', 'dropped at the edges');
  // Cursor stops move with the text: after "one" (before the break), at the start of line two, at the end.
  const text = 'one\n\ntwo';
  assert.deepEqual(singleLine(text, [3, 5, text.length]), { text: 'one two', cursors: [3, 4, 7] });
  assert.deepEqual(singleLine('x\ny', [99, -1]).cursors, [3, 0], 'out-of-range stops are clamped');
});

test('printable keys: one character, AltGr allowed, shortcuts not', () => {
  const ev = (key, mods = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, getModifierState: () => false, ...mods });
  assert.ok(isPrintable(ev('a')));
  assert.ok(isPrintable(ev(' ')));
  assert.ok(isPrintable(ev('😀')), 'a surrogate pair is one character');
  assert.ok(!isPrintable(ev('Enter')));
  assert.ok(!isPrintable(ev('ArrowLeft')));
  assert.ok(!isPrintable(ev('a', { ctrlKey: true })));
  assert.ok(isPrintable(ev('@', { ctrlKey: true, altKey: true, getModifierState: (m) => m === 'AltGraph' })));
});
