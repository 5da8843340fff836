import { type AuditCategory, categoryActions, knownAuditActions, SCHEDULED_TRIGGERS, TASK_RUN } from '../../../shared/domain/audit-categories';
import type { ChainRow } from '../domain/audit-chain';
import type { Db } from './database';
import { containing } from './instances-repo';
import { prepared } from './statements';

type AuditRow = ChainRow;

/** The append-only guard of migration 1, lifted only while a chain written before keying is re-keyed. */
const NO_UPDATE_TRIGGER = "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END";

export interface AuditInsert {
  ts: string; actor: string; action: string; target_type: string; target_id: string | null; details: string;
}

export interface AuditFilter {
  action?: string; target_type?: string; actor?: string;
  /** Only these categories (absent: all). */
  category?: readonly AuditCategory[];
  /** ISO times: at or after `from`, before `to`. */
  from?: string; to?: string;
  /** Text anywhere in the entry or its target's current name (case-insensitive). */
  q?: string;
  before_id?: number; limit: number;
}

/** A row as listed: its details parsed, and its target's current name (one lookup by primary key per row, in the same query). */
export interface AuditListed { id: number; ts: string; actor: string; action: string; target_type: string; target_id: string | null; details: unknown; hash: string; current_name: string | null }

/**
 * The name a target has now, looked up in the listing's own query. Ids of things users name are never reused
 * (AUTOINCREMENT), so a name found belongs to the same thing; a deleted one has none (its entry carried it).
 */
const CURRENT_NAME = `CASE a.target_type
  WHEN 'task' THEN (SELECT name FROM tasks WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'host' THEN (SELECT name FROM hosts WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'group' THEN (SELECT name FROM groups WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'binding' THEN (SELECT name FROM bindings WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'process' THEN (SELECT name FROM processes WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'user' THEN (SELECT user_name FROM users WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'request' THEN (SELECT task_name FROM change_requests WHERE id = CAST(a.target_id AS INTEGER))
  WHEN 'token' THEN (SELECT name FROM api_tokens WHERE id = a.target_id)
END`;

/** The SQL of a category filter, from the domain's lists (auditCategoryOf says the same per entry; a test holds them together). */
function categoryWhere(categories: readonly AuditCategory[], vals: unknown[]): string {
  const want = new Set(categories);
  const parts: string[] = [];
  const actions = [...want].flatMap((c) => (c in categoryActions ? categoryActions[c as keyof typeof categoryActions] : []));
  if (actions.length) {
    parts.push(`action IN (${actions.map(() => '?').join(', ')})`);
    vals.push(...actions);
  }
  const triggers = SCHEDULED_TRIGGERS.map(() => '?').join(', ');
  if (want.has('runs') && want.has('scheduler')) {
    parts.push('action = ?');
    vals.push(TASK_RUN);
  } else if (want.has('runs') || want.has('scheduler')) {
    parts.push(`(action = ? AND coalesce(json_extract(details, '$.trigger'), '') ${want.has('runs') ? 'NOT IN' : 'IN'} (${triggers}))`);
    vals.push(TASK_RUN, ...SCHEDULED_TRIGGERS);
  }
  if (want.has('other')) {
    parts.push(`action NOT IN (${knownAuditActions.map(() => '?').join(', ')})`);
    vals.push(...knownAuditActions);
  }
  return parts.length ? `(${parts.join(' OR ')})` : '0';
}

/** The text filter: one LIKE over what an entry shows (ASCII case-insensitive, as SQLite's LIKE is). */
function textWhere(q: string, vals: unknown[]): string {
  const cols = ['actor', 'action', 'target_type', 'target_id', 'details', `(${CURRENT_NAME})`];
  vals.push(...cols.map(() => containing(q)));
  return `(${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`;
}

/** Details as stored; text that is not JSON (a row edited outside Taskdeck) is shown as it is, for verify to judge. */
function parseDetails(details: string): unknown {
  try {
    return JSON.parse(details);
  } catch {
    return details;
  }
}

function toListed(r: AuditRow & { current_name: string | null }): AuditListed {
  return { id: r.id, ts: r.ts, actor: r.actor, action: r.action, target_type: r.target_type, target_id: r.target_id, details: parseDetails(r.details), hash: r.hash, current_name: r.current_name };
}

export class AuditRepo {
  constructor(private readonly db: Db) {}

  lastHash(): string {
    return (prepared(this.db, 'SELECT hash FROM audit ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? '';
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
    // Every audited action writes here (every run's start): compiled once.
    prepared(this.db, 'INSERT INTO audit (ts, actor, action, target_type, target_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.ts, row.actor, row.action, row.target_type, row.target_id, row.details, prevHash, hash);
  }

  /** Newest first, with each target's current name. */
  list(f: AuditFilter): AuditListed[] {
    const where: string[] = [];
    const vals: unknown[] = [];
    if (f.action) { where.push('action = ?'); vals.push(f.action); }
    if (f.target_type) { where.push('target_type = ?'); vals.push(f.target_type); }
    if (f.actor) { where.push('actor = ?'); vals.push(f.actor); }
    if (f.category) where.push(categoryWhere(f.category, vals));
    // Stored times are Date.toISOString() text: a bound in the same form compares as time.
    if (f.from) { where.push('ts >= ?'); vals.push(new Date(f.from).toISOString()); }
    if (f.to) { where.push('ts < ?'); vals.push(new Date(f.to).toISOString()); }
    if (f.q !== undefined) where.push(textWhere(f.q, vals));
    if (f.before_id) { where.push('id < ?'); vals.push(f.before_id); }
    const sql = `SELECT a.*, ${CURRENT_NAME} AS current_name FROM audit a ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...vals, f.limit) as (AuditRow & { current_name: string | null })[]).map(toListed);
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
