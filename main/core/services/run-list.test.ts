import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { InstanceStatus, RunListQuery, type InstanceStatusCode, type RunSummary } from '../../../shared/domain/instances';
import { TaskInput } from '../../../shared/domain/tasks';
import { openStore, type Store } from '../store/store';
import { listRuns } from './run-list';

const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();
const q = (input: Record<string, unknown> = {}) => RunListQuery.parse(input);

/** Every run from the newest, page after page, as the console's "Load older" walks them (a run repeated at a page edge counted once). */
function walk(store: Store, input: Record<string, unknown>, bound?: number): { runs: RunSummary[]; pages: number } {
  const runs = new Map<string, RunSummary>();
  let pages = 0;
  for (let before: string | undefined; ; ) {
    const page = listRuns(store, q({ ...input, ...(before ? { before } : {}) }), bound);
    pages++;
    for (const r of page.items) runs.set(r.run_id, r);
    if (!page.next) return { runs: [...runs.values()], pages };
    before = page.next;
  }
}

describe('runs list: instances grouped by run, filtered on the server', () => {
  let dir: string;
  let store: Store;
  let nightly: number;
  let vacuum: number;
  let id = 1000n;
  /** What was written, to check the answers against. */
  const runs: { run_id: string; task_id: number | null; hosts: number; command: string; created: string }[] = [];

  function insertRun(o: { run_id: string; task_id: number | null; task_name?: string; hosts: number[]; command: string; at: number; statuses: InstanceStatusCode[]; by?: string }): void {
    o.hosts.forEach((h, i) => {
      store.instances.insert({
        id: id++, run_id: o.run_id, task_id: o.task_id, attempt: 1, trigger: o.task_id ? 'schedule' : 'ad_hoc', host_id: h,
        host_snapshot: JSON.stringify({ id: h, name: `db-${h}`, host: `10.0.0.${h}:22` }), command: o.command, mode: 'tied', status: o.statuses[i] ?? InstanceStatus.Finished,
        timeout_s: 0, log_limit_bytes: 1024 ** 3, log_policy: 'truncate', secrets: null, created_by: o.by ?? 'dora', created_time: iso(o.at),
        task_snapshot: o.task_id ? JSON.stringify({ name: o.task_name }) : null, slot: null,
      });
    });
    runs.push({ run_id: o.run_id, task_id: o.task_id, hosts: o.hosts.length, command: o.command, created: iso(o.at) });
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-runlist-'));
    store = openStore(path.join(dir, 'taskdeck.db'));
    for (let h = 1; h <= 5; h++) store.hosts.insert({ name: `db-${h}`, host: `10.0.0.${h}:22`, username: 'postgres', machine_id: h, auth_kind: 'agent', status: 'Enabled' } as never, iso(T0));
    nightly = store.tasks.insert(TaskInput.parse({ name: 'nightly-backup', command: 'pg_dump' }), 'dora', iso(T0)).id;
    vacuum = store.tasks.insert(TaskInput.parse({ name: 'vacuum_full', command: 'vacuumdb' }), 'dora', iso(T0)).id;
    const started = performance.now();
    store.tx(() => {
      // ~100k instances: a scheduled task on 3 hosts every minute, ad-hoc runs on 1-2 hosts between, a rare vacuum.
      for (let i = 0; i < 30_000; i++) {
        const at = T0 + i * 60_000;
        insertRun({ run_id: `n${i}`, task_id: nightly, task_name: 'nightly-backup', hosts: [1, 2, 3], command: 'pg_dump -Fc app > /backup/app.dump', at, statuses: i % 100 === 7 ? [2, 3, 2] : [2, 2, 2] });
        if (i % 3 === 0) insertRun({ run_id: `a${i}`, task_id: null, hosts: i % 2 ? [4] : [4, 5], command: i % 3000 === 0 ? `grep -c 'ERROR 100%_done' /var/log/app-${i}.log` : 'uptime', at: at + 1000, statuses: [] });
        if (i % 5000 === 4999) insertRun({ run_id: `v${i}`, task_id: vacuum, task_name: 'vacuum_full', hosts: [2], command: 'vacuumdb --full', at: at + 2000, statuses: [] });
      }
    });
    const n = (store.db.prepare('SELECT count(*) AS n FROM instances').get() as { n: number }).n;
    console.log(`# runs list fixture: ${n.toLocaleString('en-US')} instances in ${runs.length.toLocaleString('en-US')} runs, written in ${Math.round(performance.now() - started)} ms`);
    assert.ok(n >= 100_000);
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a multi-host run is one row: status and hosts by each host\'s last attempt, a retry joining its run', () => {
    insertRun({ run_id: 'multi', task_id: nightly, task_name: 'nightly-backup', hosts: [1, 2, 3], command: 'pg_dump', at: T0 + 40_000 * 60_000, statuses: [2, 3, 4] });
    // host 2 failed and was retried: the retry succeeded, so host 2 counts as ok
    store.instances.insert({
      id: id++, run_id: 'multi', task_id: nightly, attempt: 2, trigger: 'retry', host_id: 2, host_snapshot: JSON.stringify({ id: 2, name: 'db-2', host: 'x' }), command: 'pg_dump',
      mode: 'tied', status: InstanceStatus.Finished, timeout_s: 0, log_limit_bytes: 1024, log_policy: 'truncate', secrets: null, created_by: 'dora',
      created_time: iso(T0 + 40_000 * 60_000 + 5000), task_snapshot: JSON.stringify({ name: 'nightly-backup' }), slot: null,
    });
    store.instances.update(id - 1n, { started_time: iso(T0 + 40_000 * 60_000 + 5000), ended_time: iso(T0 + 40_000 * 60_000 + 9000) });
    const page = listRuns(store, q({ per_page: 1 }));
    const r = page.items[0]!;
    assert.equal(r.run_id, 'multi');
    assert.equal(r.task_name, 'nightly-backup');
    assert.equal(r.created_by, 'dora');
    assert.deepEqual(r.hosts, { total: 3, ok: 2, failed: 1, running: 0 });
    assert.equal(r.status_name, 'TimeoutEnding', 'the worst last attempt: host 3 timed out; host 2\'s failure was retried');
    assert.equal(r.instances, 4);
    assert.deepEqual(r.host_names, ['db-1', 'db-2', 'db-3']);
    assert.equal(r.single_instance_id, null);
    assert.equal(r.ended_time, iso(T0 + 40_000 * 60_000 + 9000));
    runs.pop();
    store.db.prepare("DELETE FROM instances WHERE run_id = 'multi'").run();
  });

  test('paging with `next` visits every run once, newest first; the newest page is read quickly', () => {
    let t = performance.now();
    const first = listRuns(store, q({ per_page: 50 }));
    const firstMs = performance.now() - t;
    assert.equal(first.items.length, 50);
    const newest = [...runs].sort((a, b) => (a.created < b.created ? 1 : -1)).slice(0, 50).map((r) => r.run_id);
    assert.deepEqual(first.items.map((r) => r.run_id), newest);
    t = performance.now();
    const all = walk(store, { per_page: 200 });
    const walkMs = performance.now() - t;
    console.log(`# runs list: first page of 50 in ${firstMs.toFixed(1)} ms; all ${all.runs.length.toLocaleString('en-US')} runs in ${all.pages} pages of 200 in ${Math.round(walkMs)} ms`);
    assert.equal(all.runs.length, runs.length);
    const created = all.runs.map((r) => r.created_time);
    assert.deepEqual(created, [...created].sort().reverse(), 'newest first');
    assert.ok(firstMs < 200, `first page took ${firstMs} ms`);
  });

  test('filters by task name, command text, host, status and time; a rare match stops at the read bound and says how far it searched', () => {
    const time = (f: () => unknown): number => {
      const t = performance.now();
      f();
      return performance.now() - t;
    };
    const byTask = walk(store, { task: 'VACUUM_' });
    assert.deepEqual(byTask.runs.map((r) => r.task_name), Array(6).fill('vacuum_full'), 'case-insensitive, _ taken literally');
    assert.equal(walk(store, { task: 'vacuum%' }).runs.length, 0, '% is a character, not a wildcard');
    assert.equal(walk(store, { task: 'no-such-task' }).runs.length, 0);
    const byCommand = walk(store, { command: "ERROR 100%_done" });
    assert.equal(byCommand.runs.length, 10, 'every 3000th ad-hoc run');
    assert.ok(byCommand.runs.every((r) => r.command.includes('ERROR 100%_done')));
    const rare = listRuns(store, q({ command: 'ERROR 100%_done', per_page: 50 }));
    assert.ok(rare.items.length < 10 && rare.searched_to !== null && rare.next !== null, 'bounded: the first page stopped at the bound and said so');
    const failed = walk(store, { status: InstanceStatus.AbnormalEnding, task_id: nightly });
    assert.equal(failed.runs.length, 300);
    assert.ok(failed.runs.every((r) => r.status === InstanceStatus.AbnormalEnding && r.hosts.failed === 1));
    const onHost5 = walk(store, { host_id: 5, from: iso(T0), to: iso(T0 + 600 * 60_000) });
    assert.equal(onHost5.runs.length, 100, 'ad-hoc runs on hosts 4 and 5 in the first 600 minutes');
    const ms = {
      task: time(() => listRuns(store, q({ task: 'vacuum' }))),
      command: time(() => listRuns(store, q({ command: 'ERROR 100%' }))),
      status: time(() => listRuns(store, q({ status: InstanceStatus.AbnormalEnding }))),
      host: time(() => listRuns(store, q({ host_id: 5 }))),
    };
    console.log(`# runs list first page with a filter (ms): ${Object.entries(ms).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  });

  test('the flat instance list takes the same filters', () => {
    const byCommand = store.instances.list({ command: 'ERROR 100%_done', page: 1, per_page: 50 }).rows;
    assert.equal(byCommand.length, 20, 'the 10 runs, on two hosts each');
    assert.ok(byCommand.every((r) => r.command.includes('ERROR 100%_done')));
    assert.equal(store.instances.list({ task_ids: store.tasks.idsNamedLike('VACUUM'), page: 1, per_page: 50 }).rows.length, 6);
    assert.equal(store.instances.list({ task_ids: store.tasks.idsNamedLike('backup'), host_id: 2, page: 1, per_page: 5 }).rows.length, 5);
    assert.equal(store.instances.list({ task_ids: [], page: 1, per_page: 5 }).rows.length, 0, 'no task by that name: nothing');
  });

  test('the walk is read through an index in order, never a full scan or a sort', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /USING INDEX instances_created|USING INDEX instances_day/],
      [{ task_id: 1 }, /USING INDEX instances_task /],
      [{ task_ids: [1] }, /USING INDEX instances_task /],
      [{ task_ids: [1, 2] }, /USING INDEX instances_created|USING INDEX instances_day/],
      [{ task_ids: [] }, /USING INDEX instances_created|USING INDEX instances_day/],
      [{ host_id: 1 }, /USING INDEX instances_host/],
      [{ command: 'x' }, /USING INDEX instances_created|USING INDEX instances_day/],
      [{ status: 3 }, /USING INDEX instances_created|USING INDEX instances_day/],
    ];
    for (const [f, want] of cases) {
      for (const before of [false, true]) {
        const plan = store.instances.runAnchorsPlan(f, before).join(' | ');
        assert.match(plan, want, `${JSON.stringify(f)} before=${before}: ${plan}`);
        assert.doesNotMatch(plan, /TEMP B-TREE|SCAN instances(?! USING)/, `${JSON.stringify(f)} before=${before}: ${plan}`);
      }
    }
  });

  test('hostile queries are refused before the store', () => {
    for (const bad of [{ before: 'garbage' }, { before: "2026-01-01T00:00:00.000Z~1' OR 1" }, { per_page: 0 }, { per_page: 1000 }, { task: '' }, { command: 'x'.repeat(201) }, { host_id: -1 }, { from: 'yesterday' }]) {
      assert.equal(RunListQuery.safeParse(bad).success, false, JSON.stringify(bad));
    }
    assert.deepEqual(listRuns(store, q({ before: '0000-01-01T00:00:00.000Z~1' })).items, []);
    assert.deepEqual(listRuns(store, q({ status: 99 })).items.length, 0);
  });
});
