import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createCore, type Core } from '../core/create-core';
import { type RunningServer, startHttpServer } from '../server/http-server';
import { runCli } from './taskdeck-cli';

let core: Core;
let server: RunningServer;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-cli-'));
  core = await createCore({ dataDir: dir, healthIntervalMs: 0, log: () => {}, initialAdmin: { user_name: 'admin', password: 'adminpass1' } });
  server = await startHttpServer(core, { port: 0 });
});
after(async () => {
  await server.close();
  await core.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run the CLI and capture what it prints. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  const saved = { ...process.env };
  Object.assign(process.env, { TASKDECK_URL: server.url }, env);
  console.log = (s: unknown) => out.push(String(s));
  console.error = (s: unknown) => err.push(String(s));
  try {
    return { code: await runCli(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
    process.env = saved;
  }
}

test('login, create and list hosts, errors as one line with the code', async () => {
  const login = await cli(['login', '--user-name', 'admin'], { TASKDECK_PASSWORD: 'adminpass1' });
  assert.equal(login.code, 0);
  const token = login.out.trim();
  const created = await cli(['hosts', 'create', '--name', 'db-1', '--host', '10.1.1.1:22', '--username', 'pg', '--machine-id', '3', '--auth', '{"kind":"agent"}'], { TASKDECK_TOKEN: token });
  assert.equal(created.code, 0, created.err);
  assert.equal(JSON.parse(created.out).machine_id, 3);
  const listed = await cli(['hosts', 'list', '--output', 'yaml'], { TASKDECK_TOKEN: token });
  assert.match(listed.out, /name: db-1/);
  const bad = await cli(['hosts', 'get', '999'], { TASKDECK_TOKEN: token });
  assert.equal(bad.code, 1);
  assert.equal(bad.err, 'taskdeck: not_found: host 999 not found');
  const unknown = await cli(['hosts', 'explode'], { TASKDECK_TOKEN: token });
  assert.equal(unknown.code, 2);
});

test('a plug-in author drives an external job from the terminal; a missing path parameter is a usage error naming its flag', async () => {
  const token = (await cli(['login', '--user-name', 'admin'], { TASKDECK_PASSWORD: 'adminpass1' })).out.trim();
  const env = { TASKDECK_TOKEN: token };
  const job = JSON.parse((await cli(['jobs', 'create', '--json', '{"description":"nightly backup","auto_cleared":true}'], env)).out) as { id: string };
  const step = await cli(['jobs', 'add-step', '--id', job.id, '--json', '{"description":"copy base","type":"EXECUTING","status":"STARTED"}'], env);
  assert.equal(step.code, 0, step.err);
  const refused = await cli(['jobs', 'end', '--id', job.id, '--json', '{"status":"FINISHED"}'], env);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /^taskdeck: conflict: .*unfinished steps: "copy base"/);
  const forced = await cli(['jobs', 'end', '--id', job.id, '--json', '{"status":"FINISHED","force":true}'], env);
  assert.equal(forced.code, 0, forced.err);
  const status = await cli(['task_manager', 'task-status', '--task-id', job.id, '--output', 'yaml'], env);
  assert.match(status.out, /state: done/);
  const missing = await cli(['task_manager', 'task-status'], env);
  assert.equal(missing.code, 2);
  assert.equal(missing.err, 'taskdeck: task_manager task-status needs --task-id');
});
