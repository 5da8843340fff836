import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import type { JobNode, JobView } from '../../../shared/domain/jobs';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

describe('an approved change executing is a job (module approvals)', { timeout: 60_000 }, () => {
  let sshd: SshdFixture;
  let h: Harness;
  let binding: number;
  const tokens = new Map<string, string>();

  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    if (!r.ok) throw new Error(`${r.body.error.code}: ${r.body.error.message}`);
    return r.data;
  }
  const approvalJobs = async (): Promise<JobView[]> => (await h.call('jobs.list', { module: 'approvals' })).items;
  /** The job as it ended: at once if it has, else when it does. */
  function ended(id: string): Promise<JobNode> {
    const tracker = h.core.services.jobs.tracker;
    const now = tracker.node(id);
    if (now.state !== 'created' && now.state !== 'running') return Promise.resolve(now);
    return new Promise((resolve) => tracker.whenEnded(id, resolve));
  }
  /** Open a request for a new task as dev and have the dba approve it (auto strategy: it executes at once). */
  async function approvedTask(input: Record<string, unknown>): Promise<OpOutput<'requests.approve'>> {
    await as('dev', 'tasks.create', { binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' }, ...input });
    const started = await as('dev', 'tasks.start', { name: input.name });
    return as('dora', 'requests.approve', { id: started.approval!.request_id });
  }

  before(async () => {
    sshd = await startSshd();
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    const host = await h.trustedHost(sshd, 'pg-main', '127.0.0.1', 51);
    const g = await h.call('groups.create', { name: 'payments' });
    binding = (await h.call('bindings.create', { name: 'payments-db', group_id: g.id, executor_id: host })).id;
    for (const [user_name, roles] of [['dora', ['dba']], ['dev', ['developer']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
    for (const task_type of ['database_change', 'apply_permission'] as const) {
      await h.call('processes.create', { name: `${task_type} review`, task_type, risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    }
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  test('an open request is no job; once approved its execution is one, owned by the requester, naming the request and the task, FINISHED with its run', async () => {
    await as('dev', 'tasks.create', { name: 'fix-balances', type: 'database_change', script: 'UPDATE accounts SET note = 1;\n', client_command: 'cat', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
    const started = await as('dev', 'tasks.start', { name: 'fix-balances' });
    assert.deepEqual(await approvalJobs(), [], 'nothing executes while the request waits for approval');
    const approved = await as('dora', 'requests.approve', { id: started.approval!.request_id });
    assert.equal(approved.state, 'EXECUTING');
    const [job] = await approvalJobs();
    assert.ok(job);
    assert.equal(job.type, 'database change');
    assert.equal(job.owner, 'dev');
    assert.match(job.description, new RegExp(`#${approved.id}\\b.*fix-balances`));
    assert.deepEqual(job.subject, { kind: 'request', id: String(approved.id) }, 'the Task Monitor links the job to its request');
    const end = await ended(job.id);
    assert.equal(end.state, 'done', end.error ?? '');
    assert.ok(end.started_time);
    assert.equal((await as('dev', 'requests.get', { id: approved.id })).state, 'EXECUTION_SUCCEEDED');
  });

  test('a change whose run fails: the job ends FAILED', async () => {
    const approved = await approvedTask({ name: 'broken-change', type: 'database_change', script: 'SELECT 1;\n', client_command: 'exit 3' });
    const job = (await approvalJobs()).find((j) => j.description.includes(`#${approved.id}`));
    assert.ok(job);
    const end = await ended(job.id);
    assert.equal(end.state, 'failed');
    assert.match(end.error ?? '', /.+/, 'it says why');
    assert.equal((await as('dev', 'requests.get', { id: approved.id })).state, 'EXECUTION_FAILED');
  });

  test('an approved permission application is a job of its own type, done as the grant is made', async () => {
    const approved = await approvedTask({ name: 'need-pg-main', type: 'apply_permission', grant_hours: 2 });
    assert.equal(approved.state, 'EXECUTION_SUCCEEDED');
    const job = (await approvalJobs()).find((j) => j.description.includes(`#${approved.id}`));
    assert.ok(job);
    assert.equal(job.type, 'apply permission');
    assert.equal(job.status, 'FINISHED');
  });
});
