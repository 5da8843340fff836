import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { InstanceStatus } from '../../../shared/domain/instances';
import type { TaskStatus } from '../../../shared/domain/jobs';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** A clock the test moves by hand; the scheduler fires only on tick(). */
class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

describe('task runs as jobs: retries join, dropped retries end the job, a crash ends it UNKNOWN', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let clock: FakeClock;
  let binding: number;
  let dir: string;

  before(async () => {
    sshd = await startSshd();
    clock = new FakeClock(Date.parse('2026-03-01T10:00:00Z'));
    h = await startHarness({ clock, schedulerTimers: false, jobExpiryIntervalMs: 0 });
    const hostId = await h.trustedHost(sshd, 'db', '127.0.0.1', 41);
    const g = await h.call('groups.create', { name: 'billing' });
    binding = (await h.call('bindings.create', { name: 'billing-db', group_id: g.id, executor_id: hostId })).id;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-runjobs-'));
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const tree = (id: string): Promise<TaskStatus[]> => h.call('task_manager.task-status-recursive', { task_id: id });
  const status = (id: string): Promise<TaskStatus> => h.call('task_manager.task-status', { task_id: id });
  const waitJob = (id: string): Promise<TaskStatus> => h.call('task_manager.wait-task', { task_id: id, timeout: 30 });
  /** The tree once `pred` holds: checked at once and on every job event (a run's tracking is written a moment behind it). */
  const treeWhen = (id: string, pred: (n: TaskStatus[]) => boolean): Promise<TaskStatus[]> =>
    new Promise((resolve) => {
      const check = (): boolean => {
        const n = h.core.services.jobs.statusRecursive(id);
        if (!pred(n)) return false;
        sub.dispose();
        resolve(n);
        return true;
      };
      const sub = h.core.events.onDidEmit((e) => void (e.type === 'job.changed' && check()));
      check();
    });
  const ended = (i: { status: number }): boolean => i.status !== InstanceStatus.Running;
  const instancesOf = async (runId: string) => (await h.call('instances.list', { run_id: runId, per_page: 500 })).items;

  test('a retry joins the run it retries: its instance is another child under the same EXECUTING step', async () => {
    const flag = path.join(dir, 'second-time');
    await h.call('tasks.create', { name: 'flaky', command: `if [ -e ${flag} ]; then echo ok; else touch ${flag}; exit 3; fi`, cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 1, retry_interval: 5, timeout: 30 });
    const { run_id } = await h.call('tasks.run', { name: 'flaky' });
    const [first] = await instancesOf(run_id);
    await h.waitInstance(first!.id, ended);
    const waiting = await status(run_id);
    assert.equal(waiting.tree_state, 'running', 'a retry is to come: the run is not over');
    const [counted] = await treeWhen(run_id, (ns) => ns.some((n) => n.instance_id === first!.id && n.tree_state === 'failed'));
    assert.ok(counted);
    assert.deepEqual([counted.progress_completed, counted.progress_total, counted.progress_units], [0, 1, 'hosts'], 'a host with a retry to come is not complete');
    assert.equal(waiting.module, 'tasks');
    assert.equal(waiting.type, 'manual run');
    assert.equal(waiting.user_started, true);
    assert.match(waiting.description, /manual run of task flaky on 1 host/);
    assert.deepEqual(waiting.subject, { kind: 'task', id: 'flaky' }, 'the Task Monitor links the job to its task');

    clock.advance(5_000);
    h.core.services.scheduler.tick();
    const both = await instancesOf(run_id);
    assert.equal(both.length, 2);
    const retry = both.find((i) => i.attempt === 2)!;
    await h.waitInstance(retry.id, ended);
    const done = await waitJob(run_id);
    assert.equal(done.tree_state, 'done', 'the host\'s last attempt finished');
    const nodes = await tree(run_id);
    const executing = nodes.find((n) => n.step_type === 'EXECUTING' && n.parent_id === run_id)!;
    assert.ok(executing, 'kept: a child of it failed');
    assert.deepEqual(nodes.filter((n) => n.parent_id === executing.id).map((n) => [n.instance_id, n.tree_state]), [[first!.id, 'failed']]);
    assert.deepEqual(executing.folded, { done: 1, failed: 1, aborted: 0, unknown: 0 }, 'the retry joined the same step and folded');
    assert.deepEqual([done.progress_completed, done.progress_total], [1, 1], 'one host, counted once however often it was tried');
  });

  test('stopping a task drops its pending retry: the run\'s job ends as its last attempt did', async () => {
    await h.call('tasks.create', { name: 'always-fails', command: 'exit 4', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 2, retry_interval: 10, timeout: 30 });
    await h.call('tasks.start', { name: 'always-fails' });
    const { run_id } = await h.call('tasks.run', { name: 'always-fails' });
    await h.waitInstance((await instancesOf(run_id))[0]!.id, ended);
    assert.equal((await status(run_id)).tree_state, 'running');
    await h.call('tasks.stop', { name: 'always-fails' });
    const done = await waitJob(run_id);
    assert.equal(done.tree_state, 'failed');
    assert.match(done.error ?? '', /db: exit code 4/);
  });

  test('a tied run lost in a crash ends UNKNOWN at start-up, its job and host node with the same reason', async () => {
    const gate = path.join(dir, 'never');
    const run = await h.call('runs.create', { targets: { binding_ids: [binding] }, command: `while [ ! -e ${gate} ]; do sleep 0.05; done` });
    const id = run.instances[0]!.id;
    await h.waitInstance(id, (i) => i.started_time !== null);
    await h.core.dispose();
    // What a crash leaves behind: the instance still Running in the store (a clean stop recorded its end).
    const db = new Database(path.join(h.dir, 'taskdeck.db'));
    db.prepare('UPDATE instances SET status = 1, ended_time = NULL, error = NULL, exit_code = NULL WHERE id = ?').run(BigInt(id));
    db.close();
    h = await startHarness({ clock, schedulerTimers: false, jobExpiryIntervalMs: 0 }, h.dir);
    const instance = await h.call('instances.get', { id });
    assert.equal(instance.status, InstanceStatus.Unknown);
    const job = await waitJob(run.run_id);
    assert.equal(job.tree_state, 'unknown');
    assert.ok(instance.error && job.error?.endsWith(`db: ${instance.error}`), `${job.error} carries ${instance.error}`);
    const hostNode = (await tree(run.run_id)).find((n) => n.instance_id === id);
    assert.deepEqual([hostNode?.tree_state, hostNode?.error], ['unknown', instance.error]);
  });
});
