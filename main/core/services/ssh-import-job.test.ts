import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../../../testing/core-harness';

const config = `
Host db-1
  HostName 10.0.0.11
  User postgres
Host db-2
  HostName 10.0.0.12
  Port 2222
  User postgres
Host *.internal
  User ops
Host tunnel
  HostName 10.0.0.13
  User ops
  ProxyCommand nc %h %p
Host taken
  HostName 10.0.0.14
  User ops
Host nouser
  HostName 10.0.0.15
`;

describe('the ssh-config import is a job', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    await h.call('hosts.create', { name: 'taken', host: '10.0.0.99:22', username: 'ops', machine_id: 0, auth: { kind: 'agent' } });
  });
  after(() => h.dispose());
  const importJobs = async () => (await h.call('jobs.list', { module: 'system' })).items.filter((j) => j.type === 'ssh-config import');

  test('a preview is no job', async () => {
    const r = await h.call('hosts.import-ssh-config', { content: config, dry_run: true });
    assert.equal(r.created.length, 2);
    assert.deepEqual(await importJobs(), []);
  });

  test('an import: one job owned by the importer, a step per entry, done; a skipped entry is no failure: its summary counts it, with why', async () => {
    const r = await h.call('hosts.import-ssh-config', { content: config, dry_run: false });
    assert.deepEqual(r.created.map((c) => c.name), ['db-1', 'db-2']);
    const [job] = await importJobs();
    assert.ok(job);
    assert.equal(job.status, 'FINISHED');
    assert.equal(job.owner, 'admin');
    assert.equal(job.user_started, true);
    assert.deepEqual(job.progress, { units: 'entries', total: 6, completed: 6 });
    assert.deepEqual(job.folded, { done: 7, failed: 0, aborted: 0, unknown: 0 }, 'six entries and the summary, none failed');
    assert.equal(job.error, null);
    const steps = await h.call('jobs.steps', { id: job.id });
    assert.deepEqual(steps.map((s) => [s.step_type, s.status]), [['FINALIZING', 'FINISHED']], 'only the summary stays: no entry is a failure to keep');
    const summary = steps[0]!.description;
    assert.match(summary, /^2 stored, 4 skipped: /);
    assert.match(summary, /"\*\.internal": [^;]*pattern, not a host/);
    assert.match(summary, /"tunnel": [^;]*ProxyCommand is not supported/);
    assert.match(summary, /"taken": [^;]*a host with this name exists/);
    assert.match(summary, /"nouser": [^;]*no User in the config/);
  });

  test('a config with nothing to import is still a job that says so (0 entries), done', async () => {
    await h.call('hosts.import-ssh-config', { content: '# nothing here\n', dry_run: false });
    const latest = (await importJobs())[0]!;
    assert.equal(latest.status, 'FINISHED');
    assert.deepEqual(latest.progress, { units: 'entries', total: 0, completed: 0 });
    const steps = await h.call('jobs.steps', { id: latest.id });
    assert.deepEqual(steps.map((s) => s.description), ['0 stored, 0 skipped']);
  });
});
