import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { systemClock } from '../clock';
import { blockOf } from '../domain/log-lines';
import { EventBus } from '../event-bus';
import { openStore } from '../store/store';
import { LogWriter } from './log-writer';

/** A small real tmpfs, so the disk really fills; null (and why) where it cannot be mounted. */
function mountSmallDisk(dir: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'mounting a tmpfs needs root on Linux';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here: ${(err as Error).message.split('\n')[0]}`;
  }
}

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
    store.tx(() =>
      store.instances.insert({
        id, run_id: 'r', task_id: null, attempt: 1, trigger: 'ad_hoc', host_id: null, host_snapshot: '{}', command: 'yes', mode: 'tied',
        status: InstanceStatus.Running, timeout_s: 0, log_limit_bytes: 1e9, log_policy: 'truncate', secrets: null, created_by: 'admin',
        created_time: new Date().toISOString(), task_snapshot: null, slot: null,
      }),
    );
    const logged: string[] = [];
    const writer = new LogWriter(store, new EventBus(systemClock, () => {}), systemClock, (m) => logged.push(m), { flushMs: 60_000, flushBytes: Infinity, flushSliceBytes: Infinity, heldBytes: 64 * 1024 });
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
    // Space returns: the held lines, then one line saying how many were dropped, are stored.
    fs.rmSync(filler);
    writer.flush(); // the held lines
    writer.flush(); // the line saying how many were dropped
    assert.equal(store.health.state.writable, true);
    const total = store.instances.get(id)!.log_lines;
    const notice = store.logs.window(id, Math.max(1, total - 5), 10).filter((l) => l.stream === 'system');
    assert.equal(notice.length, 1);
    const dropped = Number(/^(\d+) lines of output were dropped/.exec(notice[0]!.text)?.[1]);
    assert.ok(dropped > 3000, notice[0]!.text);
    assert.ok(total >= written - 20, 'every line held while the disk was full is stored');
    writer.dispose();
  } finally {
    opened?.close();
    // Lazily: the checkpointer's connection closes a moment after the store's.
    execFileSync('umount', ['-l', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
