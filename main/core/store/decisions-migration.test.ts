import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { machineOf } from './requests-repo';
import { migrations } from './migrations';
import { openStore } from './store';

/** The migration that moved decisions out of the request row, found by what it does (the integrator may renumber it). */
const decisionsMigration = migrations.findIndex((m) => m.includes('CREATE TABLE request_decisions'));

test('decisions in the old JSON blob become the append-only record; old requests keep hash version 1 and their nodes read as before', () => {
  assert.ok(decisionsMigration > 0);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-db-')), 'taskdeck.db');
  const raw = new Database(file);
  for (const m of migrations.slice(0, decisionsMigration)) raw.exec(m);
  raw.pragma(`user_version = ${decisionsMigration}`);
  const nodes = [
    { role: 'dba', approver: 'dora', decision: 'approved', comment: 'fine', decided_at: '2026-01-01T10:00:00.000Z' },
    { role: 'admin', approver: 'ada', decision: 'rejected', comment: null, decided_at: '2026-01-01T11:00:00.000Z' },
    { role: 'security', approver: null, decision: 'pending', comment: null, decided_at: null },
  ];
  raw.prepare(`INSERT INTO change_requests (task_name, task_snapshot, content_hash, process_snapshot, risk_level, statements, requester, state, nodes, current_node,
               strategy, validity, approval_deadline, created_at, updated_at)
               VALUES ('t', '{"hosts":[]}', 'abc', '{}', 1, '[]', 'dev', 'REJECTED', ?, 1, '{"kind":"auto"}', '{}', '2026-01-02T00:00:00.000Z', 't', 't')`).run(JSON.stringify(nodes));
  raw.close();

  const store = openStore(file);
  try {
    const row = store.requests.get(1)!;
    assert.equal(row.hash_version, 1);
    assert.deepEqual(JSON.parse(row.node_roles), ['dba', 'admin', 'security']);
    assert.deepEqual(machineOf(row).nodes, nodes, 'the nodes read from the record are the blob that was there');
    assert.deepEqual(row.decisions.map((d) => [d.node, d.approver, d.source, d.content_hash]), [[0, 'dora', 'local', 'abc'], [1, 'ada', 'local', 'abc']]);
    assert.throws(() => store.db.prepare("UPDATE request_decisions SET approver = 'mallory'").run(), /append-only/);
    assert.throws(() => store.db.prepare('DELETE FROM request_decisions').run(), /append-only/);
    assert.throws(() => store.db.prepare("INSERT INTO request_decisions (request_id, node, approver, decision, decided_at, content_hash, source) VALUES (1, 0, 'x', 'approved', 't', 'abc', 'local')").run(), /UNIQUE/, 'one decision per node');
  } finally {
    store.close();
  }
});
