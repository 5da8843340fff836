import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { legacyHash } from '../domain/audit-chain';
import { openStore } from '../store/store';
import { startHarness } from '../../../testing/core-harness';

test('the composition root keys a chain from before keying, anchors it 0600, and verify over the API reports a tail cut while stopped', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-audit-core-'));
  // A data folder as the unkeyed code left it: three SHA-256-chained entries, no anchor.
  const old = openStore(path.join(dir, 'taskdeck.db'));
  let prev = '';
  for (let i = 1; i <= 3; i++) {
    const r = { ts: new Date(Date.UTC(2025, 0, i)).toISOString(), actor: 'admin', action: 'host.created', target_type: 'host', target_id: String(i), details: '{}' };
    prev = legacyHash(prev, r);
    old.db.prepare('INSERT INTO audit (ts, actor, action, target_type, target_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.ts, r.actor, r.action, r.target_type, r.target_id, r.details, old.audit.lastHash(), prev);
  }
  old.close();

  let h = await startHarness({}, dir);
  const rekeyed = await h.call('audit.list', { action: 'audit.rekeyed' });
  assert.deepEqual(rekeyed.map((e) => e.details), [{ entries: 3, reason: 'the chain was written before it was keyed' }]);
  await h.call('groups.create', { name: 'payments' });
  h = await h.restart();
  await h.core.services.audit.flush();
  let v = await h.call('audit.verify', {});
  assert.equal(v.ok, true, v.message);
  assert.equal(v.anchored, v.checked);
  assert.equal(fs.statSync(path.join(dir, 'audit-anchor.json')).mode & 0o777, 0o600);

  await h.core.dispose();
  const store = openStore(path.join(dir, 'taskdeck.db'));
  store.db.exec('DROP TRIGGER audit_no_delete');
  store.db.prepare('DELETE FROM audit WHERE id > 4').run();
  store.close();
  h = await startHarness({}, dir);
  v = await h.call('audit.verify', {});
  assert.deepEqual({ ok: v.ok, problem: v.problem }, { ok: false, problem: 'tail_cut' }, v.message);
  await h.dispose();
});
