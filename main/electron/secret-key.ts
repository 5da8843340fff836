import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { Logger } from '../core/dispatch';
import { nodeSecretKey } from '../core/secrets/secret-box';

/** The part of Electron's safeStorage the key needs. */
export type KeyStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export const SEALED_KEY_FILE = 'secret.key.enc';

function whyUnavailable(storage: KeyStorage, platform: NodeJS.Platform): string | null {
  if (!storage.isEncryptionAvailable()) return 'the system keyring (safeStorage) is not available';
  // On Linux without a keyring Chromium "encrypts" with a fixed built-in password: no better than a private file.
  if (platform === 'linux' && storage.getSelectedStorageBackend() === 'basic_text') return 'no system keyring was found (safeStorage would use a fixed built-in password)';
  return null;
}

function unseal(file: string, storage: KeyStorage): Buffer {
  if (!storage.isEncryptionAvailable()) {
    throw new Error(`${file} was sealed with the system keyring, which is not available now; unlock the keyring (or sign in to the desktop session that has it) and start Taskdeck again`);
  }
  let key: Buffer | null = null;
  try {
    key = Buffer.from(storage.decryptString(fs.readFileSync(file)), 'base64');
  } catch {
    // Another keyring's key: refused by the cipher, or (now and then) opened to garbage, below.
  }
  if (key?.length !== 32) {
    throw new Error(`${file} cannot be unsealed with this system keyring: it was created by another user or keyring, or is damaged; stored host passwords and passphrases cannot be read without it`);
  }
  return key;
}

function missingSealedKey(dataDir: string): Error {
  return new Error(
    `${path.join(dataDir, SEALED_KEY_FILE)} is missing, but this data folder holds secrets sealed with its key; Taskdeck will not make a new one that cannot read them. ` +
      `Restore ${SEALED_KEY_FILE} (or secret.key, if the folder was last used by \`taskdeck serve\`) from where it was backed up, or set TASKDECK_SECRET_PASSPHRASE if a passphrase was used, then start again.`,
  );
}

/** How to find the key: `create` is false once the store holds secrets (a new key could not read them). */
export interface SecretKeyOptions {
  readonly create: boolean;
  readonly platform?: NodeJS.Platform;
  readonly passphrase?: string | undefined;
}

/**
 * The 32-byte key for secrets at rest. A random key sealed with safeStorage (`secret.key.enc`), except when
 * TASKDECK_SECRET_PASSPHRASE is set, when the data folder already has a plain key file from the browser-mode
 * host (keeping it keeps its secrets readable), or when no keyring is available (a file readable only by its owner).
 * Without `create`, nothing is written: a missing key (or salt) is an error that names the file.
 */
export function loadSecretKey(dataDir: string, storage: KeyStorage, log: Logger, o: SecretKeyOptions): Buffer {
  const platform = o.platform ?? process.platform;
  const passphrase = 'passphrase' in o ? o.passphrase : process.env.TASKDECK_SECRET_PASSPHRASE;
  if (passphrase) return nodeSecretKey(dataDir, passphrase, { create: o.create });
  const sealed = path.join(dataDir, SEALED_KEY_FILE);
  if (fs.existsSync(sealed)) return unseal(sealed, storage);
  const plain = path.join(dataDir, 'secret.key');
  if (fs.existsSync(plain)) {
    log('info', `secrets at rest use the existing key file ${plain}`);
    return nodeSecretKey(dataDir, '');
  }
  if (!o.create) throw missingSealedKey(dataDir);
  const reason = whyUnavailable(storage, platform);
  if (reason) {
    log('warn', `${reason}; secrets at rest use a key file readable only by you (${plain})`);
    return nodeSecretKey(dataDir, '');
  }
  const key = randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(sealed, storage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
  return key;
}
