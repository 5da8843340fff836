import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { migrations } from './migrations';
import { openStore } from './store';

/** The migration that made users.mobile unique, found by what it does (the integrator may renumber it). */
const mobileMigration = migrations.findIndex((m) => m.includes('CREATE UNIQUE INDEX users_mobile'));

test('the ownership migration keeps the first user of a duplicated mobile, blanks the later ones and notes them; tasks keep their creator as owner', () => {
  assert.ok(mobileMigration > 0);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'taskdeck-db-')), 'taskdeck.db');
  const raw = new Database(file);
  for (const m of migrations.slice(0, mobileMigration)) raw.exec(m);
  raw.pragma(`user_version = ${mobileMigration}`);
  const user = raw.prepare("INSERT INTO users (user_name, mobile, password_hash, created_at, updated_at) VALUES (?, ?, 'x', 't', 't')");
  for (const [name, mobile] of [['ann', '+1 555'], ['bob', '+1 555'], ['cy', ''], ['dee', ''], ['eli', '+1 555'], ['fay', '+2 777']]) user.run(name, mobile);
  raw.prepare(`INSERT INTO tasks (name, type, command, frequency, cron_expression, timeout, retry_times, retry_interval, maximum_parallel_runnable_num,
               overlap_policy, misfire_deadline_seconds, dispatch, run_mode, stage, created_by, created_at, updated_at)
               VALUES ('old', 'command', 'true', '{"mode":"once","time_zone":"UTC"}', '', 0, 0, 60, 1, 'forbid', 300, 'all', 'tied', 'Stopped', 'dora', 't', 't')`).run();
  raw.close();

  const store = openStore(file);
  try {
    const mobiles = Object.fromEntries(store.users.list().map((u) => [u.user_name, u.mobile]));
    assert.deepEqual(mobiles, { ann: '+1 555', bob: '', cy: '', dee: '', eli: '', fay: '+2 777' });
    const note = store.db.prepare("SELECT value FROM settings WHERE key = 'migration.mobile_blanked'").get() as { value: string };
    assert.deepEqual(JSON.parse(note.value), [{ user_name: 'bob', mobile: '+1 555' }, { user_name: 'eli', mobile: '+1 555' }]);
    assert.equal(store.tasks.byName('old')!.owner, 'dora');
    assert.throws(() => store.db.prepare("UPDATE users SET mobile = '+2 777' WHERE user_name = 'ann'").run(), /UNIQUE constraint failed: users.mobile/);
  } finally {
    store.close();
  }
});
