import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fingerprintOf, judgeHostKey, keyTypeOf } from './host-key';

test('fingerprint matches ssh-keygen -l for a freshly generated key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-fp-'));
  try {
    const key = path.join(dir, 'k');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const pub = fs.readFileSync(key + '.pub', 'utf8').split(' ');
    const blob = Buffer.from(pub[1]!, 'base64');
    const expected = execFileSync('ssh-keygen', ['-l', '-f', key + '.pub'], { encoding: 'utf8' }).split(' ')[1];
    assert.equal(fingerprintOf(blob), expected);
    assert.equal(keyTypeOf(blob), 'ssh-ed25519');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('judgeHostKey: table of cases', () => {
  const cases: [string | null, string, string][] = [
    [null, 'SHA256:a', 'pending'],
    ['SHA256:a', 'SHA256:a', 'trusted'],
    ['SHA256:a', 'SHA256:b', 'mismatch'],
  ];
  for (const [pinned, presented, verdict] of cases) assert.equal(judgeHostKey(pinned, presented), verdict);
});

test('keyTypeOf rejects garbage', () => {
  assert.equal(keyTypeOf(Buffer.from([0, 0])), null);
  assert.equal(keyTypeOf(Buffer.from([0xff, 0xff, 0xff, 0xff, 1])), null);
});
