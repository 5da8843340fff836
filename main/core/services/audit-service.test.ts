import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { entryMac, legacyHash } from '../domain/audit-chain';
import { SecretBox } from '../secrets/secret-box';
import { openStore, type Store } from '../store/store';
import { AuditService } from './audit-service';

/** A data folder with a store, a secret key and the audit service as create-core builds them. */
class Bed {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-audit-'));
  readonly dbFile = path.join(this.dir, 'taskdeck.db');
  readonly anchorPath = path.join(this.dir, 'audit-anchor.json');
  readonly errors: string[] = [];
  store: Store;
  audit: AuditService;
  private t = Date.UTC(2026, 0, 1);

  constructor(readonly secrets = new SecretBox(randomBytes(32)), prepare?: (s: Store) => void) {
    this.store = openStore(this.dbFile);
    prepare?.(this.store);
    this.audit = this.service();
  }

  private service(): AuditService {
    const audit = new AuditService(this.store, { now: () => new Date((this.t += 1000)) }, { secrets: this.secrets, anchorPath: this.anchorPath, onError: (m) => this.errors.push(m) });
    audit.start();
    return audit;
  }

  /** Appends n entries, each in its own transaction as services write them, and waits for the anchor. */
  async append(n: number, action = 'host.updated'): Promise<void> {
    for (let i = 0; i < n; i++) this.store.tx(() => this.audit.record('admin', action, 'host', i, { i }));
    await this.audit.flush();
  }

  /** Stop and start the console on the same data folder. */
  async restart(): Promise<void> {
    await this.audit.dispose();
    this.store.close();
    this.store = openStore(this.dbFile);
    this.audit = this.service();
    await this.audit.flush();
  }

  async close(): Promise<void> {
    await this.audit.dispose();
    this.store.close();
  }
}

/** What an attacker with the file does first: lift the append-only triggers. */
function unguard(store: Store): void {
  store.db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete');
}

type Row = { id: number; ts: string; actor: string; action: string; target_type: string; target_id: string | null; details: string; prev_hash: string; hash: string };
const rows = (store: Store): Row[] => store.db.prepare('SELECT * FROM audit ORDER BY id').all() as Row[];

/** Recompute every link and hash from `fromId` on with `hash`, as a tool that knows the chain's formula would. */
function rehash(store: Store, fromId: number, hash: (prev: string, r: Row) => string): void {
  let prev = '';
  for (const r of rows(store)) {
    if (r.id >= fromId) {
      const h = hash(prev, r);
      store.db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, h, r.id);
      prev = h;
    } else prev = r.hash;
  }
}

describe('audit chain: keyed, anchored outside the database, and verify says which', () => {
  test('an untouched chain verifies, and the anchor vouches for every entry', async () => {
    const bed = new Bed();
    await bed.append(5);
    const v = await bed.audit.verify();
    assert.equal(v.ok, true, v.message);
    assert.deepEqual({ checked: v.checked, anchored: v.anchored, problem: v.problem, first_broken_id: v.first_broken_id }, { checked: 5, anchored: 5, problem: null, first_broken_id: null });
    assert.equal(fs.statSync(bed.anchorPath).mode & 0o777, 0o600);
    assert.deepEqual(bed.errors, []);
    await bed.close();
  });

  test('an edited entry whose later hashes are recomputed with plain SHA-256 is reported as rewritten at that entry', async () => {
    const bed = new Bed();
    await bed.append(5);
    unguard(bed.store);
    bed.store.db.prepare("UPDATE audit SET details = '{\"i\":99}' WHERE id = 3").run();
    rehash(bed.store, 3, legacyHash);
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, first_broken_id: v.first_broken_id, checked: v.checked }, { ok: false, problem: 'rewritten', first_broken_id: 3, checked: 3 });
    await bed.close();
  });

  test('a chain recomputed with HMAC under any other key is rewritten: only the secret key can re-chain it', async () => {
    const bed = new Bed();
    await bed.append(5);
    unguard(bed.store);
    bed.store.db.prepare("UPDATE audit SET actor = 'mallory' WHERE id = 2").run();
    const guess = randomBytes(32);
    rehash(bed.store, 2, (prev, r) => entryMac(guess, prev, r));
    const v = await bed.audit.verify();
    assert.deepEqual([v.problem, v.first_broken_id], ['rewritten', 2]);
    await bed.close();
  });

  test('hostile stored values (a hash of multi-byte characters, details that are not JSON) are reported, never thrown', async () => {
    const bed = new Bed();
    await bed.append(3);
    unguard(bed.store);
    bed.store.db.prepare("UPDATE audit SET hash = ?, details = '{not json' WHERE id = 2").run('é'.repeat(64));
    const v = await bed.audit.verify();
    assert.deepEqual([v.problem, v.first_broken_id], ['rewritten', 2]);
    assert.equal(bed.audit.list({ limit: 10 }).find((e) => e.id === 2)?.details, '{not json');
    await bed.close();
  });

  test('the last 3 entries deleted: tail_cut, while the running console and after a restart', async () => {
    const bed = new Bed();
    await bed.append(8);
    unguard(bed.store);
    bed.store.db.prepare('DELETE FROM audit WHERE id > 5').run();
    let v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, checked: v.checked, anchored: v.anchored }, { ok: false, problem: 'tail_cut', checked: 5, anchored: 8 });
    assert.match(v.message, /last 3/);
    await bed.restart();
    // Appending after the cut must not move the anchor back over it.
    await bed.append(2);
    v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, checked: v.checked, anchored: v.anchored }, { ok: false, problem: 'tail_cut', checked: 7, anchored: 8 });
    assert.ok(bed.errors.some((e) => /no longer contains its anchor/.test(e)), bed.errors.join('\n'));
    await bed.close();
  });

  test('every entry deleted: emptied', async () => {
    const bed = new Bed();
    await bed.append(4);
    unguard(bed.store);
    bed.store.db.exec('DELETE FROM audit');
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, checked: v.checked }, { ok: false, problem: 'emptied', checked: 0 });
    await bed.close();
  });

  test('the anchor file deleted: anchor_missing; a restart re-anchors and records it in the chain, which verify then names', async () => {
    const bed = new Bed();
    await bed.append(4);
    fs.rmSync(bed.anchorPath);
    assert.equal((await bed.audit.verify()).problem, 'anchor_missing');
    await bed.restart();
    const v = await bed.audit.verify();
    assert.equal(v.ok, true, v.message);
    const last = rows(bed.store).at(-1)!;
    assert.equal(last.action, 'audit.reanchored');
    assert.deepEqual(JSON.parse(last.details), { reason: 'anchor_missing', entries: 4 });
    assert.equal(v.reanchored_id, last.id);
    assert.match(v.message, /re-anchored at entry #5/);
    await bed.close();
  });

  test('a forged anchor (lowered length, old HMAC) is anchor_forged', async () => {
    const bed = new Bed();
    await bed.append(6);
    const a = JSON.parse(fs.readFileSync(bed.anchorPath, 'utf8')) as { length: number };
    fs.writeFileSync(bed.anchorPath, JSON.stringify({ ...a, length: 3 }));
    assert.equal((await bed.audit.verify()).problem, 'anchor_forged');
    fs.writeFileSync(bed.anchorPath, 'not json');
    assert.equal((await bed.audit.verify()).problem, 'anchor_forged');
    await bed.close();
  });

  test('the tail cut while stopped and the console left to write on: anchor_mismatch names the entry that differs', async () => {
    const bed = new Bed();
    await bed.append(5);
    await bed.audit.dispose();
    unguard(bed.store);
    bed.store.db.prepare('DELETE FROM audit WHERE id > 3').run();
    await bed.restart();
    // The console's own entries are keyed and chain on, but entry 5 is no longer the anchored one.
    await bed.append(3, 'host.deleted');
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, first_broken_id: v.first_broken_id, anchored: v.anchored, checked: v.checked }, { ok: false, problem: 'anchor_mismatch', first_broken_id: 5, anchored: 5, checked: 6 });
    await bed.close();
  });

  test('a crash after a commit and before its anchor (an older anchor left behind) verifies, and the next start catches up', async () => {
    const bed = new Bed();
    await bed.append(5);
    const older = fs.readFileSync(bed.anchorPath);
    await bed.append(3);
    fs.writeFileSync(bed.anchorPath, older);
    let v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, checked: v.checked, anchored: v.anchored }, { ok: true, checked: 8, anchored: 5 }, v.message);
    await bed.restart();
    v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, anchored: v.anchored }, { ok: true, anchored: 8 });
    assert.deepEqual(bed.errors, []);
    await bed.close();
  });

  test('an older anchor file put back while the tail is cut is caught by the anchor the running console holds', async () => {
    const bed = new Bed();
    await bed.append(5);
    const older = fs.readFileSync(bed.anchorPath);
    await bed.append(3);
    fs.writeFileSync(bed.anchorPath, older);
    unguard(bed.store);
    bed.store.db.prepare('DELETE FROM audit WHERE id > 5').run();
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem }, { ok: false, problem: 'tail_cut' });
    await bed.close();
  });

  test('a burst of appends is anchored by a few coalesced writes, and an anchor write that fails is reported and retried', async () => {
    const bed = new Bed();
    for (let i = 0; i < 500; i++) bed.store.tx(() => bed.audit.record('admin', 'host.updated', 'host', i));
    await bed.audit.flush();
    assert.equal((await bed.audit.verify()).anchored, 500);
    // The temp file's name taken by a folder: every write fails, as on a full disk.
    fs.mkdirSync(`${bed.anchorPath}.tmp`);
    await bed.append(2);
    assert.equal((await bed.audit.verify()).anchored, 500);
    assert.ok(bed.errors.some((e) => /anchor was not written/.test(e)), bed.errors.join('\n'));
    fs.rmdirSync(`${bed.anchorPath}.tmp`);
    await bed.append(1);
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, anchored: v.anchored }, { ok: true, anchored: 503 });
    await bed.close();
  });
  test('verify walks a long chain a page per turn of the loop, and callers at the same time share one walk', async () => {
    const bed = new Bed();
    bed.store.tx(() => {
      for (let i = 0; i < 9000; i++) bed.audit.record('admin', 'host.updated', 'host', i, { i });
    });
    await bed.audit.flush();
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const [a, b] = [bed.audit.verify(), bed.audit.verify()];
    assert.equal(a, b);
    const v = await a;
    ticking = false;
    assert.deepEqual({ ok: v.ok, checked: v.checked, anchored: v.anchored }, { ok: true, checked: 9000, anchored: 9000 });
    assert.ok(turns >= 4, `other work ran ${turns} times during the walk`);
    await bed.close();
  });

  test('an anchor that cannot be written at start-up (full or read-only disk) does not stop the console; it is written once it can', async () => {
    const bed = new Bed(undefined, (s) => fs.mkdirSync(path.join(path.dirname(s.db.name), 'audit-anchor.json.tmp')));
    assert.ok(bed.errors.some((e) => /not written at start-up/.test(e)), bed.errors.join('\n'));
    await bed.append(2);
    assert.equal((await bed.audit.verify()).problem, 'anchor_missing');
    fs.rmdirSync(`${bed.anchorPath}.tmp`);
    await bed.append(1);
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, anchored: v.anchored }, { ok: true, anchored: 3 }, v.message);
    await bed.close();
  });

  test('an anchor that cannot be read is reported, not thrown', async () => {
    const bed = new Bed();
    await bed.append(2);
    fs.rmSync(bed.anchorPath);
    fs.mkdirSync(bed.anchorPath);
    const v = await bed.audit.verify();
    assert.deepEqual([v.problem, v.ok], ['anchor_forged', false]);
    assert.match(v.message, /cannot be read/);
    await bed.close();
  });
});

describe('audit chain written before keying', () => {
  /** Entries as the unkeyed code wrote them: SHA-256 links, no anchor. */
  function legacyEntries(store: Store, n: number): void {
    let prev = '';
    for (let i = 1; i <= n; i++) {
      const r = { ts: new Date(Date.UTC(2025, 0, i)).toISOString(), actor: 'admin', action: 'host.created', target_type: 'host', target_id: String(i), details: '{}' };
      const h = legacyHash(prev, r);
      store.db.prepare('INSERT INTO audit (ts, actor, action, target_type, target_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(r.ts, r.actor, r.action, r.target_type, r.target_id, r.details, prev, h);
      prev = h;
    }
  }

  test('is re-keyed once at start-up, in one transaction, and the re-keying is recorded with the count', async () => {
    const bed = new Bed(undefined, (s) => legacyEntries(s, 7));
    const all = rows(bed.store);
    assert.equal(all.length, 8);
    assert.deepEqual([all[7]!.action, JSON.parse(all[7]!.details).entries], ['audit.rekeyed', 7]);
    assert.deepEqual(all.slice(0, 7).map((r) => r.details), Array(7).fill('{}'));
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, checked: v.checked, anchored: v.anchored }, { ok: true, checked: 8, anchored: 8 }, v.message);
    // Still append-only after the re-keying.
    assert.throws(() => bed.store.db.prepare("UPDATE audit SET actor = 'x' WHERE id = 1").run(), /append-only/);
    await bed.restart();
    assert.equal(rows(bed.store).filter((r) => r.action === 'audit.rekeyed').length, 1);
    await bed.close();
  });

  test('an unkeyed chain forged into a keyed store (anchor present) is never re-keyed: verify reports it rewritten', async () => {
    const bed = new Bed();
    await bed.append(3);
    await bed.audit.dispose();
    unguard(bed.store);
    bed.store.db.exec('DELETE FROM audit');
    legacyEntries(bed.store, 3);
    await bed.restart();
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, first_broken_id: v.first_broken_id }, { ok: false, problem: 'rewritten', first_broken_id: 1 });
    assert.equal(rows(bed.store).some((r) => r.action === 'audit.rekeyed'), false);
    await bed.close();
  });

  test('a broken unkeyed chain is not re-keyed (that would bless the break): it is re-anchored and verify reports where it breaks', async () => {
    const bed = new Bed(undefined, (s) => {
      legacyEntries(s, 4);
      unguard(s);
      s.db.prepare("UPDATE audit SET actor = 'mallory' WHERE id = 2").run();
    });
    const v = await bed.audit.verify();
    assert.deepEqual({ ok: v.ok, problem: v.problem, first_broken_id: v.first_broken_id }, { ok: false, problem: 'rewritten', first_broken_id: 1 });
    assert.equal(rows(bed.store).at(-1)!.action, 'audit.reanchored');
    await bed.close();
  });
});
