import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Instance, RunSummary } from '../../../shared/domain/instances';
import { parseInstanceQuery, instancesHref, isFiltered } from './instance-query';
import { affectsRuns, mergeRuns } from '../../lib/runs-list';
import { hostsText, memberRows } from './runs-model';

const run = (run_id: string, created_time: string, extra: Partial<RunSummary> = {}): RunSummary => ({
  run_id, task_id: null, task_name: null, command: 'uptime', trigger: 'ad_hoc', created_by: 'dora', status: 2, status_name: 'Finished',
  hosts: { total: 1, ok: 1, failed: 0, running: 0 }, host_names: ['db-1'], instances: 1, created_time, started_time: created_time, ended_time: created_time,
  single_instance_id: null, ...extra,
});

const inst = (extra: Partial<Instance>): Instance => ({
  id: '1', run_id: 'r9', task_id: 3, task_name: 'Nightly-Backup', slot: null, attempt: 1, trigger: 'schedule', host_id: 2, host: { id: 2, name: 'db-2', host: 'x' },
  command: 'pg_dump -Fc app', mode: 'tied', status: 1, status_name: 'Running', exit_code: null, signal: null, error: null, timeout: 0, log_lines: 0, log_bytes: 0,
  log_truncated: false, created_by: 'dora', created_time: '2026-01-02T00:00:00.000Z', started_time: null, ended_time: null, updated_time: '2026-01-02T00:00:00.000Z',
  description: null, frequency: null, cron_expression: null, maximum_parallel_runnable_num: null, tag: null, ...extra,
});

test('pages of runs merge to one row per run, newest first, the later answer winning', () => {
  const shown = [run('b', '2026-01-02T00:00:00.000Z'), run('a', '2026-01-01T00:00:00.000Z')];
  const merged = mergeRuns(shown, [run('b', '2026-01-02T00:00:00.000Z', { status: 3, status_name: 'AbnormalEnding' }), run('c', '2026-01-03T00:00:00.000Z'), run('z', '2025-12-31T00:00:00.000Z')]);
  assert.deepEqual(merged.map((r) => r.run_id), ['c', 'b', 'a', 'z']);
  assert.equal(merged[1]!.status_name, 'AbnormalEnding');
  // a run repeated at a page edge (same millisecond) appears once
  assert.equal(mergeRuns(merged, [run('a', '2026-01-01T00:00:00.000Z')]).length, 4);
});

test('a live change reloads the list only when it may show there', () => {
  const shown = [run('r1', '2026-01-01T00:00:00.000Z')];
  assert.equal(affectsRuns({}, shown, inst({ run_id: 'r1', attempt: 3 })), true, 'a run on screen changed');
  assert.equal(affectsRuns({}, shown, inst({})), true, 'a new run, no filter');
  assert.equal(affectsRuns({}, shown, inst({ attempt: 2 })), false, 'a retry of a run not on screen');
  assert.equal(affectsRuns({ task: 'nightly' }, shown, inst({})), true, 'task name, case-insensitive');
  assert.equal(affectsRuns({ task: 'vacuum' }, shown, inst({})), false);
  assert.equal(affectsRuns({ command: 'PG_DUMP' }, shown, inst({})), true);
  assert.equal(affectsRuns({ command: 'rm -rf' }, shown, inst({})), false);
  assert.equal(affectsRuns({ host_id: 5 }, shown, inst({})), false);
  assert.equal(affectsRuns({ status: 3 }, shown, inst({})), false);
  assert.equal(affectsRuns({ to: '2026-01-01T00:00:00.000Z' }, shown, inst({})), false);
  assert.equal(affectsRuns({ task: 'x' }, shown, inst({ task_name: null })), false, 'an ad-hoc run has no task name');
});

test('hosts read as counts, a single host by name; expanded rows by host then attempt', () => {
  assert.equal(hostsText(run('a', 't')), 'db-1');
  assert.equal(hostsText({ hosts: { total: 3, ok: 2, failed: 1, running: 0 }, host_names: [] }), '3 hosts: 2 ok, 1 failed');
  assert.equal(hostsText({ hosts: { total: 2, ok: 0, failed: 0, running: 2 }, host_names: [] }), '2 hosts: 2 running');
  const rows = memberRows([inst({ id: '3', host: { id: 2, name: 'db-2', host: '' }, attempt: 2 }), inst({ id: '1', host: { id: 1, name: 'db-1', host: '' } }), inst({ id: '2', host: { id: 2, name: 'db-2', host: '' } })]);
  assert.deepEqual(rows.map((r) => r.id), ['1', '2', '3']);
});

test('the text filters round-trip through the hash and count as filters', () => {
  const q = parseInstanceQuery({ name: '  nightly ', cmd: 'pg_dump -Fc' });
  assert.deepEqual(q, { task: 'nightly', command: 'pg_dump -Fc', page: 1, per_page: 50 });
  assert.equal(isFiltered(q), true);
  assert.deepEqual(parseInstanceQuery(Object.fromEntries(new URLSearchParams(instancesHref(q).split('?')[1]))), q);
  assert.deepEqual(parseInstanceQuery({ name: '   ', cmd: '' }), { page: 1, per_page: 50 });
  assert.equal(parseInstanceQuery({ cmd: 'x'.repeat(300) }).command?.length, 200);
});
