import type { User } from '../../../shared/domain/users';
import type { Db } from './database';
import { withConstraints } from './constraint';
import { prepared } from './statements';

interface UserRow {
  id: number; user_name: string; nick_name: string; mobile: string; email: string | null;
  password_hash: string; roles: string; disabled: number; created_at: string; updated_at: string; prefs?: string;
}

export interface UserRecord { readonly user: User; readonly passwordHash: string }

// users.mobile is unique only when set (a partial index): many users may leave it empty.
const uniques = { 'users.user_name': 'user_name is already taken', 'users.email': 'email is already used by another user', 'users.mobile': 'mobile is already used by another user' };

function toUser(r: UserRow): User {
  return {
    id: r.id, user_name: r.user_name, nick_name: r.nick_name, mobile: r.mobile, email: r.email,
    roles: JSON.parse(r.roles) as string[], disabled: r.disabled === 1, created_at: r.created_at, updated_at: r.updated_at,
  };
}

export interface NewUser {
  user_name: string; nick_name: string; mobile: string; email: string | null; password_hash: string; roles: readonly string[];
}

export class UsersRepo {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY user_name').all() as UserRow[]).map(toUser);
  }

  get(id: number): User | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  byName(userName: string): UserRecord | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE user_name = ?').get(userName) as UserRow | undefined;
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  insert(u: NewUser, now: string): User {
    return withConstraints(() => {
      const info = this.db
        .prepare(`INSERT INTO users (user_name, nick_name, mobile, email, password_hash, roles, created_at, updated_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(u.user_name, u.nick_name, u.mobile, u.email, u.password_hash, JSON.stringify(u.roles), now, now);
      return this.get(Number(info.lastInsertRowid))!;
    }, uniques);
  }

  update(id: number, patch: Partial<Omit<NewUser, 'user_name'>> & { disabled?: boolean }, now: string): User | undefined {
    const cols: string[] = [];
    const vals: unknown[] = [];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      cols.push(`${k} = ?`);
      vals.push(k === 'roles' ? JSON.stringify(v) : k === 'disabled' ? (v ? 1 : 0) : v);
    }
    return withConstraints(() => {
      if (cols.length) this.db.prepare(`UPDATE users SET ${cols.join(', ')}, updated_at = ? WHERE id = ?`).run(...vals, now, id);
      return this.get(id);
    }, uniques);
  }

  /** The stored preferences as saved (raw JSON object); undefined for an unknown user. */
  prefs(id: number): unknown {
    const row = this.db.prepare('SELECT prefs FROM users WHERE id = ?').get(id) as { prefs: string } | undefined;
    return row && (JSON.parse(row.prefs) as unknown);
  }

  setPrefs(id: number, prefs: object): void {
    this.db.prepare('UPDATE users SET prefs = ? WHERE id = ?').run(JSON.stringify(prefs), id);
  }

  /** `key`: the session's id and its secret sealed, so a request signed with the secret can be checked (security level 1). */
  insertSession(tokenHash: string, userId: number, now: string, expiresAt: string, key?: { id: string; sealedSecret: string }): void {
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, key_id, sealed_secret) VALUES (?, ?, ?, ?, ?, ?)')
      .run(tokenHash, userId, now, expiresAt, key?.id ?? null, key?.sealedSecret ?? null);
  }

  /** The live session with signing key `keyId`: its token hash (what logout deletes) and sealed secret. */
  sessionByKey(keyId: string, now: string): { user: User; tokenHash: string; sealedSecret: string } | undefined {
    // Every request is authenticated here: compiled once.
    const row = prepared(this.db, `SELECT u.*, s.token_hash AS s_token_hash, s.sealed_secret AS s_sealed FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.key_id = ? AND s.expires_at > ? AND u.disabled = 0`)
      .get(keyId, now) as (UserRow & { s_token_hash: string; s_sealed: string | null }) | undefined;
    return row?.s_sealed ? { user: toUser(row), tokenHash: row.s_token_hash, sealedSecret: row.s_sealed } : undefined;
  }

  /** The user of a live session, or undefined when the token is unknown, expired or its user disabled. */
  sessionUser(tokenHash: string, now: string): User | undefined {
    const row = this.db
      .prepare(`SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`)
      .get(tokenHash, now) as UserRow | undefined;
    return row && toUser(row);
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteSessionsOf(userId: number): void {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  /** End a user's sessions but the one given (the one that changed the password); returns how many ended. */
  deleteOtherSessionsOf(userId: number, keepTokenHash: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?').run(userId, keepTokenHash).changes;
  }

  purgeExpiredSessions(now: string): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
  }
}
