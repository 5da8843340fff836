import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { JobPage, JobView, TaskStats, TaskStatus } from '../../shared/domain/jobs';
import type { Harness } from '../../testing/core-harness';
import { startServerHarness, type ServerHarness } from '../../testing/server-harness';
import type { RunningServer } from './http-server';

interface ErrorBody { error: { code: string; message: string } }

describe('jobs over REST: the oVirt and Scylla views on the real HTTP server', () => {
  let s: ServerHarness;
  let h: Harness;
  let server: RunningServer;
  const tokens: Record<'admin' | 'plugin' | 'viewer', string> = { admin: '', plugin: '', viewer: '' };

  before(async () => {
    s = await startServerHarness({ core: { jobExpiryIntervalMs: 0 } });
    ({ h, server } = s);
    tokens.admin = s.admin;
    tokens.plugin = await s.signUp('backup-plugin', 'pluginpass1', ['plugin']);
    tokens.viewer = await s.signUp('vera', 'viewerpass1', ['viewer']);
  });
  after(() => s.dispose());

  async function call<T>(as: keyof typeof tokens, method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${server.url}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: (await r.json()) as T };
  }
  const plugin = <T>(method: string, p: string, body?: unknown) => call<T>('plugin', method, p, body);

  test('a plug-in injects a job with nested steps, ends them, and both views agree', async () => {
    const created = await plugin<JobView>('POST', '/jobs', { description: 'nightly backup of db-1', auto_cleared: true, external_type: 'pgbackrest' });
    assert.equal(created.status, 201);
    const job = created.body;
    assert.equal(job.status, 'STARTED');
    assert.equal(job.external, true);
    assert.equal(job.owner, 'backup-plugin');
    assert.equal(job.module, 'external');

    const step = await plugin<JobView>('POST', `/jobs/${job.id}/steps`, { description: 'copy base', type: 'EXECUTING', status: 'STARTED' });
    assert.equal(step.status, 201);
    assert.equal(step.body.parent_id, job.id);
    assert.equal(step.body.number, 1);
    const sub = await plugin<JobView>('POST', `/jobs/${job.id}/steps`, { parent_step_id: step.body.id, description: 'copy tablespace 1', type: 'EXECUTING' });
    assert.equal(sub.status, 201);
    assert.equal(sub.body.parent_id, step.body.id);
    const validated = await plugin<JobView>('POST', `/jobs/${job.id}/steps`, { description: 'check space', type: 'VALIDATING', status: 'FINISHED' });
    assert.equal(validated.body.status, 'FINISHED', 'created already ended: it folds at once');

    const steps = await plugin<JobView[]>('GET', `/jobs/${job.id}/steps`);
    assert.deepEqual(steps.body.map((x) => x.description), ['copy base', 'copy tablespace 1']);
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}/steps/${sub.body.id}`)).body.description, 'copy tablespace 1');
    const got = await plugin<JobView>('GET', `/jobs/${job.id}`);
    assert.deepEqual(got.body.children_ids, [step.body.id]);
    assert.deepEqual(got.body.folded, { done: 1, failed: 0, aborted: 0, unknown: 0 });

    const scylla = await plugin<TaskStatus>('GET', `/task_manager/task_status/${job.id}`);
    assert.equal(scylla.body.state, 'running');
    assert.equal(scylla.body.tree_state, 'running');
    assert.deepEqual(scylla.body.children_ids, [step.body.id]);
    const rec = await plugin<TaskStatus[]>('GET', `/task_manager/task_status_recursive/${job.id}`);
    assert.deepEqual(rec.body.map((x) => x.id), [job.id, step.body.id, sub.body.id], 'BFS order');

    // Ending the step with an unfinished sub-step: refused naming it, nothing written; with force the sub-step ends ABORTED.
    const refused = await plugin<ErrorBody>('POST', `/jobs/${job.id}/steps/${step.body.id}/end`, { succeeded: true });
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /unfinished steps: "copy tablespace 1"/);
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}/steps/${sub.body.id}`)).body.status, 'STARTED');
    const forced = await plugin<JobView>('POST', `/jobs/${job.id}/steps/${step.body.id}/end`, { succeeded: true, force: true });
    assert.equal(forced.status, 200);
    assert.equal(forced.body.status, 'FINISHED');
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}/steps/${sub.body.id}`)).body.status, 'ABORTED');

    const ended = await plugin<JobView>('POST', `/jobs/${job.id}/end`, { status: 'FAILED', error: 'tablespace 1 aborted' });
    assert.equal(ended.body.status, 'FAILED');
    assert.equal((await plugin<TaskStatus>('GET', `/task_manager/task_status/${job.id}`)).body.state, 'failed');

    // A step under a finished job or parent: 409; ending again: 409.
    assert.equal((await plugin<ErrorBody>('POST', `/jobs/${job.id}/steps`, { description: 'late' })).status, 409);
    assert.equal((await plugin<ErrorBody>('POST', `/jobs/${job.id}/end`, { status: 'FINISHED' })).status, 409);
  });

  test('ending a job with unfinished steps: 409 naming them, unless force (they end ABORTED)', async () => {
    const job = (await plugin<JobView>('POST', '/jobs', { description: 'migrate schema' })).body;
    const step = (await plugin<JobView>('POST', `/jobs/${job.id}/steps`, { description: 'apply 0042' })).body;
    const r = await plugin<ErrorBody>('POST', `/jobs/${job.id}/end`, { status: 'FINISHED' });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /"apply 0042"/);
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}`)).body.status, 'STARTED', 'nothing half-written');
    const f = await plugin<JobView>('POST', `/jobs/${job.id}/end`, { status: 'FINISHED', force: true });
    assert.equal(f.body.status, 'FINISHED');
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}/steps/${step.id}`)).body.status, 'ABORTED');
  });

  test('list jobs: filters and pages', async () => {
    const mine = (await plugin<JobView>('POST', '/jobs', { description: 'list me', module: 'listing' })).body;
    const second = (await plugin<JobView>('POST', '/jobs', { description: 'list me too', module: 'listing' })).body;
    await plugin('POST', `/jobs/${mine.id}/end`, { status: 'FINISHED' });
    const page1 = await call<JobPage>('viewer', 'GET', '/jobs?module=listing&limit=1');
    assert.deepEqual(page1.body.items.map((j) => j.id), [second.id], 'newest first');
    assert.equal(page1.body.next_before, second.id);
    const page2 = await call<JobPage>('viewer', 'GET', `/jobs?module=listing&limit=1&before=${page1.body.next_before}`);
    assert.deepEqual(page2.body.items.map((j) => j.id), [mine.id]);
    assert.deepEqual((await call<JobPage>('viewer', 'GET', '/jobs?module=listing&status=FINISHED')).body.items.map((j) => j.id), [mine.id]);
    assert.deepEqual((await call<JobPage>('viewer', 'GET', '/jobs?module=listing&status=STARTED&external=true&owner=backup-plugin')).body.items.map((j) => j.id), [second.id]);
    assert.equal((await call<JobPage>('viewer', 'GET', '/jobs?module=listing&external=false')).body.items.length, 0);
    assert.equal((await call<JobPage>('viewer', 'GET', `/jobs?module=listing&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.items.length, 0);
    assert.equal((await call<JobPage>('viewer', 'GET', `/jobs?module=listing&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.items.length, 2);
  });

  test('list jobs and list_module_tasks: text q and internal are filtered by the server; bad values are 400', async () => {
    const backup = (await plugin<JobView>('POST', '/jobs', { description: 'Nightly BACKUP of db-7', module: 'searching' })).body;
    const vacuum = (await plugin<JobView>('POST', '/jobs', { description: 'vacuum 100% of db_8', module: 'searching', type: 'maintenance' })).body;
    const tracker = h.core.services.jobs.tracker;
    const hidden = tracker.begin({ module: 'searching', type: 'bookkeeping', scope: 'job', description: 'internal backup of the catalogue', owner: 'admin', user_started: false, is_abortable: false, internal: true, running: true });
    const ids = async (p: string): Promise<string[]> => {
      const r = await call<JobPage>('viewer', 'GET', p);
      assert.equal(r.status, 200, p);
      return r.body.items.map((j) => j.id);
    };
    const tasks = async (p: string): Promise<string[]> => {
      const r = await call<TaskStats[]>('viewer', 'GET', p);
      assert.equal(r.status, 200, p);
      return r.body.map((t) => t.task_id);
    };

    assert.deepEqual(await ids('/jobs?module=searching'), [vacuum.id, backup.id], 'internal jobs hidden by default');
    assert.deepEqual(await ids('/jobs?module=searching&internal=true'), [hidden.id, vacuum.id, backup.id]);
    assert.deepEqual(await ids('/jobs?module=searching&q=backup%20of'), [backup.id], 'description, any case; the internal one stays hidden');
    assert.deepEqual(await ids('/jobs?module=searching&q=backup%20of&internal=true'), [hidden.id, backup.id]);
    assert.deepEqual(await ids('/jobs?module=searching&q=MAINTEN'), [vacuum.id], 'type');
    assert.deepEqual(await ids('/jobs?module=searching&q=backup-plug'), [vacuum.id, backup.id], 'owner');
    assert.deepEqual(await ids(`/jobs?q=${backup.id}`), [backup.id], 'an exact id');
    assert.deepEqual(await ids(`/jobs?module=searching&q=${encodeURIComponent('100%')}`), [vacuum.id], '% is literal');
    assert.deepEqual(await ids(`/jobs?module=searching&q=${encodeURIComponent('%')}`), [vacuum.id], 'a lone % matches only a %');
    assert.deepEqual(await ids('/jobs?module=searching&q=db_'), [vacuum.id], '_ is literal, not any character ("db-7" does not match)');
    assert.deepEqual(await ids('/jobs?module=searching&q=nowhere'), []);

    assert.deepEqual(await tasks('/task_manager/list_module_tasks/searching?q=backup%20of'), [backup.id]);
    assert.deepEqual(await tasks('/task_manager/list_module_tasks/searching?q=backup%20of&internal=true'), [hidden.id, backup.id]);
    assert.deepEqual(await tasks(`/task_manager/list_module_tasks/searching?q=${encodeURIComponent('%')}`), [vacuum.id]);

    for (const p of ['/jobs?internal=yes', '/jobs?internal=1', `/jobs?q=${'x'.repeat(201)}`, '/task_manager/list_module_tasks/searching?internal=maybe', `/task_manager/list_module_tasks/searching?q=${'x'.repeat(201)}`]) {
      const r = await call<ErrorBody>('viewer', 'GET', p);
      assert.equal(r.status, 400, p);
      assert.match(r.body.error.message, p.includes('internal') ? /internal/ : /q must be at most 200/, p);
    }
  });

  test('Scylla: list_modules, list_module_tasks (internal hidden unless asked), ttl and user_ttl (persisted, set returns the previous), drain', async () => {
    const job = (await plugin<JobView>('POST', '/jobs', { description: 'scylla view', module: 'scylla-mod' })).body;
    const step = (await plugin<JobView>('POST', `/jobs/${job.id}/steps`, { description: 'inner' })).body;
    assert.ok((await plugin<string[]>('GET', '/task_manager/list_modules')).body.includes('scylla-mod'));
    const visible = await plugin<TaskStats[]>('GET', '/task_manager/list_module_tasks/scylla-mod');
    assert.deepEqual(visible.body.map((t) => t.task_id), [job.id]);
    const all = await plugin<TaskStats[]>('GET', '/task_manager/list_module_tasks/scylla-mod?internal=true');
    assert.deepEqual(all.body.map((t) => t.task_id).sort(), [job.id, step.id].sort());

    assert.deepEqual((await plugin('GET', '/task_manager/ttl')).body, { ttl: 86_400 });
    assert.deepEqual((await plugin('GET', '/task_manager/user_ttl')).body, { ttl: 3600 });
    assert.equal((await plugin<ErrorBody>('POST', '/task_manager/ttl?ttl=60')).status, 403, 'setting a TTL is an admin\'s');
    assert.deepEqual((await call('admin', 'POST', '/task_manager/ttl?ttl=172800')).body, { ttl: 86_400 });
    assert.deepEqual((await call('admin', 'POST', '/task_manager/user_ttl', { ttl: 120 })).body, { ttl: 3600 });
    assert.deepEqual((await plugin('GET', '/task_manager/ttl')).body, { ttl: 172_800 });
    assert.equal(h.core.services.store.jobs.ttls().userTtlSeconds, 120, 'persisted in the store');
    const negative = await call<ErrorBody>('admin', 'POST', '/task_manager/ttl?ttl=-1');
    assert.equal(negative.status, 400);
    assert.match(negative.body.error.message, /ttl/);

    const running = (await plugin<JobView>('POST', '/jobs', { description: 'still going', module: 'scylla-mod' })).body;
    await plugin('POST', `/jobs/${job.id}/end`, { status: 'FINISHED', force: true });
    assert.deepEqual((await call('admin', 'POST', '/task_manager/drain/scylla-mod')).body, { drained: 1 });
    assert.equal((await plugin('GET', `/task_manager/task_status/${job.id}`)).status, 404);
    assert.equal((await plugin('GET', `/task_manager/task_status/${running.id}`)).status, 200, 'drain leaves running jobs');
  });

  test('wait_task returns when the task ends, times out with 408, and refuses a negative or huge timeout', async () => {
    const job = (await plugin<JobView>('POST', '/jobs', { description: 'wait for me' })).body;
    const waiting = plugin<TaskStatus>('GET', `/task_manager/wait_task/${job.id}?timeout=30`);
    // The wait is registered before the end: the long-poll is answered by the end itself.
    await new Promise<void>((resolve) => {
      const poll = (): void => void (h.core.services.jobs.tracker['endWaiters'].has(job.id) ? resolve() : setImmediate(poll));
      poll();
    });
    await plugin('POST', `/jobs/${job.id}/end`, { status: 'FINISHED' });
    const done = await waiting;
    assert.equal(done.status, 200);
    assert.equal(done.body.state, 'done');

    const slow = (await plugin<JobView>('POST', '/jobs', { description: 'slow' })).body;
    const timedOut = await plugin<ErrorBody>('GET', `/task_manager/wait_task/${slow.id}?timeout=0.1`);
    assert.equal(timedOut.status, 408);
    assert.match(timedOut.body.error.message, /did not end within 0.1 s; it is still running/);
    for (const t of ['-1', '0', '301', '1e9', 'soon']) {
      const r = await plugin<ErrorBody>('GET', `/task_manager/wait_task/${slow.id}?timeout=${t}`);
      assert.equal(r.status, 400, `timeout=${t}`);
      assert.match(r.body.error.message, /timeout/);
    }
  });

  test('abort_task: abortable only (409 with the reason), descendants too; unknown ids 404', async () => {
    const fixed = (await plugin<JobView>('POST', '/jobs', { description: 'cannot stop' })).body;
    const no = await plugin<ErrorBody>('POST', `/task_manager/abort_task/${fixed.id}`);
    assert.equal(no.status, 409);
    assert.match(no.body.error.message, /not abortable/);
    const job = (await plugin<JobView>('POST', '/jobs', { description: 'can stop', is_abortable: true })).body;
    const step = (await plugin<JobView>('POST', `/jobs/${job.id}/steps`, { description: 'part' })).body;
    assert.equal((await call<ErrorBody>('viewer', 'POST', `/task_manager/abort_task/${job.id}`)).status, 403);
    const r = await plugin<TaskStatus>('POST', `/task_manager/abort_task/${job.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.tree_state, 'aborted');
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}/steps/${step.id}`)).body.status, 'ABORTED');
    assert.equal((await plugin<ErrorBody>('POST', `/task_manager/abort_task/${job.id}`)).status, 409, 'already ended');
  });

  test('bad input: unknown ids 404, status outside the enum 400 naming the field, Taskdeck\'s own jobs 409, lower roles 403', async () => {
    for (const p of ['/jobs/nope', '/jobs/nope/steps', '/task_manager/task_status/nope', '/task_manager/task_status_recursive/nope', '/task_manager/wait_task/nope?timeout=1']) {
      assert.equal((await plugin('GET', p)).status, 404, p);
    }
    assert.equal((await plugin('POST', '/task_manager/abort_task/nope')).status, 404);
    assert.equal((await plugin('POST', '/jobs/nope/end', { status: 'FINISHED' })).status, 404);
    const job = (await plugin<JobView>('POST', '/jobs', { description: 'bad input' })).body;
    const other = (await plugin<JobView>('POST', '/jobs', { description: 'another' })).body;
    const step = (await plugin<JobView>('POST', `/jobs/${other.id}/steps`, { description: 'theirs' })).body;
    assert.equal((await plugin('GET', `/jobs/${job.id}/steps/${step.id}`)).status, 404, 'a step of another job');
    assert.equal((await plugin('GET', `/jobs/${step.id}`)).status, 404, 'a step is not a job');
    assert.equal((await plugin('POST', `/jobs/${job.id}/steps`, { description: 'x', parent_step_id: 'nope' })).status, 404);

    const bad = await plugin<ErrorBody>('POST', `/jobs/${job.id}/end`, { status: 'DONE' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /status/);
    const started = await plugin<ErrorBody>('POST', `/jobs/${job.id}/end`, { status: 'STARTED' });
    assert.equal(started.status, 400, 'STARTED is not an end');
    const badStep = await plugin<ErrorBody>('POST', `/jobs/${job.id}/steps`, { description: 'x', status: 'running' });
    assert.equal(badStep.status, 400);
    assert.match(badStep.body.error.message, /status/);
    assert.equal((await plugin<ErrorBody>('POST', `/jobs/${job.id}/steps`, { description: 'x', type: 'DANCING' })).status, 400);
    assert.equal((await plugin<ErrorBody>('POST', `/jobs/${job.id}/steps/${step.id}/end`, { succeeded: 'yes' })).status, 400);
    assert.equal((await call<ErrorBody>('viewer', 'GET', '/jobs?status=RUNNING')).status, 400);
    assert.equal((await plugin<ErrorBody>('POST', '/jobs', { description: '' })).status, 400);
    assert.equal((await call<ErrorBody>('viewer', 'GET', '/task_manager/list_module_tasks/BAD MODULE')).status, 400);
    assert.equal((await plugin<JobView>('GET', `/jobs/${job.id}`)).body.status, 'STARTED', 'nothing half-written');

    assert.equal((await call<ErrorBody>('viewer', 'POST', '/jobs', { description: 'sneaky' })).status, 403);
    assert.equal((await call<ErrorBody>('viewer', 'POST', `/jobs/${job.id}/end`, { status: 'FINISHED' })).status, 403);
    assert.equal((await call<ErrorBody>('viewer', 'POST', `/jobs/${job.id}/steps`, { description: 'x' })).status, 403);
    assert.equal((await call<ErrorBody>('viewer', 'POST', `/jobs/${job.id}/clear`)).status, 403);
    assert.equal((await plugin<ErrorBody>('POST', '/task_manager/drain/external')).status, 403);
    assert.equal((await plugin<{ permissions: string[] }>('GET', '/auth/me')).body.permissions.includes('requests:decide'), false, 'a plug-in never decides');
    const roles = await call<{ name: string; built_in: boolean; permissions: string[] }[]>('viewer', 'GET', '/roles');
    assert.deepEqual(roles.body.find((r) => r.name === 'plugin'), { name: 'plugin', built_in: false, permissions: ['read', 'jobs:external', 'runs:execute'], users: 1 });
    const approver = await call<ErrorBody>('admin', 'POST', '/processes', { name: 'Plug-in approves', task_type: 'database_change', risk_levels: [{ level: 1, approval_nodes: [{ role: 'plugin' }] }] });
    assert.equal(approver.status, 400, 'no process may make a plug-in an approver');
    assert.match(approver.body.error.message, /plugin role cannot approve/);

    const own = h.core.services.jobs.tracker.begin({ module: 'runs', type: 'ad-hoc run', scope: 'run', description: 'our run', owner: 'admin', user_started: true, is_abortable: true, internal: false, running: true });
    const r = await plugin<ErrorBody>('POST', `/jobs/${own.id}/end`, { status: 'FINISHED' });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /Taskdeck's own work/);
    assert.equal((await plugin<ErrorBody>('POST', `/jobs/${own.id}/steps`, { description: 'x' })).status, 409);
  });

  test('clear hands a job that is not auto-cleared to expiry', async () => {
    const job = (await plugin<JobView>('POST', '/jobs', { description: 'keep me', auto_cleared: false })).body;
    assert.equal(job.auto_cleared, false);
    const cleared = await plugin<JobView>('POST', `/jobs/${job.id}/clear`);
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.auto_cleared, true);
  });
});
