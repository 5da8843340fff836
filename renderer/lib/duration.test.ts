import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, instanceElapsedMs } from './duration';

test('elapsed: running counts to now, ended counts to its end, not started is null', () => {
  const t0 = '2024-01-01T00:00:00.000Z';
  const now = Date.parse('2024-01-01T00:00:10.000Z');
  assert.equal(instanceElapsedMs({ created_time: t0, started_time: t0, ended_time: null }, now), 10_000);
  assert.equal(instanceElapsedMs({ created_time: t0, started_time: t0, ended_time: '2024-01-01T00:00:03.000Z' }, now), 3_000);
  assert.equal(instanceElapsedMs({ created_time: t0, started_time: null, ended_time: null }, now), null);
  // Ended before it ever started (could not connect): counted from creation.
  assert.equal(instanceElapsedMs({ created_time: t0, started_time: null, ended_time: '2024-01-01T00:00:02.000Z' }, now), 2_000);
});

test('bytes', () => {
  assert.equal(formatBytes(12), '12 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GB');
  assert.equal(formatBytes(300 * 1024 ** 2), '300 MB');
});
