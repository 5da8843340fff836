import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installDesktopBridge } from '../api/desktop-bridge-double';
import { hostsStore } from '../stores/hosts-store';
import { instancesStore } from '../stores/instances-store';
import { liveStore } from '../stores/live-store';
import { usersStore } from '../stores/users-store';
import { linkHandler, reloadShown } from './live-sync';

test('a drop marks the console stale once per outage; the return reloads what is shown and counts', () => {
  liveStore.getState().setState('connecting');
  let reloads = 0;
  let probes = 0;
  let now = 1_000;
  const onLink = linkHandler({ reload: () => reloads++, probe: () => probes++, now: () => now });

  onLink(true);
  assert.deepEqual([liveStore.getState().state, reloads, liveStore.getState().returns], ['live', 0, 0], 'the first connect has nothing to catch up on');

  onLink(false);
  assert.deepEqual([liveStore.getState().state, liveStore.getState().downSince, probes], ['reconnecting', 1_000, 1]);
  now = 5_000;
  onLink(false);
  assert.deepEqual([liveStore.getState().downSince, probes], [1_000, 1], 'a failed retry keeps the time of the first drop and does not probe again');

  onLink(true);
  assert.deepEqual([liveStore.getState().state, liveStore.getState().downSince, reloads, liveStore.getState().returns], ['live', null, 1, 1]);

  // The desktop bridge reports missed events as a connect while live: that reloads too.
  onLink(true);
  assert.deepEqual([reloads, liveStore.getState().returns], [2, 2]);
  liveStore.getState().setState('off');
  assert.equal(liveStore.getState().downSince, null);
});

test('a first connect after the stream could not open at all reloads too: pages may have failed meanwhile', () => {
  liveStore.getState().setState('connecting');
  let reloads = 0;
  const onLink = linkHandler({ reload: () => reloads++, probe: () => {}, now: () => 7 });
  onLink(false);
  assert.deepEqual([liveStore.getState().state, liveStore.getState().downSince], ['reconnecting', 7]);
  onLink(true);
  assert.deepEqual([liveStore.getState().state, reloads], ['live', 1]);
  liveStore.getState().setState('off');
});

// The stores against a stand-in for the core's transport (the desktop bridge) that is down until told otherwise.
const asked: string[] = [];
let up = false;
installDesktopBridge((op) => {
  asked.push(op);
  if (!up) return Promise.resolve({ ok: false, status: 503, body: { error: { code: 'unavailable', message: 'Taskdeck is not answering' } } });
  if (op === 'hosts.list') return Promise.resolve({ ok: true, data: [{ id: 1, name: 'db-1' }] });
  if (op === 'instances.list') return Promise.resolve({ ok: true, data: { items: [], total: 0 } });
  return Promise.resolve({ ok: true, data: [] });
});

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(ok(), `never: ${what}`);
}

test('a list that failed while the service was down reloads by itself when it returns; one never opened stays unasked', async () => {
  hostsStore.getState().reset();
  instancesStore.getState().reset();
  usersStore.getState().reset();
  up = false;
  await hostsStore.getState().load();
  await instancesStore.getState().loadList({ page: 1, per_page: 50 });
  assert.equal(hostsStore.getState().error, 'Taskdeck is not answering');
  assert.equal(hostsStore.getState().loaded, false);
  assert.equal(instancesStore.getState().list.error, 'Taskdeck is not answering');

  up = true;
  asked.length = 0;
  reloadShown();
  await until(() => hostsStore.getState().loaded && instancesStore.getState().list.loaded, 'the failed lists reload');
  assert.deepEqual(hostsStore.getState().hosts.map((h) => h.name), ['db-1']);
  assert.equal(hostsStore.getState().error, null, '"could not load" goes away');
  assert.equal(instancesStore.getState().list.error, null);
  assert.ok(!asked.includes('users.list'), `a list nobody opened is not fetched: ${asked.join(', ')}`);
});
