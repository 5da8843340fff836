import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropIndex, moveBy, moveItem, reconcileDraft, sameOrder } from './priority-order';

test('move an item, clamped at both ends', () => {
  assert.deepEqual(moveItem([1, 2, 3, 4], 0, 2), [2, 3, 1, 4]);
  assert.deepEqual(moveItem([1, 2, 3, 4], 3, 0), [4, 1, 2, 3]);
  assert.deepEqual(moveItem([1, 2, 3], 1, -5), [2, 1, 3]);
  assert.deepEqual(moveItem([1, 2, 3], 1, 99), [1, 3, 2]);
  assert.deepEqual(moveItem([1, 2, 3], 7, 0), [1, 2, 3]);
});

test('move up and down by id', () => {
  assert.deepEqual(moveBy([10, 20, 30], 30, -1), [10, 30, 20]);
  assert.deepEqual(moveBy([10, 20, 30], 10, -1), [10, 20, 30], 'the first cannot go higher');
  assert.deepEqual(moveBy([10, 20, 30], 30, 1), [10, 20, 30], 'the last cannot go lower');
  assert.deepEqual(moveBy([10, 20, 30], 99, 1), [10, 20, 30]);
});

test('drop on the upper or lower half of a row', () => {
  // Dragging the first of [a b c d] onto c: upper half → before c, lower half → after c.
  assert.deepEqual(moveItem(['a', 'b', 'c', 'd'], 0, dropIndex(0, 2, false)), ['b', 'a', 'c', 'd']);
  assert.deepEqual(moveItem(['a', 'b', 'c', 'd'], 0, dropIndex(0, 2, true)), ['b', 'c', 'a', 'd']);
  // Dragging the last onto the first row's upper half makes it first.
  assert.deepEqual(moveItem(['a', 'b', 'c', 'd'], 3, dropIndex(3, 0, false)), ['d', 'a', 'b', 'c']);
  // Dropping on itself changes nothing.
  assert.deepEqual(moveItem(['a', 'b', 'c'], 1, dropIndex(1, 1, false)), ['a', 'b', 'c']);
  assert.deepEqual(moveItem(['a', 'b', 'c'], 1, dropIndex(1, 1, true)), ['a', 'b', 'c']);
});

test('a draft follows the live list: deleted ids drop out, new ones go last', () => {
  assert.deepEqual(reconcileDraft([3, 1, 2], [1, 2, 3]), [3, 1, 2]);
  assert.deepEqual(reconcileDraft([3, 1, 2], [1, 3]), [3, 1]);
  assert.deepEqual(reconcileDraft([3, 1, 2], [1, 2, 3, 9]), [3, 1, 2, 9]);
  assert.equal(sameOrder([1, 2], [1, 2]), true);
  assert.equal(sameOrder([1, 2], [2, 1]), false);
  assert.equal(sameOrder([1], [1, 2]), false);
});
