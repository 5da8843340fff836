import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskInput, type Task } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { checkFailure, checkFieldStatus, defaultModeFor, initialTaskValues, toTaskInput, toTaskUpdate } from './task-form-model';

test('a new task starts from the core defaults in the browser zone, and what it sends passes the core schema', () => {
  const v = initialTaskValues(undefined, 'Europe/Berlin');
  assert.equal(v.frequency.time_zone, 'Europe/Berlin');
  const input = toTaskInput({ ...v, name: ' nightly ', command: 'echo hi', cron_expression: ' */2 * * * * * ', binding_ids: [3] });
  assert.equal(input.name, 'nightly');
  assert.equal(input.cron_expression, '*/2 * * * * *');
  const parsed = TaskInput.parse(input);
  const defaults = TaskInput.parse({ name: 'nightly' });
  for (const k of ['grant_hours', 'timeout', 'retry_times', 'retry_interval', 'maximum_parallel_runnable_num', 'overlap_policy', 'misfire_deadline_seconds', 'dispatch', 'run_mode', 'execution_strategy'] as const) {
    assert.deepEqual(parsed[k], defaults[k], k);
  }
});

test('only the fields the type uses carry text; a countdown sends its count, other modes do not', () => {
  const v = { ...initialTaskValues(undefined, 'UTC'), name: 't', command: 'echo', script: 'SELECT 1;', client_command: 'psql -f -' };
  assert.deepEqual([toTaskInput(v).command, toTaskInput(v).script, toTaskInput(v).client_command], ['echo', '', '']);
  const sql = toTaskInput({ ...v, type: 'database_change' });
  assert.deepEqual([sql.command, sql.script, sql.client_command], ['', 'SELECT 1;', 'psql -f -']);
  const grant = toTaskInput({ ...v, type: 'apply_permission', grant_hours: 8 });
  assert.deepEqual([grant.command, grant.script, grant.grant_hours], ['', '', 8]);
  assert.deepEqual(toTaskInput({ ...v, frequency: { mode: 'countdown', count: 3, time_zone: 'UTC' } }).frequency, { mode: 'countdown', count: 3, time_zone: 'UTC' });
  assert.deepEqual(toTaskInput({ ...v, frequency: { mode: 'repeat', count: 3, time_zone: 'UTC' } }).frequency, { mode: 'repeat', time_zone: 'UTC' });
  // A cleared number falls back to the default instead of sending null.
  assert.equal(toTaskInput({ ...v, timeout: null, retry_interval: null }).retry_interval, 60);
  assert.deepEqual(toTaskInput({ ...v, execution_strategy: { kind: 'at', at: '2030-01-01T02:00:00.000Z' } }).execution_strategy, { kind: 'at', at: '2030-01-01T02:00:00.000Z' });
});

test('a saved task round-trips through the form; a rename is sent as new_name', () => {
  const saved: Task = {
    ...TaskInput.parse({ name: 'vac', command: 'vacuumdb', cron_expression: '0 3 * * *', frequency: { mode: 'countdown', count: 2, time_zone: 'Asia/Tokyo' }, binding_ids: [1, 2], execution_strategy: { kind: 'at', at: '2030-01-01T02:00:00Z' } }),
    id: 1, stage: 'Stopped', approval: null, running_instances: 0, runs_fired: 0, next_run_at: null, last_run_at: null, created_by: 'a', owner: 'a', started_by: null, edited_since_start: null, created_at: 'x', updated_at: 'x',
  };
  const v = initialTaskValues(saved, 'UTC');
  const { name: _n, ...same } = toTaskUpdate('vac', v);
  const { name: _m, ...original } = TaskInput.parse(saved);
  assert.deepEqual(same, original);
  assert.equal(toTaskUpdate('vac', v).new_name, undefined);
  assert.equal(toTaskUpdate('vac', { ...v, name: 'vacuum' }).new_name, 'vacuum');
  assert.equal(toTaskUpdate('vac', { ...v, name: 'vacuum' }).name, 'vac');
});

test('check results land on their fields: errors and warnings together, unknown fields left for the alert', () => {
  const status = checkFieldStatus({
    errors: [{ field: 'binding_ids', message: 'bind it' }, { field: 'binding_ids', message: 'key of db-1 changed' }, { field: 'nope', message: 'x' }],
    warnings: [{ field: 'timeout', message: 'no timeout' }, { field: 'frequency', message: 'f' }],
  });
  assert.deepEqual(status, [
    { name: ['binding_ids'], errors: ['bind it', 'key of db-1 changed'], warnings: [] },
    { name: ['timeout'], errors: [], warnings: ['no timeout'] },
    { name: ['frequency', 'mode'], errors: [], warnings: ['f'] },
  ]);
});

test('a new database change or permission application runs once by default; a command repeats', () => {
  assert.equal(initialTaskValues(undefined, 'UTC', 'database_change').frequency.mode, 'once');
  assert.equal(initialTaskValues(undefined, 'UTC', 'apply_permission').frequency.mode, 'once');
  assert.equal(initialTaskValues(undefined, 'UTC', 'command').frequency.mode, 'repeat');
  assert.deepEqual(['command', 'database_change', 'apply_permission'].map((t) => defaultModeFor(t as never)), ['repeat', 'once', 'once']);
});

test('a failed check says what failed: the fields refused, or that the check itself could not run', () => {
  const refused = new ApiError('validation', 'frequency.time_zone: unknown zone', 400, { fields: [{ field: 'frequency.time_zone', message: 'unknown zone' }, { nonsense: 1 }] });
  assert.deepEqual(checkFailure(refused), { kind: 'invalid', issues: [{ field: 'frequency.time_zone', message: 'unknown zone' }] });
  assert.deepEqual(checkFailure(new ApiError('validation', 'input is not an object', 400)), { kind: 'invalid', issues: [{ field: '(input)', message: 'input is not an object' }] });
  const down = checkFailure(new ApiError('network', 'cannot reach the Taskdeck service', 0));
  assert.equal(down.kind, 'not_run');
  assert.match((down as { message: string }).message, /cannot reach/);
  assert.equal(checkFailure(new ApiError('internal', 'internal error (reference ab12)', 500)).kind, 'not_run');
});
