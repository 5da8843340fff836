import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logLimitBytes, toRunTargets } from './run-targets';

test('select values become host and group ids', () => {
  assert.deepEqual(toRunTargets(['h:3', 'g:2', 'h:10']), { host_ids: [3, 10], group_ids: [2] });
  assert.deepEqual(toRunTargets(['g:1']), { group_ids: [1] });
  assert.deepEqual(toRunTargets(['x:1', 'h:', 'h:1a']), {});
});

test('log limit in MB', () => {
  assert.equal(logLimitBytes(2048), 2 * 1024 ** 3);
  assert.equal(logLimitBytes(0.5), 512 * 1024);
  assert.equal(logLimitBytes(null), undefined);
  assert.equal(logLimitBytes(0), undefined);
});
