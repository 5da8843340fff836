import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** Processes on this machine whose command line contains `mark` (the sshd is local, so this is "on the host"). */
function leftovers(mark: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', mark], { encoding: 'utf8' }).trim().split('\n').filter((l) => l && !l.includes('pgrep'));
  } catch {
    return [];
  }
}

const log0 = (w: { lines: { text: string }[] }): string => w.lines.map((l) => l.text).join('\n');

describe('runs over a real sshd', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let hostA: number;
  let hostB: number;

  before(async () => {
    sshd = await startSshd({ addresses: ['127.0.0.1', '127.0.0.2'] });
    h = await startHarness();
    hostA = await h.trustedHost(sshd, 'a', '127.0.0.1', 11);
    hostB = await h.trustedHost(sshd, 'b', '127.0.0.2', 12);
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
  });

  const ended = (i: { status: number }): boolean => i.status !== InstanceStatus.Running;

  test('exit codes and both streams, one instance per host, snowflake ids carry the machine id', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [hostA, hostB] }, command: 'echo "out $((1+1))"; echo "err" >&2; exit 3' });
    assert.equal(run.instances.length, 2);
    for (const i of run.instances) {
      const machine = Number((BigInt(i.id) >> 12n) & 0x3ffn);
      assert.equal(machine, i.host_id === hostA ? 11 : 12);
      const done = await h.waitInstance(i.id, ended);
      assert.equal(done.status, InstanceStatus.AbnormalEnding);
      assert.equal(done.exit_code, 3);
      const log = await h.call('instances.log', { id: i.id, from_line: 1, limit: 100 });
      const user = log.lines.filter((l) => l.stream !== 'system');
      assert.deepEqual(user.map((l) => [l.stream, l.text]).sort(), [['stderr', 'err'], ['stdout', 'out 2']]);
      assert.ok(!log.lines.some((l) => l.text.includes('@@taskdeck')), 'markers never reach the log');
    }
  });

  test('cancel ends a tree that ignores TERM and leaves no process behind', async () => {
    // A unique fraction makes the sleepers findable with pgrep; both ignore TERM.
    const mark = String(randomBytes(3).readUIntBE(0, 3));
    const cmd = `trap '' TERM; sh -c "trap '' TERM; sleep 300.${mark}" & sleep 301.${mark}\nwait`;
    const run = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: cmd });
    const id = run.instances[0]!.id;
    await h.waitInstance(id, (i) => i.started_time !== null);
    // wait until both sleepers exist on the host
    while (leftovers(`^sleep 30[01].${mark}`).length < 2) await new Promise((r) => setImmediate(r));
    const cancelled = await h.call('instances.cancel', { id });
    const done = await h.waitInstance(id, ended);
    assert.equal(done.status, InstanceStatus.ManualCancellation);
    assert.deepEqual(leftovers(mark), []);
    assert.ok(!log0(await h.call('instances.log', { id, from_line: 1, limit: 100 })).includes('Killed'), 'no shell job noise in the log');
    const log = await h.call('instances.log', { id, from_line: 1, limit: 100 });
    assert.ok(log.lines.some((l) => l.stream === 'system' && /none of its processes is left/.test(l.text)), JSON.stringify(log.lines));
    assert.equal(cancelled.id, id);
    // Who cancelled it is on the instance and in its log, not "a user".
    assert.equal(done.error, 'cancelled by admin');
    assert.ok(log.lines.some((l) => l.stream === 'system' && l.text.startsWith('cancelled by admin: ending the remote process group')), JSON.stringify(log.lines));
    const runs = await h.call('runs.list', { per_page: 5 });
    const row = runs.items.find((r) => r.run_id === run.run_id)!;
    assert.equal(row.status_name, 'ManualCancellation');
    assert.deepEqual(row.hosts, { total: 1, ok: 0, failed: 1, running: 0 });
    assert.equal(row.single_instance_id, id);
  });

  test('timeout ends the whole group as TimeoutEnding', async () => {
    const mark = String(randomBytes(3).readUIntBE(0, 3));
    const run = await h.call('runs.create', { targets: { host_ids: [hostB] }, command: `trap '' TERM; sleep 300.${mark} & sleep 301.${mark}; wait`, timeout: 1 });
    const done = await h.waitInstance(run.instances[0]!.id, ended);
    assert.equal(done.status, InstanceStatus.TimeoutEnding);
    assert.deepEqual(leftovers(mark), []);
  });

  test('200,000 lines: any window returns exactly; search finds lines', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: 'seq 1 200000' });
    const id = run.instances[0]!.id;
    const done = await h.waitInstance(id, ended);
    assert.equal(done.status, InstanceStatus.Finished);
    const total = done.log_lines;
    const first = (await h.call('instances.log', { id, from_line: 1, limit: 10 })).lines;
    const offset = first.findIndex((l) => l.text === '1');
    assert.ok(offset >= 0);
    for (const start of [1, 511, 512, 513, 99_999, 199_990]) {
      const w = await h.call('instances.log', { id, from_line: start + offset, limit: 10 });
      assert.deepEqual(w.lines.map((l) => l.text), Array.from({ length: Math.min(10, 200000 - start + 1) }, (_, k) => String(start + k)));
      assert.deepEqual(w.lines.map((l) => l.n), w.lines.map((_, k) => start + offset + k));
    }
    assert.equal(total, 200000 + offset + (total - 200000 - offset));
    const found = await h.call('instances.log', { id, from_line: 1, limit: 1, q: '199999' });
    assert.deepEqual(found.matches, [199999 + offset]);
  });

  test('two hosts streaming at once (stored a slice at a time, in turns): every line of each, once, in order', async () => {
    const n = 300_000; // ~2 MB each: several size-started flushes, each taking part of what is pending
    const run = await h.call('runs.create', { targets: { host_ids: [hostA, hostB] }, command: `seq 1 ${n}` });
    for (const i of run.instances) {
      const done = await h.waitInstance(i.id, ended);
      assert.equal(done.status, InstanceStatus.Finished);
      const out: string[] = [];
      for (let from = 1; from <= done.log_lines; from += 10_000) {
        for (const l of (await h.call('instances.log', { id: i.id, from_line: from, limit: 10_000 })).lines) if (l.stream === 'stdout') out.push(l.text);
      }
      assert.equal(out.length, n);
      assert.ok(out.every((t, k) => t === String(k + 1)), 'stdout lines in order, none lost or doubled');
    }
  });

  test('binary and invalid UTF-8 output never breaks anything; secrets are masked', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: "head -c 3000 /dev/urandom; printf '\\n'; echo 'pw=hunter2-secret ok'", secrets: ['hunter2-secret'] });
    const done = await h.waitInstance(run.instances[0]!.id, ended);
    assert.equal(done.status, InstanceStatus.Finished);
    const log = await h.call('instances.log', { id: done.id, from_line: 1, limit: 10_000 });
    assert.ok(log.lines.some((l) => l.text === 'pw=**** ok'));
    assert.ok(!JSON.stringify(log).includes('hunter2'));
  });

  test('unreachable host: the instance ends with a connect error', async () => {
    const id = (await h.call('hosts.create', { name: 'gone', host: '127.0.0.3:1', username: 'x', machine_id: 13, auth: { kind: 'agent' } })).id;
    const run = await h.call('runs.create', { targets: { host_ids: [id] }, command: 'true' });
    const done = await h.waitInstance(run.instances[0]!.id, ended);
    assert.equal(done.status, InstanceStatus.AbnormalEnding);
    assert.match(done.error ?? '', /connection refused|not trusted/);
  });

  test('our connection drops during a tied run: the watcher on the host ends the whole session, TERM-ignoring children too', async () => {
    const mark = String(randomBytes(3).readUIntBE(0, 3));
    const run = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: `trap '' TERM; sh -c "trap '' TERM; sleep 302.${mark}" & sleep 303.${mark}\nwait` });
    const id = run.instances[0]!.id;
    while (leftovers(`^sleep 30[23].${mark}`).length < 2) await new Promise((r) => setTimeout(r, 20));
    h.core.services.pool.evict(`${hostA}:`); // as when the laptop sleeps or the network goes
    const done = await h.waitInstance(id, ended);
    assert.equal(done.status, InstanceStatus.AbnormalEnding);
    // TERM is ignored, so the watcher's KILL after the grace period is what ends them.
    const deadline = Date.now() + 15_000;
    while (leftovers(mark).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(leftovers(mark), []);
  });

  test('the connection drops as the run starts (its wrapper is up, its command not yet): the command never goes on alone', async () => {
    const mark = String(randomBytes(3).readUIntBE(0, 3));
    const run = await h.call('runs.create', { targets: { host_ids: [hostA] }, command: `trap '' TERM; sleep 304.${mark}` });
    // The login shell holds the script text (with the mark) before the command itself runs.
    while (leftovers(mark).length === 0) await new Promise((r) => setImmediate(r));
    h.core.services.pool.evict(`${hostA}:`);
    await h.waitInstance(run.instances[0]!.id, ended);
    const deadline = Date.now() + 15_000;
    while (leftovers(mark).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(leftovers(mark), []);
  });

  test('sshd killed mid-run: a tied instance ends with a clear error instead of hanging', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [hostB] }, command: 'echo started; sleep 120' });
    const id = run.instances[0]!.id;
    await h.waitInstance(id, (i) => i.log_lines >= 2);
    await sshd.kill();
    const done = await h.waitInstance(id, ended);
    assert.equal(done.status, InstanceStatus.AbnormalEnding);
    assert.match(done.error ?? '', /connection|closed/);
    await sshd.start();
  });

  test('a detached run survives a restart of Taskdeck and finishes with its whole log', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [hostA] }, mode: 'detached', command: 'for i in 1 2 3; do echo "line $i"; done; sleep 2; for i in 4 5 6; do echo "line $i"; done' });
    const id = run.instances[0]!.id;
    await h.waitInstance(id, (i) => i.log_lines >= 4);
    h = await h.restart();
    const done = await h.waitInstance(id, ended);
    assert.equal(done.status, InstanceStatus.Finished, done.error ?? '');
    const log = await h.call('instances.log', { id, from_line: 1, limit: 100 });
    assert.deepEqual(log.lines.filter((l) => l.stream === 'stdout').map((l) => l.text), ['line 1', 'line 2', 'line 3', 'line 4', 'line 5', 'line 6']);
  });
});
