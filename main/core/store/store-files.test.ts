import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { nodeSecretKey, SecretBox } from '../secrets/secret-box';
import { migrations } from './migrations';
import { openStore } from './store';

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-files-'));
const modeOf = (f: string): string => (fs.statSync(f).mode & 0o777).toString(8);
const keyOf = (dir: string) => (stored: boolean) => nodeSecretKey(dir, '', { create: !stored });

test('the database, its WAL and shared memory, the backups folder and each backup are private to the user (0600 / 0700)', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'taskdeck.db');
  const store = openStore(file, { secretKey: keyOf(dir) });
  store.settings.set('x', 'y');
  for (const f of [file, `${file}-wal`, `${file}-shm`, path.join(dir, 'secret.key')]) assert.equal(modeOf(f), '600', f);
  const b = await store.backup(path.join(dir, 'backups'), new Date());
  assert.equal(modeOf(b.path), '600');
  assert.equal(modeOf(path.join(dir, 'backups')), '700');
  store.close();
});

test('a store an older Taskdeck left 0644 is made private when opened', () => {
  const dir = tempDir();
  const file = path.join(dir, 'taskdeck.db');
  openStore(file).close();
  fs.chmodSync(file, 0o644);
  const store = openStore(file);
  assert.equal(modeOf(file), '600');
  store.close();
});

test('an empty (0-byte) database file is refused, never taken for a first run', () => {
  const file = path.join(tempDir(), 'taskdeck.db');
  fs.writeFileSync(file, '');
  assert.throws(() => openStore(file), /is empty \(0 bytes\).*restore a backup/);
  assert.equal(fs.statSync(file).size, 0, 'the file is left as it was');
});

test('a first start cut short leaves no empty store behind: the next start makes the store afresh', () => {
  const dir = tempDir();
  const file = path.join(dir, 'taskdeck.db');
  // What a crash between creating the file and SQLite's first write would leave: an empty file aside.
  fs.writeFileSync(`${file}.creating`, '');
  assert.equal(fs.existsSync(file), false);
  const store = openStore(file);
  assert.equal(store.db.pragma('application_id', { simple: true }), 0x5444434b);
  assert.equal(modeOf(file), '600');
  assert.equal(fs.existsSync(`${file}.creating`), false);
  store.close();
});

test('a file that is not a database at all is refused', () => {
  const file = path.join(tempDir(), 'taskdeck.db');
  fs.writeFileSync(file, randomBytes(8192));
  assert.throws(() => openStore(file), /is not a Taskdeck database \(it is not an SQLite database\)/);
});

test("another program's SQLite database is refused: tables but no schema version, or another application_id", () => {
  const file = path.join(tempDir(), 'taskdeck.db');
  const raw = new Database(file);
  raw.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, \'ada\')');
  raw.close();
  fs.chmodSync(file, 0o644);
  assert.throws(() => openStore(file), /not a Taskdeck database \(it has tables \(customers\) but no Taskdeck schema version\)/);
  assert.equal(modeOf(file), '644', 'its mode is left as it was');
  const other = path.join(tempDir(), 'taskdeck.db');
  const raw2 = new Database(other);
  raw2.pragma('application_id = 1234');
  raw2.pragma('user_version = 3');
  raw2.exec('CREATE TABLE users (id INTEGER)');
  raw2.close();
  assert.throws(() => openStore(other), /belongs to another application/);
});

test('an SQLite file with no tables and no Taskdeck mark is refused, not taken for a first run; a refused file keeps its mode', () => {
  const file = path.join(tempDir(), 'taskdeck.db');
  const raw = new Database(file);
  raw.exec('CREATE TABLE scratch (x); DROP TABLE scratch'); // written by SQLite: a header and pages, no tables left
  raw.close();
  fs.chmodSync(file, 0o644);
  assert.ok(fs.statSync(file).size > 0);
  assert.throws(() => openStore(file), /not a Taskdeck database \(it is an SQLite database with no tables and no Taskdeck mark\)/);
  assert.equal(modeOf(file), '644', 'a file that is not ours is not made ours');
  const raw2 = new Database(file, { readonly: true });
  assert.equal(raw2.pragma('application_id', { simple: true }), 0, 'nothing was written to it');
  raw2.close();
});

test('a store from before the mark (schema version, Taskdeck tables, no application_id) opens and is marked', () => {
  const file = path.join(tempDir(), 'taskdeck.db');
  const raw = new Database(file);
  raw.exec(migrations.slice(0, 8).join('\n'));
  raw.pragma('user_version = 8');
  raw.close();
  const store = openStore(file);
  assert.equal(store.db.pragma('application_id', { simple: true }), 0x5444434b);
  store.close();
});

test('a missing secret.key is refused at start-up once the store holds secrets; a replaced one too', () => {
  const dir = tempDir();
  const file = path.join(dir, 'taskdeck.db');
  const store = openStore(file, { secretKey: keyOf(dir) });
  store.close();
  const keyFile = path.join(dir, 'secret.key');
  const original = fs.readFileSync(keyFile);
  fs.rmSync(keyFile);
  assert.throws(() => openStore(file, { secretKey: keyOf(dir) }), /secret\.key is missing, but this data folder holds secrets.*Restore the file/);
  assert.ok(!fs.existsSync(keyFile), 'no new key was made');
  fs.writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  assert.throws(() => openStore(file, { secretKey: keyOf(dir) }), /secret key is not the one this data folder's secrets were sealed with.*Restore the original secret\.key/);
  fs.writeFileSync(keyFile, original);
  openStore(file, { secretKey: keyOf(dir) }).close();
});

test('a store from before the check value: a key that cannot open its host secrets is refused', () => {
  const dir = tempDir();
  const file = path.join(dir, 'taskdeck.db');
  openStore(file).close();
  const raw = new Database(file);
  const sealed = new SecretBox(randomBytes(32)).seal('hunter2');
  raw.prepare(`INSERT INTO hosts (name, host, username, machine_id, auth_kind, secret_password, status, created_at, updated_at)
               VALUES ('db-1', '10.0.0.1:22', 'u', 1, 'password', ?, 'Enabled', 't', 't')`).run(sealed);
  raw.close();
  assert.throws(() => openStore(file, { secretKey: () => randomBytes(32) }), /not the one this data folder's secrets were sealed with/);
});

test('run secrets stored in plain text by an older Taskdeck are sealed at start-up: absent from the database, its WAL and a backup', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'taskdeck.db');
  const secret = 'PlainRunSecret-' + randomBytes(6).toString('hex');
  // A store as version 8 left it, with a running and an ended run's secrets in plain text.
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.exec(migrations.slice(0, 8).join('\n'));
  raw.pragma('user_version = 8');
  const put = raw.prepare(`INSERT INTO instances (id, run_id, attempt, trigger, host_snapshot, command, mode, status, timeout_s, log_limit_bytes, log_policy, secrets, created_by, created_time)
                           VALUES (?, 'r', 1, 'ad_hoc', '{}', 'true', 'detached', ?, 0, 1000, 'truncate', ?, 'admin', 't')`);
  put.run(1n, 1, JSON.stringify([secret]));
  put.run(2n, 2, JSON.stringify([secret]));
  raw.close();
  const store = openStore(file, { secretKey: keyOf(dir) });
  assert.deepEqual(JSON.parse(store.instances.get(1n)!.secrets!), [secret], 'a running run still masks with it');
  const b = await store.backup(path.join(dir, 'backups'), new Date());
  store.db.exec('VACUUM');
  for (const f of [file, `${file}-wal`, b.path]) {
    if (fs.existsSync(f)) assert.ok(!fs.readFileSync(f).includes(secret), `${path.basename(f)} holds the secret`);
  }
  assert.equal(store.db.prepare('SELECT secrets FROM instances WHERE id = 2').pluck().get(), null, "an ended run's secrets are gone");
  store.close();
});
