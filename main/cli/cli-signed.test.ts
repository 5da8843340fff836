import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { type CliKit, startCliServer } from '../../testing/cli-kit';
import type { RunningServer } from '../server/http-server';

let server: RunningServer;
let cli: CliKit;
let dispose: () => Promise<void>;

before(async () => {
  ({ server, cli, dispose } = await startCliServer());
});
after(() => dispose());

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
