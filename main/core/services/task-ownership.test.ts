import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OpName, OpOutput } from '../../../shared/api/contract';
import { InstanceStatus, type Instance } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** A clock the test moves by hand; the scheduler fires only on tick(). */
class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void { this.t += ms; }
}

type Who = 'admin' | 'dora' | 'dev' | 'eve' | 'vic';
type Op = 'update' | 'start' | 'stop' | 'run' | 'delete' | 'cancel';

/**
 * Who may do what to a task `dev` owns and to a run `dev` started. dora is a DBA, eve another
 * developer (with the same host grant as dev, so only ownership can refuse her), vic a viewer.
 */
const matrix: Readonly<Record<Who, Readonly<Record<Op, 'ok' | 'forbidden'>>>> = {
  admin: { update: 'ok', start: 'ok', stop: 'ok', run: 'ok', delete: 'ok', cancel: 'ok' },
  dora: { update: 'ok', start: 'ok', stop: 'ok', run: 'ok', delete: 'ok', cancel: 'ok' },
  dev: { update: 'ok', start: 'ok', stop: 'ok', run: 'ok', delete: 'ok', cancel: 'ok' },
  eve: { update: 'forbidden', start: 'forbidden', stop: 'forbidden', run: 'forbidden', delete: 'forbidden', cancel: 'forbidden' },
  vic: { update: 'forbidden', start: 'forbidden', stop: 'forbidden', run: 'forbidden', delete: 'forbidden', cancel: 'forbidden' },
};

describe('task ownership over the real core: the matrix, the probe, edits since start, retries, delete', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let clock: FakeClock;
  let binding: number;
  const tokens = new Map<string, string>();

  /** The answer of an operation as one user: its data, or its error code and message. */
  async function as<K extends OpName>(user: string, op: K, input: unknown): Promise<{ ok: true; data: OpOutput<K> } | { ok: false; code: string; message: string }> {
    const r = await h.core.dispatch(op, input, tokens.get(user));
    return r.ok ? { ok: true, data: r.data } : { ok: false, code: r.body.error.code, message: r.body.error.message };
  }
  async function must<K extends OpName>(user: string, op: K, input: unknown): Promise<OpOutput<K>> {
    const r = await as(user, op, input);
    if (!r.ok) throw new Error(`${user} ${op}: ${r.code}: ${r.message}`);
    return r.data;
  }
  const instancesOf = async (taskId: number): Promise<Instance[]> => (await h.call('instances.list', { task_id: taskId, per_page: 500 })).items;
  const settle = async (taskId: number): Promise<Instance[]> => {
    for (const i of await instancesOf(taskId)) await h.waitInstance(i.id, (x) => x.status !== InstanceStatus.Running);
    return instancesOf(taskId);
  };
  const task = (name: string, extra: Record<string, unknown> = {}) =>
    ({ name, command: 'true', cron_expression: '0 0 1 1 *', binding_ids: [binding], timeout: 60, ...extra });

  before(async () => {
    sshd = await startSshd();
    clock = new FakeClock(Date.parse('2026-03-01T10:00:00Z'));
    h = await startHarness({ clock, schedulerTimers: false });
    tokens.set('admin', (await h.core.dispatch('auth.login', { user_name: 'admin', password: 'adminpass1' }, undefined) as { data: { token: string } }).data.token);
    const hostId = await h.trustedHost(sshd, 'db', '127.0.0.1', 61);
    const g = await h.call('groups.create', { name: 'ops' });
    binding = (await h.call('bindings.create', { name: 'ops-db', group_id: g.id, executor_id: hostId })).id;
    for (const [user_name, roles] of [['dora', ['dba']], ['dev', ['developer']], ['eve', ['developer']], ['vic', ['viewer']]] as const) {
      await h.call('users.create', { user_name, password: `${user_name}-password`, roles });
      const login = await h.core.dispatch('auth.login', { user_name, password: `${user_name}-password` }, undefined);
      assert.ok(login.ok);
      tokens.set(user_name, login.data.token);
    }
    // Both developers may run on the host: a refusal of eve can only come from ownership.
    const hosts = [h.core.services.store.hosts.get(hostId)!];
    h.core.services.store.tx(() => {
      for (const u of ['dev', 'eve']) h.core.services.permissions.grant(u, hosts, 24, 0);
    });
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  /** Puts a task `dev` owns in the state the operation needs, then makes the call as `who`. */
  async function cell(who: Who, op: Op): Promise<string> {
    const name = `${op}-${who}`;
    const long = op === 'cancel';
    const { task: t } = await must('dev', 'tasks.create', task(name, long ? { command: 'sleep 30' } : {}));
    if (op === 'stop') await must('dev', 'tasks.start', { name });
    let instance: Instance | undefined;
    if (long) {
      const { run_id } = await must('dev', 'tasks.run', { name });
      [instance] = (await h.call('instances.list', { run_id })).items;
      await h.waitInstance(instance!.id, (i) => i.started_time !== null);
    }
    const input = { update: { name, description: 'edited' }, start: { name }, stop: { name }, run: { name }, delete: { name }, cancel: { id: instance?.id } }[op];
    const op2 = ({ update: 'tasks.update', start: 'tasks.start', stop: 'tasks.stop', run: 'tasks.run', delete: 'tasks.delete', cancel: 'instances.cancel' } as const)[op];
    const r = await as(who, op2, input);
    if (!r.ok && r.code === 'forbidden' && who === 'eve') {
      assert.match(r.message, op === 'cancel' ? /runs on the authority of dev: only they, an admin or a DBA may cancel it/ : new RegExp(`task ${name} belongs to dev`), r.message);
    }
    // Leave nothing running behind the cell.
    if (instance && (await h.call('instances.get', { id: instance.id })).status === InstanceStatus.Running) await h.call('instances.cancel', { id: instance.id });
    await settle(t.id);
    return r.ok ? 'ok' : r.code;
  }

  test('the ownership matrix: admin, dba, owner, other developer, viewer × update, start, stop, run, delete, cancel', async () => {
    const got: Record<string, Record<string, string>> = {};
    for (const who of Object.keys(matrix) as Who[]) {
      got[who] = {};
      for (const op of Object.keys(matrix[who]) as Op[]) got[who][op] = await cell(who, op);
    }
    assert.deepEqual(got, matrix);
  });

  test('the probe: a developer cannot edit, cancel or delete an admin task; its runs say admin, never scheduler', async () => {
    const { task: t } = await must('admin', 'tasks.create', task('nightly', { command: 'echo nightly', frequency: { mode: 'once', time_zone: 'UTC' }, cron_expression: '' }));
    assert.equal(t.owner, 'admin');
    const edit = await as('dev', 'tasks.update', { name: 'nightly', command: 'echo INJECTED; id' });
    assert.deepEqual(edit.ok ? 'ok' : [edit.code, edit.message], ['forbidden', 'task nightly belongs to admin: only its owner, an admin or a DBA may edit it']);
    const del = await as('dev', 'tasks.delete', { name: 'nightly', force: true });
    assert.equal(del.ok ? 'ok' : del.code, 'forbidden');

    await must('admin', 'tasks.start', { name: 'nightly' });
    const [run] = await settle(t.id);
    assert.equal(run!.created_by, 'admin');
    assert.equal(run!.command, 'echo nightly');
    const log = await h.call('instances.log', { id: run!.id, from_line: 1, limit: 10 });
    assert.ok(!log.lines.some((l) => l.text.includes('INJECTED')));

    // A schedule fires on its starter's authority.
    await must('dora', 'tasks.create', task('hourly', { cron_expression: '0 * * * *', command: 'sleep 30', frequency: { mode: 'countdown', count: 1, time_zone: 'UTC' } }));
    const started = await must('admin', 'tasks.start', { name: 'hourly' });
    assert.equal(started.started_by, 'admin');
    clock.advance(3_600_000);
    h.core.services.scheduler.tick();
    const [fired] = await instancesOf(started.id);
    assert.equal(fired!.created_by, 'admin');
    assert.equal(fired!.trigger, 'schedule');
    await h.waitInstance(fired!.id, (i) => i.started_time !== null);
    const cancel = await as('dev', 'instances.cancel', { id: fired!.id });
    assert.equal(cancel.ok ? 'ok' : cancel.code, 'forbidden', 'a developer cannot cancel an admin run');
    await must('dora', 'instances.cancel', { id: fired!.id });
    assert.equal((await h.waitInstance(fired!.id, (i) => i.status !== InstanceStatus.Running)).status, InstanceStatus.ManualCancellation);

    // The instance carries delicate's snapshot fields and its last change.
    assert.equal(fired!.cron_expression, '0 * * * *');
    assert.deepEqual(fired!.frequency, { mode: 'countdown', count: 1, time_zone: 'UTC' });
    assert.equal(fired!.maximum_parallel_runnable_num, 1);
    assert.equal(fired!.tag, '');
    assert.equal(fired!.description, '');
    const ended = await h.call('instances.get', { id: fired!.id });
    assert.ok(ended.updated_time >= ended.created_time && ended.updated_time === ended.ended_time, JSON.stringify(ended));
  });

  test('an edit by someone else since the last start is shown, audited with a diff, and must be acknowledged by the starter', async () => {
    await must('dev', 'tasks.create', task('report', { command: 'echo report' }));
    await must('dev', 'tasks.update', { name: 'report', tag: 'mine' });
    assert.deepEqual((await must('dev', 'tasks.get', { name: 'report' })).edited_since_start?.changes.map((c) => c.field), ['tag']);
    const script = Array.from({ length: 400 }, (_, i) => `echo line ${i}`).join('\n');
    await must('dora', 'tasks.update', { name: 'report', command: script });
    const t = await must('dev', 'tasks.get', { name: 'report' });
    assert.equal(t.edited_since_start?.by, 'dora');
    const change = t.edited_since_start!.changes.find((c) => c.field === 'command')!;
    assert.equal(change.from, 'echo report');
    assert.match(change.to, /^400 line\(s\), \d+ characters, sha256 [0-9a-f]{16}; first: echo line 0; last: echo line 399$/);

    const refused = await as('dev', 'tasks.start', { name: 'report' });
    assert.ok(!refused.ok && refused.code === 'conflict');
    assert.match(refused.message, /task report was changed by dora since it last started \(command\); review the changes, then start it again with accept_edit_at=/);
    const stale = await as('dev', 'tasks.start', { name: 'report', accept_edit_at: '2000-01-01T00:00:00.000Z' });
    assert.equal(stale.ok ? 'ok' : stale.code, 'conflict', 'an acknowledgement of another edit does not do');
    const ok = await must('dev', 'tasks.start', { name: 'report', accept_edit_at: t.edited_since_start!.at });
    assert.equal(ok.edited_since_start, null);
    assert.equal(ok.started_by, 'dev');

    const audit = await h.call('audit.list', { action: 'task.updated', actor: 'dora' });
    const details = audit[0]!.details as { changes: { field: string; from: string; to: string }[] };
    assert.deepEqual(details.changes.map((c) => [c.field, c.from]), [['command', 'echo report']]);
    assert.ok(JSON.stringify(details).length < 500, 'a long script is summarised in the audit');
    const startedAudit = (await h.call('audit.list', { action: 'task.started', actor: 'dev' }))[0]!;
    assert.equal((startedAudit.details as { acknowledged_edit?: string }).acknowledged_edit, t.edited_since_start!.at);
  });

  test('retries carry the authority of the run they retry; stop and delete cancel pending retries and say how many', async () => {
    const { task: t } = await must('admin', 'tasks.create', task('flaky', { command: 'exit 3', retry_times: 2, retry_interval: 600 }));
    await must('admin', 'tasks.start', { name: 'flaky' });
    await must('dora', 'tasks.run', { name: 'flaky' });
    await settle(t.id);
    clock.advance(600_000);
    h.core.services.scheduler.tick();
    const runs = await settle(t.id);
    assert.deepEqual(runs.map((i) => [i.trigger, i.created_by]).sort(), [['manual', 'dora'], ['retry', 'dora']]);
    assert.equal(h.core.services.store.tasks.retries().filter((r) => r.task_id === t.id).length, 1, 'the second retry is pending');
    await must('admin', 'tasks.stop', { name: 'flaky' });
    assert.equal(h.core.services.store.tasks.retries().filter((r) => r.task_id === t.id).length, 0);
    const stopped = (await h.call('audit.list', { action: 'task.stopped' })).find((e) => e.target_id === String(t.id))!;
    assert.equal((stopped.details as { retries_cancelled: number }).retries_cancelled, 1);

    await must('admin', 'tasks.start', { name: 'flaky' });
    await must('admin', 'tasks.run', { name: 'flaky' });
    await settle(t.id);
    const refused = await as('admin', 'tasks.delete', { name: 'flaky' });
    assert.deepEqual(refused.ok ? 'ok' : [refused.code, refused.message], ['conflict', 'task flaky is Started; stop it first or delete with force=true']);
    await must('admin', 'tasks.delete', { name: 'flaky', force: true });
    const deleted = (await h.call('audit.list', { action: 'task.deleted' })).find((e) => e.target_id === String(t.id))!;
    assert.deepEqual(deleted.details, { name: 'flaky', forced: true, retries_cancelled: 1 });
  });

  test('an admin transfers a task; nobody else can', async () => {
    await must('dev', 'tasks.create', task('handover'));
    const r = await as('dora', 'tasks.update', { name: 'handover', owner: 'eve' });
    assert.deepEqual(r.ok ? 'ok' : [r.code, r.message], ['forbidden', 'only an admin may transfer a task to another owner']);
    const missing = await as('admin', 'tasks.update', { name: 'handover', owner: 'nobody' });
    assert.equal(missing.ok ? 'ok' : missing.code, 'validation');
    const { task: moved } = await must('admin', 'tasks.update', { name: 'handover', owner: 'EVE' });
    assert.equal(moved.owner, 'eve');
    assert.equal((await as('dev', 'tasks.update', { name: 'handover', description: 'x' })).ok, false);
    assert.equal((await as('eve', 'tasks.update', { name: 'handover', description: 'x' })).ok, true);
    const audit = (await h.call('audit.list', { action: 'task.updated', actor: 'admin' }))[0]!;
    assert.deepEqual((audit.details as { owner: unknown }).owner, { from: 'dev', to: 'eve' });
  });

  test('mobile is unique when set: a duplicate answers 409 naming the field; many users may leave it empty', async () => {
    await must('admin', 'users.create', { user_name: 'm1', password: 'm1-password', roles: ['viewer'], mobile: '+49 170 1234' });
    await must('admin', 'users.create', { user_name: 'm2', password: 'm2-password', roles: ['viewer'] });
    await must('admin', 'users.create', { user_name: 'm3', password: 'm3-password', roles: ['viewer'] });
    const dup = await as('admin', 'users.create', { user_name: 'm4', password: 'm4-password', roles: ['viewer'], mobile: '+49 170 1234' });
    assert.deepEqual(dup.ok ? 'ok' : [dup.code, dup.message], ['conflict', 'mobile is already used by another user']);
    const m2 = (await must('admin', 'users.list', {})).find((u) => u.user_name === 'm2')!;
    const upd = await as('admin', 'users.update', { id: m2.id, mobile: '+49 170 1234' });
    assert.equal(upd.ok ? 'ok' : upd.code, 'conflict');
  });
});
