import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditProblem, AuditVerify } from '../../../shared/domain/audit';

/** What an entry's hash covers: everything but its id and its own hash. */
export interface ChainContent {
  readonly ts: string;
  readonly actor: string;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string | null;
  readonly details: string;
}

export interface ChainRow extends ChainContent {
  readonly id: number;
  readonly prev_hash: string;
  readonly hash: string;
}

/** The chain's length and head as last committed, kept outside the database. */
export interface Anchor {
  readonly length: number;
  readonly last_id: number;
  readonly head: string;
  /** The first entry's hash: a chain started afresh (ids are reused once every row is gone) is not the anchored one. */
  readonly first: string;
}

export interface SignedAnchor extends Anchor {
  readonly v: 1;
  readonly mac: string;
}

/** The anchor file as read: gone, unreadable, or whatever JSON it held (null when it is not JSON). */
export type AnchorRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'present'; readonly value: unknown };

/** An entry of the chain the console itself wrote when it re-anchored it. */
export const REANCHORED = 'audit.reanchored';
/** An entry of the chain the console wrote when it keyed a chain written before keying. */
export const REKEYED = 'audit.rekeyed';

function canonical(prev: string, c: ChainContent): string {
  return JSON.stringify([prev, c.ts, c.actor, c.action, c.target_type, c.target_id, c.details]);
}

/** An entry's keyed hash: HMAC-SHA256 over the previous hash and the entry's content. */
export function entryMac(key: Buffer, prev: string, c: ChainContent): string {
  return createHmac('sha256', key).update(canonical(prev, c)).digest('hex');
}

/** The unkeyed hash of chains written before keying (only to recognise one at start-up). */
export function legacyHash(prev: string, c: ChainContent): string {
  return createHash('sha256').update(canonical(prev, c)).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  // Byte lengths: a stored value may hold any characters, and timingSafeEqual throws on unequal lengths.
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

function anchorMac(key: Buffer, a: Anchor): string {
  return createHmac('sha256', key).update(JSON.stringify(['taskdeck audit anchor', a.length, a.last_id, a.head, a.first])).digest('hex');
}

export function signAnchor(key: Buffer, a: Anchor): SignedAnchor {
  return { v: 1, length: a.length, last_id: a.last_id, head: a.head, first: a.first, mac: anchorMac(key, a) };
}

/** The anchor a file holds when its HMAC holds; null when it is malformed or forged. */
export function openAnchor(key: Buffer, value: unknown): Anchor | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const { length, last_id, head, first, mac } = v;
  if (v.v !== 1 || !Number.isSafeInteger(length) || !Number.isSafeInteger(last_id) || typeof head !== 'string' || typeof first !== 'string' || typeof mac !== 'string') return null;
  const a: Anchor = { length: length as number, last_id: last_id as number, head, first };
  return a.length >= 0 && sameHex(anchorMac(key, a), mac) ? a : null;
}

/** Whether a row's link and keyed hash hold after `prev`. */
export function rowHolds(key: Buffer, prev: string, r: ChainRow): boolean {
  return r.prev_hash === prev && sameHex(entryMac(key, prev, r), r.hash);
}

/** Whether rows form an intact chain of unkeyed hashes that the console never keyed: a store from before keying. */
export function isLegacyChain(rows: Iterable<ChainRow>): boolean {
  let prev = '';
  for (const r of rows) {
    if (r.action === REKEYED || r.prev_hash !== prev || legacyHash(prev, r) !== r.hash) return false;
    prev = r.hash;
  }
  return true;
}

type Finding = { problem: AuditProblem; first_broken_id: number | null; message: string };

/** The chain as walked so far. */
interface Walk {
  readonly checked: number;
  readonly lastId: number | null;
  readonly firstHash: string | null;
  /** The row at each anchor's length (1-based position), when the chain is that long. */
  readonly at: ReadonlyMap<number, ChainRow>;
}

/** Holds the chain against one anchor: null when the chain contains it. */
function againstAnchor(a: Anchor, w: Walk): Finding | null {
  if (a.length === 0) return null;
  // Emptied, even when the console has written entries since (a sign-in after the restart): none of the anchored ones is left.
  if (w.firstHash !== a.first) {
    const since = w.checked ? ` (the ${w.checked} entries there were written after)` : '';
    return { problem: 'emptied', first_broken_id: null, message: `None of the ${a.length} entries the audit anchor vouches for is left${since}: the log was emptied.` };
  }
  if (w.checked < a.length) {
    const cut = a.length - w.checked;
    return { problem: 'tail_cut', first_broken_id: null, message: `The audit log has ${w.checked} entries, but its anchor vouches for ${a.length}: the last ${cut} (from #${w.lastId === null ? '?' : w.lastId + 1}) were removed.` };
  }
  const r = w.at.get(a.length);
  if (r && r.id === a.last_id && r.hash === a.head) return null;
  return { problem: 'anchor_mismatch', first_broken_id: r?.id ?? null, message: `Entry ${a.length} of the audit log is not the one its anchor names (#${a.last_id}): entries were replaced after it was anchored.` };
}

/**
 * Verifies a chain fed to it in order: every entry's keyed hash and link, then the anchor outside
 * the database (the file, and the one this process last wrote, which a swapped file cannot roll
 * back). Both anchors are read before the walk: entries appended meanwhile only extend the chain.
 */
export class ChainVerifier {
  private readonly fileAnchor: Anchor | null;
  private readonly positions: ReadonlySet<number>;
  private readonly at = new Map<number, ChainRow>();
  private prev = '';
  private checked = 0;
  private lastId: number | null = null;
  private firstHash: string | null = null;
  private brokenId: number | null = null;
  private reanchoredId: number | null = null;

  constructor(private readonly key: Buffer, private readonly file: AnchorRead, private readonly held: Anchor | null) {
    this.fileAnchor = file.kind === 'present' ? openAnchor(key, file.value) : null;
    this.positions = new Set([this.fileAnchor?.length ?? 0, held?.length ?? 0]);
  }

  /** Takes the next entry; false once the chain is broken (feed no more). */
  add(r: ChainRow): boolean {
    if (this.brokenId !== null) return false;
    this.checked++;
    this.firstHash ??= r.hash;
    this.lastId = r.id;
    if (!rowHolds(this.key, this.prev, r)) {
      this.brokenId = r.id;
      return false;
    }
    if (this.positions.has(this.checked)) this.at.set(this.checked, r);
    if (r.action === REANCHORED) this.reanchoredId = r.id;
    this.prev = r.hash;
    return true;
  }

  result(): AuditVerify {
    const base = { checked: this.checked, anchored: this.fileAnchor?.length ?? null, reanchored_id: this.reanchoredId };
    const broken = (f: Finding): AuditVerify => ({ ok: false, ...base, ...f });
    if (this.brokenId !== null) {
      return broken({
        problem: 'rewritten', first_broken_id: this.brokenId,
        message: `Entry #${this.brokenId} does not match its keyed hash: it or the entry before it was edited, inserted or removed outside Taskdeck (or this data folder's secret key changed).`,
      });
    }
    const { file, fileAnchor, held } = this;
    if (file.kind === 'missing') return broken({ problem: 'anchor_missing', first_broken_id: null, message: 'The audit anchor file (audit-anchor.json) is missing: entries cut from the end of the log could not be detected.' });
    if (file.kind === 'unreadable') return broken({ problem: 'anchor_forged', first_broken_id: null, message: `The audit anchor file cannot be read (${file.reason}): it was replaced or its permissions changed.` });
    if (!fileAnchor) return broken({ problem: 'anchor_forged', first_broken_id: null, message: "The audit anchor file's own keyed hash does not hold: it was edited or replaced, or this data folder's secret key changed." });
    const walk: Walk = { checked: this.checked, lastId: this.lastId, firstHash: this.firstHash, at: this.at };
    const finding = againstAnchor(fileAnchor, walk) ?? (held ? againstAnchor(held, walk) : null);
    if (finding) return broken(finding);
    const since = this.reanchoredId === null ? '' : ` The chain was re-anchored at entry #${this.reanchoredId} after its anchor was lost or forged: entries cut before then cannot be detected.`;
    return { ok: true, ...base, first_broken_id: null, problem: null, message: `Audit chain intact: ${this.checked} entries checked, ${fileAnchor.length} anchored.${since}` };
  }
}
