/**
 * Issue 11, item 6 and the items against the issues' text: a developer without a grant cancelled
 * an admin's run, edited an admin's Stopped task to `echo INJECTED; id` (which then ran on the
 * host as "scheduler") and force-deleted it. The matrix of every mutating task and run operation
 * by every role; then retries of once/manual runs, DELETE of a Started task, unique mobile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSshd, type SshdFixture } from '../e2e/fixtures/sshd';
import type { Reply } from './api-client';
import { startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, createTask, waitFor, waitForInstanceEnd, type InstanceView, type World } from './world';

type Mutation = 'update' | 'start' | 'stop' | 'run' | 'delete' | 'force-delete';
const MUTATIONS: Mutation[] = ['update', 'start', 'stop', 'run', 'delete', 'force-delete'];

describe('hostile: ownership of tasks and runs', () => {
  let server: ServerProcess;
  let sshd: SshdFixture;
  let world: World;
  const stats = new Stats('ownership');

  before(async () => {
    sshd = await startSshd();
    server = await startServer();
    world = await buildWorld(server.url, { sshd });
  });
  after(async () => {
    stats.flush();
    await server.dispose();
    await sshd.dispose();
  });

  async function mutate(actor: string, m: Mutation, task: string): Promise<Reply> {
    const t = encodeURIComponent(task);
    const r = await (m === 'update' ? world.api.send(actor, 'PUT', `/tasks/${t}`, { command: 'echo INJECTED; id' })
      : m === 'delete' ? world.api.send(actor, 'DELETE', `/tasks/${t}`)
        : m === 'force-delete' ? world.api.send(actor, 'DELETE', `/tasks/${t}?force=true`)
          : world.api.send(actor, 'POST', `/tasks/${t}/${m}`, {}));
    stats.request(r.status);
    return r;
  }

  for (const actor of ['developer', 'viewer', 'constructor'] as const) {
    for (const owner of ['admin', 'developer2'] as const) {
      test(`${actor} cannot ${MUTATIONS.join('/')} a task of ${owner}: 403, and the task is unchanged`, async () => {
        const name = await createTask(world.api, owner, `own-${owner}-vs-${actor}`, world.bindingIds, 'echo original');
        for (const m of MUTATIONS) {
          const r = await mutate(actor, m, name);
          assert.equal(r.status, 403, `${actor} ${m} ${owner}'s task: ${r.status} ${r.text}`);
        }
        const task = await world.api.call<{ command: string; stage: string }>('admin', 'GET', `/tasks/${name}`);
        assert.equal(task.command, 'echo original');
        assert.equal(task.stage, 'Stopped');
      });
    }
  }

  for (const actor of ['admin', 'dba'] as const) {
    test(`${actor} may update, start, stop, run and delete a developer's task`, async () => {
      // Repeating on a yearly cron, so a start leaves it Started and a stop has something to stop.
      const name = `dev-task-for-${actor}`;
      await world.api.call('developer', 'POST', '/tasks', { name, command: 'echo hostile', binding_ids: world.bindingIds, frequency: { mode: 'repeat' }, cron_expression: '0 0 0 1 1 *' });
      const upd = await world.api.send(actor, 'PUT', `/tasks/${name}`, { description: `checked by ${actor}` });
      assert.equal(upd.status, 200, upd.text);
      for (const m of ['start', 'stop', 'run'] as const) {
        const r = await world.api.send(actor, 'POST', `/tasks/${name}/${m}`, {});
        stats.request(r.status);
        assert.ok(r.status < 300, `${actor} ${m}: ${r.status} ${r.text}`);
      }
      const del = await world.api.send(actor, 'DELETE', `/tasks/${name}?force=true`);
      assert.equal(del.status, 200, del.text);
    });
  }

  test('an edit by someone else is audited with a diff (who, old and new command)', async () => {
    const name = await createTask(world.api, 'admin', 'edited-by-dba', world.bindingIds, 'echo before-edit');
    await world.api.call('dba', 'PUT', `/tasks/${name}`, { command: 'echo after-edit' });
    const entries = await world.api.call<{ actor: string; action: string; details: unknown }[]>('admin', 'GET', '/audit?target_type=task&limit=50');
    const edit = entries.find((e) => e.actor === 'dba1' && /update|edit/.test(e.action));
    assert.ok(edit, 'the edit is audited under the editor');
    const details = JSON.stringify(edit.details);
    assert.ok(details.includes('before-edit') && details.includes('after-edit'), `the audit entry holds the old and the new command (a diff): ${details}`);
  });

  test('an instance of a task carries the task snapshot (description, frequency, cron, parallelism, tag) and updated_time', async () => {
    const name = 'snapshot-task';
    await world.api.call('admin', 'POST', '/tasks', { name, description: 'snap', tag: 'snap-tag', command: 'echo snap', binding_ids: world.bindingIds, frequency: { mode: 'once' } });
    const { run_id } = await world.api.call<{ run_id: string }>('admin', 'POST', `/tasks/${name}/run`, {});
    const inst = await waitFor('the snapshot task\'s instance', async () => (await world.api.call<{ items: InstanceView[] }>('admin', 'GET', `/instances?run_id=${run_id}`)).items[0]);
    const full = await world.api.call<Record<string, unknown>>('admin', 'GET', `/instances/${inst.id}`);
    for (const k of ['description', 'frequency', 'cron_expression', 'maximum_parallel_runnable_num', 'tag', 'updated_time']) assert.ok(k in full, `instance lacks ${k}`);
    assert.equal(full.description, 'snap');
    assert.equal(full.tag, 'snap-tag');
  });

  test('a developer edits and deletes their own task', async () => {
    const name = await createTask(world.api, 'developer', 'dev-own', world.bindingIds);
    assert.equal((await mutate('developer', 'update', name)).status, 200);
    assert.equal((await mutate('developer', 'delete', name)).status, 200);
  });

  test('the attack of the issue: the admin starts their task after a developer tried to edit it; the admin\'s command runs under the admin\'s name', async () => {
    const name = await createTask(world.api, 'admin', 'admin-nightly', world.bindingIds, 'echo admin-only');
    assert.equal((await mutate('developer', 'update', name)).status, 403);
    await world.api.call('admin', 'POST', `/tasks/${name}/start`, {});
    const task = await world.api.call<{ id: number }>('admin', 'GET', `/tasks/${name}`);
    const inst = await waitFor('the task\'s instance', async () => {
      const page = await world.api.call<{ items: InstanceView[] }>('admin', 'GET', `/instances?task_id=${task.id}`);
      return page.items[0];
    });
    const end = await waitForInstanceEnd(world.api, 'admin', inst.id);
    assert.equal(end.created_by, 'admin', 'the instance runs on the authority of the user who started the task, never "scheduler"');
    const log = await world.api.call<{ lines: { text: string }[] }>('admin', 'GET', `/instances/${inst.id}/log`);
    assert.ok(log.lines.some((l) => l.text === 'admin-only'));
    assert.ok(!log.lines.some((l) => l.text.includes('INJECTED')));
  });

  test('a run is cancelled by whoever started it or by admin/dba; nobody else (403)', async () => {
    const run = await world.api.call<{ instances: { id: string }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [world.hosts.ssh] }, command: 'sleep 60' });
    const id = run.instances[0]!.id;
    for (const actor of ['developer', 'developer2', 'viewer', 'constructor']) {
      const r = await world.api.send(actor, 'POST', `/instances/${id}/cancel`, {});
      stats.request(r.status);
      assert.equal(r.status, 403, `${actor} cancelled the admin's run: ${r.status} ${r.text}`);
    }
    const ok = await world.api.send('dba', 'POST', `/instances/${id}/cancel`, {});
    assert.equal(ok.status, 200, ok.text);
    const end = await waitForInstanceEnd(world.api, 'admin', id);
    assert.equal(end.status, 5, 'ManualCancellation');
  });

  test('DELETE of a Started task answers 409 unless force=true', async () => {
    const name = 'started-yearly';
    await world.api.call('admin', 'POST', '/tasks', { name, command: 'echo yearly', binding_ids: world.bindingIds, frequency: { mode: 'repeat' }, cron_expression: '0 0 0 1 1 *' });
    await world.api.call('admin', 'POST', `/tasks/${name}/start`, {});
    const refused = await world.api.send('admin', 'DELETE', `/tasks/${name}`);
    assert.equal(refused.status, 409, refused.text);
    const forced = await world.api.send('admin', 'DELETE', `/tasks/${name}?force=true`);
    assert.equal(forced.status, 200, forced.text);
  });

  for (const how of ['start', 'run'] as const) {
    test(`a failed run of a once task (${how === 'start' ? 'started' : 'Run now'}) is retried`, async () => {
      const name = `fails-once-${how}`;
      await world.api.call('admin', 'POST', '/tasks', { name, command: 'exit 3', binding_ids: world.bindingIds, frequency: { mode: 'once' }, retry_times: 1, retry_interval: 0 });
      await world.api.call('admin', 'POST', `/tasks/${name}/${how}`, {});
      const task = await world.api.call<{ id: number }>('admin', 'GET', `/tasks/${name}`);
      const retried = await waitFor(`a retry of ${name}`, async () => {
        const page = await world.api.call<{ items: (InstanceView & { trigger: string })[] }>('admin', 'GET', `/instances?task_id=${task.id}`);
        return page.items.find((i) => i.trigger === 'retry');
      }, 10_000).catch(() => undefined);
      assert.ok(retried, `no retry of the failed ${how} run within 10 s (retry_interval 0)`);
    });
  }

  test('mobile numbers are unique (409)', async () => {
    await world.api.call('admin', 'POST', '/users', { user_name: 'mob1', password: 'long-enough-1', roles: ['viewer'], mobile: '+1 555 0100' });
    const dup = await world.api.send('admin', 'POST', '/users', { user_name: 'mob2', password: 'long-enough-1', roles: ['viewer'], mobile: '+1 555 0100' });
    assert.equal(dup.status, 409, dup.text);
  });
});
