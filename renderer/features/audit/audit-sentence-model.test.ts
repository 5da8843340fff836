import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { knownAuditActions } from '../../../shared/domain/audit-categories';
import { auditSentence, type SentenceInput } from '../../../shared/domain/audit-sentences';
import { i18n, loadLanguage } from '../../i18n/i18n';
import { auditSentenceT, translatedAuditActions, type SentenceEntry } from './audit-sentence-model';

before(() => loadLanguage('zh-CN'));
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

/** Every detail any action reads, so each optional tail is taken. */
const full = {
  name: 'nightly', token: 'ci-bot', operation: 'tasks.list', owner: 'dora', scopes: ['read', 'run'], host: 'db-1',
  host_from: '10.0.0.1', host_to: '10.0.0.2', names: ['db-1', 'db-2', 'db-3', 'db-4', 'db-5'], fingerprint: 'SHA256:abc',
  expected: 'SHA256:old', presented: 'SHA256:new', bindings_removed: 2, group: 'oltp', weight: 3, forced: true, reason: 'maintenance',
  hosts: ['db-1', 'db-2', 'db-3', 'db-4'], command: 'select 1\nfrom dual', task: 'fix-balances', process: 'two-level', risk_level: 2,
  node: 'DBA review', why: 'approved twice', request_id: 7, origin_console: 'c-1', message: 'signature does not verify', hours: 4,
  task_type: 'SQL', from: 'low', to: 'high', path: '/backups/a.db', kind: 'webhook', secret_changed: true, events: ['failure', 'timeout'],
  channel: 'ops', enabled: false, roles: ['admin', 'dba'], user_name: 'ann', password_changed: true, ended_sessions: 2, key_id: 'k-1',
  role: 'approver', entries: 9, locked_for_seconds: 30, scope: 'run', locked: 1,
};

const entry = (action: string, details: unknown, over: Partial<SentenceInput> = {}): SentenceEntry => {
  const input: SentenceInput = { actor: 'dora', action, target_type: 'task', target_id: '12', target_name: 'now-named', details, ...over };
  return { ...input, sentence: auditSentence(input) };
};

/** Variants that pick another key: a trigger, a kind, a decision, a count of one, another actor. */
const variants: readonly SentenceEntry[] = [
  entry('task.run', { task: 'nightly', trigger: 'schedule', hosts: ['db-1'] }),
  entry('task.run', { task: 'nightly', trigger: 'retry' }),
  entry('key.created', { kind: 'console' }, { actor: 'system' }),
  entry('review.decided', { decision: 'rejected', request_id: 3, origin_console: 'c-2' }),
  entry('token.revoked', { token: 'ci-bot', by_itself: true }),
  entry('token.refused', { token: 'ci-bot', permission: 'approve' }),
  entry('trust.added', { key_id: 'k-2', console_id: 'c-9' }),
  entry('group.deleted', { name: 'oltp', bindings_removed: 1 }),
  entry('user.password_changed', { ended_sessions: 1 }),
  entry('system.run_settings', { default_timeout: { from: 3600, to: 600 }, typed_threshold: { from: 5, to: 10 } }),
  entry('request.approved', {}, { target_name: null }),
  entry('host.updated', null, { target_id: null, target_name: null }),
];

const allCases = (): SentenceEntry[] => [
  ...knownAuditActions.flatMap((a) => [entry(a, full), entry(a, {}), entry(a, ['not', 'a', 'record'])]),
  ...variants,
];

test('every action the core writes has a sentence of its own (none falls back to the server\'s English)', () => {
  assert.deepEqual(knownAuditActions.filter((a) => !translatedAuditActions.includes(a)), []);
});

test('in English the console says exactly what the server says, for every action and variant', () => {
  const differ = allCases().map((e) => ({ action: e.action, server: e.sentence, console: auditSentenceT(e, en) })).filter((c) => c.server !== c.console);
  assert.deepEqual(differ, []);
});

test('in Chinese no sentence is the English one, and none shows a raw key or an empty placeholder', () => {
  for (const e of allCases()) {
    const s = auditSentenceT(e, zh);
    assert.notEqual(s, e.sentence, e.action);
    assert.doesNotMatch(s, /auditSentences|\{\{|undefined/, `${e.action}: ${s}`);
  }
});

test('Chinese sentences, a few by hand', () => {
  const cases: readonly [SentenceEntry, string][] = [
    [entry('task.created', { name: 'nightly' }), 'dora 创建了任务 nightly'],
    [entry('request.approved', { task: 'fix-balances', node: 'DBA review' }), 'dora 批准了申请 #12（fix-balances），节点 DBA review'],
    [entry('request.failed', { why: 'exit 1' }, { target_name: null }), '申请 #12执行失败（exit 1）'],
    [entry('run.started', { command: 'uptime', hosts: ['db-1', 'db-2', 'db-3', 'db-4', 'db-5'] }), 'dora 运行了 "uptime"，目标 db-1、db-2、db-3 等，另有 2 个'],
    [entry('auth.login_failed', { locked_for_seconds: 60 }), 'dora 登录失败；锁定 60 秒'],
    [entry('task.run', { task: 'nightly', trigger: 'schedule' }, { actor: 'system' }), '调度运行了任务 nightly（以 Taskdeck 的权限）'],
    [entry('host.key_mismatch', { name: 'db-3', expected: 'SHA256:a', presented: 'SHA256:b' }), 'db-3 的主机密钥已变更：应为 SHA256:a，实际为 SHA256:b'],
  ];
  for (const [e, want] of cases) assert.equal(auditSentenceT(e, zh), want);
  // Alert events by the names the alerts page gives them, never their codes.
  const rule = auditSentenceT(entry('alert_rule.created', { events: ['failure', 'retries_exhausted'], task: 'nightly', channel: 'ops' }), zh);
  assert.match(rule, /失败、重试耗尽|失败，重试耗尽/);
  assert.doesNotMatch(rule, /retries_exhausted|failure/);
});

test('English sentences, a few by hand', () => {
  assert.equal(auditSentenceT(entry('request.approved', { task: 'fix-balances', node: '1' }), en), 'dora approved request #12 (fix-balances), node 1');
  assert.equal(auditSentenceT(entry('host.imported', { names: ['a', 'b', 'c', 'd', 'e'] }), en), 'dora imported 5 hosts from an SSH config: a, b, c and 2 more');
  assert.equal(auditSentenceT(entry('group.deleted', { name: 'oltp', bindings_removed: 1 }), en), 'dora deleted group oltp and its 1 binding');
  assert.equal(auditSentenceT(entry('alert_rule.created', { events: ['failure', 'retries_exhausted'], task: 'nightly', channel: 'ops' }), en), 'dora sent Failed, Retries exhausted of nightly to ops');
});

test('an action this console does not know shows the server\'s sentence, in either language', () => {
  const e = { ...entry('brand.new_thing', { name: 'x' }), sentence: 'dora did a brand new thing' };
  assert.equal(auditSentenceT(e, zh), 'dora did a brand new thing');
  assert.equal(auditSentenceT({ ...e, action: '__proto__' }, en), 'dora did a brand new thing');
  assert.equal(auditSentenceT({ ...e, action: 'toString' }, zh), 'dora did a brand new thing');
});
