import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { WAL_SIZE_LIMIT } from './database';
import { openStore, type Store } from './store';

function withStore(fn: (store: Store) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-repo-'));
  const store = openStore(path.join(dir, 'td.db'));
  try {
    fn(store);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const chunk = (body: string, streams: string, tsBase = 1_000) => ({ count: streams.length, streams, tsBase, tsDeltas: Array.from(streams, (_, i) => i).join(','), body: Buffer.from(body, 'utf8') });

test('chunks stored as TEXT by an older Taskdeck and as bytes now read the same: windows across both, search in both', () => {
  withStore((store) => {
    // As the previous version stored them: the body bound as a string (TEXT).
    const old = store.db.prepare('INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
    old.run(7n, 1, 3, 'ooe', 1_000, '0,1,2', 'Alpha\nbéta ERROR\ngamma');
    store.logs.appendChunk(7n, 4, chunk('delta\nÉpsilon error\n', 'oos'));
    store.logs.appendChunk(7n, 7, chunk('zeta 😀', 'o', 5_000));
    const kinds = store.db.prepare('SELECT first_line, typeof(body) AS kind FROM log_chunks WHERE instance_id = 7 ORDER BY first_line').all();
    assert.deepEqual(kinds, [{ first_line: 1, kind: 'text' }, { first_line: 4, kind: 'blob' }, { first_line: 7, kind: 'blob' }]);

    assert.deepEqual(store.logs.window(7n, 2, 5).map((l) => [l.n, l.stream, l.text]), [
      [2, 'stdout', 'béta ERROR'], [3, 'stderr', 'gamma'], [4, 'stdout', 'delta'], [5, 'stdout', 'Épsilon error'], [6, 'system', ''],
    ]);
    assert.deepEqual(store.logs.window(7n, 7, 10).map((l) => [l.text, l.ts]), [['zeta 😀', new Date(5_000).toISOString()]]);
    assert.deepEqual(store.logs.find(7n, 1, 'error', 10), [2, 5]);
    assert.deepEqual(store.logs.find(7n, 3, 'ERROR', 10), [5]);
    assert.deepEqual(store.logs.find(7n, 1, 'béta', 10), [2]);
    assert.deepEqual(store.logs.find(7n, 1, '😀', 10), [7]);
    assert.deepEqual(store.logs.find(7n, 1, 'nowhere', 10), []);
    assert.deepEqual(store.logs.find(8n, 1, 'error', 10), [], 'another instance has none');
  });
});

test('after a burst of output the WAL, once checkpointed, is cut back when writing starts over (it does not keep the burst\'s size)', () => {
  withStore((store) => {
    const wal = `${store.db.name}-wal`;
    const body = Buffer.alloc(1024 * 1024, 0x78);
    // Past the limit in one burst, as one run's bulk output would be.
    const mib = Math.ceil(WAL_SIZE_LIMIT / body.length) + 8;
    for (let i = 0; i < mib; i++) store.txLogs(() => store.logs.appendChunk(9n, i + 1, { count: 1, streams: 'o', tsBase: 0, tsDeltas: '0', body }));
    assert.ok(fs.statSync(wal).size > WAL_SIZE_LIMIT, 'the burst grew the WAL past the limit');
    // What the checkpointer does once it has caught up; then the next write starts the WAL over.
    const [ck] = store.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    assert.equal(ck!.checkpointed, ck!.log);
    store.txLogs(() => store.logs.appendChunk(9n, mib + 1, { count: 1, streams: 'o', tsBase: 0, tsDeltas: '0', body: Buffer.from('after') }));
    assert.ok(fs.statSync(wal).size <= WAL_SIZE_LIMIT, `the WAL is ${fs.statSync(wal).size} bytes`);
    assert.equal(store.logs.window(9n, mib + 1, 1)[0]!.text, 'after');
  });
});
