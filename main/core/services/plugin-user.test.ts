import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/**
 * A plug-in's user (role plugin: read, jobs:external, runs:execute): it reports work always, runs
 * only where an admin granted it hosts, aborts only its own runs, and never decides a request.
 */
describe('a plug-in user', { timeout: 60_000 }, () => {
  let sshd: SshdFixture;
  let h: Harness;
  let granted: number;
  let other: number;
  const tokens = new Map<string, string>();
  const gates: string[] = [];

  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    if (!r.ok) throw Object.assign(new Error(`${r.body.error.code}: ${r.body.error.message}`), { code: r.body.error.code });
    return r.data;
  }
  /** The error code and message an operation is refused with. */
  async function refused(user: string, op: OpName, input: unknown): Promise<{ code: string; message: string }> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    assert.ok(!r.ok, `${op} as ${user} was expected to be refused`);
    return { code: r.body.error.code, message: r.body.error.message };
  }
  /** A command that runs until the test opens its gate. */
  function gated(): { command: string; open(): void } {
    const gate = path.join(os.tmpdir(), `td-plugin-gate-${randomBytes(6).toString('hex')}`);
    gates.push(gate);
    return { command: `while [ ! -e ${gate} ]; do sleep 0.05; done`, open: () => fs.writeFileSync(gate, '') };
  }
  const grantCount = async (): Promise<number> => (await h.call('permissions.list', {})).length;

  before(async () => {
    sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2'] });
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    granted = await h.trustedHost(sshd, 'granted', '127.0.0.1', 61);
    other = await h.trustedHost(sshd, 'other', '127.0.0.2', 62);
    for (const [user_name, roles] of [['backup-tool', ['plugin']], ['dora', ['dba']], ['dev', ['developer']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
    }
    for (const [user_name, password] of [['admin', 'adminpass1'], ['backup-tool', 'backup-tool-password'], ['dora', 'dora-password'], ['dev', 'dev-password']]) {
      const login = await h.core.dispatch('auth.login', { user_name, password }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name!, login.data.token);
    }
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
    for (const g of gates) fs.rmSync(g, { force: true });
  });

  test('injects and ends its own external jobs without any host grant', async () => {
    const job = await as('backup-tool', 'jobs.create', { description: 'nightly base backup', auto_cleared: true });
    const step = await as('backup-tool', 'jobs.add-step', { id: job.id, description: 'copy WAL', type: 'EXECUTING', status: 'STARTED' });
    await as('backup-tool', 'jobs.end-step', { id: job.id, step_id: step.id, succeeded: true });
    const ended = await as('backup-tool', 'jobs.end', { id: job.id, status: 'FINISHED' });
    assert.equal(ended.status, 'FINISHED');
  });

  test('without a grant its run is refused, saying that an admin grants a plug-in its hosts', async () => {
    const { code, message } = await refused('backup-tool', 'runs.create', { targets: { host_ids: [granted] }, command: 'true' });
    assert.equal(code, 'forbidden');
    assert.match(message, /backup-tool has no permission to run on granted; a plug-in runs only on hosts an admin grants it/);
    assert.doesNotMatch(message, /apply_permission/, 'a plug-in cannot apply: it must not be told to');
  });

  test('an admin grants it a host: it runs there, and only there', async () => {
    const grants = await h.call('permissions.grant', { user_name: 'backup-tool', host_ids: [granted], hours: 2 });
    assert.equal(grants.length, 1);
    assert.deepEqual([grants[0]!.user_name, grants[0]!.host_id, grants[0]!.granted_by, grants[0]!.request_id, grants[0]!.active], ['backup-tool', granted, 'admin', null, true]);
    const audit = await h.call('audit.list', { action: 'permission.granted' });
    assert.ok(audit.some((e) => e.actor === 'admin' && e.target_id === 'backup-tool'), 'audited as the admin\'s act');
    const run = await as('backup-tool', 'runs.create', { targets: { host_ids: [granted] }, command: 'echo from the plug-in' });
    const done = await h.waitInstance(run.instances[0]!.id, (i) => i.status !== InstanceStatus.Running);
    assert.equal(done.status, InstanceStatus.Finished);
    assert.equal((await refused('backup-tool', 'runs.create', { targets: { host_ids: [granted, other] }, command: 'true' })).code, 'forbidden', 'not on a host it was not granted');
  });

  test('a direct grant is for plug-ins only, by an admin only, and refuses bad input without writing anything', async () => {
    const before = await grantCount();
    const cases: [string, OpName, unknown, string, RegExp][] = [
      ['admin', 'permissions.grant', { user_name: 'dev', host_ids: [granted], hours: 1 }, 'conflict', /dev is not a plug-in.*apply_permission/],
      ['admin', 'permissions.grant', { user_name: 'nobody', host_ids: [granted], hours: 1 }, 'not_found', /nobody/],
      ['admin', 'permissions.grant', { user_name: 'backup-tool', host_ids: [granted, 9999], hours: 1 }, 'not_found', /9999/],
      ['admin', 'permissions.grant', { user_name: 'backup-tool', host_ids: [granted], hours: 0 }, 'validation', /hours/],
      ['admin', 'permissions.grant', { user_name: 'backup-tool', host_ids: [granted], hours: 721 }, 'validation', /hours/],
      ['admin', 'permissions.grant', { user_name: 'backup-tool', host_ids: [], hours: 1 }, 'validation', /host_ids/],
      ['dora', 'permissions.grant', { user_name: 'backup-tool', host_ids: [other], hours: 1 }, 'forbidden', /.+/],
      ['backup-tool', 'permissions.grant', { user_name: 'backup-tool', host_ids: [other], hours: 1 }, 'forbidden', /.+/],
    ];
    for (const [user, op, input, code, message] of cases) {
      const r = await refused(user, op, input);
      assert.equal(r.code, code, `${user}: ${JSON.stringify(input)}: ${r.message}`);
      assert.match(r.message, message, `${user}: ${JSON.stringify(input)}`);
    }
    assert.equal(await grantCount(), before, 'nothing half-written');
  });

  test('never approves: it holds no decision right, and no process may name its role', async () => {
    await h.call('processes.create', { name: 'change review', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    const bad = await refused('admin', 'processes.create', { name: 'plug-in review', task_type: 'command', risk_levels: [{ level: 1, approval_nodes: [{ role: 'plugin' }] }] });
    assert.equal(bad.code, 'validation', 'the plugin role cannot be an approval role');
    const binding = (await h.call('bindings.create', { name: 'granted-db', group_id: (await h.call('groups.create', { name: 'backups' })).id, executor_id: granted })).id;
    await as('dev', 'tasks.create', { name: 'fix-rows', type: 'database_change', script: 'SELECT 1;\n', client_command: 'cat', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
    const started = await as('dev', 'tasks.start', { name: 'fix-rows' });
    const id = started.approval!.request_id;
    assert.equal((await refused('backup-tool', 'requests.approve', { id, comment: 'looks fine' })).code, 'forbidden');
    const batch = await as('backup-tool', 'requests.batch-approve', { ids: [id], comment: 'looks fine' });
    assert.deepEqual(batch.results.map((b) => [b.id, b.ok]), [[id, false]], 'each refused in a batch too');
    assert.equal((await as('backup-tool', 'requests.get', { id })).can_approve, false);
    assert.equal((await h.call('requests.get', { id })).state, 'APPROVING', 'still waiting for a person');
  });

  test('aborts the jobs of its own runs, never of a run it did not start', async () => {
    await h.call('permissions.grant', { user_name: 'backup-tool', host_ids: [other], hours: 1 });
    const theirs = gated();
    const admins = await h.call('runs.create', { targets: { host_ids: [granted] }, command: theirs.command });
    const instance = admins.instances[0]!.id;
    await h.waitInstance(instance, (i) => i.started_time !== null);
    const hostNode = (await h.call('task_manager.task-status-recursive', { task_id: admins.run_id })).find((n) => n.instance_id === instance);
    for (const task_id of [admins.run_id, ...(hostNode ? [hostNode.id] : [])]) {
      const { code, message } = await refused('backup-tool', 'task_manager.abort-task', { task_id });
      assert.equal(code, 'forbidden');
      assert.match(message, /admin/, 'names on whose authority it runs');
    }
    assert.equal((await h.call('instances.get', { id: instance })).status, InstanceStatus.Running, 'nothing was cancelled');
    theirs.open();
    await h.waitInstance(instance, (i) => i.status !== InstanceStatus.Running);

    const mine = gated();
    const own = await as('backup-tool', 'runs.create', { targets: { host_ids: [other] }, command: mine.command });
    await h.waitInstance(own.instances[0]!.id, (i) => i.started_time !== null);
    await as('backup-tool', 'task_manager.abort-task', { task_id: own.run_id });
    const cancelled = await h.waitInstance(own.instances[0]!.id, (i) => i.status !== InstanceStatus.Running);
    assert.equal(cancelled.status, InstanceStatus.ManualCancellation);
    mine.open();
  });
});
