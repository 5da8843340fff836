import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSshConfig } from './ssh-config-import';

test('parseSshConfig: concrete hosts, inherited settings, patterns skipped', () => {
  const text = `
Host bastion
  HostName 10.0.0.1
  User ops

Host db-1 db-2
  HostName %h.internal
  ProxyJump ops@bastion:22
  IdentityFile ~/.ssh/id_db

Host *
  User fallback
  Port 2222
`;
  const { candidates, skipped } = parseSshConfig(text, '/home/me');
  assert.deepEqual(skipped, [{ name: '*', reason: 'pattern, not a host' }]);
  assert.equal(candidates.length, 3);
  assert.deepEqual(candidates[0], { name: 'bastion', host: '10.0.0.1:2222', username: 'ops', identityFile: null, proxyJump: null });
  assert.equal(candidates[1]!.username, 'fallback');
  assert.equal(candidates[2]!.host, 'db-2.internal:2222');
  assert.equal(candidates[1]!.identityFile, '/home/me/.ssh/id_db');
  assert.equal(candidates[1]!.proxyJump, 'bastion');
});
