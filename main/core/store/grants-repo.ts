import type { Db } from './database';

export interface GrantRow {
  id: number; user_name: string; host_id: number; request_id: number | null; granted_by: string | null; granted_at: string; expires_at: string; revoked_at: string | null; revoked_by: string | null;
}

export type GrantView = GrantRow & { host_name: string | null; active: number };

const VIEW = 'SELECT g.*, h.name AS host_name, (g.expires_at > ? AND g.revoked_at IS NULL) AS active FROM grants g LEFT JOIN hosts h ON h.id = g.host_id';

/** Time-limited permissions to run on hosts, from approved applications. */
export class GrantsRepo {
  constructor(private readonly db: Db) {}

  /** From an approved application (`requestId`) or an admin (`grantedBy`); returns the grant's id. */
  insert(userName: string, hostId: number, requestId: number | null, grantedAt: string, expiresAt: string, grantedBy: string | null = null): number {
    return Number(this.db.prepare('INSERT INTO grants (user_name, host_id, request_id, granted_at, expires_at, granted_by) VALUES (?, ?, ?, ?, ?, ?)').run(userName, hostId, requestId, grantedAt, expiresAt, grantedBy).lastInsertRowid);
  }

  /** Hosts a user may run on at `now`. */
  activeHosts(userName: string, now: string): Set<number> {
    const rows = this.db.prepare('SELECT host_id FROM grants WHERE user_name = ? AND expires_at > ? AND revoked_at IS NULL').all(userName, now) as { host_id: number }[];
    return new Set(rows.map((r) => r.host_id));
  }

  list(userName: string | undefined, now: string): GrantView[] {
    return this.db
      .prepare(`${VIEW} ${userName ? 'WHERE g.user_name = ?' : ''} ORDER BY g.id DESC LIMIT 500`)
      .all(now, ...(userName ? [userName] : [])) as GrantView[];
  }

  get(id: number, now: string): GrantView | undefined {
    return this.db.prepare(`${VIEW} WHERE g.id = ?`).get(now, id) as GrantView | undefined;
  }

  /** End a lasting grant now; false when it had already ended. */
  revoke(id: number, by: string, now: string): boolean {
    return this.db.prepare('UPDATE grants SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL AND expires_at > ?').run(now, by, id, now).changes > 0;
  }

  /** Grants that lapsed since the last sweep and were not yet recorded as revoked. */
  lapse(now: string): GrantRow[] {
    const rows = this.db.prepare('SELECT * FROM grants WHERE expires_at <= ? AND revoked_at IS NULL').all(now) as GrantRow[];
    this.db.prepare('UPDATE grants SET revoked_at = expires_at WHERE expires_at <= ? AND revoked_at IS NULL').run(now);
    return rows;
  }
}
