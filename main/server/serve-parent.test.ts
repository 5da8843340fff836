import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Resolves with the first stdout line matching `re` (its first group). */
function lineMatching(stream: NodeJS.ReadableStream, re: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      const m = re.exec(text);
      if (m) resolve(m[1]!);
    });
    stream.once('end', () => reject(new Error(`ended without ${re}: ${text}`)));
  });
}

/** Resolves when nothing accepts connections on `port` any more (checked again each time a connection is refused or closed). */
function portClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const probe = (): void => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        if (Date.now() > deadline) return reject(new Error(`port ${port} still open after ${timeoutMs} ms`));
        setTimeout(probe, 100); // still serving: ask again shortly
      });
      socket.once('error', () => resolve());
    };
    probe();
  });
}

test('npm start: the browser-mode server ends when its parent is killed with SIGKILL', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-parent-'));
  // The parent stands for scripts/start.mjs: it starts the server exactly as start.mjs does (from source, no build needed).
  const parentCode = `
    import { spawnServeChild } from ${JSON.stringify(path.join(root, 'scripts', 'serve-child.mjs'))};
    const child = spawnServeChild(['--import', 'tsx', ${JSON.stringify(path.join(root, 'hostile', 'serve-entry.ts'))}, '--port', '0', '--data-dir', ${JSON.stringify(dir)}], { cwd: ${JSON.stringify(root)} });
    console.log('child pid ' + child.pid);
  `;
  const env = { ...process.env };
  delete env.TASKDECK_ADMIN_USER;
  delete env.TASKDECK_ADMIN_PASSWORD;
  const parent = spawn(process.execPath, ['--input-type=module', '-e', parentCode], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = Number(await lineMatching(parent.stdout, /child pid (\d+)/));
  try {
    const port = Number(await lineMatching(parent.stdout, /Taskdeck is serving http:\/\/127\.0\.0\.1:(\d+)/));
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    assert.equal(health.status, 200, 'the child serves while its parent lives');

    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    parent.kill('SIGKILL');
    await parentGone;
    await portClosed(port, 20_000);
  } finally {
    try {
      process.kill(pid, 'SIGKILL'); // only when the test failed: the child should be gone already
    } catch {
      // gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
