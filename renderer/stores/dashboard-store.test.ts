import assert from 'node:assert/strict';
import { test } from 'node:test';
import { affectsDay, throttleDelay } from './dashboard-store';

test('only instances created within the shown day move its numbers', () => {
  const d = { from: '2024-05-01T22:00:00.000Z', to: '2024-05-02T22:00:00.000Z' };
  assert.equal(affectsDay(null, '2024-01-01T00:00:00.000Z'), true);
  assert.equal(affectsDay(d, '2024-05-01T22:00:00.000Z'), true);
  assert.equal(affectsDay(d, '2024-05-02T21:59:59.999Z'), true);
  assert.equal(affectsDay(d, '2024-05-02T22:00:00.000Z'), false);
  assert.equal(affectsDay(d, '2024-05-01T21:59:59.999Z'), false);
});

test('live reloads start at least the gap apart', () => {
  assert.equal(throttleDelay(0, 10_000, 2000), 0);
  assert.equal(throttleDelay(9_000, 10_000, 2000), 1000);
  assert.equal(throttleDelay(10_000, 10_000, 2000), 2000);
});
