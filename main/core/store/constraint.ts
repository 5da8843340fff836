import { SqliteError } from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';

/** Run a write; turn UNIQUE and FOREIGN KEY violations into 409/404 errors that name the field. */
export function withConstraints<T>(fn: () => T, unique: Readonly<Record<string, string>>, foreignKey = 'a referenced row does not exist'): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SqliteError) {
      if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        const column = Object.keys(unique).find((c) => err.message.includes(c));
        throw new AppError('conflict', column ? unique[column]! : 'a row with the same key already exists', column ? { field: column.split('.').pop() } : undefined);
      }
      if (err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new AppError('not_found', foreignKey);
    }
    throw err;
  }
}
