import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CliKit } from '../../testing/cli-kit';
import { createCore, type Core } from '../core/create-core';
import { type RunningServer, startHttpServer } from '../server/http-server';

let core: Core;
let server: RunningServer;
let dir: string;
let cli: CliKit;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-cli-signed-'));
  core = await createCore({ dataDir: dir, healthIntervalMs: 0, log: () => {}, initialAdmin: { user_name: 'admin', password: 'adminpass1' } });
  server = await startHttpServer(core, { port: 0 });
  cli = new CliKit(server.url);
  await cli.login();
});
after(async () => {
  await server.close();
  await core.dispose();
  cli.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('at security level 1 the CLI signs every request by itself; a bearer token alone is refused; a plug-in token made from the terminal signs too', async () => {
  const raised = await cli.run(['system', 'set-security-level', '--level', '1', '--yes']);
  assert.equal(raised.code, 0, raised.err);
  const listed = await cli.run(['host', 'list', '-o', 'json']);
  assert.equal(listed.code, 0, listed.err);

  const saved = fs.readFileSync(cli.configFile, 'utf8');
  const token = /token: (\S+)/.exec(saved)![1]!;
  const bearer = await fetch(`${server.url}/api/v1/hosts`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(bearer.status, 401);
  assert.equal(((await bearer.json()) as { error: { code: string } }).error.code, 'signature_missing');

  const created = await cli.run(['token', 'create', '--name', 'backup-plugin', '--scopes', 'read,jobs-inject', '--expires-in-days', '30', '-o', 'json']);
  assert.equal(created.code, 0, created.err);
  const secret = (JSON.parse(created.out) as { secret: string }).secret;
  const asPlugin = await cli.run(['job', 'create', '--description', 'nightly backup', '-o', 'json'], { TASKDECK_TOKEN: secret });
  assert.equal(asPlugin.code, 0, asPlugin.err);
  const outOfScope = await cli.run(['host', 'delete', '--id', '1', '--yes'], { TASKDECK_TOKEN: secret });
  assert.equal(outOfScope.code, 1);
  assert.match(outOfScope.err, /forbidden/);
  const revoked = await cli.run(['token', 'revoke', '--id', (JSON.parse(created.out) as { token: { id: string } }).token.id, '--yes']);
  assert.equal(revoked.code, 0, revoked.err);
  const after = await cli.run(['job', 'list'], { TASKDECK_TOKEN: secret });
  assert.equal(after.code, 1);
  assert.match(after.err, /token_revoked/);
});
