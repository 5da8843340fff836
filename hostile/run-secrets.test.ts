/**
 * Issue 11, items 4 and 5: a run secret leaked where a 16,380-character line was split, and run
 * secrets sat in plain text in instances.secrets (database, WAL, backups), files mode 0644.
 * Every split is tried: the line limit, the SSH channel's chunks, separate writes, both streams.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSshd, type SshdFixture } from '../e2e/fixtures/sshd';
import { rawRequest } from './api-client';
import { startServer, type ServerProcess } from './server-process';
import { Stats } from './stats';
import { buildWorld, waitFor, waitForInstanceEnd, type World } from './world';

const SECRET = 'RunSecret-AAAA-1111';
const A = (n: number): string => `head -c ${n} /dev/zero | tr "\\0" A`;

/** Commands that put the secret across every split we know of. */
const SPLITS: Record<string, string> = {
  'the line limit (16,380 As, then the secret)': `${A(16380)}; echo ${SECRET}`,
  'just before and after the line limit': `for n in 16370 16375 16377 16379 16381 16383 16384 16385 16390; do ${A('$n' as never)}; echo ${SECRET}; done`,
  'SSH channel chunks (32 KB and 64 KB)': `for n in 32760 32765 32768 65530 65535 65536; do ${A('$n' as never)}; echo ${SECRET}; done`,
  'stderr': `${A(16380)} >&2; echo ${SECRET} >&2`,
  'a line far past every limit': `${A(300000)}; echo ${SECRET}`,
};

interface LogWindow { lines: { text: string }[]; total_lines: number }

describe('hostile: run secrets are masked at every split and never stored in plain text', () => {
  let server: ServerProcess;
  let sshd: SshdFixture;
  let world: World;
  let sse = '';
  let stopSse: () => void = () => undefined;
  const stats = new Stats('run-secrets');

  before(async () => {
    sshd = await startSshd();
    server = await startServer();
    world = await buildWorld(server.url, { sshd });
    // The live stream is a place a secret can leak too: read it for the whole file.
    const ctl = new AbortController();
    stopSse = () => ctl.abort();
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { authorization: `Bearer ${world.api.token('viewer')}` }, signal: ctl.signal });
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        sse += value;
      }
    })().catch(() => undefined);
  });
  after(async () => {
    stopSse();
    stats.flush();
    await server.dispose();
    await sshd.dispose();
  });

  /** Everything stored for an instance, as lines and as one text with the line breaks taken out. */
  async function storedLog(id: string): Promise<{ lines: string[]; joined: string; download: string }> {
    const lines: string[] = [];
    for (let from = 1; ; from += 1000) {
      const w = await world.api.call<LogWindow>('admin', 'GET', `/instances/${id}/log?from_line=${from}&limit=1000`);
      lines.push(...w.lines.map((l) => l.text));
      if (w.lines.length === 0 || from + 1000 > w.total_lines) break;
    }
    const dl = await rawRequest(server.url, { method: 'GET', path: `/api/v1/instances/${id}/log.txt`, headers: { authorization: `Bearer ${world.api.token('admin')}` } });
    return { lines, joined: lines.join(''), download: dl.text };
  }

  const start = async (command: string): Promise<string> =>
    (await world.api.call<{ instances: { id: string }[] }>('admin', 'POST', '/runs', { targets: { host_ids: [world.hosts.ssh] }, command, secrets: [SECRET] })).instances[0]!.id;

  /** The run finished, and no stored line, pair of lines, or downloaded byte holds the secret. */
  async function assertMasked(id: string): Promise<string[]> {
    const end = await waitForInstanceEnd(world.api, 'admin', id);
    assert.equal(end.status, 2, `the run finished: ${JSON.stringify(end)}`);
    const log = await storedLog(id);
    assert.ok(log.lines.length > 0);
    for (const l of log.lines) assert.ok(!l.includes(SECRET), 'a stored line holds the secret');
    assert.ok(!log.joined.includes(SECRET), 'the secret is stored split over consecutive lines (…RunS + ecret-…)');
    assert.ok(!log.download.replace(/\n(# taskdeck: )?/g, '').includes(SECRET), 'the downloaded log holds the secret across a line break');
    return log.lines;
  }

  for (const [where, command] of Object.entries(SPLITS)) {
    test(`masked across ${where}`, async () => {
      await assertMasked(await start(command));
    });
  }

  test('masked across two separate writes: the second is written only once the console read the first', async (t) => {
    // The first half goes out in one write with a whole line before it; the command writes the
    // second half only once the test saw that line stored (so Taskdeck had read the first half) and made the file.
    const flag = path.join(os.tmpdir(), `taskdeck-split-${process.pid}-${Date.now()}`);
    t.after(() => fs.rmSync(flag, { force: true }));
    const half = SECRET.length >> 1;
    const id = await start(
      `printf 'first half sent\\n%s' '${SECRET.slice(0, half)}'; i=0; while [ ! -e '${flag}' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; ` +
        `[ -e '${flag}' ] || echo 'the flag never came'; printf '%s\\n' '${SECRET.slice(half)}'`,
    );
    await waitFor('the line written with the first half to be stored', async () => {
      const w = await world.api.call<LogWindow>('admin', 'GET', `/instances/${id}/log?from_line=1&limit=10`);
      return w.lines.some((l) => l.text === 'first half sent') || undefined;
    });
    const waiting = await world.api.call<{ status: number }>('admin', 'GET', `/instances/${id}`);
    assert.equal(waiting.status, 1, 'the run waits for the flag before it writes the second half');
    fs.writeFileSync(flag, '');
    const lines = await assertMasked(id);
    assert.deepEqual(lines.filter((l) => l.includes('****') || l.includes('flag')), ['****'], 'the two halves were joined, then masked');
  });

  test('the live event stream never carried the secret, whole or split', () => {
    const texts = [...sse.matchAll(/"text":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!).join('');
    assert.ok(!sse.includes(SECRET), 'an SSE event holds the secret');
    assert.ok(!texts.includes(SECRET), 'the secret arrives split over consecutive streamed lines');
  });

  test('the secret is in no byte of the database, its WAL, or a backup; all are private (0600)', async () => {
    const backup = await world.api.call<{ path: string }>('admin', 'POST', '/backup', {});
    const files = ['taskdeck.db', 'taskdeck.db-wal', 'taskdeck.db-shm'].map((f) => path.join(server.dataDir, f)).filter((f) => fs.existsSync(f));
    files.push(backup.path);
    const needles = [Buffer.from(SECRET), Buffer.from(SECRET, 'utf16le'), Buffer.from(JSON.stringify([SECRET]))];
    for (const f of files) {
      const bytes = fs.readFileSync(f);
      for (const n of needles) assert.equal(bytes.indexOf(n), -1, `${path.basename(f)} holds the run secret in plain text`);
      const mode = fs.statSync(f).mode & 0o777;
      assert.equal(mode & 0o077, 0, `${path.basename(f)} is mode ${mode.toString(8)}: readable by others`);
    }
    for (const f of ['secret.key', 'backups']) {
      const p = path.join(server.dataDir, f);
      if (fs.existsSync(p)) assert.equal(fs.statSync(p).mode & 0o077, 0, `${f} is readable by others`);
    }
  });
});
