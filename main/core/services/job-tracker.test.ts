import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import type { JobNode } from '../../../shared/domain/jobs';
import { JobIdGenerator } from '../domain/job-id';
import { toJobNode } from '../store/jobs-repo';
import { openStore, type Store } from '../store/store';
import { type JobBegin, JobTracker, type TreeChange } from './job-tracker';

const job = (o: Partial<JobBegin> = {}): JobBegin => ({
  module: 'runs', type: 'ad-hoc run', scope: 'run', description: 'uptime on 3 hosts', owner: 'admin', user_started: false, is_abortable: true, internal: false, running: true, ...o,
});
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe('job tracker on a real store', () => {
  let dir: string;
  let store: Store;
  let tracker: JobTracker;
  let now = Date.parse('2026-01-01T00:00:00Z');
  const seen: TreeChange[] = [];
  /** What the tree's reads below a node cost: counted on the real repo. */
  const reads = { tree: 0, unfinishedDescendants: 0 };
  /** Whose children were read: a parent's, per child's end, was 50 reads of 50 ids for a 50-host run. */
  const childrenRead: string[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-tracker-'));
    store = openStore(path.join(dir, 'td.db'));
    tracker = new JobTracker(store, { now: () => new Date(now) }, new JobIdGenerator(), (c) => seen.push(c));
    for (const k of ['tree', 'unfinishedDescendants'] as const) {
      const real = store.jobs[k].bind(store.jobs);
      store.jobs[k] = (id: string) => (reads[k]++, real(id));
    }
    const realChildren = store.jobs.childrenIds.bind(store.jobs);
    store.jobs.childrenIds = (id: string) => (childrenRead.push(id), realChildren(id));
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** The node as the store holds it now (or undefined once folded away). */
  const stored = (id: string): JobNode | undefined => {
    const r = store.jobs.get(id);
    return r && toJobNode(r, store.jobs.childrenIds(id));
  };

  test('ending a leaf reads neither its tree nor below it, however large the tree; the snapshots it reports are what the store holds', () => {
    const root = tracker.begin(job());
    const executing = root.step({ description: 'run on 50 hosts' });
    const hosts = tracker.addChildren(executing.id, Array.from({ length: 50 }, (_, i) => ({ description: `host-${i}`, scope: 'host', instance_id: String(i) })));
    reads.tree = reads.unfinishedDescendants = 0;
    childrenRead.length = 0;
    seen.length = 0;
    hosts.forEach((id, i) => {
      now += 1;
      tracker.start(id);
      const ended = tracker.end(id, i === 7 ? 'failed' : 'done', i === 7 ? 'exit 3' : null);
      assert.equal(ended.state, i === 7 ? 'failed' : 'done');
      tracker.progress(root.id, i + 1, 50, 'hosts');
    });
    assert.deepEqual(reads, { tree: 0, unfinishedDescendants: 0 }, 'no leaf end read below itself');
    assert.equal(childrenRead.filter((id) => id === executing.id).length, 0, 'no leaf end read its parent\'s children');
    const failed = stored(hosts[7]!)!;
    assert.equal(failed.error, 'exit 3');
    assert.deepEqual(stored(executing.id)!.children_ids, [hosts[7]], 'the failed host kept, the done ones folded');
    assert.deepEqual(stored(executing.id)!.folded, { done: 49, failed: 1, aborted: 0, unknown: 0 });
    assert.deepEqual(stored(root.id)!.progress, { units: 'hosts', total: 50, completed: 50 });
    // The last change to the failed host equals the stored node exactly; EXECUTING, which every end
    // folded into, is named as touched (read by whoever sends the change, as the store holds it then), never read back per end.
    const last = (id: string): JobNode => seen.flatMap((c) => c.nodes).filter((n) => n.id === id).at(-1)!;
    assert.deepEqual(last(hosts[7]!), failed);
    assert.equal(seen.filter((c) => c.touched?.includes(executing.id)).length, 50);
    assert.deepEqual(store.jobs.nodes([executing.id]), [stored(executing.id)]);

    tracker.end(executing.id, 'failed', '1 of 50 host(s) did not finish', { force: true });
    assert.equal(reads.unfinishedDescendants, 1, 'a node that had children looks below itself once');
    assert.equal(reads.tree, 0);
    tracker.end(root.id, 'failed', null, { force: true });
    assert.equal(stored(root.id)!.state, 'failed');
  });

  test('a node whose children all folded away ends without force; one with an unfinished descendant is refused (409 naming it) and nothing changes', () => {
    const root = tracker.begin(job());
    const a = root.step({ description: 'a' });
    const deep = a.step({ description: 'deep' });
    deep.end('done');
    assert.deepEqual(stored(a.id)!.children_ids, [], 'deep folded away');
    tracker.end(a.id, 'done', null);
    const b = root.step({ description: 'b' });
    const c = b.step({ description: 'c' });
    const d = c.step({ description: 'd', running: true });
    let refusal: AppError | undefined;
    try {
      tracker.end(root.id, 'done', null);
    } catch (err) {
      refusal = err as AppError;
    }
    assert.equal(refusal?.code, 'conflict');
    assert.deepEqual(new Set((refusal?.details as { unfinished: string[] }).unfinished), new Set([b.id, c.id, d.id]));
    assert.deepEqual([b.id, c.id, d.id, root.id].map((id) => stored(id)!.state), ['created', 'created', 'running', 'running'], 'a refused end writes nothing');
    const ended = tracker.end(root.id, 'done', null, { force: true });
    assert.equal(ended.state, 'done');
    assert.deepEqual(ended.folded, { done: 1, failed: 0, aborted: 1, unknown: 0 }, 'a done, b aborted (deepest first: d and c folded into b, kept as failures)');
    assert.deepEqual([b.id, c.id, d.id].map((id) => stored(id)?.state), ['aborted', 'aborted', 'aborted']);
  });

  test('addChildren: numbers follow the parent\'s earlier children, one change carries them and the parent; refused under a finished or unknown parent with nothing written', () => {
    const root = tracker.begin(job());
    const first = root.step({ description: 'first' });
    seen.length = 0;
    const ids = tracker.addChildren(root.id, [{ description: 'x' }, { description: 'y', step_type: 'FINALIZING', internal: false }]);
    assert.deepEqual(ids.map((id) => stored(id)!.number), [2, 3]);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.nodes.map((n) => n.id), [...ids, root.id]);
    assert.deepEqual(seen[0]!.nodes.at(-1)!.children_ids, [first.id, ...ids]);
    assert.deepEqual(seen[0]!.nodes.slice(0, 2), ids.map((id) => stored(id)), 'new nodes reported as stored');
    assert.deepEqual(tracker.addChildren(root.id, []), []);
    // A parent's first children (nothing read back) and a later batch both report the parent as stored.
    const fresh = tracker.begin(job());
    for (const batch of [['a', 'b'], ['c']]) {
      seen.length = 0;
      tracker.addChildren(fresh.id, batch.map((description) => ({ description })));
      assert.deepEqual(seen[0]!.nodes.at(-1), stored(fresh.id));
    }
    assert.equal(stored(fresh.id)!.children_ids.length, 3);

    tracker.end(root.id, 'aborted', null, { force: true });
    const before = store.jobs.get(root.id)!.children_added;
    assert.equal(codeOf(() => tracker.addChildren(root.id, [{ description: 'late' }, { description: 'later' }])), 'conflict');
    assert.equal(store.jobs.get(root.id)!.children_added, before, 'no number claimed');
    assert.equal(codeOf(() => tracker.addChildren('0190c1a5-0000-7000-8000-000000000000', [{ description: 'orphan' }])), 'not_found');
  });

  test('inside a caller\'s transaction a refused call writes nothing and the caller\'s other writes commit', () => {
    const root = tracker.begin(job());
    const done = root.step({ description: 'done already', running: true });
    done.end('failed', 'boom');
    let added = '';
    store.txLogs(() => {
      added = root.step({ description: 'added' }).id;
      assert.equal(codeOf(() => tracker.end(done.id, 'done', null)), 'conflict');
      assert.equal(codeOf(() => tracker.progress(done.id, 1)), 'conflict');
    });
    assert.equal(stored(added)!.state, 'created');
    assert.deepEqual([stored(done.id)!.state, stored(done.id)!.error], ['failed', 'boom']);
  });
  test('startMany starts waiting nodes each at its own time in one statement; a started, ended or unknown one is left as it is', () => {
    const root = tracker.begin(job());
    const [a, b, c] = tracker.addChildren(root.id, [{ description: 'a' }, { description: 'b' }, { description: 'c', running: true }]) as [string, string, string];
    tracker.end(b, 'failed', 'gone before it started', { force: true });
    const cBefore = store.jobs.get(c)!;
    seen.length = 0;
    now += 10;
    tracker.startMany([[a, now - 7], [b, now - 6], [c, now - 5], ['0190c1a5-0000-7000-8000-000000000000', now]]);
    assert.deepEqual([stored(a)!.state, stored(a)!.started_time], ['running', new Date(now - 7).toISOString()]);
    assert.equal(stored(b)!.state, 'failed');
    assert.deepEqual(store.jobs.get(c), cBefore, 'already running: untouched');
    assert.equal(seen.length, 1, 'one change for the batch');
    assert.deepEqual(seen[0]!.nodes, [stored(a)], 'reported as stored');
    tracker.startMany([]);
    assert.equal(seen.length, 1, 'nothing to start, nothing reported');
  });

  test('endFoldingLeaves folds done leaves away in one statement and counts them into the parent; a failed, ended, parent or summary node is left to the caller', async () => {
    const root = tracker.begin(job());
    const executing = root.step({ description: 'run on 5 hosts', running: true });
    const [h0, h1, h2, h3] = tracker.addChildren(executing.id, ['h0', 'h1', 'h2', 'h3'].map((description) => ({ description, scope: 'host' }))) as [string, string, string, string];
    const withChild = tracker.handle(h3).step({ description: 'a step under a host' });
    tracker.end(h2, 'failed', 'exit 1');
    const summary = tracker.addChild(executing.id, { description: 'summary', step_type: 'FINALIZING', running: true });
    const waited = new Promise<string>((resolve) => tracker.whenEnded(h1, (n) => resolve(n.state)));
    seen.length = 0;
    now += 5;
    const folded = tracker.endFoldingLeaves(executing.id, [h0, h1, h2, h3, summary]);
    assert.deepEqual(folded, new Set([h0, h1]));
    assert.equal(await waited, 'done', 'a waiter hears the end');
    assert.equal(stored(h0), undefined);
    assert.equal(stored(h1), undefined);
    assert.equal(stored(h2)!.state, 'failed');
    assert.equal(stored(h3)!.state, 'created', 'a node with children is not a leaf');
    assert.equal(stored(summary)!.state, 'running', 'a summary never folds away');
    assert.deepEqual(stored(executing.id)!.folded, { done: 2, failed: 1, aborted: 0, unknown: 0 });
    assert.deepEqual(seen, [{ root_id: root.id, nodes: [], removed: [h0, h1], touched: [executing.id] }]);
    assert.deepEqual(tracker.endFoldingLeaves(executing.id, [h0]), new Set(), 'already gone: nothing');
    assert.equal(seen.length, 1);
    withChild.end('done');
  });

  test('a failure marks its ancestors once: the next failure under a marked parent marks only itself, and folding keeps both', () => {
    const root = tracker.begin(job());
    const executing = root.step({ description: 'run', running: true });
    const hosts = tracker.addChildren(executing.id, ['x', 'y', 'z'].map((description) => ({ description, scope: 'host', running: true })));
    tracker.end(hosts[0]!, 'failed', 'exit 1');
    assert.deepEqual([root.id, executing.id, hosts[0]!].map((id) => store.jobs.get(id)!.has_failure), [1, 1, 1]);
    assert.equal(store.jobs.get(hosts[1]!)!.has_failure, 0);
    const changes = (store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    store.jobs.markFailureUp(hosts[1]!);
    assert.equal((store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n - changes, 1, 'only the host itself');
    tracker.end(hosts[1]!, 'failed', 'exit 2');
    tracker.end(hosts[2]!, 'done', null);
    assert.deepEqual(stored(executing.id)!.children_ids, hosts.slice(0, 2), 'both failures kept, the success folded');
  });
});
