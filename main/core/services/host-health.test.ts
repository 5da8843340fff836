import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getFreePort } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { HostHealth } from './host-health';

/** The probe's own store refuses writes (as on a full disk or an I/O error): a real store, the real probe. */
let h: Harness;
let hostId: number;

before(async () => {
  h = await startHarness({ connectTimeoutMs: 500 });
  const host = await h.call('hosts.create', { name: 'unreachable', host: `127.0.0.1:${await getFreePort()}`, username: 'ops', machine_id: 7, auth: { kind: 'agent' } });
  hostId = host.id;
});
after(() => h.dispose());

const store = () => h.core.services.store;

test('a probe whose findings cannot be written logs it, keeps its timer going, and records once the store takes writes', async () => {
  const lines: string[] = [];
  let heard: (() => void) | undefined;
  const health = new HostHealth(store(), h.core.services.hosts, { intervalMs: 20, timeoutMs: 500, concurrency: 4 }, (m) => {
    lines.push(m);
    heard?.();
  });
  const rejections: unknown[] = [];
  const onRejection = (err: unknown): void => void rejections.push(err);
  process.on('unhandledRejection', onRejection);
  store().db.pragma('query_only = 1');
  try {
    // The probe's timer is unref'd: the deadline keeps the test's loop alive while it waits.
    let deadline: NodeJS.Timeout | undefined;
    const twoRounds = new Promise<void>((resolve, reject) => {
      heard = () => lines.length >= 2 && resolve();
      deadline = setTimeout(() => reject(new Error(`two rounds not logged in 10 s: ${JSON.stringify(lines)}`)), 10_000);
    });
    health.start();
    await twoRounds.finally(() => clearTimeout(deadline));
  } finally {
    await health.dispose();
    store().db.pragma('query_only = 0');
    process.off('unhandledRejection', onRejection);
  }
  assert.deepEqual(rejections, [], 'nothing escaped the timer');
  assert.match(lines[0]!, /could not record the probe of 1 of 1 hosts; will try again next round: unreachable \(.*readonly/);
  assert.equal((await h.call('hosts.get', { id: hostId })).status, 'Enabled', 'nothing was written while the store refused');

  await h.core.services.health.probeAll();
  const host = await h.call('hosts.get', { id: hostId });
  assert.equal(host.status, 'Abnormal');
  assert.match(host.status_reason ?? '', /connection refused/);
});

test("the probe stops at the host key, so it never needs the host's own key: a missing key file does not hide that the host is down", async () => {
  const host = await h.call('hosts.create', {
    name: 'key-file-gone', host: `127.0.0.1:${await getFreePort()}`, username: 'ops', machine_id: 8, auth: { kind: 'key', private_key_path: `${h.dir}/no-such-key` },
  });
  await h.core.services.health.probeAll();
  const after = await h.call('hosts.get', { id: host.id });
  assert.equal(after.status, 'Abnormal');
  assert.match(after.status_reason ?? '', /connection refused/);
});
