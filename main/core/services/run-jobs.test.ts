import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import type { TaskStatus } from '../../../shared/domain/jobs';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../../testing/server-harness';

/** Processes on this machine whose command line contains `mark` (the sshd is local, so this is "on the host"). */
function leftovers(mark: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', mark], { encoding: 'utf8' }).trim().split('\n').filter((l) => l && !l.includes('pgrep'));
  } catch {
    return [];
  }
}

/** A command that runs until the test creates its gate file: the run is held in a known state without sleeping in the test. */
function gated(): { gate: string; command: string; open(): void } {
  const gate = path.join(os.tmpdir(), `td-gate-${randomBytes(6).toString('hex')}`);
  return { gate, command: `while [ ! -e ${gate} ]; do sleep 0.05; done; echo through`, open: () => fs.writeFileSync(gate, '') };
}

describe('runs as jobs over a real sshd', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let hostA: number;
  let hostB: number;
  const gates: string[] = [];

  before(async () => {
    sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2'] });
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    hostA = await h.trustedHost(sshd, 'a', '127.0.0.1', 11);
    hostB = await h.trustedHost(sshd, 'b', '127.0.0.2', 12);
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
    for (const g of gates) fs.rmSync(g, { force: true });
  });

  const tree = (id: string): Promise<TaskStatus[]> => h.call('task_manager.task-status-recursive', { task_id: id });
  /** The run's tree once `pred` holds: checked at once and on every job event (tracking is written a moment behind the run). */
  const treeWhen = (id: string, pred: (nodes: TaskStatus[]) => boolean): Promise<TaskStatus[]> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const nodes = h.core.services.jobs.statusRecursive(id);
        if (!pred(nodes)) return false;
        sub.dispose();
        clearTimeout(timer);
        resolve(nodes);
        return true;
      };
      const sub = h.core.events.onDidEmit((e) => void (e.type === 'job.changed' && check()));
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`the tree of ${id} never matched: ${JSON.stringify(h.core.services.jobs.statusRecursive(id))}`));
      }, 10_000);
      check();
    });
  const waitJob = (id: string): Promise<TaskStatus> => h.call('task_manager.wait-task', { task_id: id, timeout: 30 });
  const started = (i: { started_time: string | null }): boolean => i.started_time !== null;
  const hold = (): ReturnType<typeof gated> => {
    const g = gated();
    gates.push(g.gate);
    return g;
  };

  test('a 2-host ad-hoc run is a job: VALIDATING, EXECUTING with a child per instance, FINALIZING; the run id is the job id', async () => {
    const g = hold();
    const run = await h.call('runs.create', { targets: { host_ids: [hostA, hostB] }, command: g.command });
    assert.match(run.run_id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'the run id is a UUIDv7');
    const running = await treeWhen(run.run_id, (nodes) => nodes.filter((n) => n.scope === 'host' && n.tree_state === 'running').length === 2);
    const [root] = running;
    assert.equal(root!.module, 'runs');
    assert.equal(root!.type, 'ad-hoc run');
    assert.equal(root!.owner, 'admin');
    assert.equal(root!.user_started, true);
    assert.equal(root!.is_abortable, true);
    assert.equal(root!.tree_state, 'running');
    assert.deepEqual(root!.folded, { done: 1, failed: 0, aborted: 0, unknown: 0 }, 'VALIDATING ended once both hosts connected (and folded)');
    const executing = running.find((n) => n.step_type === 'EXECUTING' && n.parent_id === root!.id)!;
    assert.equal(executing.tree_state, 'running');
    const hosts = running.filter((n) => n.parent_id === executing.id);
    assert.deepEqual(hosts.map((n) => n.instance_id).sort(), run.instances.map((i) => i.id).sort());
    assert.ok(hosts.every((n) => n.scope === 'host' && n.tree_state === 'running'));
    assert.deepEqual(hosts.map((n) => n.description).sort(), ['a', 'b']);

    g.open();
    const ended = await waitJob(run.run_id);
    assert.equal(ended.tree_state, 'done');
    assert.equal(ended.error, null);
    const after = await h.call('task_manager.task-status', { task_id: run.run_id });
    assert.deepEqual(after.folded, { done: 3, failed: 0, aborted: 0, unknown: 0 }, 'VALIDATING, EXECUTING and FINALIZING done');
    assert.deepEqual([after.progress_completed, after.progress_total, after.progress_units], [2, 2, 'hosts']);
    const finalizing = (await tree(run.run_id)).filter((n) => n.parent_id === run.run_id);
    assert.deepEqual(finalizing.map((n) => [n.step_type, n.tree_state]), [['FINALIZING', 'done']], 'only FINALIZING stays once done: it holds the summary');
    assert.match(finalizing[0]!.description, /^exit codes 0 ×2; \d+ log lines, \d+/);
    assert.deepEqual(after.children_ids, [finalizing[0]!.id]);
  });

  test('a failing host fails its child, EXECUTING and the job, naming the host; the others fold', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [hostA, hostB] }, command: 'case "$SSH_CONNECTION" in *127.0.0.2*) sleep 0.2; exit 3;; esac; echo fine' });
    const ended = await waitJob(run.run_id);
    assert.equal(ended.tree_state, 'failed');
    assert.match(ended.error ?? '', /1 of 2 host\(s\) did not finish: b: exit code 3/);
    const nodes = await tree(run.run_id);
    const executing = nodes.find((n) => n.step_type === 'EXECUTING' && n.parent_id === run.run_id)!;
    assert.equal(executing.tree_state, 'failed');
    const kept = nodes.filter((n) => n.parent_id === executing.id);
    const b = run.instances.find((i) => i.host_id === hostB)!;
    assert.deepEqual(kept.map((n) => [n.description, n.tree_state, n.instance_id]), [['b', 'failed', b.id]], 'the failed host stays, the finished one folded');
    assert.deepEqual(executing.folded, { done: 1, failed: 1, aborted: 0, unknown: 0 });
    // Starts are written behind the run, and not at all for a host that ended first: its end carries when it started.
    const host = kept[0]!;
    assert.ok(Date.parse(host.ended_time!) - Date.parse(host.started_time!) >= 190, `the host ran 0.2 s: ${host.started_time} → ${host.ended_time}`);
    assert.ok(Date.parse(executing.started_time!) <= Date.parse(host.started_time!), 'EXECUTING started with its first host');
  });

  test('a run goes on when its job cannot be written: untracked, and said in the log', async () => {
    const logged: string[] = [];
    const solo = await startHarness({ jobExpiryIntervalMs: 0, log: (level, msg, fields) => void logged.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`) });
    try {
      const host = await solo.trustedHost(sshd, 'solo', '127.0.0.1', 21);
      solo.core.services.store.db.exec("CREATE TRIGGER no_jobs BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'the job tree refuses writes'); END");
      const run = await solo.call('runs.create', { targets: { host_ids: [host] }, command: 'echo still runs' });
      const [instance] = run.instances;
      const ended = await solo.waitInstance(instance!.id, (i) => i.status !== InstanceStatus.Running);
      assert.equal(ended.status, InstanceStatus.Finished);
      assert.equal(solo.core.services.store.jobs.get(run.run_id), undefined, 'no job');
      assert.ok(logged.some((l) => l.startsWith('warn run jobs: tracking a run failed') && l.includes('the job tree refuses writes')), logged.join('\n'));
    } finally {
      await solo.dispose();
    }
  });

  test('an unreachable host fails VALIDATING with the reason', async () => {
    const down = await h.call('hosts.create', { name: 'down', host: '127.0.0.3:1', username: sshd.user, machine_id: 13, auth: { kind: 'key', private_key_path: sshd.clientKeyPath } });
    const run = await h.call('runs.create', { targets: { host_ids: [hostA, down.id] }, command: 'true' });
    const ended = await waitJob(run.run_id);
    assert.equal(ended.tree_state, 'failed');
    const validating = (await tree(run.run_id)).find((n) => n.step_type === 'VALIDATING');
    assert.ok(validating, `a failed VALIDATING is kept: ${JSON.stringify(await tree(run.run_id))}`);
    assert.equal(validating.tree_state, 'failed');
    assert.match(validating.error ?? '', /could not connect or verify the host key: down: /);
    await h.call('hosts.delete', { id: down.id }).catch(() => undefined);
  });

  test('correlation: a run started inside an external job or step shows in its tree; bad parents are refused and nothing runs', async () => {
    const job = await h.call('jobs.create', { description: 'migration tool', auto_cleared: true });
    const step = await h.call('jobs.add-step', { id: job.id, description: 'apply on replicas', type: 'EXECUTING' });
    const inStep = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: 'echo in-step', job_id: job.id, step_id: step.id });
    const node = await h.call('task_manager.task-status', { task_id: inStep.run_id });
    assert.equal(node.parent_id, step.id);
    assert.equal(node.root_id, job.id);
    assert.equal(node.type, 'ad-hoc run');
    assert.equal(node.external, false, 'the run is Taskdeck\'s own work, inside the plug-in\'s job');
    assert.equal((await waitJob(inStep.run_id)).tree_state, 'done');

    const before = (await h.call('instances.list', { page: 1, per_page: 500, count: true })).total;
    const refuse = async (input: Record<string, string>, code: string, text: RegExp): Promise<void> => {
      await assert.rejects(h.call('runs.create', { targets: { host_ids: [hostA] }, command: 'echo never', ...input }), (e: Error) => e.message.startsWith(`runs.create: ${code}:`) && text.test(e.message));
    };
    await refuse({ job_id: '0190b7d2-0000-7000-8000-000000000000' }, 'not_found', /job 0190b7d2-/);
    await refuse({ job_id: job.id, step_id: 'nope' }, 'not_found', /step nope not found in job/);
    await refuse({ job_id: inStep.run_id }, 'not_found', /job/); // a step of another tree is not a job
    const own = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: 'true' });
    await waitJob(own.run_id);
    await refuse({ job_id: own.run_id }, 'conflict', /Taskdeck's own work/);
    const endedJob = await h.call('jobs.create', { description: 'finished tool', auto_cleared: true });
    await h.call('jobs.end', { id: endedJob.id, status: 'FINISHED' });
    await refuse({ job_id: endedJob.id }, 'conflict', /already ended/);
    assert.equal((await h.call('instances.list', { page: 1, per_page: 500, count: true })).total, before! + 1, 'only the own run was stored');
    await h.call('jobs.end', { id: job.id, status: 'FINISHED', force: true });
  });

  test('a detached run re-attached after a restart carries its job on; a tied one ended by the stop ends its job as its instance did', async () => {
    const g = hold();
    const detached = await h.call('runs.create', { targets: { host_ids: [hostA] }, mode: 'detached', command: g.command });
    const tied = await h.call('runs.create', { targets: { host_ids: [hostB] }, command: g.command });
    await h.waitInstance(detached.instances[0]!.id, started);
    await h.waitInstance(tied.instances[0]!.id, started);
    h = await h.restart();
    const lost = await waitJob(tied.run_id);
    const instance = await h.call('instances.get', { id: tied.instances[0]!.id });
    assert.equal(instance.status, InstanceStatus.AbnormalEnding, 'a tied run ends with its connection when Taskdeck stops');
    assert.equal(lost.tree_state, 'failed', 'not UNKNOWN: its end was recorded before the stop');
    assert.ok(instance.error && lost.error?.includes(instance.error), `${lost.error} carries ${instance.error}`);
    const hostNode = (await tree(tied.run_id)).find((n) => n.instance_id === tied.instances[0]!.id);
    assert.equal(hostNode?.tree_state, 'failed');
    assert.equal(hostNode?.error, instance.error);

    assert.equal((await h.call('task_manager.task-status', { task_id: detached.run_id })).tree_state, 'running', 'the re-attached run\'s job carries on');
    g.open();
    const done = await waitJob(detached.run_id);
    assert.equal(done.tree_state, 'done', done.error ?? '');
  });
});

describe('aborting a run job over REST', () => {
  let sshd: SshdFixture;
  let s: ServerHarness;
  let h: Harness;
  let hostA: number;
  let hostB: number;
  const tokens: Record<string, string> = {};

  async function call<T>(as: string, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await s.api(method, p, body, tokens[as]);
    return { status: r.status, body: (await r.json()) as T };
  }

  before(async () => {
    sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2'] });
    s = await startServerHarness({ core: { jobExpiryIntervalMs: 0 } });
    ({ h } = s);
    hostA = await h.trustedHost(sshd, 'a', '127.0.0.1', 11);
    hostB = await h.trustedHost(sshd, 'b', '127.0.0.2', 12);
    tokens.admin = s.admin;
    tokens.devon = await s.signUp('devon', 'devonpass1', ['developer']);
    tokens.vera = await s.signUp('vera', 'viewerpass1', ['viewer']);
  });
  after(async () => {
    await s.dispose();
    await sshd.dispose();
  });

  test('abort_task on a running sleep run cancels its instances: nothing is left on the hosts; others may not', async () => {
    const mark = String(randomBytes(3).readUIntBE(0, 3));
    const created = await call<{ run_id: string; instances: { id: string }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [hostA, hostB] }, command: `sleep 30.${mark}` });
    assert.equal(created.status, 201);
    const run = created.body;
    for (const i of run.instances) await h.waitInstance(i.id, (x) => x.started_time !== null);
    while (leftovers(`^sleep 30.${mark}`).length < 2) await new Promise((r) => setImmediate(r));

    for (const who of ['devon', 'vera']) {
      const refused = await call<{ error: { code: string; message: string } }>(who, 'POST', `/task_manager/abort_task/${run.run_id}`);
      assert.equal(refused.status, 403, `${who}: ${JSON.stringify(refused.body)}`);
      assert.match(refused.body.error.message, /authority of admin/);
    }
    assert.equal(leftovers(`^sleep 30.${mark}`).length, 2, 'a refused abort cancels nothing');
    assert.equal((await call<TaskStatus>('vera', 'GET', `/task_manager/task_status/${run.run_id}`)).body.tree_state, 'running');

    const aborted = await call<TaskStatus>('admin', 'POST', `/task_manager/abort_task/${run.run_id}`);
    assert.equal(aborted.status, 200, JSON.stringify(aborted.body));
    assert.equal(aborted.body.tree_state, 'aborted');
    assert.deepEqual(leftovers(mark), []);
    for (const i of run.instances) assert.equal(h.core.services.runs.get(i.id).status, InstanceStatus.ManualCancellation);
    const again = await call<{ error: { code: string } }>('admin', 'POST', `/task_manager/abort_task/${run.run_id}`);
    assert.equal(again.status, 409);
  });

  test('abort_task on one host child cancels only that instance', async () => {
    const mark = String(randomBytes(3).readUIntBE(0, 3));
    const run = (await call<{ run_id: string; instances: { id: string; host_id: number }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [hostA, hostB] }, command: `sleep 30.${mark}` })).body;
    for (const i of run.instances) await h.waitInstance(i.id, (x) => x.started_time !== null);
    const nodes = (await call<TaskStatus[]>('admin', 'GET', `/task_manager/task_status_recursive/${run.run_id}`)).body;
    const a = run.instances.find((i) => i.host_id === hostA)!;
    const child = nodes.find((n) => n.instance_id === a.id)!;
    const aborted = await call<TaskStatus>('admin', 'POST', `/task_manager/abort_task/${child.id}`);
    assert.equal(aborted.status, 200, JSON.stringify(aborted.body));
    assert.equal(aborted.body.tree_state, 'aborted');
    assert.equal(h.core.services.runs.get(a.id).status, InstanceStatus.ManualCancellation);
    const b = run.instances.find((i) => i.host_id === hostB)!;
    assert.equal(h.core.services.runs.get(b.id).status, InstanceStatus.Running);
    assert.equal((await call<TaskStatus>('admin', 'GET', `/task_manager/task_status/${run.run_id}`)).body.tree_state, 'running');
    await call('admin', 'POST', `/task_manager/abort_task/${run.run_id}`);
    assert.deepEqual(leftovers(mark), []);
  });
});
