import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Encrypts secrets at rest with AES-256-GCM. The key comes from the host (safeStorage in Electron, a file or passphrase in Node). */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  /** Identifies the key without revealing it: kept in the store, compared at start-up. */
  checkValue(): string {
    return createHmac('sha256', this.key).update('taskdeck secret key check v1').digest('base64');
  }

  /** A 32-byte subkey for another purpose (HKDF-SHA256, `label` as info): the secret key itself never serves two roles. */
  deriveKey(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), label, 32));
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split(':');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('stored secret is not in a known format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('stored secret cannot be decrypted: the secret key of this data folder changed');
    }
  }
}

/**
 * Key for plain Node: derived from TASKDECK_SECRET_PASSPHRASE when set, else a random key kept in
 * `<dataDir>/secret.key` readable only by its owner. `create: false` (the store already holds
 * sealed secrets) refuses to make a new key or salt: it could not read them, and every host
 * would fail later instead of Taskdeck saying so now.
 */
export function nodeSecretKey(dataDir: string, passphrase = process.env.TASKDECK_SECRET_PASSPHRASE, o: { create?: boolean } = {}): Buffer {
  const file = path.join(dataDir, passphrase ? 'secret.salt' : 'secret.key');
  if (!fs.existsSync(file)) {
    if (o.create === false) throw new Error(missingKey(file, passphrase ? 'salt the passphrase key is derived with' : 'key'));
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(passphrase ? 16 : 32), { mode: 0o600, flag: 'wx' });
  }
  const stored = fs.readFileSync(file);
  return passphrase ? scryptSync(passphrase, stored, 32) : stored;
}

function missingKey(file: string, what: string): string {
  return (
    `${file} is missing, but this data folder holds secrets sealed with its ${what}; Taskdeck will not make a new one that cannot read them. ` +
    'Restore the file from where it was backed up (or copied with the data folder), or set TASKDECK_SECRET_PASSPHRASE if a passphrase was used, then start again.'
  );
}
