import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '../store/store';
import { AuditService } from './audit-service';

test('verify finds the first row whose hash was tampered with', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-audit-')), 'taskdeck.db');
  const store = openStore(file);
  let t = Date.UTC(2026, 0, 1);
  const audit = new AuditService(store, { now: () => new Date((t += 1000)) });
  for (let i = 0; i < 5; i++) audit.record('admin', 'host.updated', 'host', i, { i });
  assert.deepEqual(audit.verify(), { ok: true, checked: 5, first_broken_id: null });
  // Tamper below the triggers, as an attacker with the file would.
  store.db.exec('DROP TRIGGER audit_no_update');
  store.db.prepare("UPDATE audit SET details = '{\"i\":99}' WHERE id = 3").run();
  assert.deepEqual(audit.verify(), { ok: false, checked: 3, first_broken_id: 3 });
  store.close();
});
