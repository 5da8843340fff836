import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { connectFixture } from '../../../testing/fixture-ssh';
import { sftpTransfer } from './sftp';

let sshd: SshdFixture;
let dir: string;
before(async () => {
  sshd = await startSshd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-sftp-'));
});
after(async () => {
  await sshd.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (f: string): string => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

test('upload then download a 5 MB file: same bytes, monotonic progress to the total', async () => {
  const client = await connectFixture(sshd, 'sftp');
  try {
    const src = path.join(dir, 'src.bin');
    fs.writeFileSync(src, randomBytes(5 * 1024 * 1024));
    const remote = path.join(sshd.dir, 'uploaded.bin');
    const seen: number[] = [];
    const up = await sftpTransfer(client, { direction: 'upload', local: src, remote }, { onProgress: (p) => seen.push(p.transferred) });
    assert.equal(up.bytes, 5 * 1024 * 1024);
    assert.deepEqual(seen, [...seen].sort((a, b) => a - b));
    assert.equal(seen.at(-1), 5 * 1024 * 1024);
    const back = path.join(dir, 'back.bin');
    await sftpTransfer(client, { direction: 'download', local: back, remote });
    assert.equal(sha(back), sha(src));
    await assert.rejects(sftpTransfer(client, { direction: 'download', local: path.join(dir, 'x'), remote: '/nonexistent/file' }), /download \/nonexistent\/file failed/);
  } finally {
    client.end();
  }
});
