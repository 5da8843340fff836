/**
 * Issue 15: the audit CSV export over a large audit table while clients stop reading. Each export must be read a
 * page at a time at its reader's pace: a stalled client holds one page and the socket's buffers, not the table.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createCore } from '../main/core/create-core';
import { ADMIN, freshDataDir, startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';

const ENTRIES = Number(process.env.HOSTILE_AUDIT_ENTRIES ?? 40_000);
const STALLED = Number(process.env.HOSTILE_AUDIT_STALLED ?? 3);
/**
 * Growth the server may show while it serves the ~80 MB export to one reader and three stalled clients. Measured: a
 * reader alone ~100 MB (garbage not yet collected), with three stalled ~140 MB; writing without waiting for the
 * socket to drain, 1,050 MB.
 */
const RSS_BOUND_MB = Number(process.env.HOSTILE_AUDIT_RSS_BOUND_MB ?? 400);

interface Export { res: http.IncomingMessage; req: http.ClientRequest; ended: Promise<void> }

function openExport(url: string, token: string, stall: boolean): Promise<Export> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/audit.csv', agent: false, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`audit.csv: HTTP ${res.statusCode}`));
      const ended = new Promise<void>((r) => {
        res.once('end', r);
        res.once('close', r);
        res.once('error', () => r());
      });
      if (stall) res.pause();
      resolve({ res, req, ended });
    });
    req.on('error', reject);
  });
}

describe('hostile: clients that stop reading the audit CSV export', () => {
  let server: ServerProcess;
  let token: string;
  const stats = new Stats('audit-export-stall');

  before(async () => {
    // The table is written straight through a core on the same folder: the API would take minutes for as many entries.
    const dataDir = freshDataDir();
    const core = await createCore({ dataDir, healthIntervalMs: 0, log: () => {}, initialAdmin: ADMIN });
    const { store, audit } = core.services;
    const filler = 'x'.repeat(1800);
    for (let done = 0; done < ENTRIES; done += 5000) {
      store.tx(() => {
        for (let i = done; i < Math.min(ENTRIES, done + 5000); i++) audit.record('dora', 'task.updated', 'task', i, { name: `t-${i}`, changes: [{ field: 'command', before: filler, after: `"${i}"` }] });
      });
    }
    await core.dispose();
    server = await startServer({ dataDir, ownsDataDir: true });
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    token = ((await login.json()) as { token: string }).token;
  });
  after(async () => {
    stats.flush();
    await server.dispose();
  });

  test(`${STALLED} stalled exports of ${ENTRIES} entries while another reads to the end: memory bounded, the reader gets every row`, async () => {
    const baseline = server.rssMb();
    const stalled = await Promise.all(Array.from({ length: STALLED }, () => openExport(server.url, token, true)));
    const reader = await openExport(server.url, token, false);
    let maxRss = baseline;
    let bytes = 0;
    let rows = 0;
    let sampledAt = 0;
    reader.res.on('data', (c: Buffer) => {
      bytes += c.length;
      for (let i = c.indexOf(0x0a); i !== -1; i = c.indexOf(0x0a, i + 1)) rows++;
      if (bytes - sampledAt > 4 * 1024 * 1024) {
        sampledAt = bytes;
        maxRss = Math.max(maxRss, server.rssMb());
      }
    });
    await reader.ended;
    maxRss = Math.max(maxRss, server.rssMb());
    stats.rss(maxRss);
    stats.add('auditExportGrowthMb', maxRss - baseline);
    if (process.env.HOSTILE_VERBOSE) console.log({ baseline, maxRss, bytes, rows });
    assert.ok(server.alive(), `the server died:\n${server.output().slice(-3000)}`);
    // Rows end in CRLF; a details cell holds no line break, so lines are rows: the header and every entry (and the admin's).
    assert.ok(rows >= ENTRIES + 1, `the reader got ${rows} lines of ${ENTRIES + 1}`);
    assert.ok(bytes > ENTRIES * 1800, `the export is ${bytes} bytes`);
    assert.ok(maxRss - baseline <= RSS_BOUND_MB, `RSS grew ${maxRss - baseline} MB (${baseline} -> ${maxRss}) with ${STALLED} stalled exports`);

    for (const s of stalled) s.req.destroy();
    await Promise.all(stalled.map((s) => s.ended));
    const health = await fetch(`${server.url}/api/v1/health`);
    assert.equal(health.status, 200, 'the console answers after the stalled readers left');
    assert.ok(await server.settled(), 'alive once the abandoned exports have run their course');
  });
});
