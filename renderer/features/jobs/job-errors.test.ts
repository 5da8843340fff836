import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobView } from '../../../shared/domain/jobs';
import { applyLanguage, i18n, loadLanguage } from '../../i18n/i18n';
import { errorPlaces, failedBelow } from './job-errors';

const node = (id: string, parent: string | null, o: Partial<JobView> = {}): JobView => ({
  id, module: 'runs', parent_id: parent, root_id: 'job', sequence_number: 1, type: 'ad-hoc run', scope: 'run', step_type: parent ? 'EXECUTING' : null, number: 0,
  description: id, words: null, action_type: 'run', owner: 'admin', state: 'failed', external: false, external_type: null, auto_cleared: true, is_abortable: false,
  internal: false, user_started: true, progress: { units: '', total: 0, completed: 0 }, created_time: '2026-12-06T00:00:00Z', started_time: null, ended_time: null,
  updated_time: '2026-12-06T00:00:00Z', error: null, children_ids: [], folded: { done: 0, failed: 0, aborted: 0, unknown: 0 }, instance_id: null, subject: null, status: 'FAILED', ...o,
});

test("a run whose host failed shows the host's error once; the job, VALIDATING and EXECUTING count it", () => {
  const host = node('h1', 'exec', { scope: 'host', instance_id: '42', error: 'cannot connect to 10.0.0.5:22: connection refused' });
  const places = errorPlaces([
    node('job', null, { error: '1 of 1 host(s) did not finish: pg-main-01: cannot connect…' }),
    node('val', 'job', { step_type: 'VALIDATING', error: 'could not connect or verify the host key: pg-main-01: cannot connect…' }),
    node('exec', 'job', { error: '1 of 1 host(s) did not finish: pg-main-01: cannot connect…' }),
    host,
    node('h2', 'exec', { scope: 'host', instance_id: '43', state: 'done' }),
  ]);
  assert.deepEqual([...places.keys()].sort(), ['exec', 'h1', 'job', 'val']);
  assert.deepEqual(places.get('h1'), { kind: 'origin' });
  for (const id of ['job', 'val', 'exec']) assert.deepEqual(places.get(id), { kind: 'summary', origins: [host] }, id);
});

test('without hosts, the deepest failed step shows its error and its ancestors count it', () => {
  const leaf = node('leaf', 'mid', { error: 'disk full' });
  const places = errorPlaces([node('job', null, { error: 'failed' }), node('mid', 'job', { error: 'step failed' }), leaf]);
  assert.deepEqual(places.get('leaf'), { kind: 'origin' });
  assert.deepEqual(places.get('mid'), { kind: 'summary', origins: [leaf] });
  assert.deepEqual(places.get('job'), { kind: 'summary', origins: [leaf] });
  assert.deepEqual(errorPlaces([node('job', null, { error: 'backup failed: ENOSPC' })]).get('job'), { kind: 'origin' }, 'a job alone shows its own error');
});

test("a job a plug-in ended with force shows its error once: the steps it aborted only carry it down", () => {
  const places = errorPlaces([
    node('job', null, { error: 'disk full on the backup target' }),
    node('copy', 'job', { state: 'aborted', error: 'disk full on the backup target' }),
    node('sub', 'copy', { state: 'aborted', error: 'disk full on the backup target' }),
  ]);
  assert.deepEqual(Object.fromEntries(places), { job: { kind: 'origin' }, copy: { kind: 'repeat' }, sub: { kind: 'repeat' } });
});

test('the parents say how many hosts (or steps) failed, in the reader\'s language', async () => {
  await loadLanguage('zh-CN');
  const hosts = [node('h1', 'exec', { instance_id: '1' }), node('h2', 'exec', { instance_id: '2' })];
  try {
    applyLanguage('en');
    assert.equal(failedBelow(i18n.t, hosts.slice(0, 1)), '1 host failed');
    assert.equal(failedBelow(i18n.t, hosts), '2 hosts failed');
    assert.equal(failedBelow(i18n.t, [node('s', 'job')]), '1 step failed');
    applyLanguage('zh-CN');
    assert.equal(failedBelow(i18n.t, hosts), '2 台主机失败');
  } finally {
    applyLanguage('en');
  }
});
