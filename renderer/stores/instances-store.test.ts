import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Instance } from '../../shared/domain/instances';
import { belongsOnTop, isNewer, type InstanceListQuery } from './instances-store';

const base: Instance = {
  id: '7318349271238475776', run_id: 'r1', task_id: null, task_name: null, slot: null, attempt: 1, trigger: 'ad_hoc', host_id: 1, host: { id: 1, name: 'db-1', host: '10.0.0.1:22' },
  command: 'true', mode: 'tied', status: 1, status_name: 'Running', exit_code: null, signal: null, error: null, timeout: 0, log_lines: 0,
  log_bytes: 0, log_truncated: false, created_by: 'admin', created_time: '2024-05-01T10:00:00.000Z', started_time: null, ended_time: null,
  updated_time: '2024-05-01T10:00:00.000Z', description: null, frequency: null, cron_expression: null, maximum_parallel_runnable_num: null, tag: null,
};
const started = { ...base, started_time: '2024-05-01T10:00:01.000Z' };
const ended: Instance = { ...started, status: 2, status_name: 'Finished', exit_code: 0, ended_time: '2024-05-01T10:00:02.000Z' };

test('a late answer never undoes a start or an ending', () => {
  assert.equal(isNewer(undefined, base), true);
  assert.equal(isNewer(base, started), true);
  assert.equal(isNewer(started, base), false);
  assert.equal(isNewer(ended, started), false);
  assert.equal(isNewer(started, ended), true);
  assert.equal(isNewer(ended, { ...ended, error: 'x' }), true);
});

test('a new instance goes on top of page 1 unless a filter excludes it', () => {
  const q: InstanceListQuery = { page: 1, per_page: 50 };
  const older = { ...base, id: '1', created_time: '2024-05-01T09:00:00.000Z' };
  assert.equal(belongsOnTop(q, started, older), true);
  assert.equal(belongsOnTop(q, started, undefined), true);
  assert.equal(belongsOnTop({ ...q, page: 2 }, started, older), false);
  assert.equal(belongsOnTop({ ...q, status: 3 }, started, older), false);
  assert.equal(belongsOnTop({ ...q, status: 1 }, started, older), true);
  assert.equal(belongsOnTop({ ...q, host_id: 2 }, started, older), false);
  assert.equal(belongsOnTop({ ...q, run_id: 'other' }, started, older), false);
  assert.equal(belongsOnTop({ ...q, task_id: 4 }, started, older), false);
  assert.equal(belongsOnTop({ ...q, to: '2024-05-01T10:00:00.000Z' }, started, older), false);
  assert.equal(belongsOnTop({ ...q, from: '2024-05-01T11:00:00.000Z' }, started, older), false);
  // An old instance that changed (it is not new) stays where it is.
  assert.equal(belongsOnTop(q, older, started), false);
});
