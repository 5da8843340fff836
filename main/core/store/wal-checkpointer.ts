import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Runs in the worker: its own connection, a PASSIVE checkpoint every interval, close on request. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// fileMustExist: a worker that starts late (a loaded machine) must never create the file the store already closed.
let db;
try { db = new Database(workerData.file, { fileMustExist: true }); } catch { process.exit(0); }
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * Checkpoints the WAL from a worker thread with its own connection, so copying pages into the
 * database file and waiting for the disk never block the event loop. The main connection runs
 * with wal_autocheckpoint = 0. A checkpoint syncs the WAL first: what was committed with
 * synchronous=NORMAL is on the disk within an interval.
 */
export function startCheckpointer(file: string, intervalMs = 250): { dispose(): Promise<void> } | null {
  let driver: string;
  try {
    driver = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return null; // bundled where the driver cannot be located: SQLite's own auto-checkpoint stays on
  }
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, driver } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    dispose: async () => {
      // Held until it has closed: an unref'd worker would let the loop end while its exit is awaited.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
