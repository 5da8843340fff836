import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Task } from '../../../shared/domain/tasks';
import { filterTasks, isTaskFiltered, matchesTaskFilter, parseTaskFilter, tagsOf, tasksHref } from './task-query';

const task = (over: Partial<Task>): Task => ({
  id: 1, name: 'vacuum', description: 'Nightly VACUUM of billing', type: 'command', command: 'vacuumdb', script: '', client_command: '', grant_hours: 24,
  execution_strategy: { kind: 'auto' }, frequency: { mode: 'repeat', time_zone: 'UTC' }, cron_expression: '0 3 * * *', timeout: 0, retry_times: 0,
  retry_interval: 60, maximum_parallel_runnable_num: 1, overlap_policy: 'forbid', misfire_deadline_seconds: 300, tag: 'nightly', binding_ids: [1],
  dispatch: 'all', run_mode: 'tied', stage: 'Stopped', approval: null, running_instances: 0, runs_fired: 0, next_run_at: null, last_run_at: null,
  created_by: 'admin', owner: 'admin', started_by: null, edited_since_start: null, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z', ...over,
});

test('the hash holds the filters; bad values are dropped and defaults left out', () => {
  assert.deepEqual(parseTaskFilter({ stage: 'Started', type: 'database_change', tag: 'x', q: 'vac' }), { stage: 'Started', type: 'database_change', tag: 'x', q: 'vac' });
  assert.deepEqual(parseTaskFilter({ stage: 'Running', type: 'shell', q: '  ' }), {});
  assert.equal(tasksHref({}), '/tasks');
  assert.equal(tasksHref({ stage: 'Stopped', q: 'a b' }), '/tasks?stage=Stopped&q=a+b');
  assert.deepEqual(parseTaskFilter(Object.fromEntries(new URLSearchParams(tasksHref({ type: 'command', tag: 'n' }).split('?')[1]))), { type: 'command', tag: 'n' });
  assert.equal(isTaskFiltered({}), false);
  assert.equal(isTaskFiltered({ q: ' ' }), false);
  assert.equal(isTaskFiltered({ tag: 'x' }), true);
});

test('the filter matches as the core does: stage, type, exact tag, text in name or description, any case', () => {
  const t = task({});
  assert.equal(matchesTaskFilter(t, {}), true);
  assert.equal(matchesTaskFilter(t, { stage: 'Started' }), false);
  assert.equal(matchesTaskFilter(t, { type: 'database_change' }), false);
  assert.equal(matchesTaskFilter(t, { tag: 'night' }), false);
  assert.equal(matchesTaskFilter(t, { tag: 'nightly' }), true);
  assert.equal(matchesTaskFilter(t, { q: 'VAC' }), true);
  assert.equal(matchesTaskFilter(t, { q: 'billing' }), true);
  assert.equal(matchesTaskFilter(t, { q: 'orders' }), false);
});

test('filtered tasks are sorted by name; tags are distinct and sorted', () => {
  const list = [task({ id: 2, name: 'b', tag: 'z' }), task({ id: 1, name: 'a', tag: '' }), task({ id: 3, name: 'c', tag: 'z', stage: 'Started' })];
  assert.deepEqual(filterTasks(list, {}).map((t) => t.name), ['a', 'b', 'c']);
  assert.deepEqual(filterTasks(list, { stage: 'Started' }).map((t) => t.name), ['c']);
  assert.deepEqual(tagsOf([...list, task({ id: 4, name: 'd', tag: 'm' })]), ['m', 'z']);
});
