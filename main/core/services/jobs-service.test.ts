import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AppEvent } from '../../../shared/api/events';
import { AppError } from '../../../shared/api/errors';
import { jobMatchesText } from '../../../shared/domain/jobs';
import { permissionsOf } from '../../../shared/domain/roles';
import { startHarness, type Harness } from '../../../testing/core-harness';
import type { Clock } from '../clock';
import type { Caller } from './auth-service';
import { RESTART_REASON } from './jobs-service';
import type { JobBegin } from './job-tracker';

/** A clock the test moves. */
function fakeClock(start = Date.parse('2026-01-01T00:00:00Z')): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

const job = (o: Partial<JobBegin> = {}): JobBegin => ({
  module: 'runs', type: 'ad-hoc run', scope: 'run', description: 'uptime on 3 hosts', owner: 'admin', user_started: false, is_abortable: true, internal: false, ...o,
});
const caller = (user_name: string, roles: string[]): Caller => ({ user: { user_name, roles } as Caller['user'], permissions: permissionsOf(roles), tokenHash: '' });
const codeOf = async (p: Promise<unknown> | (() => unknown)): Promise<string> => {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'ok';
  } catch (err) {
    return (err as AppError).code;
  }
};

describe('jobs service on a real store', () => {
  let h: Harness;
  const clock = fakeClock();
  before(async () => {
    h = await startHarness({ clock, jobExpiryIntervalMs: 0 });
  });
  after(() => h.dispose());
  const s = () => h.core.services.jobs;

  test('the text search is one rule: the core\'s list finds exactly what the window\'s live filter (jobMatchesText) keeps', () => {
    const texts = ['Überprüfung of ledger', 'vacuum 100%_done', 'plain backup', '  spaced  '];
    const ids = texts.map((description) => s().tracker.begin(job({ module: 'textsearch', description })).id);
    const nodes = ids.map((id) => s().tracker.node(id));
    const queries = ['überprüfung', 'ÜBERPRÜFUNG', '100%_', '%', '_', '  backup ', ids[2]!, ids[2]!.toUpperCase(), 'admin', 'AD-HOC', 'nothing like it', 'spaced  '];
    for (const q of queries) {
      const listed = s().list({ module: 'textsearch', q, internal: false, limit: 100 }).items.map((j) => j.id).sort();
      const kept = nodes.filter((n) => jobMatchesText(q, n)).map((n) => n.id).sort();
      assert.deepEqual(listed, kept, `q=${JSON.stringify(q)}`);
    }
    assert.deepEqual(nodes.filter((n) => jobMatchesText('ÜBERPRÜFUNG', n)).map((n) => n.id), [ids[0]], 'case-insensitive beyond ASCII (LIKE is not)');
    assert.deepEqual(nodes.filter((n) => jobMatchesText('%', n)).map((n) => n.id), [ids[1]], '% and _ are text, not wildcards');
  });

  test('a tree: steps number in order, a done step folds away into its parent, a failed one keeps its details (and its ancestors theirs)', () => {
    const root = s().tracker.begin(job());
    root.start();
    const validating = root.step({ description: 'resolve targets', step_type: 'VALIDATING' });
    const executing = root.step({ description: 'run on hosts', step_type: 'EXECUTING' });
    const hosts = [1, 2, 3].map((n) => executing.step({ description: `db-${n}`, scope: 'host', instance_id: String(n) }));
    assert.deepEqual(s().tracker.node(root.id).children_ids, [validating.id, executing.id]);
    assert.deepEqual(hosts.map((x) => s().tracker.node(x.id).number), [1, 2, 3]);
    assert.equal(s().tracker.node(hosts[0]!.id).internal, true, 'steps are internal by default');
    validating.end('done');
    assert.equal(h.core.services.store.jobs.get(validating.id), undefined, 'a done step is unregistered');
    assert.deepEqual(s().tracker.node(root.id).folded, { done: 1, failed: 0, aborted: 0, unknown: 0 });
    hosts[0]!.progress(5, 10, 'lines');
    assert.deepEqual(s().tracker.node(hosts[0]!.id).progress, { units: 'lines', total: 10, completed: 5 });
    hosts[0]!.end('done');
    hosts[1]!.end('failed', 'exit 2');
    hosts[2]!.end('done');
    executing.end('done');
    const exec = s().tracker.node(executing.id);
    assert.equal(exec.state, 'done', 'kept because a descendant failed');
    assert.deepEqual(exec.children_ids, [hosts[1]!.id]);
    assert.deepEqual(exec.folded, { done: 2, failed: 1, aborted: 0, unknown: 0 });
    assert.equal(s().tracker.node(hosts[1]!.id).error, 'exit 2');
    root.end('failed', 'one host failed');
    const tree = s().statusRecursive(root.id).map((n) => [n.description, n.state]);
    assert.deepEqual(tree, [['uptime on 3 hosts', 'failed'], ['run on hosts', 'done'], ['db-2', 'failed']]);
    // Reading never removes anything (scylladb#21388).
    s().status(root.id);
    s().status(root.id);
    assert.ok(h.core.services.store.jobs.get(root.id));
  });

  test('a finished node never changes; a step under it is refused; later calls from its work are ignored', async () => {
    const root = s().tracker.begin(job());
    root.end('done');
    assert.equal(await codeOf(() => s().tracker.addChild(root.id, { description: 'late' })), 'conflict');
    assert.equal(await codeOf(() => s().tracker.end(root.id, 'failed', null)), 'conflict');
    root.progress(1, 2);
    root.end('failed');
    assert.equal(s().tracker.node(root.id).state, 'done');
    assert.equal(await codeOf(() => s().tracker.addChild('no-such-id', { description: 'x' })), 'not_found');
  });

  test('ending with unfinished steps is refused naming them; with force they end aborted', () => {
    const root = s().tracker.begin(job({ external: true, running: true }));
    const a = root.step({ description: 'copy files', running: true });
    const a1 = a.step({ description: 'copy base', running: true });
    assert.throws(() => s().tracker.end(root.id, 'done', null), (e: AppError) => e.code === 'conflict' && /"copy files".*"copy base"/.test(e.message));
    assert.equal(s().tracker.node(a1.id).state, 'running', 'nothing half-written');
    const ended = s().tracker.end(root.id, 'done', null, { force: true });
    assert.equal(ended.state, 'done');
    assert.equal(s().tracker.node(a1.id).state, 'aborted');
    assert.equal(s().tracker.node(a.id).state, 'aborted');
  });

  test('TTL with a fake clock: ttl after the end, user_ttl when a user started it; not auto-cleared waits for clear', async () => {
    const t = s();
    t.setTtl('ttl', 3600);
    t.setTtl('user_ttl', 60);
    assert.equal(t.setTtl('ttl', 7200), 3600, 'set returns the previous value');
    const task = t.tracker.begin(job({ module: 'ttl-test' }));
    const user = t.tracker.begin(job({ module: 'ttl-test', user_started: true }));
    const kept = t.tracker.begin(job({ module: 'ttl-test', external: true, auto_cleared: false }));
    const running = t.tracker.begin(job({ module: 'ttl-test' }));
    for (const x of [task, user, kept]) x.end('done');
    const alive = () => [task, user, kept, running].map((x) => h.core.services.store.jobs.get(x.id) !== undefined);
    clock.advance(59_000);
    await h.core.services.jobs['expiry'].run();
    assert.deepEqual(alive(), [true, true, true, true]);
    clock.advance(1_000);
    await h.core.services.jobs['expiry'].run();
    assert.deepEqual(alive(), [true, false, true, true], 'the user-started job goes after user_ttl');
    clock.advance(7200_000);
    await h.core.services.jobs['expiry'].run();
    assert.deepEqual(alive(), [false, false, true, true], 'the task goes after ttl; never a running one');
    t.clear(kept.id);
    await h.core.services.jobs['expiry'].run();
    assert.deepEqual(alive(), [false, false, false, true], 'cleared: it expires with the TTL');
    assert.equal(t.ttl('ttl'), 7200);
  });

  test('expiry removes many roots in batches, yielding between them', async () => {
    const t = s();
    t.setTtl('ttl', 0);
    for (let i = 0; i < 3000; i++) t.tracker.begin(job({ module: 'bulk' })).end('done');
    const batches: number[] = [];
    let ticks = 0;
    const ping = setInterval(() => ticks++, 0);
    const expiry = h.core.services.jobs['expiry'];
    const n = await expiry.removeInBatches((limit) => {
      const ids = h.core.services.store.jobs.finishedRoots('bulk', limit);
      if (ids.length) batches.push(ids.length);
      return ids;
    });
    clearInterval(ping);
    assert.equal(n, 3000);
    assert.ok(batches.length > 1, `more than one batch (${batches.join(',')})`);
    assert.ok(ticks > 0, 'timers ran while it removed');
    assert.deepEqual(t.listModuleTasks('bulk', true, undefined, 10), []);
    t.setTtl('ttl', 86_400);
  });

  test('drain removes only the finished roots of its module', async () => {
    const t = s();
    const done = t.tracker.begin(job({ module: 'drain-a' }));
    done.end('failed');
    const running = t.tracker.begin(job({ module: 'drain-a' }));
    running.start();
    const other = t.tracker.begin(job({ module: 'drain-b' }));
    other.end('done');
    assert.equal(await t.drain('drain-a'), 1);
    assert.equal(h.core.services.store.jobs.get(done.id), undefined);
    assert.ok(h.core.services.store.jobs.get(running.id));
    assert.ok(h.core.services.store.jobs.get(other.id));
  });

  test('abort: handlers decide with the caller before anything is marked; descendants end aborted; not abortable is 409', async () => {
    const t = s();
    const root = t.tracker.begin(job({ running: true }));
    const step = root.step({ description: 'host', running: true });
    const seen: string[] = [];
    step.onAbort((c) => {
      if (!c.permissions.has('runs:execute')) throw new AppError('forbidden', `${c.user.user_name} may not cancel this run`);
      seen.push(c.user.user_name);
    });
    assert.equal(await codeOf(t.abort(caller('vic', ['viewer']), root.id)), 'forbidden');
    assert.equal(t.tracker.node(root.id).state, 'running', 'nothing marked');
    const st = await t.abort(caller('dora', ['dba']), root.id);
    assert.deepEqual(seen, ['dora']);
    assert.equal(st.state, 'failed');
    assert.equal(st.tree_state, 'aborted');
    assert.equal(t.tracker.node(step.id).state, 'aborted');
    assert.equal(await codeOf(t.abort(caller('dora', ['dba']), root.id)), 'conflict', 'already ended');
    const fixed = t.tracker.begin(job({ is_abortable: false }));
    await assert.rejects(t.abort(caller('admin', ['admin']), fixed.id), /is not abortable/);
    const ext = t.tracker.begin(job({ external: true, running: true }));
    assert.equal(await codeOf(t.abort(caller('vic', ['viewer']), ext.id)), 'forbidden', 'no handler: an external job needs jobs:external');
    assert.equal((await t.abort(caller('pl', ['plugin']), ext.id)).tree_state, 'aborted');
  });

  test('wait resolves on the end (no polling) and times out with 408', async () => {
    const t = s();
    const root = t.tracker.begin(job({ running: true }));
    const waiting = t.wait(root.id, 60);
    root.end('done');
    assert.equal((await waiting).state, 'done');
    const slow = t.tracker.begin(job({ running: true }));
    await assert.rejects(t.wait(slow.id, 0.05), (e: AppError) => e.code === 'timeout' && /did not end within 0.05 s; it is still running/.test(e.message));
    assert.equal((await t.wait(root.id, 1)).state, 'done', 'an ended job answers at once');
  });

  test('job.changed is coalesced per job: a burst of 500 updates gives a bounded number of events, the last state delivered', async () => {
    const t = s();
    const got: AppEvent<'job.changed'>[] = [];
    const root = t.tracker.begin(job({ running: true }));
    let sub = { dispose() {} };
    const last = new Promise<void>((resolve) => {
      sub = h.core.events.onDidEmit((e) => {
        if (e.type !== 'job.changed' || e.data.root_id !== root.id) return;
        got.push(e as AppEvent<'job.changed'>);
        if (e.data.nodes.some((n) => n.progress.completed === 500)) resolve();
      });
    });
    for (let i = 1; i <= 500; i++) root.progress(i, 500);
    await last;
    sub.dispose();
    assert.ok(got.length <= 2, `${got.length} events for 500 updates`);
    assert.equal(got.at(-1)!.data.nodes.find((n) => n.id === root.id)!.progress.completed, 500);
  });
});

describe('jobs after a restart', () => {
  test('Taskdeck\'s own unfinished nodes end unknown with the reason; external ones survive untouched', async () => {
    let h = await startHarness({ jobExpiryIntervalMs: 0 });
    const own = h.core.services.jobs.tracker.begin(job({ running: true }));
    const ownStep = own.step({ description: 'host', running: true });
    const ext = h.core.services.jobs.createExternal('plug', { description: 'backup by plug-in', auto_cleared: true, module: 'external', type: 'backup', action_type: '', is_abortable: false });
    h = await h.restart();
    try {
      const j = h.core.services.jobs;
      assert.equal(j.tracker.node(own.id).state, 'unknown');
      assert.equal(j.tracker.node(own.id).error, RESTART_REASON);
      assert.equal(j.tracker.node(ownStep.id).state, 'unknown');
      assert.equal(j.get(ext.id).status, 'STARTED');
    } finally {
      await h.dispose();
    }
  });
});
