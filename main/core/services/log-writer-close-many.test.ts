import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../../shared/api/errors';
import { InstanceStatus } from '../../../shared/domain/instances';
import { systemClock } from '../clock';
import { blockOf } from '../domain/log-lines';
import { EventBus } from '../event-bus';
import { openStore, type Store } from '../store/store';
import { LogWriter } from './log-writer';

function running(store: Store, id: bigint): void {
  store.tx(() =>
    store.instances.insert({
      id, run_id: 'r1', task_id: null, attempt: 1, trigger: 'ad_hoc', host_id: null, host_snapshot: '{}', command: 'echo', mode: 'tied',
      status: InstanceStatus.Running, timeout_s: 0, log_limit_bytes: 1e9, log_policy: 'truncate', secrets: null, created_by: 'admin',
      created_time: new Date().toISOString(), task_snapshot: null, slot: null,
    }),
  );
}

const finished = { status: InstanceStatus.Finished, exit_code: 0, ended_time: new Date().toISOString() } as const;

test('closeManyWith: runs that end together store their last lines and ends in one transaction, all or none', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-close-many-'));
  const store = openStore(path.join(dir, 'taskdeck.db'));
  try {
    const events = new EventBus(systemClock, () => {});
    const live: string[] = [];
    events.onDidEmit((e) => void (e.type === 'instance.log' && live.push(e.data.id)));
    const writer = new LogWriter(store, events, systemClock, () => {}, { flushMs: 60_000, flushBytes: Infinity, flushSliceBytes: Infinity, heldBytes: 1e6, heldTotalBytes: 1e7 });
    const ids = [1n, 2n, 3n];
    for (const id of ids) {
      running(store, id);
      writer.open(id, { ...store.instances.get(id)!, log_lines: 0, log_bytes: 0 }, () => {});
      writer.write(id, blockOf('stdout', [`hi from ${id}`]));
    }
    // The second end fails as a full disk would: nothing of the three is stored, their lines are held.
    assert.throws(
      () => writer.closeManyWith(ids, () => ids.map((id) => {
        if (id === 2n) throw new AppError('unavailable', 'disk full');
        return store.instances.end(id, finished);
      })),
      (err: AppError) => err.code === 'unavailable',
    );
    for (const id of ids) {
      const row = store.instances.get(id)!;
      assert.equal(row.status, InstanceStatus.Running, `instance ${id} is not ended by half a batch`);
      assert.equal(row.log_lines, 0, `instance ${id}'s lines are not stored by half a batch`);
    }
    assert.deepEqual(live, [], 'no live line goes out before it is stored');
    // Retried: every line and every end, together.
    assert.deepEqual(writer.closeManyWith(ids, () => ids.map((id) => store.instances.end(id, finished))), [true, true, true]);
    for (const id of ids) {
      const row = store.instances.get(id)!;
      assert.equal(row.status, InstanceStatus.Finished);
      assert.deepEqual(store.logs.window(id, 1, 10).map((l) => l.text), [`hi from ${id}`]);
    }
    assert.deepEqual(live.sort(), ['1', '2', '3']);
    // They are closed: later lines for them are not written.
    writer.write(1n, blockOf('stdout', ['late']));
    writer.flush();
    assert.equal(store.instances.get(1n)!.log_lines, 1);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
