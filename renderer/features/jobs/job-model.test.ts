import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toJobView, type JobNode, type JobView } from '../../../shared/domain/jobs';
import { applyLanguage, loadLanguage } from '../../i18n/i18n';
import { taskTypeNames } from '../../../shared/domain/processes';
import { foldedText, jobAbilities, jobsHref, moduleWord, parseJobsFilter, subjectLinks, progressOf, queueWaitMs, runMs, statusWord, treeOf, typeWord, unfinishedBelow } from './job-model';

const v = (over: Partial<JobNode>): JobView =>
  toJobView({
    id: 'r', module: 'runs', parent_id: null, root_id: 'r', sequence_number: 1, type: 'ad-hoc run', scope: 'run', step_type: null, number: 0,
    description: 'uptime on db-1', action_type: '', owner: 'admin', state: 'running', external: false, external_type: null, auto_cleared: true,
    is_abortable: true, internal: false, user_started: true, progress: { units: '', total: 0, completed: 0 }, created_time: '2026-01-01T10:00:00.000Z',
    started_time: '2026-01-01T10:00:02.000Z', ended_time: null, updated_time: '2026-01-01T10:00:02.000Z', error: null, children_ids: [],
    folded: { done: 0, failed: 0, aborted: 0, unknown: 0 }, instance_id: null, subject: null, ...over,
  });

test('the filter round-trips through the hash and ignores bad values', () => {
  const f = parseJobsFilter({ module: 'runs', status: 'STARTED', external: 'false', internal: '1', q: 'db-1' });
  assert.deepEqual(f, { module: 'runs', status: 'STARTED', external: false, internal: true, text: 'db-1' });
  assert.equal(jobsHref(f), '/jobs?module=runs&status=STARTED&external=false&internal=1&q=db-1');
  assert.deepEqual(parseJobsFilter({ module: 'Bad Module', status: 'running', external: 'yes' }), { internal: false, text: '' });
  assert.equal(jobsHref(parseJobsFilter({})), '/jobs');
});

test('a job links to its task, its change request, and its run\'s instances', () => {
  assert.deepEqual(subjectLinks(v({ subject: { kind: 'task', id: 'nightly vacuum' }, action_type: 'task.run' }), undefined).map((l) => l.path), ['/tasks/nightly%20vacuum', '/instances?run=r']);
  assert.deepEqual(subjectLinks(v({ subject: { kind: 'request', id: '7' }, scope: 'request' }), undefined).map((l) => l.path), ['/approvals/7']);
  const run = v({ action_type: 'run' });
  assert.deepEqual(subjectLinks(run, undefined).map((l) => l.path), ['/instances?run=r']);
  const external = v({ scope: 'job', action_type: '', external: true });
  assert.deepEqual(subjectLinks(v({ id: 'in', action_type: 'run', parent_id: 'p' }), external).map((l) => l.path), ['/instances?run=in'], 'a run inside a plug-in\'s job');
  assert.deepEqual(subjectLinks(v({ id: 's', parent_id: 'r', step_type: 'EXECUTING', action_type: 'run' }), run), [], 'the run\'s own steps share its scope but are no run');
  assert.deepEqual(subjectLinks(v({ action_type: 'run', external: true }), undefined), [], 'a plug-in\'s node is no run, whatever its fields say');
});

test('status words: oVirt names in human words, created shows as queued', () => {
  assert.equal(statusWord(v({})), 'Running');
  assert.equal(statusWord(v({ state: 'created' })), 'Queued');
  assert.equal(statusWord(v({ state: 'aborted' })), 'Aborted');
  assert.equal(statusWord(v({ state: 'done' })), 'Finished');
});

test('queue wait is start − creation; duration runs to the end or now', () => {
  const now = Date.parse('2026-01-01T10:00:10.000Z');
  assert.equal(queueWaitMs(v({}), now), 2000);
  assert.equal(queueWaitMs(v({ started_time: null }), now), 10_000);
  assert.equal(runMs(v({}), now), 8000);
  assert.equal(runMs(v({ ended_time: '2026-01-01T10:00:05.000Z' }), now), 3000);
  assert.equal(runMs(v({ started_time: null }), now), null);
});

test('progress: counted units, bytes, nothing counted, clamped', () => {
  assert.equal(progressOf(v({})), null);
  assert.deepEqual(progressOf(v({ progress: { units: 'hosts', total: 4, completed: 1 } })), { percent: 25, text: '1 / 4 hosts' });
  assert.deepEqual(progressOf(v({ progress: { units: 'bytes', total: 2048, completed: 1024 } })), { percent: 50, text: '1.0 KB / 2.0 KB' });
  assert.equal(progressOf(v({ progress: { units: '', total: 3, completed: 9 } }))?.percent, 100);
  assert.equal(progressOf(v({ progress: { units: '', total: 3, completed: 3 } }))?.text, '3 / 3 steps');
});

test('the tree is built from cached nodes in order; internal steps show (every step is internal); an unloaded job still offers to expand', () => {
  const root = v({ children_ids: ['b', 'a'] });
  const a = v({ id: 'a', parent_id: 'r', number: 1, description: 'validate', state: 'done' });
  const b = v({ id: 'b', parent_id: 'r', number: 2, description: 'execute' });
  const b1 = v({ id: 'b1', parent_id: 'b', number: 1, description: 'db-1' });
  const hidden = v({ id: 'h', parent_id: 'b', number: 2, internal: true });
  const t = treeOf(root, [root, b, a, b1, hidden]);
  assert.deepEqual(t.children?.map((c) => c.id), ['a', 'b']);
  assert.deepEqual(t.children?.[1]?.children?.map((c) => c.id), ['b1', 'h']);
  assert.deepEqual(treeOf(root, [root]).children, []);
  assert.equal(treeOf(v({}), []).children, undefined);
  assert.deepEqual(unfinishedBelow([root, a, b, b1], 'r').map((n) => n.id), ['b', 'b1']);
});

test('Folded counts what folded away: children still shown below the node (a kept failed host, the summary) are not counted again', () => {
  const executing = v({ folded: { done: 1, failed: 1, aborted: 0, unknown: 0 } });
  const keptFailure = v({ id: 'f', parent_id: 'r', state: 'failed' });
  assert.equal(foldedText(executing), '1 finished, 1 failed', 'nothing shown below (collapsed, or the running-jobs popover)');
  assert.equal(foldedText(executing, [keptFailure]), '1 finished', 'the failed host is a row of its own');
  const root = v({ folded: { done: 2, failed: 0, aborted: 0, unknown: 0 } });
  assert.equal(foldedText(root, [v({ id: 's', parent_id: 'r', state: 'done', step_type: 'FINALIZING' }), v({ id: 'e', parent_id: 'r', state: 'running' })]), '1 finished', 'a kept summary is shown; a running step never folded');
  assert.equal(foldedText(v({ folded: { done: 0, failed: 1, aborted: 0, unknown: 0 } }), [keptFailure]), '', 'nothing left to say');
  assert.equal(foldedText(v({}), [keptFailure]), '', 'never below zero');
});

test('abort is offered as the core allows it: a run on its authority (owner, admin, DBA), an external node with the plug-in permission', () => {
  const plugin = { user_name: 'backup-tool', roles: ['plugin'] };
  const read = new Set(['read', 'jobs:external', 'runs:execute']);
  const adminsRun = v({ owner: 'admin' });
  assert.equal(jobAbilities(adminsRun, read, plugin).abort, false, 'a plug-in never aborts a run it did not start');
  assert.equal(jobAbilities(v({ owner: 'backup-tool' }), read, plugin).abort, true, 'its own run');
  assert.equal(jobAbilities(v({ owner: 'BACKUP-TOOL', id: 'h', parent_id: 'r' }), read, plugin).abort, true, 'a host of its own run (user names compare as the core does)');
  assert.equal(jobAbilities(adminsRun, new Set(['read']), { user_name: 'dora', roles: ['dba'] }).abort, true, 'a DBA aborts any run');
  assert.equal(jobAbilities(adminsRun, read, null).abort, false, 'signed out');
  assert.equal(jobAbilities(v({ owner: 'admin', state: 'done' }), read, { user_name: 'admin', roles: ['admin'] }).abort, false, 'finished');
  assert.equal(jobAbilities(v({ owner: 'admin', is_abortable: false }), read, { user_name: 'admin', roles: ['admin'] }).abort, false, 'not abortable');
  const external = v({ owner: 'other-tool', external: true, scope: 'job', action_type: '' });
  assert.deepEqual(jobAbilities(external, read, plugin), { abort: true, end: true, clear: false });
  assert.deepEqual(jobAbilities(external, new Set(['read']), { user_name: 'vic', roles: ['viewer'] }), { abort: false, end: false, clear: false });
});

test('Taskdeck\'s own job types and modules read in the reader\'s language; a plug-in\'s stay as it named them', async () => {
  await loadLanguage('zh-CN');
  applyLanguage('zh-CN');
  try {
    assert.equal(typeWord(v({ type: 'ad-hoc run' })), '临时运行');
    assert.equal(typeWord(v({ type: 'ssh-config import' })), 'SSH 配置导入');
    // An approved change's job is named after its task's type, as the core writes it (underscores as spaces).
    assert.deepEqual(taskTypeNames.map((n) => typeWord(v({ type: n.replace(/_/g, ' ') }))), ['命令', '数据库变更', '权限申请']);
    assert.equal(typeWord(v({ type: 'backup', external: true })), 'backup', 'a plug-in\'s "backup" is its own word');
    assert.equal(typeWord(v({ type: 'nightly dump' })), 'nightly dump');
    assert.equal(moduleWord('approvals'), '审批');
    assert.equal(moduleWord('pg-backup'), 'pg-backup');
  } finally {
    applyLanguage('en');
  }
  assert.equal(typeWord(v({ type: 'scheduled run' })), 'scheduled run');
  assert.equal(moduleWord('system'), 'system');
});
