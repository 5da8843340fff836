import type { AuditEntry, AuditVerify } from '../../../shared/domain/audit';
import { auditCategoryOf } from '../../../shared/domain/audit-categories';
import { auditSentence, recordedName } from '../../../shared/domain/audit-sentences';
import { CSV_BOM, csvRow } from '../../../shared/csv';
import type { Clock } from '../clock';
import { type Anchor, ChainVerifier, entryMac, isLegacyChain, openAnchor, REANCHORED, REKEYED, signAnchor } from '../domain/audit-chain';
import { AuditAnchorFile } from '../store/audit-anchor-file';
import type { AuditFilter, AuditInsert, AuditListed } from '../store/audit-repo';
import type { Store } from '../store/store';

/** HKDF label of the chain's key: a subkey of the console's secret key, used for nothing else. */
export const AUDIT_KEY_LABEL = 'taskdeck audit v1';
/** Entries verified per turn of the event loop (~10 ms of HMACs). */
const VERIFY_PAGE = 2000;
/** Entries read per page of a CSV export: no SQLite cursor stays open while a slow reader holds the download. */
const EXPORT_PAGE = 500;
const CSV_COLUMNS = ['id', 'time', 'actor', 'category', 'action', 'target_type', 'target_id', 'target_name', 'sentence', 'details'] as const;

/** A listed row as the API shows it: named, categorised and said in words. */
export function toAuditEntry(r: AuditListed): AuditEntry {
  const { current_name, ...row } = r;
  return { ...row, target_name: recordedName(r.details) ?? current_name, category: auditCategoryOf(r.action, r.details), sentence: auditSentence({ ...r, target_name: current_name }) };
}

export interface AuditOptions {
  readonly secrets: { deriveKey(label: string): Buffer };
  /** `audit-anchor.json` in the data folder: outside the database, so cutting the database's tail shows. */
  readonly anchorPath: string;
  readonly onError: (message: string) => void;
}

/**
 * Append-only audit log, chained with an HMAC keyed from the console's secret key and anchored
 * (length and head) in a file outside the database. `record` must run inside the caller's
 * transaction; the anchor follows once that transaction has committed, coalesced per burst.
 */
export class AuditService {
  private readonly key: Buffer;
  private readonly anchorFile: AuditAnchorFile;
  /** What this process last anchored; null until start(), or once the chain no longer contains it. */
  private anchored: Anchor | null = null;
  private pending: NodeJS.Immediate | null = null;
  private writing: Promise<void> | null = null;
  private dirty = false;
  private disposed = false;
  private verifying: Promise<AuditVerify> | null = null;

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly o: AuditOptions) {
    this.key = o.secrets.deriveKey(AUDIT_KEY_LABEL);
    this.anchorFile = new AuditAnchorFile(o.anchorPath);
  }

  record(actor: string, action: string, targetType: string, targetId: string | number | null, details: Record<string, unknown> = {}): void {
    const row: AuditInsert = {
      ts: this.clock.now().toISOString(), actor, action, target_type: targetType,
      target_id: targetId === null ? null : String(targetId), details: JSON.stringify(details),
    };
    const prev = this.store.audit.lastHash();
    this.store.audit.insert(row, prev, entryMac(this.key, prev, row));
    this.scheduleAnchor();
  }

  list(f: AuditFilter): AuditEntry[] {
    return this.store.audit.list(f).map(toAuditEntry);
  }

  /** The filtered log, newest first, as CSV text pulled a page at a time (the reader's pace sets the reads). */
  async *exportCsv(f: Omit<AuditFilter, 'before_id' | 'limit'>): AsyncIterableIterator<string> {
    yield CSV_BOM + csvRow(CSV_COLUMNS);
    for (let before: number | undefined; ; ) {
      const page = this.list({ ...f, before_id: before, limit: EXPORT_PAGE });
      if (page.length) yield page.map((e) => csvRow([e.id, e.ts, e.actor, e.category, e.action, e.target_type, e.target_id, e.target_name, e.sentence, e.details])).join('');
      if (page.length < EXPORT_PAGE) return;
      before = page[page.length - 1]!.id;
    }
  }

  /**
   * Every entry's keyed hash and link, then the anchor: says which of these does not hold. Walks a
   * page per turn of the loop, and callers at the same time share one walk, so a loop of requests
   * cannot stall the console.
   */
  verify(): Promise<AuditVerify> {
    this.verifying ??= this.walkChain().finally(() => {
      this.verifying = null;
    });
    return this.verifying;
  }

  private async walkChain(): Promise<AuditVerify> {
    const v = new ChainVerifier(this.key, this.anchorFile.read(), this.anchored);
    for (let after = 0; ; ) {
      const page = this.store.audit.page(after, VERIFY_PAGE);
      for (const r of page) if (!v.add(r)) return v.result();
      if (page.length < VERIFY_PAGE) return v.result();
      after = page[page.length - 1]!.id;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * At start-up, before anything appends: take up the anchor when the chain contains it; key a chain
   * written before keying (once, recorded); re-anchor, recorded in the chain, when the anchor is
   * gone or forged. An anchor the chain no longer reaches is left alone for verify to report.
   */
  start(): void {
    const read = this.anchorFile.read();
    if (read.kind !== 'missing') {
      const a = read.kind === 'present' ? openAnchor(this.key, read.value) : null;
      if (a) return this.takeUp(a);
      return this.reanchor('anchor_forged');
    }
    const head = this.store.audit.head();
    if (!head) return this.writeAnchorNow({ length: 0, last_id: 0, head: '', first: '' });
    if (isLegacyChain(this.store.audit.iterate())) return this.rekey();
    this.reanchor('anchor_missing');
  }

  /** Resolves once every committed entry is anchored (or the attempt failed and was reported). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.pending) {
        clearImmediate(this.pending);
        this.pending = null;
        this.startWrite();
      }
      if (!this.writing) return;
      await this.writing;
    }
  }

  /** Anchors what is committed and stops; appends after this are not anchored until the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.verifying?.catch(() => undefined);
    await this.flush();
  }

  private takeUp(a: Anchor): void {
    if (a.length > 0 && this.store.audit.hashOf(a.last_id) !== a.head) {
      this.o.onError('audit: the chain no longer contains its anchor (entries were cut or replaced); the anchor is kept as evidence and `GET /audit/verify` reports it');
      return;
    }
    this.anchored = a;
    // A crash between a commit and its anchor leaves the database ahead: anchor it now.
    this.scheduleAnchor();
  }

  /** Key a chain written before keying: every link and hash recomputed in one transaction, recorded. */
  private rekey(): void {
    this.store.tx(() => {
      const rows: { id: number; prev_hash: string; hash: string }[] = [];
      let prev = '';
      for (const r of this.store.audit.iterate()) {
        const hash = entryMac(this.key, prev, r);
        rows.push({ id: r.id, prev_hash: prev, hash });
        prev = hash;
      }
      this.store.audit.rechain(rows);
      this.record('system', REKEYED, 'audit', null, { entries: rows.length, reason: 'the chain was written before it was keyed' });
    });
    this.anchorHeadNow();
  }

  private reanchor(reason: 'anchor_missing' | 'anchor_forged'): void {
    this.o.onError(`audit: the anchor file was ${reason === 'anchor_missing' ? 'missing' : 'forged or unreadable'} at start-up; the chain is re-anchored, and that is recorded in it`);
    this.store.tx(() => this.record('system', REANCHORED, 'audit', null, { reason, entries: this.store.audit.countAfter(0) }));
    this.anchorHeadNow();
  }

  /** Anchor the whole chain as it stands (one count of the table, at start-up only). */
  private anchorHeadNow(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    const head = this.store.audit.head();
    this.writeAnchorNow(head ? { length: this.store.audit.countAfter(0), last_id: head.id, head: head.hash, first: this.store.audit.firstHash() } : { length: 0, last_id: 0, head: '', first: '' });
  }

  private writeAnchorNow(a: Anchor): void {
    this.anchored = a;
    try {
      this.anchorFile.writeSync(signAnchor(this.key, a));
    } catch (err) {
      // A full or read-only disk must not stop the console: the next append tries again.
      this.dirty = true;
      this.o.onError(`audit: the anchor was not written at start-up: ${(err as Error).message}`);
    }
  }

  private scheduleAnchor(): void {
    this.dirty = true;
    if (this.pending || this.writing || this.disposed || !this.anchored) return;
    // The next turn of the loop: the caller's transaction has ended (better-sqlite3 transactions are synchronous).
    this.pending = setImmediate(() => {
      this.pending = null;
      this.startWrite();
    });
  }

  private startWrite(): void {
    const w: Promise<void> = this.writeAnchor().finally(() => {
      this.writing = null;
      // An append between the last round and now (a microtask) is not left unanchored.
      if (this.dirty) this.scheduleAnchor();
    });
    this.writing = w;
  }

  /** One write at a time; appends that arrive meanwhile are taken by the next round. */
  private async writeAnchor(): Promise<void> {
    try {
      // An open transaction (the store opens none across turns of the loop) may yet roll back: the next append retries.
      while (this.dirty && this.anchored && !this.store.db.inTransaction) {
        this.dirty = false;
        const next = this.nextAnchor(this.anchored);
        if (!next) continue;
        await this.anchorFile.write(signAnchor(this.key, next));
        this.anchored = next;
      }
    } catch (err) {
      // Disk full or an I/O error: the anchor stays a lower bound; the next append tries again.
      this.o.onError(`audit: the anchor was not written: ${(err as Error).message}`);
    }
  }

  /** The anchor after `a`, or null when nothing was added; stops anchoring when the chain no longer contains `a`. */
  private nextAnchor(a: Anchor): Anchor | null {
    const head = this.store.audit.head();
    if (!head || head.id === a.last_id) return null;
    if (a.length > 0 && this.store.audit.hashOf(a.last_id) !== a.head) {
      this.anchored = null;
      this.o.onError(`audit: entry #${a.last_id} no longer has the hash anchored for it (entries were cut or replaced); anchoring stopped so that verify reports it`);
      return null;
    }
    return { length: a.length + this.store.audit.countAfter(a.last_id), last_id: head.id, head: head.hash, first: a.first || this.store.audit.firstHash() };
  }
}
