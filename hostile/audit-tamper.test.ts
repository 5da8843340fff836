/**
 * Issue 11, item 9: whoever has the database file could edit an audit row and recompute the later
 * hashes, or cut the tail, and verify still said ok. The server is stopped, the file edited with
 * better-sqlite3 as an attacker without the secret key would, and verify must say what happened.
 */
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { Api } from './api-client';
import { ADMIN, startServer } from './server-process';
import { Stats } from './stats';

type Problem = 'rewritten' | 'tail_cut' | 'emptied' | 'anchor_missing' | 'anchor_forged' | 'anchor_mismatch';
interface Verify { ok: boolean; problem?: Problem | null }
interface Row { id: number; ts: string; actor: string; action: string; target_type: string; target_id: string | null; details: string; prev_hash: string; hash: string }

/** The unkeyed chain an attacker can recompute from the source (what verify trusted before the fix). */
function unkeyedHash(prev: string, r: Row): string {
  return createHash('sha256').update(JSON.stringify([prev, r.ts, r.actor, r.action, r.target_type, r.target_id, r.details])).digest('hex');
}

/** Edit the stopped server's database: the append-only triggers are dropped first, as an attacker would. */
function editDatabase(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDir, 'taskdeck.db'));
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    db.transaction(() => edit(db))();
  } finally {
    db.close();
  }
}

function rehashFrom(db: Database.Database, fromId: number): void {
  const rows = db.prepare('SELECT * FROM audit ORDER BY id').all() as Row[];
  let prev = '';
  for (const r of rows) {
    if (r.id >= fromId) {
      const hash = unkeyedHash(prev, r);
      db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      r.hash = hash;
    }
    prev = r.hash;
  }
}

const stats = new Stats('audit-tamper');

/** A console with some audited history; `tamper` runs on its stopped database; verify's answer after a restart. */
async function verifyAfter(tamper: (db: Database.Database) => void): Promise<{ before: Verify; after: Verify }> {
  let server = await startServer();
  const dataDir = server.dataDir;
  try {
    const api = new Api(server.url);
    await api.login(ADMIN.user_name, ADMIN.password, 'admin');
    for (let i = 0; i < 6; i++) await api.call('admin', 'POST', '/groups', { name: `audited-${i}` });
    const before = await api.call<Verify>('admin', 'GET', '/audit/verify');
    await server.stop();
    editDatabase(dataDir, tamper);
    server = await startServer({ dataDir, ownsDataDir: true });
    api.retarget(server.url);
    await api.login(ADMIN.user_name, ADMIN.password, 'admin');
    const r = await api.send('admin', 'GET', '/audit/verify');
    stats.request(r.status);
    assert.equal(r.status, 200, r.text);
    return { before, after: r.json as Verify };
  } finally {
    await server.dispose();
  }
}

describe('hostile: a tampered audit chain is reported by verify', () => {
  test('a row edited and every later hash recomputed: rewritten', async () => {
    const { before, after } = await verifyAfter((db) => {
      const target = db.prepare("SELECT id FROM audit WHERE action LIKE 'group%' ORDER BY id LIMIT 1 OFFSET 2").get() as { id: number };
      db.prepare('UPDATE audit SET details = ? WHERE id = ?').run(JSON.stringify({ name: 'nothing-to-see' }), target.id);
      rehashFrom(db, target.id);
    });
    assert.equal(before.ok, true);
    assert.equal(after.ok, false, 'a rewritten and rehashed chain passed verify');
    assert.equal(after.problem, 'rewritten');
  });

  test('the tail cut off: tail_cut', async () => {
    const { after } = await verifyAfter((db) => {
      db.prepare('DELETE FROM audit WHERE id > (SELECT MAX(id) - 3 FROM audit)').run();
    });
    assert.equal(after.ok, false, 'a cut chain passed verify');
    assert.equal(after.problem, 'tail_cut');
  });

  test('every row deleted: emptied', async () => {
    const { after } = await verifyAfter((db) => {
      db.prepare('DELETE FROM audit').run();
    });
    assert.equal(after.ok, false, 'an emptied chain passed verify');
    assert.equal(after.problem, 'emptied');
  });

  test('a row inserted in the middle with recomputed hashes: rewritten', async () => {
    const { after } = await verifyAfter((db) => {
      const rows = db.prepare('SELECT * FROM audit ORDER BY id').all() as Row[];
      const keep = rows.slice(0, 2);
      const rest = rows.slice(2);
      db.prepare('DELETE FROM audit WHERE id > ?').run(keep[keep.length - 1]!.id);
      const ins = db.prepare('INSERT INTO audit (ts, actor, action, target_type, target_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      ins.run(rest[0]!.ts, 'admin', 'user.created', 'user', '99', '{}', '', '');
      for (const r of rest) ins.run(r.ts, r.actor, r.action, r.target_type, r.target_id, r.details, '', '');
      rehashFrom(db, keep[keep.length - 1]!.id + 1);
    });
    assert.equal(after.ok, false, 'an inserted row passed verify');
    assert.ok(after.problem === 'rewritten' || after.problem === 'anchor_mismatch', `problem: ${after.problem}`);
  });

  after(() => stats.flush());
});
