import type { ApiToken, TokenScope } from '../../../shared/domain/tokens';
import type { Db } from './database';
import { withConstraints } from './constraint';

interface TokenRow {
  id: string; name: string; owner_id: number; owner: string; scopes: string; token_hash: string; sealed_secret: string;
  created_by: string; created_at: string; expires_at: string; last_used_at: string | null; revoked_at: string | null; revoked_by: string | null;
}

/** A token with what only the core may see: the hash of the secret, the sealed secret (the signing key), the owner's row id. */
export interface TokenRecord {
  readonly token: ApiToken;
  readonly ownerId: number;
  readonly tokenHash: string;
  readonly sealedSecret: string;
}

export interface NewToken {
  readonly id: string; readonly name: string; readonly ownerId: number; readonly scopes: readonly TokenScope[];
  readonly tokenHash: string; readonly sealedSecret: string; readonly createdBy: string; readonly expiresAt: string;
}

const uniques = { 'api_tokens.name': 'name is already used by a token that is not revoked' };

function toRecord(r: TokenRow): TokenRecord {
  return {
    token: {
      id: r.id, name: r.name, scopes: JSON.parse(r.scopes) as TokenScope[], owner: r.owner, created_by: r.created_by, created_at: r.created_at,
      expires_at: r.expires_at, last_used_at: r.last_used_at, revoked_at: r.revoked_at, revoked_by: r.revoked_by,
    },
    ownerId: r.owner_id,
    tokenHash: r.token_hash,
    sealedSecret: r.sealed_secret,
  };
}

const SELECT = 'SELECT t.*, u.user_name AS owner FROM api_tokens t JOIN users u ON u.id = t.owner_id';

/** API tokens for plug-ins: one row each, kept after revocation (the audit names them). */
export class TokensRepo {
  constructor(private readonly db: Db) {}

  insert(t: NewToken, now: string): TokenRecord {
    return withConstraints(() => {
      this.db
        .prepare(`INSERT INTO api_tokens (id, name, owner_id, scopes, token_hash, sealed_secret, created_by, created_at, expires_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(t.id, t.name, t.ownerId, JSON.stringify(t.scopes), t.tokenHash, t.sealedSecret, t.createdBy, now, t.expiresAt);
      return this.get(t.id)!;
    }, uniques);
  }

  get(id: string): TokenRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TokenRow | undefined;
    return row && toRecord(row);
  }

  /** Newest first; revoked ones too (what was revoked, when and by whom is worth seeing). */
  list(): ApiToken[] {
    return (this.db.prepare(`${SELECT} ORDER BY t.created_at DESC, t.id`).all() as TokenRow[]).map((r) => toRecord(r).token);
  }

  /** Record a use, at most once a minute per token: reads are frequent and the time is shown to the minute. */
  touch(id: string, now: string, staleBefore: string): void {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)').run(now, id, staleBefore);
  }

  /** Revoke once; false when it was already revoked. */
  revoke(id: string, by: string, now: string): boolean {
    return this.db.prepare('UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(now, by, id).changes === 1;
  }
}
