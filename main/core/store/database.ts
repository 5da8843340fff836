import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations';

export type Db = Database.Database;

export class StoreError extends Error {
  override name = 'StoreError';
}

/** Open (or create) the store: WAL, foreign keys, migrations, and a quick_check before anything else. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  try {
    // A new store's pages are 16 KB: log chunks span a few pages, not a dozen (a third less work per
    // chunk stored). An existing store keeps its page size (WAL cannot change it).
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    // NORMAL between transactions; the store's tx() raises it to FULL for everything but log chunks.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError(`database ${file} failed its integrity check: ${String(check)}`);
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
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

/** Online backup through SQLite's backup API: safe while the store is in use. */
export async function backupDatabase(db: Db, dir: string, now: Date): Promise<{ path: string; bytes: number }> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `taskdeck-${stamp}.db`);
  await db.backup(target);
  return { path: target, bytes: fs.statSync(target).size };
}
