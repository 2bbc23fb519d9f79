// extension/shared/name-fit.js: a pasted name is kept whole, cut at a word, or refused; never cut
// mid-word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitName, fitNote } from '../../extension/shared/name-fit.js';

test('a name that fits is kept whole, made one line', () => {
  assert.deepEqual(fitName('Outlier', 80), { text: 'Outlier', status: 'whole' });
  assert.deepEqual(fitName('Scale\r\nAI\tpool', 80), { text: 'Scale AI pool', status: 'whole' });
  assert.deepEqual(fitName('abc', 3), { text: 'abc', status: 'whole' });
});

test('a longer name is cut after its last whole word that fits', () => {
  // room 7: "aaa bbb|ccc" → the cut falls on the space after "bbb".
  assert.deepEqual(fitName('aaa bbb ccc', 7), { text: 'aaa bbb', status: 'cut' });
  // room 6: "aaa bb|b" would split "bbb" → back to "aaa".
  assert.deepEqual(fitName('aaa bbb ccc', 6), { text: 'aaa', status: 'cut' });
  // trailing spaces before the cut are dropped
  assert.deepEqual(fitName('aaa   bbb', 5), { text: 'aaa', status: 'cut' });
  const long = 'Scale AI Remotasks generalist pool for reasoning and coding tasks, second cohort (EU)\nnotes';
  const { text, status } = fitName(long, 80);
  assert.equal(status, 'cut');
  assert.equal(text, 'Scale AI Remotasks generalist pool for reasoning and coding tasks, second cohort');
  assert.ok(text.length <= 80);
  assert.ok(long.startsWith(`${text} `), 'ends at a word');
});

test('a paste whose first word does not fit is refused', () => {
  assert.deepEqual(fitName('x'.repeat(81), 80), { text: '', status: 'refused' });
  assert.deepEqual(fitName('abc def', 2), { text: '', status: 'refused' });
  assert.deepEqual(fitName('abc', 0), { text: '', status: 'refused' });
  assert.deepEqual(fitName(' abcdef', 3), { text: '', status: 'refused' });
  // emoji are never split: a word of them that does not fit is left out whole
  assert.deepEqual(fitName('ab 😀😀', 4), { text: 'ab', status: 'cut' });
});

test('the notes say what happened and the limit', () => {
  assert.equal(fitNote('whole', 80), '');
  assert.match(fitNote('cut', 80), /at most 80 characters.*last whole word/);
  assert.match(fitNote('refused', 80), /^Nothing was pasted.*80 characters/);
});
