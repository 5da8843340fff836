import fs from 'node:fs';
import type { Client } from 'ssh2';
import type { SshdFixture } from '../e2e/fixtures/sshd';
import { connectSsh } from '../main/core/executors/ssh-connect';

/** A connection to the test sshd as the pool makes one: key auth, its host key pinned. */
export async function connectFixture(sshd: SshdFixture, name: string): Promise<Client> {
  const { client } = await connectSsh({
    name, address: `127.0.0.1:${sshd.port}`, username: sshd.user, auth: { kind: 'key', privateKey: fs.readFileSync(sshd.clientKeyPath) }, pinnedFingerprint: sshd.hostKeyFingerprint(),
  });
  return client;
}
