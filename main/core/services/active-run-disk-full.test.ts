import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { systemClock } from '../clock';
import { EventBus } from '../event-bus';
import type { InstanceRow } from '../store/instances-repo';
import { openStore } from '../store/store';
import { ActiveRun } from './active-run';
import { InstanceEnds } from './instance-ends';
import { LogWriter } from './log-writer';

test('a store that refuses writes when a run starts: the run goes on, its start is kept and stored with its end', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-start-ro-'));
  const store = openStore(path.join(dir, 'taskdeck.db'), { secretKey: () => randomBytes(32) });
  const writer = new LogWriter(store, new EventBus(systemClock, () => {}), systemClock, () => {});
  t.after(() => {
    writer.dispose();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const id = 11n;
  store.tx(() =>
    store.instances.insert({
      id, run_id: 'r11', task_id: null, attempt: 1, trigger: 'ad_hoc', host_id: null, host_snapshot: '{}', command: 'sleep 60', mode: 'detached',
      status: InstanceStatus.Running, timeout_s: 0, log_limit_bytes: 1e9, log_policy: 'truncate', secrets: null, created_by: 'admin',
      created_time: new Date().toISOString(), task_snapshot: null, slot: null,
    }),
  );
  const row = store.instances.get(id)!;
  writer.open(id, row, () => {});
  const emitted: bigint[] = [];
  const run = new ActiveRun(row, { store, logs: writer, clock: systemClock, emit: (i) => emitted.push(i) });

  store.db.pragma('query_only = 1'); // every write fails with SQLITE_READONLY, as on a full or read-only disk
  // The host reports the detached run started, then its process group: neither may throw (the
  // driver would call the run failed while its process goes on, unwatched, on the host).
  run.observer().started?.({ mode: 'detached', pgid: 4242, dir: '/tmp/taskdeck-run-11' });
  run.sink().pgid(4243);
  assert.equal(run.pgid, 4243, 'the run is stoppable: its process group is known in memory');
  assert.deepEqual(emitted, [id], 'the window is told the run started');
  assert.equal(run.unsaved.remote_pgid, 4243);
  assert.equal(run.unsaved.remote_dir, '/tmp/taskdeck-run-11');
  assert.ok(run.unsaved.started_time, 'when it started is kept');
  assert.equal(store.instances.get(id)!.remote_pgid, null, 'nothing was written');

  store.db.pragma('query_only = 0');
  // The end stores them (the runs service's own path, in the end's transaction), with the notice line.
  const ends = new InstanceEnds({ store, logs: writer, clock: systemClock, events: new EventBus(systemClock, () => {}), logger: () => {}, ended: () => {}, shuttingDown: () => false });
  ends.later(id, { status: InstanceStatus.Finished, exit_code: 0 }, run.unsaved);
  ends.dispose(); // stores what waits for the end of the turn
  const ended = store.instances.get(id)!;
  assert.equal(ended.remote_pgid, 4243);
  assert.equal(ended.started_time, run.unsaved.started_time);
  const lines = store.logs.window(id, 1, ended.log_lines);
  assert.equal(lines.filter((l) => /disk is full: where and when this run started/.test(l.text)).length, 1, 'said once, not per refused write');
});

test('a write that fails for another reason than the disk is not hidden', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-start-gone-'));
  const store = openStore(path.join(dir, 'taskdeck.db'), { secretKey: () => randomBytes(32) });
  const writer = new LogWriter(store, new EventBus(systemClock, () => {}), systemClock, () => {});
  t.after(() => {
    writer.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const row = { id: 12n, mode: 'tied', started_time: null, remote_pgid: null, secrets: null } as unknown as InstanceRow;
  const run = new ActiveRun(row, { store, logs: writer, clock: systemClock, emit: () => {} });
  store.close(); // a closed database: a programming error, never mistaken for a full disk
  assert.throws(() => run.observer().started?.({ mode: 'detached', pgid: 1, dir: '/tmp/x' }), /not open/);
});
