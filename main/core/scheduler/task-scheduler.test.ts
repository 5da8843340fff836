import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** A clock the test moves by hand; the scheduler fires only on tick(). */
class FakeClock {
  constructor(public t: number) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void { this.t += ms; }
}

describe('task scheduler with a fake clock, a real store and a real sshd', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let clock: FakeClock;
  let binding: number;

  before(async () => {
    sshd = await startSshd();
    clock = new FakeClock(Date.parse('2026-03-01T10:00:00Z'));
    h = await startHarness({ clock, schedulerTimers: false });
    const hostId = await h.trustedHost(sshd, 'db', '127.0.0.1', 41);
    const g = await h.call('groups.create', { name: 'billing' });
    binding = (await h.call('bindings.create', { name: 'billing-db', group_id: g.id, executor_id: hostId })).id;
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  const instancesOf = async (taskId: number) => (await h.call('instances.list', { task_id: taskId, per_page: 500 })).items;
  const settle = async (taskId: number) => {
    for (const i of await instancesOf(taskId)) await h.waitInstance(i.id, (x) => x.status !== InstanceStatus.Running);
    return instancesOf(taskId);
  };

  test('lifecycle: created Stopped with a check result; edits refused while Started; delete refuses running instances unless forced', async () => {
    const bad = await h.call('tasks.create', { name: 'draft', command: '', cron_expression: '61 * * * *', binding_ids: [] });
    assert.equal(bad.task.stage, 'Stopped');
    assert.deepEqual(bad.check_result.errors.map((e) => e.field).sort(), ['binding_ids', 'command', 'cron_expression']);
    await assert.rejects(h.call('tasks.start', { name: 'draft' }), /validation: task draft cannot start/);

    await h.call('tasks.create', { name: 'sleeper', command: 'sleep 30', cron_expression: '0 0 * * *', binding_ids: [binding], timeout: 60 });
    await h.call('tasks.start', { name: 'sleeper' });
    await assert.rejects(h.call('tasks.update', { name: 'sleeper', command: 'true' }), /conflict: task sleeper is Started; stop it before editing/);
    const { run_id } = await h.call('tasks.run', { name: 'sleeper' });
    const [inst] = (await h.call('instances.list', { run_id })).items;
    await h.waitInstance(inst!.id, (i) => i.started_time !== null);
    await h.call('tasks.stop', { name: 'sleeper' });
    assert.equal((await h.call('tasks.get', { name: 'sleeper' })).running_instances, 1, 'stopping keeps its instance running');
    await assert.rejects(h.call('tasks.delete', { name: 'sleeper' }), /conflict: task sleeper has 1 running instance/);
    await h.call('tasks.delete', { name: 'sleeper', force: true });
    assert.equal((await h.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running)).status, InstanceStatus.ManualCancellation);
  });

  test('a slot fires exactly once, even when ticked twice and across a restart', async () => {
    const { task } = await h.call('tasks.create', { name: 'every10s', command: 'echo tick', cron_expression: '*/10 * * * * *', binding_ids: [binding], timeout: 30 });
    await h.call('tasks.start', { name: 'every10s' });
    clock.advance(10_000);
    h.core.services.scheduler.tick();
    h.core.services.scheduler.tick();
    await settle(task.id);
    h = await h.restart({ clock, schedulerTimers: false });
    h.core.services.scheduler.tick();
    const list = await settle(task.id);
    assert.equal(list.length, 1, JSON.stringify(list.map((i) => [i.slot, i.trigger, i.status, i.error, i.created_time])));
    assert.equal(list[0]!.slot, new Date(clock.t).toISOString());
    assert.equal(list[0]!.task_name, 'every10s');
    assert.equal(list[0]!.status, InstanceStatus.Finished);
    await h.call('tasks.stop', { name: 'every10s' });
  });

  test('misfire after downtime: the latest slot within the deadline runs once, older ones are recorded as missed', async () => {
    const { task } = await h.call('tasks.create', { name: 'minutely', command: 'echo m', cron_expression: '0 * * * * *', binding_ids: [binding], misfire_deadline_seconds: 90, timeout: 30 });
    await h.call('tasks.start', { name: 'minutely' });
    await h.dispose(false);
    clock.advance(10 * 60_000 + 30_000); // down for ten and a half minutes
    h = await (await import('../../../testing/core-harness')).startHarness({ clock, schedulerTimers: false }, h.dir);
    const list = await settle(task.id);
    assert.equal(list.length, 1, 'one catch-up run');
    const slots = await h.call('tasks.slots', { name: 'minutely' });
    assert.equal(slots.filter((s) => s.outcome === 'missed').length, 9);
    assert.equal(slots.filter((s) => s.outcome === 'fired').length, 1);
    await h.call('tasks.stop', { name: 'minutely' });
  });

  test('retries really retry, after the interval, with the attempt recorded, on failures only', async () => {
    const { task } = await h.call('tasks.create', { name: 'flaky', command: 'exit 7', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 2, retry_interval: 30, timeout: 30 });
    await h.call('tasks.start', { name: 'flaky' });
    await h.call('tasks.run', { name: 'flaky' });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const list = await settle(task.id);
      assert.equal(list.length, attempt);
      h.core.services.scheduler.tick();
      assert.equal((await instancesOf(task.id)).length, attempt, 'no retry before the interval');
      clock.advance(30_000);
      h.core.services.scheduler.tick();
    }
    const all = await settle(task.id);
    assert.deepEqual(all.map((i) => i.attempt).sort(), [1, 2, 3]);
    assert.deepEqual(all.map((i) => i.trigger).sort(), ['manual', 'retry', 'retry']);
    assert.ok(all.every((i) => i.exit_code === 7));

    const ok = await h.call('tasks.create', { name: 'fine', command: 'true', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 3, retry_interval: 1 });
    await h.call('tasks.start', { name: 'fine' });
    await h.call('tasks.run', { name: 'fine' });
    await settle(ok.task.id);
    clock.advance(5_000);
    h.core.services.scheduler.tick();
    assert.equal((await instancesOf(ok.task.id)).length, 1, 'a success is not retried');
  });

  test('overlap: forbid skips a slot while a run is in flight; replace cancels it; countdown stops after N', async () => {
    const forbid = await h.call('tasks.create', { name: 'forbid', command: 'sleep 20', cron_expression: '*/5 * * * * *', binding_ids: [binding], overlap_policy: 'forbid', timeout: 60 });
    await h.call('tasks.start', { name: 'forbid' });
    clock.advance(5_000);
    h.core.services.scheduler.tick();
    const [first] = await instancesOf(forbid.task.id);
    await h.waitInstance(first!.id, (i) => i.started_time !== null);
    clock.advance(5_000);
    h.core.services.scheduler.tick();
    assert.equal((await instancesOf(forbid.task.id)).length, 1);
    const slots = await h.call('tasks.slots', { name: 'forbid' });
    assert.equal(slots[0]!.outcome, 'skipped');
    assert.match(slots[0]!.reason ?? '', /still running \(overlap policy forbid/);
    await h.call('tasks.delete', { name: 'forbid', force: true });

    const replace = await h.call('tasks.create', { name: 'replace', command: 'sleep 20', cron_expression: '*/5 * * * * *', binding_ids: [binding], overlap_policy: 'replace', timeout: 60 });
    await h.call('tasks.start', { name: 'replace' });
    clock.advance(5_000);
    h.core.services.scheduler.tick();
    const [old] = await instancesOf(replace.task.id);
    await h.waitInstance(old!.id, (i) => i.started_time !== null);
    clock.advance(5_000);
    h.core.services.scheduler.tick();
    assert.equal((await h.waitInstance(old!.id, (i) => i.status !== InstanceStatus.Running)).status, InstanceStatus.ManualCancellation);
    await h.call('tasks.delete', { name: 'replace', force: true });

    const countdown = await h.call('tasks.create', { name: 'twice', command: 'true', cron_expression: '*/5 * * * * *', frequency: { mode: 'countdown', count: 2, time_zone: 'UTC' }, binding_ids: [binding], timeout: 10 });
    await h.call('tasks.start', { name: 'twice' });
    for (let i = 0; i < 4; i++) {
      clock.advance(5_000);
      h.core.services.scheduler.tick();
      await settle(countdown.task.id);
    }
    assert.equal((await instancesOf(countdown.task.id)).length, 2);
    assert.equal((await h.call('tasks.get', { name: 'twice' })).stage, 'Stopped');
  });

  test('instances snapshot the task: history stays true after edits; YAML round trip', async () => {
    const { task } = await h.call('tasks.create', { name: 'snap', description: 'v1', command: 'echo v1', cron_expression: '0 0 * * *', binding_ids: [binding], tag: 'nightly' });
    await h.call('tasks.start', { name: 'snap' });
    await h.call('tasks.run', { name: 'snap' });
    await settle(task.id);
    await h.call('tasks.stop', { name: 'snap' });
    await h.call('tasks.update', { name: 'snap', command: 'echo v2', description: 'v2' });
    const [inst] = await instancesOf(task.id);
    assert.equal(inst!.command, 'echo v1');
    const { yaml } = await h.call('tasks.export', { name: 'snap' });
    assert.match(yaml, /command: echo v2/);
    const copy = await h.call('tasks.import', { yaml: yaml.replace('name: snap', 'name: snap-copy') });
    assert.equal(copy.task.command, 'echo v2');
    assert.equal(copy.task.stage, 'Stopped');
  });

  test('the daily dashboard counts today\'s instances per hour and status', async () => {
    const day = new Date(clock.t).toISOString().slice(0, 10);
    const d = await h.call('dashboard.daily', { day, tz: 'UTC' });
    assert.equal(d.hours.length, 24);
    const total = d.hours.reduce((s, b) => s + b.finished + b.abnormal + b.timeout + b.cancelled + b.unknown + b.running, 0);
    assert.equal(total, d.totals.total);
    assert.ok(d.totals.finished >= 3);
    assert.ok(d.totals.abnormal >= 3);
    assert.equal(d.top_failed_tasks[0]!.name, 'flaky');
    assert.equal(d.top_failed_hosts[0]!.name, 'db');
  });

  // Retries belong to the failed run, not to the schedule (these tests run after the dashboard's counts).
  const retriesOf = async (taskId: number) => (await settle(taskId)).map((i) => `${i.trigger}:${i.attempt}`).sort();
  const nextRetryWindow = (seconds: number): void => {
    clock.advance(seconds * 1000);
    h.core.services.scheduler.tick();
  };

  test('a failed run of a once task is retried after its interval, though the task stopped when it fired', async () => {
    const { task } = await h.call('tasks.create', { name: 'once-flaky', command: 'exit 3', frequency: { mode: 'once', time_zone: 'UTC' }, binding_ids: [binding], retry_times: 1, retry_interval: 10, timeout: 30 });
    await h.call('tasks.start', { name: 'once-flaky' });
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    assert.equal((await h.call('tasks.get', { name: 'once-flaky' })).stage, 'Stopped');
    nextRetryWindow(10);
    assert.deepEqual(await retriesOf(task.id), ['manual:1', 'retry:2']);
    nextRetryWindow(10);
    assert.deepEqual(await retriesOf(task.id), ['manual:1', 'retry:2'], 'retry_times bounds the attempts');
  });

  test('a failed "Run now" of a task that was never started is retried', async () => {
    const { task } = await h.call('tasks.create', { name: 'manual-flaky', command: 'exit 5', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 1, retry_interval: 5, timeout: 30 });
    await h.call('tasks.run', { name: 'manual-flaky' });
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    nextRetryWindow(5);
    assert.deepEqual(await retriesOf(task.id), ['manual:1', 'retry:2']);
  });

  test('the last run of a countdown is retried after the countdown stopped the task', async () => {
    const { task } = await h.call('tasks.create', { name: 'countdown-flaky', command: 'exit 6', cron_expression: '*/5 * * * * *', frequency: { mode: 'countdown', count: 1, time_zone: 'UTC' }, binding_ids: [binding], retry_times: 1, retry_interval: 60, timeout: 30 });
    await h.call('tasks.start', { name: 'countdown-flaky' });
    nextRetryWindow(5);
    assert.deepEqual(await retriesOf(task.id), ['schedule:1']);
    assert.equal((await h.call('tasks.get', { name: 'countdown-flaky' })).stage, 'Stopped');
    nextRetryWindow(60);
    assert.deepEqual(await retriesOf(task.id), ['retry:2', 'schedule:1']);
  });

  test('stopping a task drops its queued retry, and a run in flight when it was stopped is not retried when it fails', async () => {
    const { task } = await h.call('tasks.create', { name: 'stop-cancels', command: 'exit 8', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 2, retry_interval: 10, timeout: 30 });
    await h.call('tasks.start', { name: 'stop-cancels' });
    await h.call('tasks.run', { name: 'stop-cancels' });
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    await h.call('tasks.stop', { name: 'stop-cancels' });
    nextRetryWindow(10);
    assert.deepEqual(await retriesOf(task.id), ['manual:1'], 'a pending retry is cancelled by stopping the task');

    // A run that fails only after its task was stopped: it waits on a file the test creates.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-retry-'));
    const flag = path.join(dir, 'go');
    const waiting = await h.call('tasks.create', { name: 'stop-in-flight', command: `while [ ! -e ${flag} ]; do sleep 0.05; done; exit 9`, cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 2, retry_interval: 10, timeout: 30 });
    await h.call('tasks.start', { name: 'stop-in-flight' });
    const { run_id } = await h.call('tasks.run', { name: 'stop-in-flight' });
    const [inst] = (await h.call('instances.list', { run_id })).items;
    await h.waitInstance(inst!.id, (i) => i.started_time !== null);
    await h.call('tasks.stop', { name: 'stop-in-flight' });
    fs.writeFileSync(flag, '');
    assert.equal((await h.waitInstance(inst!.id, (i) => i.status !== InstanceStatus.Running)).exit_code, 9);
    nextRetryWindow(10);
    assert.deepEqual(await retriesOf(waiting.task.id), ['manual:1'], 'stopped while in flight: not retried');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('deleting a task with a queued retry: the retry never fires', async () => {
    const { task } = await h.call('tasks.create', { name: 'delete-cancels', command: 'exit 2', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 1, retry_interval: 10, timeout: 30 });
    await h.call('tasks.run', { name: 'delete-cancels' });
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    await h.call('tasks.delete', { name: 'delete-cancels' });
    nextRetryWindow(10);
    assert.equal((await h.call('instances.list', { task_id: task.id, per_page: 10 })).items.length, 1);
  });

  test('an edit after a failed run cancels its pending retry (a retry never runs what the run did not), and says so', async () => {
    const { task } = await h.call('tasks.create', { name: 'edit-cancels', command: 'exit 3', frequency: { mode: 'once', time_zone: 'UTC' }, binding_ids: [binding], retry_times: 2, retry_interval: 10, timeout: 30 });
    await h.call('tasks.start', { name: 'edit-cancels' });
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    await h.call('tasks.update', { name: 'edit-cancels', command: 'echo INJECTED; id' });
    nextRetryWindow(10);
    assert.deepEqual(await retriesOf(task.id), ['manual:1'], 'the edited command never ran as a retry');
    const [edit] = (await h.call('audit.list', { action: 'task.updated', limit: 1 }));
    assert.deepEqual((edit!.details as { retries_cancelled?: number }).retries_cancelled, 1);
  });

  test('stopping a once task that already stopped itself cancels the retry of its failed run; with nothing left, stop is a conflict', async () => {
    const { task } = await h.call('tasks.create', { name: 'once-stop', command: 'exit 4', frequency: { mode: 'once', time_zone: 'UTC' }, binding_ids: [binding], retry_times: 2, retry_interval: 10, timeout: 30 });
    await h.call('tasks.start', { name: 'once-stop' });
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    assert.equal((await h.call('tasks.get', { name: 'once-stop' })).stage, 'Stopped');
    await h.call('tasks.stop', { name: 'once-stop' });
    nextRetryWindow(10);
    assert.deepEqual(await retriesOf(task.id), ['manual:1']);
    const [cancelled] = await h.call('audit.list', { action: 'task.retries_cancelled', limit: 1 });
    assert.equal((cancelled!.details as { retries_cancelled: number }).retries_cancelled, 1);
    await assert.rejects(h.call('tasks.stop', { name: 'once-stop' }), /conflict: task once-stop is already Stopped/);
  });

  test('a retry joins the run it retries (one run id)', async () => {
    const { task } = await h.call('tasks.create', { name: 'same-run', command: 'exit 3', cron_expression: '0 0 * * *', binding_ids: [binding], retry_times: 1, retry_interval: 5, timeout: 30 });
    const { run_id } = await h.call('tasks.run', { name: 'same-run' });
    await settle(task.id);
    nextRetryWindow(5);
    const all = await settle(task.id);
    assert.deepEqual(all.map((i) => [i.trigger, i.run_id]).sort(), [['manual', run_id], ['retry', run_id]]);
  });

  test('a schedule whose starter was disabled stops at its next slot instead of running on their authority', async () => {
    await h.call('users.create', { user_name: 'ops-night', password: 'ops-night-pass-1', roles: ['dba'], nick_name: '', mobile: '', email: null });
    const login = await h.core.dispatch('auth.login', { user_name: 'ops-night', password: 'ops-night-pass-1' }, undefined);
    assert.ok(login.ok);
    const started = await h.core.dispatch('tasks.create', { name: 'nightly-as-ops', command: 'true', cron_expression: '*/5 * * * * *', frequency: { mode: 'repeat', time_zone: 'UTC' }, binding_ids: [binding], timeout: 30 }, login.data.token);
    assert.ok(started.ok);
    assert.ok((await h.core.dispatch('tasks.start', { name: 'nightly-as-ops' }, login.data.token)).ok);
    const user = (await h.call('users.list', {})).find((u) => u.user_name === 'ops-night')!;
    await h.call('users.update', { id: user.id, disabled: true });
    nextRetryWindow(5);
    const task = await h.call('tasks.get', { name: 'nightly-as-ops' });
    assert.equal(task.stage, 'Stopped');
    assert.equal((await instancesOf(task.id)).length, 0, 'nothing ran on a disabled user\'s authority');
    const [slot] = await h.call('tasks.slots', { name: 'nightly-as-ops' });
    assert.equal(slot!.outcome, 'skipped');
    assert.match(slot!.reason ?? '', /not authorised: ops-night, on whose authority it runs, is disabled/);
  });

  test('a slot that cannot be stored (the disk refuses writes) is not lost: it fires once writing works again, and tick never throws', async () => {
    const { task } = await h.call('tasks.create', { name: 'disk-refuses', command: 'true', cron_expression: '*/5 * * * * *', frequency: { mode: 'repeat', time_zone: 'UTC' }, binding_ids: [binding], timeout: 30, misfire_deadline_seconds: 60 });
    await h.call('tasks.start', { name: 'disk-refuses' });
    const db = h.core.services.store.db;
    db.pragma('query_only = 1'); // every write now fails with SQLITE_READONLY, as on a disk remounted read-only
    try {
      nextRetryWindow(5);
      nextRetryWindow(1);
    } finally {
      db.pragma('query_only = 0');
    }
    assert.equal((await instancesOf(task.id)).length, 0);
    nextRetryWindow(5);
    const fired = await settle(task.id);
    assert.equal(fired.length, 1, 'the slot fired once after the pause');
    await h.call('tasks.stop', { name: 'disk-refuses' });
  });
});
