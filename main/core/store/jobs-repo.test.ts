import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Statement } from 'better-sqlite3';
import { JobIdGenerator } from '../domain/job-id';
import type { Db } from './database';
import { type JobInsert, JobsRepo } from './jobs-repo';
import { openStore, type Store } from './store';

/** Every statement a repo runs, with the arguments it ran with: explained afterwards. */
interface Ran {
  readonly sql: string;
  readonly args: unknown[];
}

/** The real database, recording what is run through it (nothing else changes). */
function recording(db: Db, ran: Ran[]): Db {
  return new Proxy(db, {
    get(target, key) {
      if (key !== 'prepare') return Reflect.get(target, key, target) as unknown;
      return (sql: string): Statement => {
        const st = target.prepare(sql);
        return new Proxy(st, {
          get(s, k) {
            const v = Reflect.get(s, k, s) as unknown;
            if (typeof v !== 'function') return v;
            return (...args: unknown[]) => {
              if (['run', 'get', 'all', 'iterate'].includes(String(k))) ran.push({ sql, args });
              return (v as (...a: unknown[]) => unknown).apply(s, args);
            };
          },
        });
      };
    },
  });
}

const node = (id: string, parent: string | null, root: string, o: Partial<JobInsert> = {}): JobInsert => ({
  id, module: 'runs', parent_id: parent, root_id: root, sequence_number: 1, type: 'ad-hoc run', scope: parent ? 'host' : 'run', step_type: parent ? 'EXECUTING' : null,
  number: 1, description: `node ${id}`, action_type: '', owner: 'admin', state: 'running', external: 0, external_type: null, auto_cleared: 1, is_abortable: 1,
  internal: parent ? 1 : 0, user_started: 1, created_ms: 1, started_ms: 1, ended_ms: null, updated_ms: 1, error: null, instance_id: null, ...o,
});

describe('jobs repo: no query reads the whole jobs table', () => {
  let dir: string;
  let store: Store;
  const ran: Ran[] = [];
  let repo: JobsRepo;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-repo-'));
    store = openStore(path.join(dir, 'td.db'));
    repo = new JobsRepo(recording(store.db, ran));
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every read and write of the tree goes through an index (EXPLAIN QUERY PLAN of each statement as run)', () => {
    const ids = new JobIdGenerator();
    // Some trees, so the planner sees a table worth indexing.
    const roots: string[] = [];
    for (let r = 0; r < 20; r++) {
      const root = ids.next(1000 + r);
      roots.push(root);
      repo.insert(node(root, null, root, { module: r % 2 ? 'runs' : 'tasks', state: r < 10 ? 'done' : 'running', ended_ms: r < 10 ? 2000 + r : null }));
      for (let c = 0; c < 5; c++) repo.insert(node(ids.next(1000 + r), root, root, { number: c + 1 }));
    }
    store.db.exec('ANALYZE');
    ran.length = 0;
    const root = roots[15]!;
    const child = repo.childrenIds(root)[0]!;
    repo.get(root);
    repo.nextSequence('runs');
    repo.claimChildNumbers(root, 2);
    repo.childrenIdsOf([root, child]);
    repo.unfinishedDescendants(root);
    repo.tree(root);
    repo.setStarted(child, 5);
    repo.setProgress(root, 1, 2, 'hosts', 5);
    repo.setEnded(child, 'failed', 'x', 6);
    repo.markFailureUp(child);
    repo.addFolded(root, 'failed', 6);
    repo.startMany([[child, 5]], 6);
    repo.deleteFoldingLeaves(root, [child]);
    repo.setAutoCleared(root, 7);
    for (const f of [{}, { module: 'runs' }, { states: ['running' as const] }, { external: false }, { owner: 'admin' }, { text: 'node' }, { internal: true }, { fromMs: 0, toMs: 5000 }, { before: root }]) {
      repo.listRoots({ ...f, limit: 5 });
    }
    for (const internal of [false, true]) {
      repo.listModule('runs', internal, undefined, undefined, 5);
      repo.listModule('runs', internal, 'node', root, 5);
    }
    repo.modules();
    repo.unfinishedOwn();
    repo.expiredRoots(3000, 2500, 10);
    repo.finishedRoots('tasks', 10);
    repo.delete(child);
    repo.deleteTrees([roots[0]!]);

    const scans: string[] = [];
    for (const r of ran) {
      if (!/\bjobs\b/.test(r.sql)) continue;
      const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...(r.args as never[])) as { detail: string }[];
      // "SCAN jobs" (or an alias of it) with no index is a read of every row; a scan of an index in order is not.
      for (const p of plan) if (/^SCAN (jobs|j|r)$/.test(p.detail)) scans.push(`${r.sql.replace(/\s+/g, ' ').slice(0, 120)} → ${plan.map((x) => x.detail).join(' | ')}`);
    }
    assert.ok(ran.length > 30, `the repo ran ${ran.length} statements`);
    assert.deepEqual(scans, []);
  });

  test('a module listed with its internal nodes is the newest of both kinds, merged, and paged by id', () => {
    const ids = new JobIdGenerator();
    const made: { id: string; internal: boolean }[] = [];
    const root = ids.next(50_000);
    repo.insert(node(root, null, root, { module: 'merge' }));
    made.push({ id: root, internal: false });
    for (let i = 0; i < 9; i++) {
      const id = ids.next(50_001 + i);
      const internal = i % 3 !== 0;
      repo.insert(node(id, root, root, { module: 'merge', internal: internal ? 1 : 0, number: i + 1 }));
      made.push({ id, internal });
    }
    const newest = [...made].reverse();
    assert.deepEqual(repo.listModule('merge', true, undefined, undefined, 4).map((r) => r.id), newest.slice(0, 4).map((n) => n.id));
    assert.deepEqual(repo.listModule('merge', true, undefined, newest[3]!.id, 100).map((r) => r.id), newest.slice(4).map((n) => n.id));
    assert.deepEqual(repo.listModule('merge', false, undefined, undefined, 100).map((r) => r.id), newest.filter((n) => !n.internal).map((n) => n.id));
  });

  test('unfinished nodes are found below roots that have not ended, external ones left out', () => {
    const ids = new JobIdGenerator();
    const open = ids.next(90_000);
    repo.insert(node(open, null, open, { module: 'recover' }));
    const running = ids.next(90_001);
    const done = ids.next(90_002);
    const external = ids.next(90_003);
    repo.insert(node(running, open, open, { module: 'recover' }));
    repo.insert(node(done, open, open, { module: 'recover', state: 'done', ended_ms: 90_010 }));
    repo.insert(node(external, open, open, { module: 'recover', external: 1 }));
    const ended = ids.next(90_004);
    repo.insert(node(ended, null, ended, { module: 'recover', state: 'done', ended_ms: 90_020 }));
    const found = repo.unfinishedOwn().filter((r) => r.module === 'recover').map((r) => r.id);
    assert.deepEqual(found, [open, running]);
  });
});
