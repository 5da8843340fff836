/**
 * Issue 11, item 3: five SSE clients that never read while a run prints 16 KB lines took the
 * server from 114 to 3,409 MB in 40 s. A slow client must be dropped (its response ended) and the
 * server's memory must stay bounded; a client that reads keeps its stream.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startSshd, type SshdFixture } from '../e2e/fixtures/sshd';
import { startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, waitFor, type World } from './world';

const STALLED = Number(process.env.HOSTILE_SSE_STALLED ?? 5);
/** Growth over the baseline the server may show while it drops stalled clients. */
const RSS_BOUND_MB = Number(process.env.HOSTILE_SSE_RSS_BOUND_MB ?? 300);
/** Past this the test cancels the run at once, so a broken server cannot take the machine down with it. */
const RSS_ABORT_MB = RSS_BOUND_MB * 2;

interface Stream { res: http.IncomingMessage; req: http.ClientRequest; ended: Promise<void> }

/** An SSE client; `stall` pauses it at once, so the kernel buffers fill and the server's writes back up. */
function openStream(url: string, token: string, stall: boolean): Promise<Stream> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/events', agent: false, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events: HTTP ${res.statusCode}`));
      const ended = new Promise<void>((r) => {
        res.once('end', r);
        res.once('close', r);
        res.once('error', () => r());
      });
      if (stall) res.pause();
      else res.resume();
      resolve({ res, req, ended });
    });
    req.on('error', reject);
  });
}

describe('hostile: clients that stop reading the event stream', () => {
  let server: ServerProcess;
  let sshd: SshdFixture;
  let world: World;
  const stats = new Stats('sse-stall');

  before(async () => {
    sshd = await startSshd();
    server = await startServer();
    world = await buildWorld(server.url, { sshd });
  });
  after(async () => {
    stats.flush();
    await server.dispose();
    await sshd.dispose();
  });

  test(`${STALLED} stalled SSE clients while a run prints 16 KB lines: dropped, memory bounded, a reading client kept`, async () => {
    const token = world.api.token('viewer')!;
    const stalled = await Promise.all(Array.from({ length: STALLED }, () => openStream(server.url, token, true)));
    const reader = await openStream(server.url, token, false);
    let readerBytes = 0;
    reader.res.on('data', (c: Buffer) => (readerBytes += c.length));
    const baseline = server.rssMb();
    const command = 'L=$(head -c 16380 /dev/zero | tr "\\0" A); i=0; while [ $i -lt 30000 ]; do echo "$L"; i=$((i+1)); done';
    const run = await world.api.call<{ instances: { id: string }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [world.hosts.ssh] }, command });
    const id = run.instances[0]!.id;
    let maxRss = baseline;
    let aborted = false;
    await waitFor('the 16 KB-line run to end', async () => {
      maxRss = Math.max(maxRss, server.alive() ? server.rssMb() : 0);
      if (!server.alive()) return true;
      if (maxRss - baseline > RSS_ABORT_MB && !aborted) {
        aborted = true;
        await world.api.send('admin', 'POST', `/instances/${id}/cancel`, {});
      }
      const i = await world.api.call<{ status: number }>('admin', 'GET', `/instances/${id}`);
      return i.status === 1 ? undefined : true;
    }, 180_000);
    stats.rss(maxRss);
    stats.add('sseGrowthMb', maxRss - baseline);
    assert.ok(server.alive(), `the server died:\n${server.output().slice(-3000)}`);
    assert.ok(maxRss - baseline <= RSS_BOUND_MB, `RSS grew ${maxRss - baseline} MB (${baseline} -> ${maxRss}) with ${STALLED} stalled clients${aborted ? '; the run was cancelled to save the machine' : ''}`);

    // A dropped client's response has ended: reading it now drains what the kernel held and reaches the end.
    for (const s of stalled) s.res.resume();
    await Promise.race([
      Promise.all(stalled.map((s) => s.ended)),
      waitFor('stalled clients to be dropped', async () => undefined, 30_000),
    ]).catch(() => assert.fail('a stalled client was never dropped: its stream is still open'));
    assert.ok(readerBytes > 0, 'the client that reads kept receiving events');
    reader.req.destroy();
    const afterRss = server.rssMb();
    assert.ok(afterRss - baseline <= RSS_BOUND_MB, `memory not returned after the stalled clients left: ${baseline} -> ${afterRss} MB`);
  });
});
