import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { InstanceStatus } from '../../../shared/domain/instances';
import type { JobNode, JobView, TaskStatus } from '../../../shared/domain/jobs';
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

describe('the run of an approved change sits under its approvals job, across restarts too', { timeout: 90_000 }, () => {
  let sshd: SshdFixture;
  let h: Harness;
  let binding: number;
  let dir: string;
  let devToken = '';
  let doraToken = '';

  async function login(user_name: string): Promise<string> {
    const r = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password` }, undefined);
    assert.ok(r.ok);
    return r.data.token;
  }
  async function as<K extends OpName>(token: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, token);
    if (!r.ok) throw new Error(`${r.body.error.code}: ${r.body.error.message}`);
    return r.data;
  }
  /** A gated database change, approved: its run holds until the test opens the gate. */
  async function approvedHeld(name: string, extra: Record<string, unknown> = {}): Promise<{ request: OpOutput<'requests.approve'>; gate: string }> {
    const gate = path.join(dir, `${name}.gate`);
    const client_command = `while [ ! -e ${gate} ]; do sleep 0.05; done; cat >/dev/null; exit $(cat ${gate})`;
    await as(devToken, 'tasks.create', { name, type: 'database_change', script: 'UPDATE t SET x = 1;\n', client_command, binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' }, ...extra });
    const started = await as(devToken, 'tasks.start', { name });
    const request = await as(doraToken, 'requests.approve', { id: started.approval!.request_id });
    assert.equal(request.state, 'EXECUTING');
    assert.ok(request.run_id);
    return { request, gate };
  }
  const executionJob = async (requestId: number): Promise<TaskStatus> => {
    const job = (await h.call('jobs.list', { module: 'approvals' })).items.find((j) => j.description.includes(`#${requestId}:`));
    assert.ok(job, `the job of request #${requestId}`);
    return h.call('task_manager.task-status', { task_id: job.id });
  };
  const waitJob = (id: string): Promise<TaskStatus> => h.call('task_manager.wait-task', { task_id: id, timeout: 30 });
  /** The node once `pred` holds: checked at once and on every job event (a run's tracking is written a moment behind it). */
  const statusWhen = (id: string, pred: (n: TaskStatus) => boolean): Promise<TaskStatus> =>
    new Promise((resolve) => {
      const check = (): boolean => {
        const n = h.core.services.jobs.status(id);
        if (!pred(n)) return false;
        sub.dispose();
        resolve(n);
        return true;
      };
      const sub = h.core.events.onDidEmit((e) => void (e.type === 'job.changed' && check()));
      check();
    });

  before(async () => {
    sshd = await startSshd();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-reqjob-'));
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    const host = await h.trustedHost(sshd, 'pg-main', '127.0.0.1', 52);
    const g = await h.call('groups.create', { name: 'ledger' });
    binding = (await h.call('bindings.create', { name: 'ledger-db', group_id: g.id, executor_id: host })).id;
    for (const [user_name, roles] of [['dora', ['dba']], ['dev', ['developer']]] as const) await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
    [devToken, doraToken] = [await login('dev'), await login('dora')];
    await h.call('processes.create', { name: 'change review', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('while it runs, the run\'s job is a child of the execution\'s job, which ends with the run\'s outcome', async () => {
    const { request, gate } = await approvedHeld('held-change');
    const execution = await executionJob(request.id);
    const run = await statusWhen(request.run_id!, (n) => n.state === 'running');
    assert.equal(run.parent_id, execution.id, 'the run sits under the approvals job');
    assert.equal(request.job_id, execution.id, 'the request names its execution\'s job');
    assert.equal(run.module, 'approvals', 'a step shares its job\'s module');
    assert.equal(execution.state, 'running');
    assert.ok(execution.children_ids.includes(run.id));
    fs.writeFileSync(gate, '5');
    const end = await waitJob(execution.id);
    assert.equal(end.tree_state, 'failed');
    const runEnd = h.core.services.jobs.status(request.run_id!);
    assert.equal(runEnd.tree_state, 'failed', 'kept under its job: it failed');
    assert.equal(end.error, runEnd.error, 'the execution says why, in the run\'s words');
    assert.match(end.error ?? '', /pg-main/);
    assert.equal((await as(devToken, 'requests.get', { id: request.id })).state, 'EXECUTION_FAILED');
  });

  test('a crash mid-run: the tied run ends Unknown at start-up, and the execution\'s job ends UNKNOWN with the same reason', async () => {
    const { request } = await approvedHeld('crashed-change');
    const execution = await executionJob(request.id);
    const [instance] = (await h.call('instances.list', { run_id: request.run_id!, per_page: 10 })).items;
    await h.waitInstance(instance!.id, (i) => i.started_time !== null);
    await statusWhen(request.run_id!, (n) => n.state === 'running');
    // What a power cut leaves: the store as committed at this moment (the run and its jobs unfinished), without the stop's own records.
    const crashed = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-crashed-'));
    await h.core.services.store.db.backup(path.join(crashed, 'taskdeck.db'));
    fs.chmodSync(path.join(crashed, 'taskdeck.db'), 0o600);
    for (const f of fs.readdirSync(h.dir)) if (!f.startsWith('taskdeck.db')) fs.cpSync(path.join(h.dir, f), path.join(crashed, f), { recursive: true });
    await h.dispose();
    h = await startHarness({ jobExpiryIntervalMs: 0 }, crashed);
    [devToken, doraToken] = [await login('dev'), await login('dora')];
    const lost = await h.call('instances.get', { id: instance!.id });
    assert.equal(lost.status, InstanceStatus.Unknown);
    const end = await waitJob(execution.id);
    assert.equal(end.tree_state, 'unknown', end.error ?? '');
    assert.ok(lost.error && end.error?.endsWith(`pg-main: ${lost.error}`), `${end.error} carries ${lost.error}`);
    assert.equal(h.core.services.jobs.status(request.run_id!).error, end.error);
  });

  test('a detached run re-attached after a restart: the execution\'s job carries on and ends FINISHED with it', async () => {
    const { request, gate } = await approvedHeld('detached-change', { run_mode: 'detached' });
    const execution = await executionJob(request.id);
    const [instance] = (await h.call('instances.list', { run_id: request.run_id!, per_page: 10 })).items;
    await h.waitInstance(instance!.id, (i) => i.started_time !== null);
    h = await h.restart();
    [devToken, doraToken] = [await login('dev'), await login('dora')];
    assert.equal(h.core.services.jobs.status(execution.id).tree_state, 'running', 'not ended UNKNOWN by the restart: its run goes on');
    fs.writeFileSync(gate, '0');
    const end = await waitJob(execution.id);
    assert.equal(end.tree_state, 'done', end.error ?? '');
    assert.equal((await as(devToken, 'requests.get', { id: request.id })).state, 'EXECUTION_SUCCEEDED');
  });

  test('an approved schedule\'s execution job survives a restart (its request still executes), and ends FINISHED when the schedule is stopped', async () => {
    await as(devToken, 'tasks.create', { name: 'yearly-change', type: 'database_change', script: 'SELECT 1;\n', client_command: 'cat', cron_expression: '0 0 0 1 1 *', binding_ids: [binding], frequency: { mode: 'repeat', time_zone: 'UTC' } });
    const started = await as(devToken, 'tasks.start', { name: 'yearly-change' });
    const request = await as(doraToken, 'requests.approve', { id: started.approval!.request_id });
    assert.equal(request.state, 'EXECUTING');
    const execution = await executionJob(request.id);
    assert.equal(execution.tree_state, 'running');
    h = await h.restart();
    [devToken, doraToken] = [await login('dev'), await login('dora')];
    assert.equal(h.core.services.jobs.status(execution.id).tree_state, 'running', 'its schedule goes on: so does its job');
    await as(devToken, 'tasks.stop', { name: 'yearly-change' });
    assert.equal((await as(devToken, 'requests.get', { id: request.id })).state, 'EXECUTION_SUCCEEDED');
    assert.equal(h.core.services.jobs.status(execution.id).tree_state, 'done', 'linked through the store, not a map the restart emptied');
  });
});
