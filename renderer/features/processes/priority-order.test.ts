import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moveBy, moveItem, moveOnto, reconcileDraft, sameOrder } from './priority-order';

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

test('drop onto another row: it takes that place, the rows between shift toward the gap', () => {
  assert.deepEqual(moveOnto([10, 20, 30, 40], 40, 10), [40, 10, 20, 30], 'the last dropped on the first goes first');
  assert.deepEqual(moveOnto([10, 20, 30, 40], 10, 30), [20, 30, 10, 40], 'downwards it lands after the row it was dropped on');
  assert.deepEqual(moveOnto([10, 20, 30], 20, 20), [10, 20, 30], 'onto itself changes nothing');
  assert.deepEqual(moveOnto([10, 20, 30], 99, 10), [10, 20, 30], 'an unknown dragged id changes nothing');
  assert.deepEqual(moveOnto([10, 20, 30], 10, 99), [10, 20, 30], 'an unknown target changes nothing');
});

test('a draft follows the live list: deleted ids drop out, new ones go last', () => {
  assert.deepEqual(reconcileDraft([3, 1, 2], [1, 2, 3]), [3, 1, 2]);
  assert.deepEqual(reconcileDraft([3, 1, 2], [1, 3]), [3, 1]);
  assert.deepEqual(reconcileDraft([3, 1, 2], [1, 2, 3, 9]), [3, 1, 2, 9]);
  assert.equal(sameOrder([1, 2], [1, 2]), true);
  assert.equal(sameOrder([1, 2], [2, 1]), false);
  assert.equal(sameOrder([1], [1, 2]), false);
});
