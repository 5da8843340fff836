import type { KeyKind } from '../../../shared/domain/bundles';
import type { Db } from './database';
import { prepared } from './statements';

/** A signing key as stored: the private half sealed with the data folder's secret key. */
export interface SigningKeyRow {
  key_id: string; kind: KeyKind; owner: string; public_key: string; sealed_private_key: string; created_at: string; retired_at: string | null;
}

/** Users' and the console's own signing keys; one active key per owner, older ones retired (kept: decisions name them). */
export class SigningKeysRepo {
  constructor(private readonly db: Db) {}

  active(kind: KeyKind, owner: string): SigningKeyRow | undefined {
    return prepared(this.db, 'SELECT * FROM signing_keys WHERE kind = ? AND owner = ? AND retired_at IS NULL').get(kind, owner) as SigningKeyRow | undefined;
  }

  /** Add `row` as the owner's active key, retiring the one it replaces. */
  replace(row: Omit<SigningKeyRow, 'retired_at'>): SigningKeyRow {
    prepared(this.db, 'UPDATE signing_keys SET retired_at = ? WHERE kind = ? AND owner = ? AND retired_at IS NULL').run(row.created_at, row.kind, row.owner);
    prepared(this.db, 'INSERT INTO signing_keys (key_id, kind, owner, public_key, sealed_private_key, created_at) VALUES (@key_id, @kind, @owner, @public_key, @sealed_private_key, @created_at)').run(row);
    return this.active(row.kind, row.owner)!;
  }
}
