import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobView, TaskStats } from '../../../shared/domain/jobs';
import type { Harness } from '../../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../../testing/server-harness';
import { JobIdGenerator } from '../domain/job-id';
import { backupAsJob } from './backup-job';
import { JobTracker, type TreeChange } from './job-tracker';

describe('an online backup is a job', () => {
  let s: ServerHarness;
  let h: Harness;
  before(async () => {
    s = await startServerHarness({ core: { jobExpiryIntervalMs: 0 } });
    ({ h } = s);
  });
  after(() => s.dispose());

  const api = (method: string, p: string, body?: unknown): Promise<Response> => s.api(method, p, body, s.admin);

  test('POST /backup leaves a FINISHED system job owned by the admin, counting the copy in bytes', async () => {
    const r = await api('POST', '/backup', {});
    assert.equal(r.status, 201);
    const backup = (await r.json()) as { path: string; bytes: number };
    const size = fs.statSync(backup.path).size;
    const tasks = (await (await api('GET', '/task_manager/list_module_tasks/system')).json()) as TaskStats[];
    const mine = tasks.filter((t) => t.type === 'backup');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.state, 'done');
    const job = (await (await api('GET', `/jobs/${mine[0]!.task_id}`)).json()) as JobView;
    assert.equal(job.status, 'FINISHED');
    assert.equal(job.owner, 'admin');
    assert.equal(job.user_started, true);
    assert.equal(job.internal, false);
    assert.deepEqual(job.progress, { units: 'bytes', total: size, completed: size });
    assert.ok(job.ended_time && job.started_time && job.ended_time >= job.started_time);
  });

  test('a store of several MB reports its progress in bytes step by step, never past the total', async () => {
    const store = h.core.services.store;
    // Filler rows make the copy take several steps of 100 pages.
    store.db.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)');
    const insert = store.db.prepare('INSERT INTO filler (b) VALUES (randomblob(65536))');
    store.db.transaction(() => { for (let i = 0; i < 100; i++) insert.run(); })();
    const seen: TreeChange[] = [];
    const tracker = new JobTracker(store, h.core.services.clock, new JobIdGenerator(), (c) => seen.push(c));
    const r = await backupAsJob(tracker, 'admin', (p) => store.backup(path.join(h.dir, 'backups'), new Date(), p));
    const progress = seen.flatMap((c) => c.nodes).map((n) => n.progress).filter((p) => p.total > 0);
    assert.ok(progress.length >= 3, `expected several progress steps, saw ${progress.length}`);
    for (const p of progress) {
      assert.equal(p.units, 'bytes');
      assert.equal(p.total, r.bytes, 'pages are counted as bytes: the total is the copy\'s size from the first step');
      assert.ok(p.completed <= p.total);
    }
    assert.ok(progress.some((p) => p.completed > 0 && p.completed < p.total), 'a step between start and end was reported');
    assert.deepEqual(progress.at(-1), { units: 'bytes', total: r.bytes, completed: r.bytes });
    assert.ok(r.bytes > 6 * 1024 * 1024);
  });

  test('a backup that cannot be written ends FAILED with the reason, and the caller still gets the error', async () => {
    const tracker = h.core.services.jobs.tracker;
    const notADir = path.join(h.dir, 'a-file');
    fs.writeFileSync(notADir, '');
    await assert.rejects(backupAsJob(tracker, 'admin', (p) => h.core.services.store.backup(path.join(notADir, 'backups'), new Date(), p)), /ENOTDIR/);
    const list = await h.call('jobs.list', { module: 'system', status: 'FAILED' });
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0]!.type, 'backup');
    assert.match(list.items[0]!.error ?? '', /ENOTDIR/);
  });
});
