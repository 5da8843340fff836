import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createCore } from '../core/create-core';
import type { Logger } from '../core/dispatch';
import { type KeyStorage, loadSecretKey, SEALED_KEY_FILE } from './secret-key';

type Backend = ReturnType<KeyStorage['getSelectedStorageBackend']>;

/** A keyring with a real cipher: what it seals only it can open. */
function keyring(available = true, backend: Backend = 'gnome_libsecret'): KeyStorage {
  const k = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text) {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-256-cbc', k, iv);
      return Buffer.concat([iv, c.update(text, 'utf8'), c.final()]);
    },
    decryptString(data) {
      const d = createDecipheriv('aes-256-cbc', k, data.subarray(0, 16));
      return Buffer.concat([d.update(data.subarray(16)), d.final()]).toString('utf8');
    },
  };
}

describe('secret key for secrets at rest', () => {
  let dir: string;
  let logged: string[];
  const log: Logger = (level, message) => logged.push(`${level}: ${message}`);
  const load = (storage: KeyStorage, passphrase?: string, create = true): Buffer => loadSecretKey(dir, storage, log, { platform: 'linux', passphrase, create });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-secret-key-'));
    logged = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('with a keyring: a random key sealed in secret.key.enc, the same key on the next start', () => {
    const storage = keyring();
    const key = load(storage);
    assert.equal(key.length, 32);
    assert.deepEqual(fs.readdirSync(dir), [SEALED_KEY_FILE]);
    assert.equal(fs.statSync(path.join(dir, SEALED_KEY_FILE)).mode & 0o777, 0o600);
    assert.ok(!fs.readFileSync(path.join(dir, SEALED_KEY_FILE)).includes(key.toString('base64')));
    assert.deepEqual(load(storage), key);
    assert.deepEqual(logged, []);
  });

  test('without a keyring, or with Linux basic_text: a private key file and a warning', () => {
    for (const storage of [keyring(false), keyring(true, 'basic_text')]) {
      const key = load(storage);
      assert.equal(key.length, 32);
      assert.deepEqual(fs.readdirSync(dir), ['secret.key']);
      assert.match(logged.at(-1)!, /^warn: .*secret\.key/);
      fs.rmSync(path.join(dir, 'secret.key'));
    }
  });

  test('a key file left by the browser-mode host is kept, even when a keyring appears', () => {
    const first = load(keyring(false));
    assert.deepEqual(load(keyring(true)), first);
    assert.deepEqual(fs.readdirSync(dir), ['secret.key']);
  });

  test('a sealed key that cannot be opened is an error, never a silent new key', () => {
    load(keyring());
    assert.throws(() => load(keyring(false)), /not available now/);
    assert.throws(() => load(keyring()), /cannot be unsealed/);
    // Another keyring's cipher now and then opens the file to garbage (its padding check passes by chance): the same refusal.
    assert.throws(() => load({ ...keyring(), decryptString: () => 'not a key' }), /cannot be unsealed/);
    assert.deepEqual(fs.readdirSync(dir), [SEALED_KEY_FILE]);
  });

  test('TASKDECK_SECRET_PASSPHRASE wins: the same derived key every time', () => {
    const a = load(keyring(), 'correct horse battery');
    assert.deepEqual(load(keyring(), 'correct horse battery'), a);
    assert.notDeepEqual(load(keyring(), 'another passphrase'), a);
    assert.ok(!fs.existsSync(path.join(dir, SEALED_KEY_FILE)));
  });

  test('when a key may not be made (the store holds secrets), a missing one is an error naming the file, and nothing is written', () => {
    for (const storage of [keyring(), keyring(false)]) {
      assert.throws(() => load(storage, undefined, false), (e: Error) => e.message.startsWith(`${path.join(dir, SEALED_KEY_FILE)} is missing, but this data folder holds secrets`));
      assert.deepEqual(fs.readdirSync(dir), [], 'no key file was made');
    }
    assert.throws(() => load(keyring(), 'correct horse battery', false), /secret\.salt is missing/);
    assert.deepEqual(fs.readdirSync(dir), [], 'no salt was made');
    const sealed = load(keyring(), undefined, true);
    assert.equal(sealed.length, 32);
  });

  test('a data folder whose secret.key.enc was lost refuses to start, and keeps refusing the same way: no new key is left behind', async () => {
    const storage = keyring();
    const start = () => createCore({ dataDir: dir, healthIntervalMs: 0, log: () => {}, secretKey: ({ create }) => loadSecretKey(dir, storage, log, { platform: 'linux', create }) });
    await (await start()).dispose();
    const keyFile = path.join(dir, SEALED_KEY_FILE);
    const original = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    for (let i = 0; i < 2; i++) {
      await assert.rejects(start(), /secret\.key\.enc is missing, but this data folder holds secrets/);
      assert.ok(!fs.existsSync(keyFile) && !fs.existsSync(path.join(dir, 'secret.key')), 'no key was made in its place');
    }
    fs.writeFileSync(keyFile, original, { mode: 0o600 });
    await (await start()).dispose();
  });
});
