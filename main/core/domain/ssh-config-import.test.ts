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

test('parseSshConfig: a host reached through ProxyCommand is skipped, never imported as a direct host', () => {
  const text = 'Host via-cmd\n  HostName 10.0.0.9\n  ProxyCommand ssh -W %h:%p bastion\n\nHost direct\n  HostName 10.0.0.10\n';
  const { candidates, skipped } = parseSshConfig(text, '/home/me');
  assert.deepEqual(candidates.map((c) => c.name), ['direct']);
  assert.deepEqual(skipped, [{ name: 'via-cmd', reason: 'ProxyCommand is not supported (a jump host is: ProxyJump)' }]);
});
