// The repeated-rejection alert's words (extension/shared/alert-words.js), which the popup's
// banner, the ledger's banner and the notification share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rejectionWords } from '../../extension/shared/alert-words.js';

const kind = { type: 'repeatedRejection', taskTypeId: 'tty_1', criterion: 'accuracy', count: 3 };

test('named: the task type and the criterion by their names', () => {
  const w = rejectionWords({ kind, taskTypeName: 'Pairwise', criterionName: 'Accuracy' });
  assert.equal(w.title, '3 rejections of Pairwise cite “Accuracy”');
  assert.equal(w.advice, 'Consider pausing Pairwise and re-reading “Accuracy” in its rubric before taking more.');
});

test('unnamed: the criterion key, and words that do not pretend to know the task type', () => {
  const w = rejectionWords({ kind });
  assert.equal(w.title, '3 rejections of one task type cite “accuracy”');
  assert.equal(w.advice, 'Consider pausing this task type and re-reading “accuracy” in its rubric before taking more.');
});

test('one rejection (the threshold set to 1) and large counts read right', () => {
  assert.equal(rejectionWords({ kind: { ...kind, count: 1 }, taskTypeName: 'Rating' }).title, '1 rejection of Rating cites “accuracy”');
  assert.equal(rejectionWords({ kind: { ...kind, count: 1200 } }).title, '1,200 rejections of one task type cite “accuracy”');
});
