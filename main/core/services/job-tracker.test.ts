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
  const reads = { tree: 0, descendants: 0 };
  /** Whose children were read: a parent's, per child's end, was 50 reads of 50 ids for a 50-host run. */
  const childrenRead: string[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-tracker-'));
    store = openStore(path.join(dir, 'td.db'));
    tracker = new JobTracker(store, { now: () => new Date(now) }, new JobIdGenerator(), (c) => seen.push(c));
    for (const k of ['tree', 'descendants'] as const) {
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
    reads.tree = reads.descendants = 0;
    childrenRead.length = 0;
    seen.length = 0;
    hosts.forEach((id, i) => {
      now += 1;
      tracker.start(id);
      const ended = tracker.end(id, i === 7 ? 'failed' : 'done', i === 7 ? 'exit 3' : null);
      assert.equal(ended.state, i === 7 ? 'failed' : 'done');
      tracker.progress(root.id, i + 1, 50, 'hosts');
    });
    assert.deepEqual(reads, { tree: 0, descendants: 0 }, 'no leaf end read below itself');
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
    assert.equal(reads.descendants, 1, 'a node that had children looks below itself once');
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
});
