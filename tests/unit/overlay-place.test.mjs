// Where the fill-in form and palette go (content/overlay-place.js chooseRect): below the caret
// line when it fits, else beside the field, else where they cover the least of the page above the
// caret line — the task's content the justification is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseRect } from '../../extension/content/overlay-place.js';

const field = (left, top, width, height) => ({ left, top, width, height, right: left + width, bottom: top + height });
const size = { width: 460, height: 420 };

test('below the caret line when there is room', () => {
  const r = chooseRect({ x: 200, y: 300, height: 20 }, field(180, 250, 600, 200), 1280, 900, size);
  assert.deepEqual(r, { left: 200, top: 326, width: 460, height: 420 });
});

test('below but shorter when at least the minimum height fits', () => {
  const r = chooseRect({ x: 200, y: 500, height: 20 }, field(180, 450, 600, 200), 1280, 900, size);
  assert.equal(r.top, 526);
  assert.equal(r.height, 900 - 8 - 526);
});

test('beside the field (right, then left) when there is no room below', () => {
  const right = chooseRect({ x: 120, y: 760, height: 20 }, field(100, 600, 500, 200), 1280, 820, size);
  assert.equal(right.left, 606);
  assert.ok(right.top + right.height <= 820 - 8);
  const left = chooseRect({ x: 820, y: 760, height: 20 }, field(800, 600, 460, 200), 1280, 820, size);
  assert.equal(left.left + left.width, 794);
});

test('no room below or beside: never over the content above when below costs less', () => {
  // A narrow viewport, caret near the bottom: above would cover the task, so it goes over the field.
  const caret = { x: 20, y: 560, height: 20 };
  const r = chooseRect(caret, field(10, 300, 460, 300), 480, 640, size);
  assert.ok(r.top + r.height <= 640 - 8, 'inside the viewport');
  const above = chooseRect(caret, field(10, 300, 460, 300), 480, 640, size);
  assert.deepEqual(r, above, 'deterministic');
  assert.ok(r.width <= 480 - 16);
});
