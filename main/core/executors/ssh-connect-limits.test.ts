import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';

/**
 * Out of file descriptors (a viewer's loop of tests once ended the console with EMFILE): connects
 * in a child with a low `ulimit -n` must each end as a typed error, and the child must live.
 */
test('connects past the file-descriptor limit are ssh_connect errors naming EMFILE, not a crash', async () => {
  const peer = net.createServer((s) => {
    s.on('error', () => {});
    s.resume();
  });
  peer.listen(0, '127.0.0.1');
  await once(peer, 'listening');
  const { port } = peer.address() as net.AddressInfo;
  const child = `
    const { connectSsh } = await import(${JSON.stringify(path.join(import.meta.dirname, 'ssh-connect.ts'))});
    const ssh2 = (await import('ssh2')).default;
    const target = { name: 'many', address: '127.0.0.1:${port}', username: 'ops', auth: { kind: 'key', privateKey: ssh2.utils.generateKeyPairSync('ed25519').private }, pinnedFingerprint: null };
    const results = await Promise.all(Array.from({ length: 200 }, () => connectSsh(target, { readyTimeoutMs: 300 }).then(() => 'ready', (e) => e.code + ': ' + e.message)));
    console.log(JSON.stringify(results));`;
  try {
    const p = spawn('sh', ['-c', 'ulimit -n 60 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, child], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const [code] = (await once(p, 'exit')) as [number | null];
    assert.equal(code, 0, `the child ended: ${err.slice(0, 1000)}`);
    const results = JSON.parse(out) as string[];
    assert.equal(results.length, 200);
    assert.ok(results.every((r) => r.startsWith('ssh_connect: ')), results.find((r) => !r.startsWith('ssh_connect: ')));
    assert.ok(results.some((r) => /too many open files \(EMFILE\)/.test(r)), 'the limit was reached, and said so');
  } finally {
    await new Promise((r) => peer.close(r));
  }
});
