import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { InstanceStatus } from '../../../shared/domain/instances';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { silentPeer } from '../../../testing/silent-peer';
import { waitFor } from '../../../testing/wait';

let sshd: SshdFixture;
let h: Harness;
let host: number;
const ended = (i: { status: number }): boolean => i.status !== InstanceStatus.Running;

before(async () => {
  // sshd refuses a channel past its MaxSessions: the pool's cap (with its kept-ready session and control slot) must hold exactly.
  sshd = await startSshd({ maxSessions: 3 });
  h = await startHarness({ pool: { maxSessionsPerHost: 3 }, connectTimeoutMs: 1500 });
  host = await h.trustedHost(sshd, 'db', '127.0.0.1', 31);
});
after(async () => {
  await h.dispose();
  await sshd.dispose();
});

test('log limit, truncate policy: the run finishes, the log stops at the limit with a note', async () => {
  const run = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'seq 1 5000', log_limit_bytes: 2048 });
  const done = await h.waitInstance(run.instances[0]!.id, ended);
  assert.equal(done.status, InstanceStatus.Finished);
  assert.equal(done.log_truncated, true);
  assert.ok(done.log_bytes <= 2048);
  const log = await h.call('instances.log', { id: done.id, from_line: 1, limit: 10_000 });
  assert.match(log.lines.at(-1)!.text, /log limit of 2048 bytes reached: further output is discarded/);
});

test('stdout and stderr: every line once, in order, counted with the instance', async () => {
  const run = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'seq 1 30000; echo oops >&2' });
  const done = await h.waitInstance(run.instances[0]!.id, ended);
  const lines = [];
  for (let from = 1; from <= done.log_lines; from += 10_000) lines.push(...(await h.call('instances.log', { id: done.id, from_line: from, limit: 10_000 })).lines);
  const log = { lines };
  assert.equal(log.lines.length, done.log_lines);
  const out = log.lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
  assert.deepEqual([out.length, out[0], out.at(-1), log.lines.filter((l) => l.stream === 'stderr').map((l) => l.text)], [30000, '1', '30000', ['oops']]);
  assert.deepEqual(log.lines.map((l) => l.n), log.lines.map((_, i) => i + 1));
});

test('log limit, halt policy: the run is stopped as AbnormalEnding', async () => {
  const run = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'yes taskdeck', log_limit_bytes: 4096, log_policy: 'halt' });
  const done = await h.waitInstance(run.instances[0]!.id, ended);
  assert.equal(done.status, InstanceStatus.AbnormalEnding);
  assert.match(done.error ?? '', /log limit/);
});

test('more runs than the per-host session cap queue and all finish', async () => {
  const runs = await Promise.all(Array.from({ length: 8 }, (_, i) => h.call('runs.create', { targets: { host_ids: [host] }, command: `echo run-${i}` })));
  const done = await Promise.all(runs.map((r) => h.waitInstance(r.instances[0]!.id, ended)));
  assert.deepEqual(done.map((d) => [d.status, d.error]), done.map(() => [InstanceStatus.Finished, null]));
  const out = await Promise.all(done.map(async (d) => (await h.call('instances.log', { id: d.id, from_line: 1, limit: 10 })).lines.filter((l) => l.stream === 'stdout').map((l) => l.text)));
  assert.deepEqual(out, runs.map((_, i) => [`run-${i}`]));
});

const systemLines = async (id: string): Promise<string[]> =>
  (await h.call('instances.log', { id, from_line: 1, limit: 100 })).lines.filter((l) => l.stream === 'system').map((l) => l.text);

test('a run after another on the same host goes to the shell the connection started ahead, and runs as a fresh one would', async () => {
  const first = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'true' });
  await h.waitInstance(first.instances[0]!.id, ended);
  assert.equal(h.core.services.pool.spares, 1);
  const run = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'cd /; pwd; echo "$HOME" | grep -c /; exit 4' });
  const done = await h.waitInstance(run.instances[0]!.id, ended);
  assert.deepEqual([done.status, done.exit_code], [InstanceStatus.AbnormalEnding, 4]);
  assert.match((await systemLines(done.id))[0]!, /its shell was started ahead/);
  const out = (await h.call('instances.log', { id: done.id, from_line: 1, limit: 10 })).lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
  assert.deepEqual(out, ['/', '1']);
});

test('output a command leaves behind, from a process of its own session, never lands in the next run: the session it came on is not used again', async () => {
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  execFileSync('mkfifo', [`/tmp/stray-${mark}`]);
  // The stray makes a session of its own (the command waits until it has: then the run is over when its command is) and keeps the run's output.
  const first = await h.call('runs.create', { targets: { host_ids: [host] }, command: `setsid sh -c ': > /tmp/stray-${mark}.up; read x < /tmp/stray-${mark}; echo stray-${mark}' &\nuntil [ -e /tmp/stray-${mark}.up ]; do sleep 0.01; done` });
  assert.equal((await h.waitInstance(first.instances[0]!.id, ended)).status, InstanceStatus.Finished);
  assert.equal(h.core.services.pool.spares, 1);
  // Now the stray writes, while the session waits idle for a command.
  execFileSync('sh', ['-c', `echo go > /tmp/stray-${mark}; rm -f /tmp/stray-${mark} /tmp/stray-${mark}.up`]);
  await waitFor('the stray output to reach the idle session', () => h.core.services.pool.strays === 1);
  const run = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'echo second' });
  const done = await h.waitInstance(run.instances[0]!.id, ended);
  const lines = (await h.call('instances.log', { id: done.id, from_line: 1, limit: 10 })).lines;
  assert.deepEqual(lines.filter((l) => l.stream !== 'system').map((l) => l.text), ['second']);
  assert.doesNotMatch(lines[0]!.text, /started ahead/);
});

test('every run slot busy: a cancel still gets through on the slot kept for control commands', async () => {
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  // Pool cap 3 = sshd's MaxSessions: two runs take the run slots, the third slot is for control.
  const runs = await Promise.all([0, 1].map((i) => h.call('runs.create', { targets: { host_ids: [host] }, command: `sleep 32${i}.${mark}` })));
  const ids = runs.map((r) => r.instances[0]!.id);
  await Promise.all(ids.map((id) => h.waitInstance(id, (i) => i.started_time !== null)));
  await h.call('instances.cancel', { id: ids[0]! });
  const done = await h.waitInstance(ids[0]!, ended);
  assert.equal(done.status, InstanceStatus.ManualCancellation);
  assert.ok((await systemLines(done.id)).some((l) => /none of its processes is left/.test(l)));
  await h.call('instances.cancel', { id: ids[1]! });
  assert.equal((await h.waitInstance(ids[1]!, ended)).status, InstanceStatus.ManualCancellation);
});

test('a session kept ready gives way when a run needs its slot (sshd would refuse a fourth channel)', async () => {
  const warm = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'true' });
  await h.waitInstance(warm.instances[0]!.id, ended);
  assert.equal(h.core.services.pool.spares, 1);
  // Detached runs take no kept-ready session; two of them hold both run slots while they are followed.
  const mark = String(randomBytes(3).readUIntBE(0, 3));
  const runs = await Promise.all([0, 1].map((i) => h.call('runs.create', { targets: { host_ids: [host] }, mode: 'detached', command: `echo up; sleep 33${i}.${mark}` })));
  const ids = runs.map((r) => r.instances[0]!.id);
  await Promise.all(ids.map((id) => h.waitInstance(id, (i) => i.log_lines >= 2)));
  assert.equal(h.core.services.pool.spares, 0);
  for (const id of ids) await h.call('instances.cancel', { id });
  const done = await Promise.all(ids.map((id) => h.waitInstance(id, ended)));
  assert.deepEqual(done.map((d) => d.status), done.map(() => InstanceStatus.ManualCancellation));
  for (const d of done) assert.ok((await systemLines(d.id)).some((l) => /none of its processes is left/.test(l)), d.error ?? '');
});

test('a host that accepts TCP but never speaks SSH ends with a handshake timeout', async () => {
  const silent = await silentPeer();
  try {
    const id = (await h.call('hosts.create', { name: 'silent', host: silent.address, username: 'x', machine_id: 32, auth: { kind: 'agent' } })).id;
    const run = await h.call('runs.create', { targets: { host_ids: [id] }, command: 'true' });
    const done = await h.waitInstance(run.instances[0]!.id, ended);
    assert.equal(done.status, InstanceStatus.AbnormalEnding);
    assert.match(done.error ?? '', /no SSH handshake .* within 1500 ms/);
  } finally {
    await silent.close();
  }
});

test('a changed host key stops the run before authentication', async () => {
  await sshd.rotateHostKey();
  // Connections made before the change were verified then; a reinstalled host would have dropped them.
  h.core.services.pool.evict(`${host}:`);
  const run = await h.call('runs.create', { targets: { host_ids: [host] }, command: 'echo should-not-run' });
  const done = await h.waitInstance(run.instances[0]!.id, ended);
  assert.equal(done.status, InstanceStatus.AbnormalEnding);
  assert.match(done.error ?? '', /host key for db changed/);
});
