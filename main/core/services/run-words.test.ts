import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TaskStatus } from '../../../shared/domain/jobs';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';

/** How often `name` occurs in `text`. */
const occurrences = (text: string | null, name: string): number => (text ?? '').split(name).length - 1;

describe('a run says what it is in words, and names a failing host once', () => {
  let sshd: SshdFixture;
  let gone: SshdFixture;
  let h: Harness;
  let up: number;
  let down: number;

  before(async () => {
    [sshd, gone] = await Promise.all([startSshd(), startSshd()]);
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    up = await h.trustedHost(sshd, 'pg-main-01', '127.0.0.1', 1);
    // A host whose key was pinned, then whose sshd went away: its connection is refused.
    down = await h.trustedHost(gone, 'pg-main-02', '127.0.0.1', 2);
    await gone.stop();
  });
  after(async () => {
    await h.dispose();
    await sshd.dispose();
    await gone.dispose();
  });

  const tree = (id: string): Promise<TaskStatus[]> => h.call('task_manager.task-status-recursive', { task_id: id });
  const waitJob = (id: string): Promise<TaskStatus> => h.call('task_manager.wait-task', { task_id: id, timeout: 30 });

  test("every node of a run's job carries its words beside the English description, over the contract too", async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [up] }, command: 'echo hello\necho again' });
    await waitJob(run.run_id);
    const job = await h.call('jobs.get', { id: run.run_id });
    assert.equal(job.description, 'ad-hoc run on 1 host: echo hello');
    assert.deepEqual(job.words, { key: 'adHocRun', params: { count: 1, command: 'echo hello' } });
    const nodes = await tree(run.run_id);
    const byStep = (t: string): TaskStatus[] => nodes.filter((n) => n.step_type === t && n.parent_id === run.run_id);
    assert.deepEqual(byStep('FINALIZING').map((n) => n.words?.key), ['finalSummary']);
    assert.match(byStep('FINALIZING')[0]!.description, /^exit codes 0 ×1; \d+ log lines, /);
  });

  test('a host that cannot be reached: its step says why once, without its name; the parents name it once', async () => {
    const run = await h.call('runs.create', { targets: { host_ids: [down] }, command: 'uptime' });
    const ended = await waitJob(run.run_id);
    assert.equal(ended.tree_state, 'failed');
    const nodes = await tree(run.run_id);
    const hostStep = nodes.find((n) => n.scope === 'host')!;
    assert.deepEqual(hostStep.words, { key: 'hostStep', params: { host: 'pg-main-02' } });
    assert.match(hostStep.error!, /^cannot connect to 127\.0\.0\.1:\d+: connection refused$/, 'the host step is the host: its error does not repeat the name');
    const instance = await h.call('instances.get', { id: run.instances[0]!.id });
    assert.equal(instance.error, hostStep.error, "the instance's error is the step's");
    for (const n of nodes.filter((x) => x.scope !== 'host' && x.error !== null)) {
      assert.equal(occurrences(n.error, 'pg-main-02'), 1, `${n.step_type ?? 'job'} names the host once: ${n.error}`);
    }
    assert.equal(occurrences(ended.error, 'pg-main-02'), 1, ended.error ?? '');
    const validating = nodes.find((n) => n.step_type === 'VALIDATING')!;
    assert.deepEqual(validating.words, { key: 'validating', params: { count: 1 } });
    assert.equal(validating.description, 'resolve 1 host, connect, verify host keys');
    assert.deepEqual(nodes.find((n) => n.step_type === 'EXECUTING' && n.scope === 'run')!.words, { key: 'executing', params: { count: 1 } });
  });

  test("a plug-in's job has no words: the console shows its description", async () => {
    const job = await h.call('jobs.create', { description: 'nightly vacuum (plug-in)', auto_cleared: true });
    assert.equal((await h.call('jobs.get', { id: job.id })).words, null);
  });
});
