import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobNode } from '../../../shared/domain/jobs';
import { systemClock } from '../clock';
import { JobIdGenerator } from '../domain/job-id';
import { EventBus } from '../event-bus';
import { openStore, type Store } from '../store/store';
import { JobEventCoalescer } from './job-events';
import { JobTracker } from './job-tracker';

describe('job.changed on a real store', () => {
  let dir: string;
  let store: Store;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'job-events-'));
    store = openStore(path.join(dir, 'td.db'));
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a parent its children fold into goes out as the store holds it, read once per event however many children ended', async () => {
    const events = new EventBus(systemClock, () => {});
    const sent: { nodes: readonly JobNode[]; removed: readonly string[] }[] = [];
    const sub = events.onDidEmit((e) => void (e.type === 'job.changed' && sent.push(e.data)));
    const readFor: string[][] = [];
    const coalescer = new JobEventCoalescer(events, (ids) => (readFor.push([...ids]), store.jobs.nodes(ids)), () => {}, 30);
    const tracker = new JobTracker(store, systemClock, new JobIdGenerator(), (c) => coalescer.push(c));
    try {
      const root = tracker.begin({ module: 'runs', type: 'ad-hoc run', scope: 'run', description: 'a run on 40 hosts', owner: 'admin', user_started: true, is_abortable: true, internal: false, running: true });
      const [executing] = tracker.addChildren(root.id, [{ description: 'run on 40 hosts', running: true }]) as [string];
      const hosts = tracker.addChildren(executing, Array.from({ length: 40 }, (_, i) => ({ description: `host-${i}`, scope: 'host', running: true })));
      hosts.forEach((id, i) => tracker.end(id, i === 3 ? 'failed' : 'done', i === 3 ? 'exit 1' : null));
      // The burst went out as one event after the interval; the coalescer's timer is the wait.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if (!sent.some((e) => e.removed.length)) return;
          clearInterval(poll);
          resolve();
        }, 5);
      });
      coalescer.dispose();
      const last = sent.flatMap((e) => e.nodes).filter((n) => n.id === executing).at(-1)!;
      assert.deepEqual(last, store.jobs.nodes([executing])[0], 'the parent as stored after every fold');
      assert.deepEqual(last.folded, { done: 39, failed: 1, aborted: 0, unknown: 0 }, 'every end counted; the failed one kept besides');
      assert.deepEqual(last.children_ids, [hosts[3]], 'the failed host kept, the rest folded');
      assert.deepEqual(new Set(sent.flatMap((e) => e.removed)), new Set(hosts.filter((_, i) => i !== 3)));
      // 40 ends touched EXECUTING; it was read once, when their event went out (the first change, at once, read nothing).
      assert.deepEqual(readFor.filter((ids) => ids.includes(executing)).length, 1);
      assert.ok(sent.length <= 3, `${sent.length} events`);
    } finally {
      sub.dispose();
      coalescer.dispose();
    }
  });

  test('a node folded away after it was touched is only named as removed, never read', () => {
    const events = new EventBus(systemClock, () => {});
    const sent: { nodes: readonly JobNode[]; removed: readonly string[] }[] = [];
    const sub = events.onDidEmit((e) => void (e.type === 'job.changed' && sent.push(e.data)));
    const coalescer = new JobEventCoalescer(events, (ids) => store.jobs.nodes(ids), () => {}, 60_000);
    const tracker = new JobTracker(store, systemClock, new JobIdGenerator(), (c) => coalescer.push(c));
    try {
      const root = tracker.begin({ module: 'runs', type: 'ad-hoc run', scope: 'run', description: 'one host', owner: 'admin', user_started: true, is_abortable: true, internal: false, running: true });
      const step = root.step({ description: 'run', running: true });
      const host = step.step({ description: 'host-0', running: true });
      host.end('done'); // touches the step
      step.end('done'); // the step folds away into the root
      coalescer.dispose();
      const after = sent.at(-1)!;
      assert.ok(after.removed.includes(step.id) && after.removed.includes(host.id));
      assert.equal(after.nodes.some((n) => n.id === step.id || n.id === host.id), false);
      assert.deepEqual(after.nodes.find((n) => n.id === root.id), store.jobs.nodes([root.id])[0]);
    } finally {
      sub.dispose();
      coalescer.dispose();
    }
  });

  test('a failed read is logged, the rest goes out, and the touched node is read again at the next interval', { timeout: 10_000 }, async () => {
    const events = new EventBus(systemClock, () => {});
    const sent: { nodes: readonly JobNode[] }[] = [];
    const sub = events.onDidEmit((e) => void (e.type === 'job.changed' && sent.push(e.data)));
    const logged: string[] = [];
    let failing = true;
    const coalescer = new JobEventCoalescer(events, (ids) => {
      if (failing && ids.length) throw new Error('disk I/O error');
      return store.jobs.nodes(ids);
    }, (_level, message) => logged.push(message), 20);
    const tracker = new JobTracker(store, systemClock, new JobIdGenerator(), (c) => coalescer.push(c));
    try {
      const root = tracker.begin({ module: 'runs', type: 'ad-hoc run', scope: 'run', description: 'one host', owner: 'admin', user_started: true, is_abortable: true, internal: false, running: true });
      const failed = root.step({ description: 'host-0', running: true });
      failed.end('failed', 'exit 2'); // kept (it failed), touches the root
      const folded = await new Promise<JobNode>((resolve) => {
        const poll = setInterval(() => {
          if (logged.length && failing) failing = false; // the disk is back after the first failure
          const r = sent.flatMap((e) => e.nodes).find((n) => n.id === root.id && n.folded.failed === 1);
          if (!r) return;
          clearInterval(poll);
          resolve(r);
        }, 5);
      });
      assert.equal(logged.length, 1);
      assert.ok(sent.some((e) => e.nodes.some((n) => n.id === failed.id && n.state === 'failed')), 'the ended node went out with the failed read');
      assert.deepEqual(folded, store.jobs.nodes([root.id])[0], 'the root read again, as stored');
    } finally {
      sub.dispose();
      coalescer.dispose();
    }
  });
});
