import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Bytes the WAL file is cut back to when it starts over after a burst. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** Marks a file as Taskdeck's store (SQLite's application_id): "TDCK". */
const APPLICATION_ID = 0x5444434b;

/**
 * Open (or create) the store: WAL, foreign keys, migrations, and a quick_check before anything else.
 * Only a missing file starts a new store: an empty file or another program's database is refused,
 * never taken for a first run (which would open the first-run form to anyone).
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const isNew = createPrivate(file);
  const db = new Database(file);
  try {
    checkOurs(db, file, isNew);
    // Only once the file is known to be ours: another program's file keeps its mode.
    privateFiles(file);
    // A new store's pages are 4 KB. Every commit writes each page it touched twice (to the WAL, then
    // the checkpoint), and a run's commits touch a row or two in each of a dozen tables and indexes:
    // with 16 KB pages a one-host run wrote 447 KiB, with 4 KB 139 KiB, and its latency fell by a
    // tenth. (16 KB paid off while log bodies were in rows; they are in files past 64 KiB now.) An
    // existing store keeps its page size: WAL cannot change it, and a VACUUM of a store holding
    // gigabytes of older logs would hold up the start.
    db.pragma('page_size = 4096');
    db.pragma('journal_mode = WAL');
    // NORMAL between transactions; the store's tx() raises it to FULL for everything but log chunks.
    db.pragma('synchronous = NORMAL');
    // A burst of output (a GiB of one run's log) grows the WAL to its size while the checkpointer
    // chases it; once it has caught up, the next write starts the WAL over and cuts it back to this.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Freed pages are zeroed: a deleted or replaced value (a secret sealed at start-up) leaves no copy behind.
    db.pragma('secure_delete = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError(`database ${file} failed its integrity check: ${String(check)}`);
    migrate(db, file);
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    privateFiles(file);
    return db;
  } catch (err) {
    db.close();
    throw (err as { code?: string }).code === 'SQLITE_NOTADB' ? notOurs(file, 'it is not an SQLite database') : err;
  }
}

/**
 * A new store is made aside, private (its -wal and -shm take the file's mode), marked as Taskdeck's,
 * then renamed into place: a crash at first start leaves no empty file that later starts would refuse.
 * True when the store is new.
 */
function createPrivate(file: string): boolean {
  if (fs.existsSync(file)) {
    if (fs.statSync(file).size === 0) {
      throw new StoreError(
        `database ${file} is empty (0 bytes): it is not a Taskdeck store, and Taskdeck will not start over on it. ` +
          'If it was cut short, restore a backup (backups/ in the data folder); to start afresh, move the file away.',
      );
    }
    return false;
  }
  const aside = `${file}.creating`;
  fs.rmSync(aside, { force: true });
  fs.closeSync(fs.openSync(aside, 'wx', 0o600));
  const db = new Database(aside);
  try {
    db.pragma('page_size = 4096');
    db.pragma(`application_id = ${APPLICATION_ID}`);
  } finally {
    db.close();
  }
  fs.renameSync(aside, file);
  return true;
}

/** A store made by an older Taskdeck may be 0644; its files are the user's alone. */
function privateFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

function notOurs(file: string, why: string): StoreError {
  return new StoreError(`${file} is not a Taskdeck database (${why}); point --data-dir at a Taskdeck data folder, or move the file away to start afresh`);
}

/**
 * An existing file must carry Taskdeck's mark, or be a store from before the mark (a user_version
 * and Taskdeck's first tables); anything else (an unmarked database with no tables too) is another
 * program's file, refused before anything is written to it or its mode is changed.
 */
function checkOurs(db: Db, file: string, isNew: boolean): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (isNew || appId === APPLICATION_ID) return;
  if (appId !== 0) throw notOurs(file, `it belongs to another application (application_id ${appId})`);
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const ours = ['users', 'sessions', 'settings', 'hosts', 'audit'].every((t) => tables.has(t));
  // A new store is marked before it is renamed into place (createPrivate): no crash of ours leaves an unmarked, empty one.
  if (tables.size === 0 && version === 0) throw notOurs(file, 'it is an SQLite database with no tables and no Taskdeck mark');
  if (version > migrations.length) return; // a newer Taskdeck's: migrate() says so
  if (version === 0 || !ours) throw notOurs(file, version === 0 ? `it has tables (${[...tables].slice(0, 5).join(', ')}) but no Taskdeck schema version` : 'it lacks Taskdeck\'s tables');
}

function migrate(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new StoreError(
      `database ${file} is at schema version ${current}, newer than this Taskdeck understands (${migrations.length}); ` +
        'use a newer Taskdeck or restore a backup',
    );
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** Bytes of the store copied so far, and its size in bytes, as the backup goes. */
export type BackupProgress = (copiedBytes: number, totalBytes: number) => void;

/**
 * Online backup through SQLite's backup API: safe while the store is in use. SQLite counts pages;
 * `onProgress` gets bytes (pages × page size), and is not called when the copy takes one step.
 */
export async function backupDatabase(db: Db, dir: string, now: Date, onProgress: BackupProgress = () => {}): Promise<{ path: string; bytes: number }> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `taskdeck-${stamp}.db`);
  fs.chmodSync(dir, 0o700);
  // The copy holds what the store holds: created private before SQLite writes into it.
  fs.closeSync(fs.openSync(target, 'wx', 0o600));
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const step = Math.max(1, Math.round(BACKUP_STEP_BYTES / pageSize));
  await db.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress((totalPages - remainingPages) * pageSize, totalPages * pageSize);
      return step;
    },
  });
  fs.chmodSync(target, 0o600);
  return { path: target, bytes: fs.statSync(target).size };
}

/** Bytes of pages per backup step (whatever the store's page size), so progress moves a few times a second and other work gets the loop between steps. */
const BACKUP_STEP_BYTES = 1_600_000;
