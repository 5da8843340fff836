import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { AppError } from '../../../shared/api/errors';
import { InstanceStatus } from '../../../shared/domain/instances';
import { systemClock } from '../clock';
import { blockOf, type LineBlock } from '../domain/log-lines';
import { EventBus } from '../event-bus';
import { openStore, type Store } from '../store/store';
import { LogWriter } from './log-writer';

/** A small real tmpfs, so the disk really fills; null (and why) where it cannot be mounted. */
function mountSmallDisk(dir: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'mounting a tmpfs needs root on Linux';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here: ${(err as Error).message.split('\n')[0]}`;
  }
}

/** A running instance to write lines for. */
function running(store: Store, id: bigint): void {
  store.tx(() =>
    store.instances.insert({
      id, run_id: `r${id}`, task_id: null, attempt: 1, trigger: 'ad_hoc', host_id: null, host_snapshot: '{}', command: 'yes', mode: 'tied',
      status: InstanceStatus.Running, timeout_s: 0, log_limit_bytes: 1e9, log_policy: 'truncate', secrets: null, created_by: 'admin',
      created_time: new Date().toISOString(), task_snapshot: null, slot: null,
    }),
  );
}

/** The run's end, stored with its last lines as the runs service stores it. */
const endOf = (writer: LogWriter, store: Store, id: bigint): boolean =>
  writer.closeManyWith([id], () => store.instances.end(id, { status: InstanceStatus.Finished, exit_code: 0, ended_time: new Date().toISOString() }));

const droppedIn = (text: string): number => Number(/^(\d+) lines of output were dropped/.exec(text)?.[1]);

test('a full disk: log lines are held up to a bound, then counted; the console says so, and writing resumes when space returns', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-full-'));
  const why = mountSmallDisk(dir);
  if (why) {
    t.skip(why);
    return;
  }
  let opened: ReturnType<typeof openStore> | undefined;
  try {
    const store = (opened = openStore(path.join(dir, 'taskdeck.db'), { secretKey: () => randomBytes(32) }));
    const filler = path.join(dir, 'filler');
    fs.writeFileSync(filler, Buffer.alloc(512 * 1024));
    const id = 7n;
    running(store, id);
    const logged: string[] = [];
    const writer = new LogWriter(store, new EventBus(systemClock, () => {}), systemClock, (m) => logged.push(m), { flushMs: 60_000, flushBytes: Infinity, flushSliceBytes: Infinity, heldBytes: 64 * 1024, heldTotalBytes: 1024 * 1024 });
    writer.open(id, { ...store.instances.get(id)!, log_lines: 0, log_bytes: 0 }, () => {});
    // Incompressible lines until the disk is full: the store says so, and nothing is thrown.
    const line = (): string => randomBytes(300).toString('base64');
    let written = 0;
    while (store.health.state.writable && written < 10_000) {
      writer.write(id, blockOf('stdout', Array.from({ length: 20 }, line)));
      writer.flush();
      written += 20;
    }
    assert.equal(store.health.state.writable, false, 'the disk filled');
    assert.match(store.health.state.error ?? '', /full/i);
    // Much more output than may be held: memory stays bounded, and the failure is logged once.
    for (let i = 0; i < 200; i++) {
      writer.write(id, blockOf('stdout', Array.from({ length: 20 }, line)));
      writer.flush();
    }
    assert.equal(logged.filter((m) => m.includes('not being stored')).length, 1);
    // The run ends while the disk is full: its end fails, and its held lines are kept for the retry.
    assert.throws(() => endOf(writer, store, id), (err: AppError) => err.code === 'unavailable');
    assert.equal(store.instances.get(id)!.status, InstanceStatus.Running);
    // Space returns: the retried end stores the held lines, one line saying how many were dropped, and the end.
    fs.rmSync(filler);
    assert.equal(endOf(writer, store, id), true);
    assert.equal(store.health.state.writable, true);
    const row = store.instances.get(id)!;
    assert.equal(row.status, InstanceStatus.Finished);
    const last = store.logs.window(id, row.log_lines, 1)[0]!;
    assert.equal(last.stream, 'system');
    assert.ok(droppedIn(last.text) > 3000, last.text);
    assert.ok(row.log_lines >= written - 20, 'every line held while the disk was full is stored');
    writer.dispose();
  } finally {
    opened?.close();
    // Lazily: the checkpointer's connection closes a moment after the store's.
    execFileSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a store that refuses writes (read-only): held lines survive a failed end, all runs together hold at most their bound, and the retried end says what was dropped', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-ro-'));
  const store = openStore(path.join(dir, 'taskdeck.db'), { secretKey: () => randomBytes(32) });
  t.after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const [a, b] = [1n, 2n];
  running(store, a);
  running(store, b);
  const logged: string[] = [];
  const held = { per: 40 * 1024, total: 60 * 1024 };
  const writer = new LogWriter(store, new EventBus(systemClock, () => {}), systemClock, (m) => logged.push(m), { flushMs: 60_000, flushBytes: Infinity, flushSliceBytes: Infinity, heldBytes: held.per, heldTotalBytes: held.total });
  t.after(() => writer.dispose());
  for (const id of [a, b]) writer.open(id, { ...store.instances.get(id)!, log_lines: 0, log_bytes: 0 }, () => {});
  // 100 lines of 99 bytes and a newline: 10,000 bytes a write.
  const hundred = (): LineBlock[] => blockOf('stdout', Array.from({ length: 100 }, () => 'x'.repeat(99)));
  writer.write(a, hundred());
  writer.flush();
  assert.equal(store.instances.get(a)!.log_lines, 100);

  store.db.pragma('query_only = 1'); // every write now fails with SQLITE_READONLY, as on a disk remounted read-only
  for (let i = 0; i < 10; i++) {
    writer.write(a, hundred());
    writer.write(b, hundred());
    writer.flush();
  }
  assert.equal(store.health.state.writable, false);
  assert.equal(logged.filter((m) => m.includes('not being stored')).length, 1);
  assert.throws(() => endOf(writer, store, a), (err: AppError) => err.code === 'unavailable');
  assert.throws(() => endOf(writer, store, a), (err: AppError) => err.code === 'unavailable', 'the end is retried, and fails again while the store refuses writes');

  store.db.pragma('query_only = 0');
  assert.equal(endOf(writer, store, a), true);
  writer.flush(); // b's held lines, and the notice of what it dropped
  writer.flush();
  const count = (id: bigint): { lines: number; dropped: number } => {
    const row = store.instances.get(id)!;
    const notices = store.logs.window(id, 1, row.log_lines).filter((l) => l.stream === 'system');
    assert.equal(notices.length, 1, `one notice for instance ${id}`);
    return { lines: row.log_lines - 1, dropped: droppedIn(notices[0]!.text) };
  };
  const [ca, cb] = [count(a), count(b)];
  // a's notice is its last line, stored with its end: an ended run's log is complete.
  assert.match(store.logs.window(a, ca.lines + 1, 1)[0]!.text, /lines of output were dropped/);
  assert.equal(store.instances.get(a)!.status, InstanceStatus.Finished);
  // Every line written is stored or counted as dropped; what was held stayed within both bounds.
  assert.equal(ca.lines + ca.dropped, 1100);
  assert.equal(cb.lines + cb.dropped, 1000);
  assert.ok(ca.lines - 100 <= held.per / 100, `a held ${ca.lines - 100} lines`);
  assert.ok(ca.lines - 100 + cb.lines <= held.total / 100, `held ${ca.lines - 100 + cb.lines} lines in all`);
  assert.ok(cb.lines > 0);
});
