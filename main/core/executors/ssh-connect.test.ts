import assert from 'node:assert/strict';
import type { Duplex } from 'node:stream';
import { after, before, test } from 'node:test';
import type { Client } from 'ssh2';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { connectFixture } from '../../../testing/fixture-ssh';
import { holdReading } from './ssh-connect';
import { execCollect } from './ssh-pool';

let sshd: SshdFixture;
let client: Client;

before(async () => {
  sshd = await startSshd();
  client = await connectFixture(sshd, 'hold');
});
after(async () => {
  client.end();
  await sshd.dispose();
});

test('a connection is read again only when every run that held it has let go, each once', async () => {
  // The socket ssh2 reads from is ours (connectSsh hands it over); ssh2 keeps it as _sock.
  const sock = (client as unknown as { _sock: Duplex })._sock;
  const first = holdReading(client);
  const second = holdReading(client);
  assert.equal(sock.isPaused(), true);
  first();
  first(); // letting go twice counts once
  assert.equal(sock.isPaused(), true, 'still held by the second run');
  second();
  assert.equal(sock.isPaused(), false);
  const r = await execCollect(client, 'echo read-again');
  assert.equal(r.stdout.trim(), 'read-again');
});
