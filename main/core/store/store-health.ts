import { AppError } from '../../../shared/api/errors';

/** Whether the store can be written: false after a write failed for want of disk (full, I/O error) until one succeeds. */
export interface StoreHealthState {
  readonly writable: boolean;
  readonly error: string | null;
  /** When the current state began (ISO time); null while the store has always been writable. */
  readonly since: string | null;
}

/** The system's codes for the same, met writing a log file beside the store. */
const FILE_DISK_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS']);

/** SQLite's codes (or the system's) for a disk that cannot take a write (full, failing, remounted read-only): the console stays up and says so. */
export function isDiskError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY') || FILE_DISK_ERRORS.has(code));
}

/** A write refused for want of disk: SQLite's own code on a bare statement, `unavailable` from a transaction. */
export function isStoreUnavailable(err: unknown): boolean {
  return isDiskError(err) || (err instanceof AppError && err.code === 'unavailable');
}

/**
 * Tracks write failures of the store. A failed write turns it unwritable (with the error and
 * since when); the next write that succeeds turns it writable again. A request that meets a full
 * disk gets 503 `unavailable` with what to do, never a 500.
 */
export class StoreHealth {
  private current: StoreHealthState = { writable: true, error: null, since: null };

  constructor(private readonly now: () => Date = () => new Date()) {}

  get state(): StoreHealthState {
    return this.current;
  }

  /** Run a write; a disk failure is recorded and comes back as `unavailable`. */
  write<T>(fn: () => T): T {
    let result: T;
    try {
      result = fn();
    } catch (err) {
      if (!isDiskError(err)) throw err;
      const message = (err as Error).message;
      if (this.current.writable) this.current = { writable: false, error: message, since: this.now().toISOString() };
      throw new AppError('unavailable', `the store cannot be written (${message}): free space on the disk of the data folder; Taskdeck resumes writing when it can`);
    }
    if (!this.current.writable) this.current = { writable: true, error: null, since: this.now().toISOString() };
    return result;
  }
}
