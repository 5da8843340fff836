import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditCategoryOf, AuditCategoryList, categoryActions, defaultAuditCategories, knownAuditActions } from '../../../shared/domain/audit-categories';
import { auditSentence, nameList, recordedName, type SentenceInput } from '../../../shared/domain/audit-sentences';

const e = (action: string, target_type: string, target_id: string | null, details: unknown, actor = 'dora', target_name: string | null = null): SentenceInput =>
  ({ actor, action, target_type, target_id, target_name, details });

test('entries read as sentences with names, not ids', () => {
  const cases: [SentenceInput, string][] = [
    [e('request.approved', 'request', '12', { task: 'fix-balances', from: 'APPROVING', to: 'APPROVING', node: 1, comment: 'ok' }), 'dora approved request #12 (fix-balances), node 1'],
    [e('request.rejected', 'request', '12', { task: 'fix-balances', node: 2 }), 'dora rejected request #12 (fix-balances), node 2'],
    // an entry written before decisions named their node
    [e('request.approved', 'request', '7', { task: 'nightly' }), 'dora approved request #7 (nightly)'],
    [e('request.expired', 'request', '7', { task: 'nightly' }, 'system'), 'request #7 (nightly) expired'],
    [e('request.succeeded', 'request', '7', { task: 'nightly', why: 'schedule stopped' }, 'system'), 'request #7 (nightly) succeeded (schedule stopped)'],
    [e('request.opened', 'request', '3', { task: 'vacuum', process: 'DB changes', risk_level: 2 }), 'dora asked for approval of task vacuum: request #3, process DB changes, risk level 2'],
    // task.run carries no name before this change: the current name resolved by the store stands in
    [e('task.run', 'task', '3', { trigger: 'manual', hosts: ['db-1', 'db-2'] }, 'dora', 'nightly'), 'dora ran task nightly on db-1, db-2'],
    [e('task.run', 'task', '3', { trigger: 'schedule', hosts: ['db-1'] }, 'dora'), "the schedule ran task #3 on db-1 (on dora's authority)"],
    [e('task.run', 'task', '3', { trigger: 'schedule', task: 'nightly', hosts: ['db-1', 'db-2', 'db-3', 'db-4', 'db-5'] }, 'dora', 'renamed'), "the schedule ran task nightly on db-1, db-2, db-3 and 2 more (on dora's authority)"],
    [e('task.updated', 'task', '3', { name: 'nightly', changes: [] }), 'dora edited task nightly'],
    [e('task.deleted', 'task', '3', { name: 'old', forced: true }), 'dora deleted task old (forced)'],
    [e('run.started', 'run', 'ab12', { command: 'uptime\nwho', hosts: ['db-1'] }), 'dora ran "uptime" on db-1'],
    [e('instance.cancelled', 'instance', '7351', { host: 'db-1' }), 'dora cancelled instance 7351 on db-1'],
    [e('host.key_accepted', 'host', '2', { name: 'db-2', fingerprint: 'SHA256:abc' }), 'dora accepted the host key of db-2 (SHA256:abc)'],
    [e('host.updated', 'host', '2', { fields: ['tag'] }, 'dora', 'db-2'), 'dora edited host db-2'],
    [e('host.deleted', 'host', '2', { name: 'db-2', host: '10.0.0.2:22' }), 'dora deleted host db-2 (10.0.0.2:22)'],
    [e('process.disabled', 'process', '4', {}, 'admin', 'DB changes'), 'admin disabled approval process DB changes'],
    // a deleted process: no name then or now
    [e('process.enabled', 'process', '9', {}, 'admin', null), 'admin enabled approval process #9'],
    [e('auth.login', 'user', '1', {}, 'dora'), 'dora signed in'],
    [e('auth.login_failed', 'user', null, { user_name: 'dora', known: true, locked_for_seconds: 30 }), 'sign-in failed for dora; locked for 30 s'],
    [e('permission.granted', 'user', 'dev', { hosts: ['db-1'], hours: 24 }, 'admin'), 'admin let dev run on db-1 for 24 h'],
    [e('user.updated', 'user', '5', { fields: ['roles'], password_changed: true }, 'admin', 'ops'), 'admin edited user ops, setting a new password'],
    [e('token.used', 'token', 'tok_1', { token: 'backup-bot', operation: 'runs.create' }, 'bot'), 'bot used API token backup-bot for runs.create'],
    [e('permission.expired', 'user', 'dev', {}, 'system'), "dev's permission to run on a host expired"],
    [e('audit.reanchored', 'audit', null, { reason: 'anchor missing' }, 'system'), 'Taskdeck re-anchored the audit chain: anchor missing'],
    // an action this version does not know still reads
    [e('plugin.thing', 'widget', '5', {}, 'bot', 'w1'), 'bot: plugin.thing on widget w1'],
    // details that are not JSON (a row edited outside Taskdeck)
    [e('task.created', 'task', '3', '{not json', 'dora', 'nightly'), 'dora created task nightly'],
  ];
  for (const [input, want] of cases) assert.equal(auditSentence(input), want, input.action);
});

test('the name recorded in an entry wins over the current name', () => {
  assert.equal(recordedName({ name: 'old-name' }), 'old-name');
  assert.equal(recordedName({ task: 'nightly' }), 'nightly');
  assert.equal(recordedName({ fields: ['x'] }), null);
  assert.equal(recordedName('text'), null);
  assert.equal(nameList(['a', 'b', 'c', 'd']), 'a, b, c and 1 more');
});

test('categories: scheduler fires and sign-ins are hidden by default, and every action has one', () => {
  assert.equal(auditCategoryOf('task.run', { trigger: 'schedule' }), 'scheduler');
  assert.equal(auditCategoryOf('task.run', { trigger: 'retry' }), 'scheduler');
  assert.equal(auditCategoryOf('task.run', { trigger: 'manual' }), 'runs');
  assert.equal(auditCategoryOf('task.run', 'garbage'), 'runs');
  assert.equal(auditCategoryOf('auth.login', {}), 'sign_ins');
  assert.equal(auditCategoryOf('auth.login_failed', {}), 'security');
  assert.equal(auditCategoryOf('request.approved', {}), 'approvals');
  assert.equal(auditCategoryOf('no.such', {}), 'other');
  assert.ok(!defaultAuditCategories.includes('scheduler') && !defaultAuditCategories.includes('sign_ins'));
  assert.ok(defaultAuditCategories.includes('approvals') && defaultAuditCategories.includes('other'));
  const all = Object.values(categoryActions).flat();
  assert.equal(new Set(all).size, all.length, 'an action is in one category only');
  assert.ok(knownAuditActions.includes('task.run'));
});

test('a category list parses from a query string and refuses unknown words', () => {
  assert.deepEqual(AuditCategoryList.parse('changes, runs,changes'), ['changes', 'runs']);
  assert.deepEqual(AuditCategoryList.parse(''), []);
  const bad = AuditCategoryList.safeParse('changes,bogus');
  assert.ok(!bad.success && /unknown category bogus/.test(bad.error.issues[0]!.message));
});

test('every action the core writes has a category and a sentence of its own (a new action must be given both)', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const root = path.resolve(import.meta.dirname, '..');
  const written = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/record\([^,]+, (?:[^,]+\? )?'([a-z_]+\.[a-z_]+)'(?: : '([a-z_]+\.[a-z_]+)')?/g)) {
          written.add(m[1]!);
          if (m[2]) written.add(m[2]);
        }
        for (const m of src.matchAll(/'(request\.(?!changed')[a-z_]+)'/g)) written.add(m[1]!);
      }
    }
  };
  walk(root);
  assert.ok(written.size > 40, `found ${written.size} actions`);
  for (const action of written) {
    assert.notEqual(auditCategoryOf(action, {}), 'other', `${action} has no category`);
    assert.doesNotMatch(auditSentence(e(action, 'thing', '1', {})), /^dora: /, `${action} has no sentence`);
  }
});
