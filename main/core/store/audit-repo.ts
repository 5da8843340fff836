import type { AuditEntry } from '../../../shared/domain/audit';
import type { Db } from './database';

interface AuditRow {
  id: number; ts: string; actor: string; action: string; target_type: string; target_id: string | null;
  details: string; prev_hash: string; hash: string;
}

export interface AuditInsert {
  ts: string; actor: string; action: string; target_type: string; target_id: string | null; details: string;
}

export interface AuditFilter { action?: string; target_type?: string; actor?: string; before_id?: number; limit: number }

function toEntry(r: AuditRow): AuditEntry {
  return { id: r.id, ts: r.ts, actor: r.actor, action: r.action, target_type: r.target_type, target_id: r.target_id, details: JSON.parse(r.details), hash: r.hash };
}

export class AuditRepo {
  constructor(private readonly db: Db) {}

  lastHash(): string {
    return (this.db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? '';
  }

  insert(row: AuditInsert, prevHash: string, hash: string): void {
    this.db
      .prepare('INSERT INTO audit (ts, actor, action, target_type, target_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.ts, row.actor, row.action, row.target_type, row.target_id, row.details, prevHash, hash);
  }

  list(f: AuditFilter): AuditEntry[] {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (f.action) { where.push('action = ?'); vals.push(f.action); }
    if (f.target_type) { where.push('target_type = ?'); vals.push(f.target_type); }
    if (f.actor) { where.push('actor = ?'); vals.push(f.actor); }
    if (f.before_id) { where.push('id < ?'); vals.push(f.before_id); }
    const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...vals, f.limit) as AuditRow[]).map(toEntry);
  }

  /** Every row in chain order, for verification. */
  *iterate(): IterableIterator<AuditRow> {
    yield* this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<AuditRow>;
  }
}
export type { AuditRow };
