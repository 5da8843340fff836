import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentPeer } from '../../../testing/silent-peer';
import { SshConnectError, type SshTarget } from './ssh-connect';
import { defaultPoolOptions, SshPool } from './ssh-pool';

const pool = (): SshPool => new SshPool({ ...defaultPoolOptions, connect: { ...defaultPoolOptions.connect, readyTimeoutMs: 300 } });
const target = (address: string) => (): SshTarget => ({ name: 'peer', address, username: 'ops', auth: { kind: 'agent', socket: undefined }, pinnedFingerprint: null });
const failure = (p: Promise<unknown>): Promise<string> => p.then(() => 'leased', (e: unknown) => (e instanceof SshConnectError ? `${e.code}: ${e.message}` : String(e)));

test('a connect that fails at once is the answer for every caller waiting on it; nobody reconnects in a loop', async () => {
  const p = pool();
  const peer = await silentPeer(true);
  try {
    const results = await Promise.all(Array.from({ length: 5 }, () => failure(p.acquire('k', target(peer.address)))));
    assert.deepEqual(new Set(results), new Set(['ssh_connect: peer: cannot connect to ' + peer.address + ': Connection lost before handshake']));
    assert.equal(peer.accepted, 1, 'one connect for the five');
    // An address no socket can be opened to fails before any socket, in one turn: it used to recurse without yielding.
    assert.match(await failure(p.acquire('bad', target('127.0.0.1:22222222'))), /^ssh_connect: peer: 127\.0\.0\.1:22222222 is not a valid address:port/);
    assert.equal(p.size, 0);
  } finally {
    p.dispose();
    await peer.close();
  }
});

test('the caller that opened a connection cancels: the others waiting on it connect again for themselves', async () => {
  const p = pool();
  const peer = await silentPeer();
  try {
    const abort = new AbortController();
    const first = failure(p.acquire('k', target(peer.address), { signal: abort.signal }));
    const second = failure(p.acquire('k', target(peer.address)));
    abort.abort();
    assert.match(await first, /cancelled/);
    assert.match(await second, /no SSH handshake from .* within 300 ms/, 'the second waited for a connection of its own');
    await peer.allClosed();
  } finally {
    p.dispose();
    await peer.close();
  }
});
