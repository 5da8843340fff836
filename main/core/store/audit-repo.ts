import type { AuditEntry } from '../../../shared/domain/audit';
import type { ChainRow } from '../domain/audit-chain';
import type { Db } from './database';

type AuditRow = ChainRow;

/** The append-only guard of migration 1, lifted only while a chain written before keying is re-keyed. */
const NO_UPDATE_TRIGGER = "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END";

export interface AuditInsert {
  ts: string; actor: string; action: string; target_type: string; target_id: string | null; details: string;
}

export interface AuditFilter { action?: string; target_type?: string; actor?: string; before_id?: number; limit: number }

/** Details as stored; text that is not JSON (a row edited outside Taskdeck) is shown as it is, for verify to judge. */
function parseDetails(details: string): unknown {
  try {
    return JSON.parse(details);
  } catch {
    return details;
  }
}

function toEntry(r: AuditRow): AuditEntry {
  return { id: r.id, ts: r.ts, actor: r.actor, action: r.action, target_type: r.target_type, target_id: r.target_id, details: parseDetails(r.details), hash: r.hash };
}

export class AuditRepo {
  constructor(private readonly db: Db) {}

  lastHash(): string {
    return (this.db.prepare('SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? '';
  }

  /** The newest entry's id and hash. */
  head(): { id: number; hash: string } | undefined {
    return this.db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  }

  /** The oldest entry's hash ('' when there is none). */
  firstHash(): string {
    return (this.db.prepare('SELECT hash FROM audit ORDER BY id LIMIT 1').get() as { hash: string } | undefined)?.hash ?? '';
  }

  hashOf(id: number): string | undefined {
    return (this.db.prepare('SELECT hash FROM audit WHERE id = ?').get(id) as { hash: string } | undefined)?.hash;
  }

  /** Entries after `id` (a range of the primary key: cheap for the few since the last anchor). */
  countAfter(id: number): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audit WHERE id > ?').get(id) as { n: number }).n;
  }

  /** Replace entries' links and hashes; only inside the caller's transaction. */
  rechain(rows: readonly { id: number; prev_hash: string; hash: string }[]): void {
    if (!this.db.inTransaction) throw new Error('rechain runs inside a transaction');
    this.db.exec('DROP TRIGGER IF EXISTS audit_no_update');
    const update = this.db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?');
    for (const r of rows) update.run(r.prev_hash, r.hash, r.id);
    this.db.exec(NO_UPDATE_TRIGGER);
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

  /** Up to `limit` rows after `afterId`, in chain order: a walk that lets other work run between pages. */
  page(afterId: number, limit: number): AuditRow[] {
    return this.db.prepare('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as AuditRow[];
  }

  /** Every row in chain order. */
  *iterate(): IterableIterator<AuditRow> {
    yield* this.db.prepare('SELECT * FROM audit ORDER BY id').iterate() as IterableIterator<AuditRow>;
  }
}
export type { AuditRow };
