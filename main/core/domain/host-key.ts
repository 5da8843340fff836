import { createHash } from 'node:crypto';

/** OpenSSH's fingerprint of a raw public key blob, as `ssh-keygen -l` prints it: `SHA256:<base64, no padding>`. */
export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** The key type named at the start of an SSH public key blob, e.g. `ssh-ed25519`. */
export function keyTypeOf(keyBlob: Buffer): string | null {
  if (keyBlob.length < 4) return null;
  const len = keyBlob.readUInt32BE(0);
  if (len <= 0 || len > 64 || keyBlob.length < 4 + len) return null;
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

export type HostKeyVerdict = 'trusted' | 'pending' | 'mismatch';

/** Decide on a presented key: trusted when it equals the pinned one; pending when nothing is pinned; else mismatch. */
export function judgeHostKey(pinned: string | null, presented: string): HostKeyVerdict {
  if (!pinned) return 'pending';
  return pinned === presented ? 'trusted' : 'mismatch';
}
