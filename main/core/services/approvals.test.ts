import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpInput, OpName, OpOutput } from '../../../shared/api/contract';
import { InstanceStatus } from '../../../shared/domain/instances';
import { TaskInput } from '../../../shared/domain/tasks';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
}

describe('approvals end to end in the core: processes, priority, levels, four eyes, execution, voiding', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let binding: number;
  let clock: FakeClock;
  const tokens = new Map<string, string>();

  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    if (!r.ok) throw new Error(`${r.body.error.code}: ${r.body.error.message}`);
    return r.data;
  }

  before(async () => {
    sshd = await startSshd();
    clock = new FakeClock(Date.now());
    h = await startHarness({ clock });
    const host = await h.trustedHost(sshd, 'pg-main', '127.0.0.1', 51);
    const g = await h.call('groups.create', { name: 'payments' });
    binding = (await h.call('bindings.create', { name: 'payments-db', group_id: g.id, executor_id: host })).id;
    for (const [user_name, roles] of [['dora', ['dba']], ['dev', ['developer']], ['ada', ['admin']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  test('the request lands on the right process and level; the requester cannot approve; dba then admin approve; it runs; an edit voids it', async () => {
    // Two processes; the stricter is first in priority and covers the payments group.
    const lax = await h.call('processes.create', {
      name: 'Any DB change', task_type: 'database_change',
      risk_levels: [{ level: 1, sql_subtypes: ['SELECT'], max_statements: null, approval_nodes: [{ role: 'dba' }] }],
    });
    const strict = await h.call('processes.create', {
      name: 'Payments DB change', task_type: 'database_change', association: { host_ids: [], group_ids: [(await h.call('groups.list', {}))[0]!.id] },
      risk_levels: [
        { level: 1, sql_subtypes: ['SELECT', 'INSERT'], max_statements: 10, approval_nodes: [{ role: 'dba' }] },
        { level: 2, sql_subtypes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], max_statements: 10, approval_nodes: [{ role: 'dba' }, { role: 'admin' }] },
        { level: 3, sql_subtypes: ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'OTHER'], max_statements: null, approval_nodes: [{ role: 'dba' }, { role: 'admin' }] },
      ],
    });
    await h.call('processes.set-priority', { task_type: 'database_change', ids: [strict.id, lax.id] });
    await h.call('processes.create', { name: 'Disabled first', task_type: 'database_change', enabled: false, risk_levels: [{ level: 1, approval_nodes: [{ role: 'viewer' }] }] });

    const script = "-- fix balances; the ';' inside quotes is not a split\nUPDATE accounts SET note = 'a;b' WHERE id = 1;\nDELETE FROM sessions WHERE expired;\n";
    await as('dev', 'tasks.create', { name: 'fix-balances', type: 'database_change', script, client_command: 'cat', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
    const started = await as('dev', 'tasks.start', { name: 'fix-balances' });
    assert.equal(started.stage, 'Stopped');
    assert.equal(started.approval?.state, 'APPROVING');
    const req = await as('dev', 'requests.get', { id: started.approval!.request_id });
    assert.equal(req.process.name, 'Payments DB change');
    assert.equal(req.risk_level, 2);
    assert.deepEqual(req.statements.map((s) => s.subtype), ['UPDATE', 'DELETE']);
    assert.deepEqual(req.nodes.map((n) => n.role), ['dba', 'admin']);

    await assert.rejects(as('dev', 'requests.approve', { id: req.id }), /forbidden: you cannot approve your own request/);
    await assert.rejects(as('ada', 'requests.approve', { id: req.id }), /forbidden: approval node 1 of 2 needs the dba role/);
    assert.deepEqual((await as('dora', 'requests.list', { view: 'to_approve' })).items.map((r) => r.id), [req.id]);
    const afterDba = await as('dora', 'requests.approve', { id: req.id, comment: 'looks right' });
    assert.equal(afterDba.current_node, 1);
    const approved = await as('ada', 'requests.approve', { id: req.id, comment: 'go' });
    assert.equal(approved.state, 'EXECUTING', 'auto strategy starts at once');
    assert.ok(approved.run_id);

    const [inst] = (await h.call('instances.list', { run_id: approved.run_id! })).items;
    const done = await h.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running);
    assert.equal(done.status, InstanceStatus.Finished, done.error ?? '');
    assert.equal(done.created_by, 'dev', 'an approved change runs on the requester\'s authority, never the request or the scheduler');
    assert.equal((await as('dev', 'tasks.get', { name: 'fix-balances' })).started_by, 'dev');
    const log = await h.call('instances.log', { id: done.id, from_line: 1, limit: 50 });
    assert.ok(log.lines.some((l) => l.text === "UPDATE accounts SET note = 'a;b' WHERE id = 1;"), 'the script reached the client on stdin');
    const finished = await as('dev', 'requests.get', { id: req.id });
    assert.equal(finished.state, 'EXECUTION_SUCCEEDED');
    // The audit reads as sentences naming the task and the node each approver decided.
    const said = (await h.call('audit.list', { action: 'request.approved' })).filter((e) => e.target_id === String(req.id)).map((e) => e.sentence);
    assert.deepEqual(said, [`ada approved request #${req.id} (fix-balances), node 2`, `dora approved request #${req.id} (fix-balances), node 1`]);

    // A new request, approved by the dba only so far; then the developer edits the script: the request is void.
    await as('dev', 'tasks.start', { name: 'fix-balances' });
    const second = (await as('dev', 'tasks.get', { name: 'fix-balances' })).approval!;
    await as('dora', 'requests.approve', { id: second.request_id });
    await as('dev', 'tasks.update', { name: 'fix-balances', script: 'DROP TABLE accounts;' });
    const voided = await as('dev', 'requests.get', { id: second.request_id });
    assert.equal(voided.state, 'PRE_CHECK_FAILED');
    assert.match(voided.reason ?? '', /edited by dev after the request was made/);
    await assert.rejects(as('ada', 'requests.approve', { id: second.request_id }), /conflict/);
    // Paged newest first, with the total; "mine" is the requester's, "to approve" is what the caller may decide.
    const p1 = await as('dora', 'requests.list', { view: 'all', per_page: 1 });
    const p2 = await as('dora', 'requests.list', { view: 'all', per_page: 1, page: 2 });
    assert.deepEqual([p1.total, p1.items.map((r) => r.id), p2.items.map((r) => r.id)], [2, [second.request_id], [req.id]]);
    assert.equal((await as('dev', 'requests.list', { view: 'mine' })).total, 2);
    assert.equal((await as('dora', 'requests.list', { view: 'mine' })).total, 0);
    assert.equal((await as('dora', 'requests.list', { view: 'to_approve' })).total, 0);
    // Search on the server: part of the task name, the requester or the process name, or #id.
    const found = async (q: string): Promise<number[]> => (await as('dora', 'requests.list', { view: 'all', q })).items.map((r) => r.id);
    assert.deepEqual(await found('balances'), [second.request_id, req.id]);
    assert.deepEqual(await found('Payments DB'), [second.request_id, req.id]);
    assert.deepEqual(await found(`#${req.id}`), [req.id]);
    assert.deepEqual(await found('nothing-like-it'), []);
    assert.deepEqual(await found('100%_'), [], 'LIKE wildcards are searched for, not matched');
    assert.equal((await as('dora', 'requests.list', { view: 'all', state: 'PRE_CHECK_FAILED' })).total, 1);
    const audit = await h.call('audit.list', { action: 'request.voided' });
    assert.equal(audit.length, 1);
    assert.equal((await h.call('audit.verify', {})).ok, true);
  });

  test('no matching process: command tasks run, database changes are refused (workspace policy)', async () => {
    await h.call('tasks.create', { name: 'plain', command: 'true', cron_expression: '0 0 * * *', binding_ids: [binding] });
    assert.equal((await h.call('tasks.start', { name: 'plain' })).stage, 'Started');
    await h.call('processes.delete-many', { ids: (await h.call('processes.list', {})).map((p) => p.id) });
    await h.call('tasks.create', { name: 'ddl', type: 'database_change', script: 'ALTER TABLE t ADD c int;', client_command: 'cat', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
    await assert.rejects(h.call('tasks.start', { name: 'ddl' }), /no enabled approval process covers database_change task ddl/);
  });

  test('approval expiry: an unapproved request expires after approval_hours and the sweep says so', async () => {
    await h.call('processes.create', { name: 'Quick expiry', task_type: 'database_change', validity: { approval_hours: 1, wait_hours: 1, execution_hours: 1 }, risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    await h.call('tasks.update', { name: 'ddl', script: 'SELECT 1;' });
    const t = await h.call('tasks.start', { name: 'ddl' });
    clock.t += 61 * 60_000;
    h.core.services.requests.sweep(false);
    const r = await h.call('requests.get', { id: t.approval!.request_id });
    assert.equal(r.state, 'APPROVAL_EXPIRED');
    const d = await h.call('dashboard.daily', { tz: 'UTC' });
    assert.equal(d.pending_approvals, 0);
  });

  test('permission applications: no grant, no run; an approved application grants it for its period; expiry revokes it', async () => {
    const hostId = (await h.call('hosts.list', {}))[0]!.id;
    await assert.rejects(as('dev', 'runs.create', { targets: { host_ids: [hostId] }, command: 'true' }), /forbidden: dev has no permission to run on pg-main/);
    const dba = await as('dora', 'runs.create', { targets: { host_ids: [hostId] }, command: 'true' });
    assert.equal((await h.waitInstance(dba.instances[0]!.id, (i) => i.status !== InstanceStatus.Running)).status, InstanceStatus.Finished, 'a DBA runs anywhere without a grant');
    await h.call('processes.create', { name: 'Access requests', task_type: 'apply_permission', risk_levels: [{ level: 1, approval_nodes: [{ role: 'dba' }] }] });
    await as('dev', 'tasks.create', { name: 'need-pg-main', type: 'apply_permission', binding_ids: [binding], grant_hours: 2, frequency: { mode: 'once', time_zone: 'UTC' } });
    const applied = await as('dev', 'tasks.start', { name: 'need-pg-main' });
    const granted = await as('dora', 'requests.approve', { id: applied.approval!.request_id });
    assert.equal(granted.state, 'EXECUTION_SUCCEEDED');
    const run = await as('dev', 'runs.create', { targets: { host_ids: [hostId] }, command: 'echo granted' });
    assert.equal((await h.waitInstance(run.instances[0]!.id, (i) => i.status !== InstanceStatus.Running)).status, InstanceStatus.Finished);
    const mine = await as('dev', 'permissions.list', {});
    assert.equal(mine.filter((g) => g.active).length, 1);
    clock.t += 2 * 3_600_000 + 1000;
    h.core.services.permissions.sweep();
    await assert.rejects(as('dev', 'runs.create', { targets: { host_ids: [hostId] }, command: 'true' }), /forbidden/);
    assert.equal((await h.call('audit.list', { action: 'permission.expired' })).length, 1);
  });

  test('a client command set on the host: used when the task has none, part of what is approved, and changing it voids an open request', async () => {
    const hostId = (await h.call('hosts.list', {}))[0]!.id;
    const created = await as('dev', 'tasks.create', { name: 'hosted-client', type: 'database_change', script: 'SELECT 42;\n', binding_ids: [binding], frequency: { mode: 'once', time_zone: 'UTC' } });
    assert.match(created.check_result.errors.find((e) => e.field === 'client_command')?.message ?? '', /set it on the task or on every bound host \(pg-main has none\)/);

    await h.call('hosts.update', { id: hostId, client_command: 'cat' });
    // The task's own fields (what the editor sends), not the read-only ones a task has (`id`, `stage`, …): those are refused.
    const fields = Object.fromEntries(Object.entries(created.task).filter(([k]) => Object.hasOwn(TaskInput.shape, k)));
    assert.deepEqual((await as('dev', 'tasks.check', { ...fields, binding_ids: [binding] } as OpInput<'tasks.check'>)).errors, []);
    const first = await as('dev', 'tasks.start', { name: 'hosted-client' });
    await h.call('hosts.update', { id: hostId, client_command: 'cat -n' });
    const voided = await as('dev', 'requests.get', { id: first.approval!.request_id });
    assert.equal(voided.state, 'PRE_CHECK_FAILED');
    assert.match(voided.reason ?? '', /host pg-main was changed after the request was made/);

    const second = await as('dev', 'tasks.start', { name: 'hosted-client' });
    const approved = await as('dora', 'requests.approve', { id: second.approval!.request_id });
    assert.equal(approved.state, 'EXECUTING');
    const [inst] = (await h.call('instances.list', { run_id: approved.run_id! })).items;
    const done = await h.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running);
    assert.equal(done.status, InstanceStatus.Finished, done.error ?? '');
    assert.equal(done.command, 'cat -n', 'the host\'s client command ran');
    const log = await h.call('instances.log', { id: done.id, from_line: 1, limit: 10 });
    assert.ok(log.lines.some((l) => /^\s+1\tSELECT 42;$/.test(l.text)), JSON.stringify(log.lines));
  });

  test('an admin revokes a lasting grant: runs are refused at once; a second revoke is a conflict; only admins may', async () => {
    const hostId = (await h.call('hosts.list', {}))[0]!.id;
    const applied = await as('dev', 'tasks.start', { name: 'need-pg-main' });
    assert.equal((await as('dora', 'requests.approve', { id: applied.approval!.request_id })).state, 'EXECUTION_SUCCEEDED');
    const grant = (await as('dev', 'permissions.list', {})).find((g) => g.active)!;
    assert.equal(grant.host_name, 'pg-main');
    await assert.rejects(as('dev', 'permissions.revoke', { id: grant.id }), /forbidden/);
    const seen: string[] = [];
    const sub = h.core.events.onDidEmit((e) => { if (e.type === 'grants.changed') seen.push(`${e.data.reason}:${e.data.user_name}`); });
    const revoked = await h.call('permissions.revoke', { id: grant.id });
    sub.dispose();
    assert.deepEqual(seen, ['revoked:dev'], 'clients hear of it at once');
    assert.deepEqual([revoked.active, revoked.revoked_by], [false, 'admin']);
    await assert.rejects(as('dev', 'runs.create', { targets: { host_ids: [hostId] }, command: 'true' }), /forbidden: dev has no permission to run on pg-main/);
    await assert.rejects(h.call('permissions.revoke', { id: grant.id }), /already ended/);
    await assert.rejects(h.call('permissions.revoke', { id: 999_999 }), /not found/);
    assert.equal((await h.call('audit.list', { action: 'permission.revoked' })).length, 1);
  });
});
