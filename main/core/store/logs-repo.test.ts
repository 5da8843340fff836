import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WAL_SIZE_LIMIT } from './database';
import { INLINE_LOG_BYTES, LOST_LINE } from './logs-repo';
import { openStore, type Store } from './store';

/** A store whose logs go to their files from the first byte (`inlineLogBytes` 0), unless told otherwise. */
function withStore(fn: (store: Store, dir: string) => void | Promise<void>, inlineLogBytes = 0): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-repo-'));
  const store = openStore(path.join(dir, 'td.db'), { inlineLogBytes });
  return (async () => {
    try {
      await fn(store, dir);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
}

const chunk = (body: string, streams: string, tsBase = 1_000) => ({ count: streams.length, streams, tsBase, tsDeltas: Array.from(streams, (_, i) => i).join(','), parts: [Buffer.from(body, 'utf8')], bytes: Buffer.byteLength(body) });
const texts = (store: Store, id: bigint, from = 1, limit = 100): string[] => store.logs.window(id, from, limit).map((l) => l.text);
const logFile = (store: Store, id: bigint): string => `${store.db.name}-logs/${id}.log`;

/** Descriptors of this process open to `file`. */
const fdsTo = (file: string): number => fs.readdirSync('/proc/self/fd').filter((fd) => {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
  } catch {
    return false;
  }
}).length;

/** Turns of the event loop until `ready` holds (an open off the main thread completes within a few). */
async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 10_000 && !ready(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(ready(), what);
}

test('chunks stored in their rows by an older Taskdeck (TEXT, then bytes) and in the log file now read the same: windows across all, search in all', () =>
  withStore((store) => {
    const old = store.db.prepare('INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    old.run(7n, 1, 3, 'ooe', 1_000, '0,1,2', 'Alpha\nbéta ERROR\ngamma');
    old.run(7n, 4, 3, 'oos', 1_000, '0,1,2', Buffer.from('delta\nÉpsilon error\n'));
    store.txLogs(() => store.logs.append(7n, 7, [chunk('zeta 😀', 'o', 5_000), chunk('eta\nthêta Error', 'eo', 6_000)]));
    const kinds = store.db.prepare('SELECT first_line, typeof(body) AS kind, length(body) AS n, file_offset, file_length FROM log_chunks WHERE instance_id = 7 ORDER BY first_line').all();
    assert.deepEqual(kinds, [
      { first_line: 1, kind: 'text', n: 22, file_offset: null, file_length: null },
      { first_line: 4, kind: 'blob', n: 21, file_offset: null, file_length: null },
      { first_line: 7, kind: 'blob', n: 0, file_offset: 0, file_length: 9 },
      { first_line: 8, kind: 'blob', n: 0, file_offset: 9, file_length: 16 },
    ]);
    assert.equal(fs.readFileSync(logFile(store, 7n), 'utf8'), 'zeta 😀eta\nthêta Error', 'the bodies, one after another');

    assert.deepEqual(store.logs.window(7n, 2, 6).map((l) => [l.n, l.stream, l.text]), [
      [2, 'stdout', 'béta ERROR'], [3, 'stderr', 'gamma'], [4, 'stdout', 'delta'], [5, 'stdout', 'Épsilon error'], [6, 'system', ''], [7, 'stdout', 'zeta 😀'],
    ]);
    assert.deepEqual(store.logs.window(7n, 7, 10).map((l) => [l.text, l.stream, l.ts]), [
      ['zeta 😀', 'stdout', new Date(5_000).toISOString()], ['eta', 'stderr', new Date(6_000).toISOString()], ['thêta Error', 'stdout', new Date(6_001).toISOString()],
    ]);
    assert.deepEqual(store.logs.find(7n, 1, 'error', 10), [2, 5, 9]);
    assert.deepEqual(store.logs.find(7n, 3, 'ERROR', 10), [5, 9]);
    assert.deepEqual(store.logs.find(7n, 1, 'error', 2), [2, 5], 'at most max');
    assert.deepEqual(store.logs.find(7n, 1, 'béta', 10), [2]);
    assert.deepEqual(store.logs.find(7n, 1, '😀', 10), [7]);
    assert.deepEqual(store.logs.find(7n, 1, 'THÊTA', 10), [9]);
    assert.deepEqual(store.logs.find(7n, 1, 'nowhere', 10), []);
    assert.deepEqual(store.logs.find(8n, 1, 'error', 10), [], 'another instance has none');
  }));

test('a transaction that rolls back after its bodies reached the file leaves nothing of them in the log: the next chunk is written over them', () =>
  withStore((store) => {
    store.txLogs(() => store.logs.append(3n, 1, [chunk('one\ntwo', 'oo')]));
    assert.throws(() => store.txLogs(() => {
      store.logs.append(3n, 3, [chunk('NEVER STORED, a long body that the rollback leaves in the file', 'o')]);
      throw new Error('the counters update failed');
    }), /counters/);
    assert.deepEqual(texts(store, 3n), ['one', 'two'], 'the rolled-back line is not part of the log');
    store.txLogs(() => store.logs.append(3n, 3, [chunk('three', 'o')]));
    assert.deepEqual(texts(store, 3n), ['one', 'two', 'three']);
    assert.deepEqual(store.logs.find(3n, 1, 'never', 10), []);
    // The file still holds the tail of the rolled-back body past the log's end; the rows say where the log ends.
    assert.ok(fs.readFileSync(logFile(store, 3n), 'utf8').startsWith('one\ntwothree'));
  }));

test('a log file cut short or deleted (a power cut, a careless hand): the lost lines read as lost, the rest as stored, search skips them, nothing throws', () =>
  withStore((store) => {
    store.txLogs(() => store.logs.append(4n, 1, [chunk('first\nsecond', 'oo'), chunk('third needle', 'e')]));
    store.logs.release(4n);
    fs.truncateSync(logFile(store, 4n), 'first\nsecond'.length + 3);
    assert.deepEqual(texts(store, 4n), ['first', 'second', LOST_LINE]);
    assert.deepEqual(store.logs.find(4n, 1, 'needle', 10), []);
    fs.rmSync(logFile(store, 4n));
    assert.deepEqual(texts(store, 4n), [LOST_LINE, LOST_LINE, LOST_LINE]);
    assert.deepEqual(store.logs.find(4n, 1, 'first', 10), []);
    // The run goes on: the next chunk starts where the rows say the file ends (the gap stays lost).
    store.txLogs(() => store.logs.append(4n, 4, [chunk('fourth', 'o')]));
    assert.deepEqual(texts(store, 4n), [LOST_LINE, LOST_LINE, LOST_LINE, 'fourth']);
  }));

test('a log file left from before (a store restored from a backup reuses the id) is cut when the instance writes its first chunk', () =>
  withStore((store) => {
    fs.mkdirSync(`${store.db.name}-logs`, { recursive: true });
    fs.writeFileSync(logFile(store, 5n), 'someone else\'s log, much longer than the new one\n'.repeat(100));
    store.txLogs(() => store.logs.append(5n, 1, [chunk('mine', 'o')]));
    assert.equal(fs.readFileSync(logFile(store, 5n), 'utf8'), 'mine');
    assert.deepEqual(texts(store, 5n), ['mine']);
  }));

test('the log folder is private (0700) and each file in it too (0600)', () =>
  withStore((store) => {
    store.txLogs(() => store.logs.append(6n, 1, [chunk('x', 'o')]));
    const modeOf = (f: string): string => (fs.statSync(f).mode & 0o777).toString(8);
    assert.equal(modeOf(`${store.db.name}-logs`), '700');
    assert.equal(modeOf(logFile(store, 6n)), '600');
  }));

test('a backup is one file holding the log bodies in its rows; opened alone, it reads the same; a body the folder lost stays lost in it', () =>
  withStore(async (store, dir) => {
    store.txLogs(() => store.logs.append(9n, 1, [chunk('kept one\nkept two', 'oo'), chunk('kept three', 'e')]));
    store.txLogs(() => store.logs.append(10n, 1, [chunk('gone', 'o')]));
    store.logs.release(10n);
    fs.rmSync(logFile(store, 10n));
    const progress: [number, number][] = [];
    const b = await store.backup(path.join(dir, 'backups'), new Date(), (done, total) => progress.push([done, total]));
    assert.equal(b.bytes, fs.statSync(b.path).size);
    const [done, total] = progress.at(-1)!;
    assert.equal(done, total, 'the last progress is the whole');
    // Opened as a store of its own, in another folder with no log folder beside it.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-restored-'));
    try {
      fs.copyFileSync(b.path, path.join(other, 'td.db'));
      const restored = openStore(path.join(other, 'td.db'));
      try {
        assert.deepEqual(texts(restored, 9n), ['kept one', 'kept two', 'kept three']);
        assert.deepEqual(restored.logs.find(9n, 1, 'THREE', 10), [3]);
        assert.deepEqual(texts(restored, 10n), [LOST_LINE]);
        assert.equal(restored.db.prepare('SELECT count(*) FROM log_chunks WHERE instance_id = 9 AND file_offset IS NULL').pluck().get(), 2);
      } finally {
        restored.close();
      }
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  }));

test('a backup of many runs\' logs opens one log file at a time and leaves none open', () =>
  withStore(async (store, dir) => {
    for (let id = 100n; id < 400n; id++) {
      store.txLogs(() => store.logs.append(id, 1, [chunk(`run ${id}`, 'o'), chunk('again', 'o')]));
      store.logs.release(id);
    }
    // Descriptors of log files only: the checkpointer's thread opens the store on its own time.
    const logsOpen = (): number => fs.readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${store.db.name}-logs/`);
      } catch {
        return false; // the directory's own descriptor, gone as it was read
      }
    }).length;
    assert.equal(logsOpen(), 0);
    let most = 0;
    await store.backup(path.join(dir, 'backups'), new Date(), () => (most = Math.max(most, logsOpen())));
    assert.ok(most <= 1, `${most} log files open at once`);
    assert.equal(logsOpen(), 0);
  }));

test('the WAL, once checkpointed after a burst, is cut back when writing starts over (it does not keep the burst\'s size)', () =>
  withStore((store) => {
    const wal = `${store.db.name}-wal`;
    // Log bodies no longer pass through the WAL; a burst of rows that hold their bodies (as an older store's) does.
    const put = store.db.prepare('INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body) VALUES (9, ?, 1, \'o\', 0, \'0\', ?)');
    const body = Buffer.alloc(1024 * 1024, 0x78);
    const mib = Math.ceil(WAL_SIZE_LIMIT / body.length) + 8;
    for (let i = 0; i < mib; i++) store.txLogs(() => put.run(i + 1, body));
    assert.ok(fs.statSync(wal).size > WAL_SIZE_LIMIT, 'the burst grew the WAL past the limit');
    const [ck] = store.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    assert.equal(ck!.checkpointed, ck!.log);
    store.txLogs(() => store.logs.append(9n, mib + 1, [chunk('after', 'o')]));
    assert.ok(fs.statSync(wal).size <= WAL_SIZE_LIMIT, `the WAL is ${fs.statSync(wal).size} bytes`);
    assert.equal(store.logs.window(9n, mib + 1, 1)[0]!.text, 'after');
  }));

test('a GiB-scale log does not pass through the WAL: 64 MiB of output grows the log file, not the WAL', () =>
  withStore((store) => {
    const body = Buffer.alloc(256 * 1024, 0x79);
    for (let i = 0; i < 256; i++) store.txLogs(() => store.logs.append(11n, i + 1, [{ count: 1, streams: 'o', tsBase: 0, tsDeltas: '0', parts: [body], bytes: body.length }]));
    assert.equal(fs.statSync(logFile(store, 11n)).size, 64 * 1024 * 1024);
    // Each commit still writes the pages of its rows (a few pages), never the bodies.
    assert.ok(fs.statSync(`${store.db.name}-wal`).size < 16 * 1024 * 1024, `the WAL is ${fs.statSync(`${store.db.name}-wal`).size} bytes`);
    assert.equal(store.logs.window(11n, 256, 1)[0]!.text.length, 256 * 1024);
  }, INLINE_LOG_BYTES));

test('a small log stays in its rows (no file, no descriptor); the chunk that would take it past INLINE_LOG_BYTES starts its file, and the rest follows there', () =>
  withStore(async (store) => {
    const dir = `${store.db.name}-logs`;
    store.txLogs(() => store.logs.append(21n, 1, [chunk('hello\nworld', 'oo'), chunk('done', 'e')]));
    assert.equal(fs.existsSync(logFile(store, 21n)), false, 'a few lines make no file');
    assert.deepEqual(texts(store, 21n), ['hello', 'world', 'done']);

    // Up to the limit exactly: still rows.
    const upTo = INLINE_LOG_BYTES - 'hello\nworld'.length - 'done'.length;
    store.txLogs(() => store.logs.append(21n, 4, [chunk('x'.repeat(upTo), 'o')]));
    assert.equal(store.db.prepare('SELECT count(*) FROM log_chunks WHERE instance_id = 21 AND file_offset IS NOT NULL').pluck().get(), 0, 'exactly INLINE_LOG_BYTES in rows');
    // Past half of it, the file was opened (off the main thread); nothing is written to it yet.
    await until(() => !store.logs.fileOpening(21n), 'the prepared file is open');
    assert.equal(fdsTo(logFile(store, 21n)), 1);
    assert.equal(fs.statSync(logFile(store, 21n)).size, 0);
    // One byte more: the file, from its start.
    store.txLogs(() => store.logs.append(21n, 5, [chunk('past the limit', 'o'), chunk('and on', 'e')]));
    store.txLogs(() => store.logs.append(21n, 7, [chunk('even a byte', 'o')]));
    assert.equal(fs.readFileSync(logFile(store, 21n), 'utf8'), 'past the limitand oneven a byte');
    assert.deepEqual(store.db.prepare('SELECT first_line, file_offset, length(body) AS n FROM log_chunks WHERE instance_id = 21 ORDER BY first_line').all(), [
      { first_line: 1, file_offset: null, n: 11 }, { first_line: 3, file_offset: null, n: 4 }, { first_line: 4, file_offset: null, n: upTo },
      { first_line: 5, file_offset: 0, n: 0 }, { first_line: 6, file_offset: 14, n: 0 }, { first_line: 7, file_offset: 20, n: 0 },
    ]);
    assert.deepEqual(texts(store, 21n, 3, 5).map((t) => t.slice(0, 14)), ['done', 'x'.repeat(14), 'past the limit', 'and on', 'even a byte']);
    assert.deepEqual(store.logs.find(21n, 1, 'LIMIT', 10), [5], 'search reads rows and file alike');
    assert.deepEqual(store.logs.find(21n, 1, 'world', 10), [2]);
    assert.deepEqual(fs.readdirSync(dir), ['21.log'], 'no file for anything else');
  }, INLINE_LOG_BYTES));

test('a first flush bigger than INLINE_LOG_BYTES goes to the file whole; a rolled-back append in rows leaves nothing', () =>
  withStore((store) => {
    const big = 'y'.repeat(INLINE_LOG_BYTES);
    store.txLogs(() => store.logs.append(22n, 1, [chunk('a', 'o'), chunk(big, 'o')]));
    assert.equal(fs.statSync(logFile(store, 22n)).size, INLINE_LOG_BYTES + 1);
    assert.deepEqual(texts(store, 22n).map((t) => t.length), [1, INLINE_LOG_BYTES]);

    assert.throws(() => store.txLogs(() => {
      store.logs.append(23n, 1, [chunk('NEVER STORED', 'o')]);
      throw new Error('rolled back');
    }), /rolled back/);
    store.txLogs(() => store.logs.append(23n, 1, [chunk('kept', 'o')]));
    assert.deepEqual(texts(store, 23n), ['kept']);
    assert.equal(fs.existsSync(logFile(store, 23n)), false);
  }, INLINE_LOG_BYTES));

test('halfway to INLINE_LOG_BYTES the file is opened off the main thread; until it is open the rows take more; then the file, from its start', () =>
  withStore(async (store) => {
    const file = logFile(store, 31n);
    store.txLogs(() => store.logs.append(31n, 1, [chunk('a'.repeat(60), 'o')]));
    // Past half of 100 bytes: the open is under way; in the same turn it cannot have finished, so the rows take these too.
    store.txLogs(() => store.logs.append(31n, 2, [chunk('b'.repeat(60), 'o')]));
    assert.deepEqual(store.db.prepare('SELECT file_offset FROM log_chunks WHERE instance_id = 31 ORDER BY first_line').pluck().all(), [null, null]);
    assert.ok(store.logs.fileOpening(31n));
    await until(() => !store.logs.fileOpening(31n), 'the prepared file is open');
    assert.equal(fdsTo(file), 1);
    assert.equal(fs.statSync(file).size, 0);
    store.txLogs(() => store.logs.append(31n, 3, [chunk('third', 'e')]));
    assert.deepEqual(store.db.prepare('SELECT file_offset FROM log_chunks WHERE instance_id = 31 ORDER BY first_line').pluck().all(), [null, null, 0]);
    assert.equal(fs.readFileSync(file, 'utf8'), 'third');
    assert.deepEqual(texts(store, 31n).map((t) => t.slice(0, 5)), ['aaaaa', 'bbbbb', 'third']);
    assert.equal(fdsTo(file), 1, 'written through the descriptor opened for it');
    store.logs.release(31n);
    assert.equal(fdsTo(file), 0);
    assert.equal(fs.readFileSync(file, 'utf8'), 'third', 'a file written to stays when let go');
  }, 100));

test('a run that ends before its prepared file is used leaves no file and no descriptor, whether the open finished before or after', () =>
  withStore(async (store) => {
    // Opened, never written, let go: removed.
    store.txLogs(() => store.logs.append(32n, 1, [chunk('c'.repeat(60), 'o')]));
    await until(() => !store.logs.fileOpening(32n), 'the prepared file is open');
    assert.equal(fdsTo(logFile(store, 32n)), 1);
    store.logs.release(32n);
    assert.equal(fs.existsSync(logFile(store, 32n)), false);
    // Let go while the open is under way: closed and removed when it finishes.
    store.txLogs(() => store.logs.append(33n, 1, [chunk('d'.repeat(60), 'o')]));
    store.logs.release(33n);
    assert.ok(store.logs.fileOpening(33n), 'the open is still under way');
    await until(() => !store.logs.fileOpening(33n), 'the open has finished');
    assert.equal(fs.existsSync(logFile(store, 33n)), false);
    assert.equal(fdsTo(logFile(store, 33n)), 0);
    assert.deepEqual(texts(store, 32n).concat(texts(store, 33n)).map((t) => t.length), [60, 60], 'the logs are whole, in their rows');
  }, 100));

test('a raw database a reader may open finds the same rows (no file is needed to count lines)', () =>
  withStore((store) => {
    store.txLogs(() => store.logs.append(12n, 1, [chunk('a\nb\nc', 'ooe')]));
    const raw = new Database(store.db.name, { readonly: true });
    try {
      assert.equal(raw.prepare("SELECT sum(line_count) FROM log_chunks WHERE instance_id = 12").pluck().get(), 3);
    } finally {
      raw.close();
    }
  }));
