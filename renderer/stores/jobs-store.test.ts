import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toJobView, type JobNode } from '../../shared/domain/jobs';
import { isNewerJob, jobsStore, matchesServer } from './jobs-store';

const node = (over: Partial<JobNode>): JobNode => ({
  id: '0190a000-0000-7000-8000-000000000001', module: 'external', parent_id: null, root_id: '0190a000-0000-7000-8000-000000000001', sequence_number: 1,
  type: 'external', scope: 'job', step_type: null, number: 0, description: 'backup of db-1', action_type: '', owner: 'plugin', state: 'running',
  external: true, external_type: null, auto_cleared: true, is_abortable: false, internal: false, user_started: false,
  progress: { units: '', total: 0, completed: 0 }, created_time: '2026-01-01T10:00:00.000Z', started_time: '2026-01-01T10:00:00.000Z',
  ended_time: null, updated_time: '2026-01-01T10:00:00.000Z', error: null, children_ids: [], folded: { done: 0, failed: 0, aborted: 0, unknown: 0 }, instance_id: null, subject: null,
  ...over,
});
const ROOT = '0190a000-0000-7000-8000-000000000001';
const job = node({});
const step = node({ id: '0190a000-0000-7000-8000-000000000002', parent_id: ROOT, scope: 'step', step_type: 'EXECUTING', number: 1, description: 'copy' });
const later = (n: JobNode, over: Partial<JobNode>): JobNode => ({ ...n, updated_time: '2026-01-01T10:00:05.000Z', ...over });

function withList(query: { module?: string; status?: 'STARTED'; before?: string; limit: number }, ids: string[] = []): void {
  jobsStore.getState().reset();
  jobsStore.setState({ list: { query, ids, nextBefore: null, loaded: true, loading: false, error: null }, running: { ids: [], more: false, loaded: true } });
}

test('a late answer never undoes an end or goes back in time', () => {
  const v = toJobView(job);
  const ended = toJobView(later(job, { state: 'done', ended_time: '2026-01-01T10:00:05.000Z' }));
  assert.equal(isNewerJob(undefined, v), true);
  assert.equal(isNewerJob(v, ended), true);
  assert.equal(isNewerJob(ended, v), false);
  assert.equal(isNewerJob(toJobView(later(job, {})), v), false);
  // Even stamped later, a running snapshot never replaces an ended one.
  assert.equal(isNewerJob(ended, toJobView(later(job, { updated_time: '2026-01-01T10:00:09.000Z' }))), false);
});

test('the server filters decide whether a new job joins the first page', () => {
  const v = toJobView(job);
  assert.equal(matchesServer({}, v), true);
  assert.equal(matchesServer({ module: 'runs' }, v), false);
  assert.equal(matchesServer({ status: 'FINISHED' }, v), false);
  assert.equal(matchesServer({ status: 'STARTED' }, v), true);
  assert.equal(matchesServer({ external: false }, v), false);
  assert.equal(matchesServer({}, toJobView(node({ internal: true }))), false, 'internal jobs only when asked');
  assert.equal(matchesServer({ internal: true }, toJobView(node({ internal: true }))), true);
  assert.equal(matchesServer({ q: 'DB-1' }, v), true, 'description, any case');
  assert.equal(matchesServer({ q: 'plug' }, v), true, 'owner');
  assert.equal(matchesServer({ q: 'EXTERN' }, v), true, 'type');
  assert.equal(matchesServer({ q: ROOT }, v), true, 'exact id');
  assert.equal(matchesServer({ q: 'vacuum' }, v), false);
});

test('a new job goes on top of the first page and into the running indicator; its steps follow; an end leaves the indicator', () => {
  withList({ limit: 50 });
  jobsStore.getState().changed({ root_id: ROOT, nodes: [job], removed: [] });
  let s = jobsStore.getState();
  assert.deepEqual(s.list.ids, [ROOT]);
  assert.deepEqual(s.running.ids, [ROOT]);
  jobsStore.getState().changed({ root_id: ROOT, nodes: [step], removed: [] });
  assert.equal(jobsStore.getState().byId[step.id]?.description, 'copy');
  // The step ends and folds away; the job counts it.
  jobsStore.getState().changed({ root_id: ROOT, nodes: [later(job, { folded: { done: 1, failed: 0, aborted: 0, unknown: 0 } })], removed: [step.id] });
  s = jobsStore.getState();
  assert.equal(s.byId[step.id], undefined);
  assert.equal(s.byId[ROOT]?.folded.done, 1);
  jobsStore.getState().changed({ root_id: ROOT, nodes: [later(job, { state: 'failed', updated_time: '2026-01-01T10:00:09.000Z', ended_time: '2026-01-01T10:00:09.000Z' })], removed: [] });
  s = jobsStore.getState();
  assert.equal(s.byId[ROOT]?.status, 'FAILED');
  assert.deepEqual(s.running.ids, []);
  assert.deepEqual(s.list.ids, [ROOT]);
  // Expired: gone from the list.
  jobsStore.getState().changed({ root_id: ROOT, nodes: [], removed: [ROOT] });
  assert.deepEqual(jobsStore.getState().list.ids, []);
});

test('a job outside the filters, or arriving while an older page shows, is not added; steps of unknown jobs are not cached', () => {
  withList({ module: 'runs', limit: 50 });
  jobsStore.getState().changed({ root_id: ROOT, nodes: [job], removed: [] });
  assert.deepEqual(jobsStore.getState().list.ids, []);
  assert.deepEqual(jobsStore.getState().running.ids, [ROOT], 'the indicator counts every running job');
  withList({ limit: 50, before: 'zzz' });
  jobsStore.getState().changed({ root_id: ROOT, nodes: [job], removed: [] });
  assert.deepEqual(jobsStore.getState().list.ids, []);
  withList({ module: 'runs', limit: 50 });
  jobsStore.setState({ running: { ids: [], more: false, loaded: false } });
  jobsStore.getState().changed({ root_id: ROOT, nodes: [step], removed: [] });
  assert.equal(jobsStore.getState().byId[step.id], undefined);
});

test('the first page keeps its size when jobs arrive', () => {
  withList({ limit: 2 }, ['b', 'a']);
  jobsStore.getState().changed({ root_id: ROOT, nodes: [job], removed: [] });
  assert.deepEqual(jobsStore.getState().list.ids, [ROOT, 'b']);
});
