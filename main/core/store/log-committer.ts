import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { LogChunk } from '../domain/log-chunks';
import type { Store } from './store';

/** What one flush stores for one instance: its new chunks and its counters, together. */
export interface LogCommit {
  readonly id: bigint;
  /** Line number of the first line of the first chunk. */
  readonly first: number;
  readonly chunks: readonly LogChunk[];
  readonly lines: number;
  readonly bytes: number;
  readonly truncated: 0 | 1;
  readonly offsets: { readonly out: number; readonly err: number } | null;
}

/** Stores flushes in order, each in one transaction: a crash loses no line that was counted. */
export interface LogCommitter {
  /** Resolves once this batch (and every earlier one) is committed; rejects with the store's error. */
  commit(batch: readonly LogCommit[]): Promise<void>;
  dispose(): Promise<void>;
}

/** The SQL of a commit: used on this thread and in the worker alike. */
export const INSERT_CHUNK = 'INSERT INTO log_chunks (instance_id, first_line, line_count, streams, ts_base, ts_deltas, body) VALUES (?, ?, ?, ?, ?, ?, ?)';
export const UPDATE_COUNTERS = 'UPDATE instances SET log_lines = ?, log_bytes = ?, log_truncated = ?, out_offset = coalesce(?, out_offset), err_offset = coalesce(?, err_offset) WHERE id = ?';

/** Commits on the calling thread (where the driver cannot be loaded in a worker). */
export function inThreadCommitter(store: Store): LogCommitter {
  return {
    commit(batch) {
      try {
        store.txLogs(() => {
          for (const c of batch) {
            let n = c.first;
            for (const chunk of c.chunks) {
              store.logs.appendChunk(c.id, n, chunk);
              n += chunk.count;
            }
            store.instances.update(c.id, { log_lines: c.lines, log_bytes: c.bytes, log_truncated: c.truncated, ...(c.offsets ? { out_offset: c.offsets.out, err_offset: c.offsets.err } : {}) });
          }
        });
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err as Error);
      }
    },
    dispose: () => Promise.resolve(),
  };
}

/** Runs in the worker: its own connection; one immediate transaction per batch, acknowledged by sequence number. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 10000');
db.pragma('synchronous = NORMAL');
const insert = db.prepare(workerData.insertChunk);
const counters = db.prepare(workerData.updateCounters);
const commit = db.transaction((batch) => {
  for (const c of batch) {
    let n = c.first;
    for (const k of c.chunks) { insert.run(c.id, n, k.count, k.streams, k.tsBase, k.tsDeltas, k.body); n += k.count; }
    counters.run(c.lines, c.bytes, c.truncated, c.offsets ? c.offsets.out : null, c.offsets ? c.offsets.err : null, c.id);
  }
});
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); process.exit(0); }
  let error;
  try { commit.immediate(m.batch); } catch (e) { error = String((e && e.message) || e); }
  Atomics.store(workerData.done, 0, m.seq);
  Atomics.notify(workerData.done, 0);
  parentPort.postMessage({ seq: m.seq, error });
});
`;

/**
 * Commits log chunks from a worker thread with its own connection, so storing output (a quarter
 * of a bulk run's time) never blocks the event loop that reads the channels. Falls back to the
 * calling thread where the driver cannot be located (a bundle without node_modules).
 */
export function startLogCommitter(file: string, store: Store, maxBacklogBytes = 32 * 1024 * 1024): LogCommitter {
  let driver: string;
  try {
    driver = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return inThreadCommitter(store);
  }
  // The last batch the worker finished, readable without waiting for its message.
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, done, insertChunk: INSERT_CHUNK, updateCounters: UPDATE_COUNTERS } });
  worker.unref();
  const waiting = new Map<number, { resolve(): void; reject(e: Error): void }>();
  let seq = 0;
  let failed: Error | null = null;
  /** Bytes of each batch not yet stored, in order: memory stays bounded if the disk is slower than the output. */
  const backlog: [number, number][] = [];
  let backlogBytes = 0;
  const settle = (): void => {
    const finished = Atomics.load(done, 0);
    while (backlog.length && backlog[0]![0] <= finished) backlogBytes -= backlog.shift()![1];
  };
  const waitForBacklog = (): void => {
    settle();
    // Rare: the output outruns the disk. Wait here, as a commit on this thread would, until it catches up.
    while (backlogBytes > maxBacklogBytes && !failed) {
      Atomics.wait(done, 0, Atomics.load(done, 0), 1000);
      settle();
    }
  };
  const fail = (err: Error): void => {
    failed = err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (m: { seq: number; error?: string }) => {
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (m.error) w?.reject(new Error(`storing log lines failed: ${m.error}`));
    else w?.resolve();
  });
  worker.on('error', (err) => fail(err));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => {
    fail(failed ?? new Error('the log writer thread exited'));
    resolve();
  }));
  return {
    commit(batch) {
      if (failed) return Promise.reject(failed);
      const n = ++seq;
      const bytes = batch.reduce((sum, c) => sum + c.chunks.reduce((s2, k) => s2 + k.body.length, 0), 0);
      backlog.push([n, bytes]);
      backlogBytes += bytes;
      if (backlogBytes > maxBacklogBytes) waitForBacklog();
      return new Promise<void>((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        // Held while a commit is outstanding: the process waits for the lines it counted.
        if (waiting.size === 1) worker.ref();
        worker.postMessage({ seq: n, batch });
      }).finally(() => {
        if (waiting.size === 0) worker.unref();
      });
    },
    async dispose() {
      if (!failed) {
        worker.postMessage('close');
        await exited;
      }
    },
  };
}
