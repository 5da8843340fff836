import type { KeyKind, TrustedKey } from '../../../shared/domain/bundles';
import type { Db } from './database';
import { prepared } from './statements';
import { withConstraints } from './constraint';

export type TrustInsert = Omit<TrustedKey, 'id' | 'revoked_by' | 'revoked_at'> & { kind: KeyKind };

/** The admin's trust store: public keys bound to a user and role (or to a console), revocable, never deleted. */
export class TrustRepo {
  constructor(private readonly db: Db) {}

  list(): TrustedKey[] {
    return prepared(this.db, 'SELECT * FROM trusted_keys ORDER BY id').all() as TrustedKey[];
  }

  get(id: number): TrustedKey | undefined {
    return prepared(this.db, 'SELECT * FROM trusted_keys WHERE id = ?').get(id) as TrustedKey | undefined;
  }

  /** The entry that decides about a key: the active one, else the newest revoked one. */
  byKeyId(keyId: string): TrustedKey | undefined {
    return prepared(this.db, 'SELECT * FROM trusted_keys WHERE key_id = ? ORDER BY revoked_at IS NULL DESC, id DESC LIMIT 1').get(keyId) as TrustedKey | undefined;
  }

  /** Active user keys bound to one of these roles (what a request bundle lists as its possible approvers). */
  activeApprovers(roles: readonly string[]): TrustedKey[] {
    return prepared(this.db, "SELECT * FROM trusted_keys WHERE kind = 'user' AND revoked_at IS NULL AND role IN (SELECT value FROM json_each(?)) ORDER BY id")
      .all(JSON.stringify(roles)) as TrustedKey[];
  }

  insert(t: TrustInsert): TrustedKey {
    const info = withConstraints(
      () => prepared(this.db, `INSERT INTO trusted_keys (key_id, kind, public_key, user_name, role, console_id, label, added_by, added_at)
        VALUES (@key_id, @kind, @public_key, @user_name, @role, @console_id, @label, @added_by, @added_at)`).run(t),
      { 'trusted_keys.key_id': 'this key is already trusted; revoke it first to bind it to someone else' },
    );
    return this.get(Number(info.lastInsertRowid))!;
  }

  revoke(id: number, by: string, at: string): TrustedKey {
    prepared(this.db, 'UPDATE trusted_keys SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(by, at, id);
    return this.get(id)!;
  }
}
