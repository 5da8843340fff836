import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { Clock } from '../clock';
import type { AuditFilter, AuditInsert, AuditRow } from '../store/audit-repo';
import type { Store } from '../store/store';

function chainHash(prev: string, r: AuditInsert): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.ts, r.actor, r.action, r.target_type, r.target_id, r.details]))
    .digest('hex');
}

/** Append-only, hash-chained audit log. `record` must run inside the caller's transaction. */
export class AuditService {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  record(actor: string, action: string, targetType: string, targetId: string | number | null, details: Record<string, unknown> = {}): void {
    const row: AuditInsert = {
      ts: this.clock.now().toISOString(), actor, action, target_type: targetType,
      target_id: targetId === null ? null : String(targetId), details: JSON.stringify(details),
    };
    const prev = this.store.audit.lastHash();
    this.store.audit.insert(row, prev, chainHash(prev, row));
  }

  list(f: AuditFilter): AuditEntry[] {
    return this.store.audit.list(f);
  }

  /** Walk the chain; the first row whose link or hash does not hold is reported. */
  verify(): { ok: boolean; checked: number; first_broken_id: number | null } {
    let prev = '';
    let checked = 0;
    for (const r of this.store.audit.iterate() as Iterable<AuditRow>) {
      checked++;
      if (r.prev_hash !== prev || chainHash(prev, r) !== r.hash) return { ok: false, checked, first_broken_id: r.id };
      prev = r.hash;
    }
    return { ok: true, checked, first_broken_id: null };
  }
}
