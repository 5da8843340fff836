import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { migrations } from './migrations';
import { openStore } from './store';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-db-')), 'taskdeck.db');
}

test('migrations set user_version and WAL; reopening is idempotent', () => {
  const file = tempFile();
  openStore(file).close();
  const store = openStore(file);
  assert.equal(store.db.pragma('user_version', { simple: true }), migrations.length);
  assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  store.close();
});

test('a database newer than the code is refused with a clear message', () => {
  const file = tempFile();
  const raw = new Database(file);
  raw.pragma(`user_version = ${migrations.length + 5}`);
  raw.close();
  assert.throws(() => openStore(file), /newer than this Taskdeck understands/);
});

test('audit rows are append-only', () => {
  const store = openStore(tempFile());
  store.audit.insert({ ts: 't', actor: 'a', action: 'x', target_type: 'y', target_id: null, details: '{}' }, '', 'h');
  assert.throws(() => store.db.prepare('UPDATE audit SET actor = ?').run('mallory'), /append-only/);
  assert.throws(() => store.db.prepare('DELETE FROM audit').run(), /append-only/);
  store.close();
});

test('a failed multi-row change leaves nothing behind', () => {
  const store = openStore(tempFile());
  const now = new Date().toISOString();
  assert.throws(() =>
    store.tx(() => {
      store.groups.insert({ name: 'g1', description: '', tag: '' }, now);
      store.groups.insert({ name: 'G1', description: '', tag: '' }, now); // same name, case-insensitive
    }),
  );
  assert.equal(store.groups.list().length, 0);
  store.close();
});

test('a new store has 4 KB pages; a store from before migration 8 keeps its log lines when log_chunks is rebuilt, and its page size', () => {
  const fresh = openStore(tempFile());
  assert.equal(fresh.db.pragma('page_size', { simple: true }), 4096);
  fresh.close();

  // A store as version 7 left it: 16 KB pages (as stores were made until 4 KB came back), log_chunks WITHOUT ROWID, holding an instance's log.
  const file = tempFile();
  const raw = new Database(file);
  raw.pragma('page_size = 16384');
  raw.pragma('journal_mode = WAL');
  raw.exec(migrations.slice(0, 7).join('\n'));
  raw.pragma('user_version = 7');
  assert.match(String((raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'log_chunks'").get() as { sql: string }).sql), /WITHOUT ROWID/);
  const put = raw.prepare('INSERT INTO log_chunks VALUES (?, ?, ?, ?, ?, ?, ?)');
  put.run(42n, 1, 2, 'oe', 1_000, '0,5', 'first\nsecond');
  put.run(42n, 3, 1, 's', 2_000, '0', 'third');
  raw.close();

  const store = openStore(file);
  assert.equal(store.db.pragma('user_version', { simple: true }), migrations.length);
  assert.equal(store.db.pragma('page_size', { simple: true }), 16384, 'an existing store keeps its page size');
  assert.doesNotMatch(String((store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'log_chunks'").get() as { sql: string }).sql), /WITHOUT ROWID/);
  assert.deepEqual(store.logs.window(42n, 2, 10).map((l) => [l.n, l.stream, l.text]), [[2, 'stderr', 'second'], [3, 'system', 'third']]);
  assert.throws(() => store.db.prepare('INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body) VALUES (?, ?, ?, ?, ?, ?, ?)').run(42n, 3, 1, 'o', 0, '0', 'again'), /UNIQUE/);
  store.close();
});
