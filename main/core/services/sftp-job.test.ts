import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Client } from 'ssh2';
import type { JobProgress } from '../../../shared/domain/jobs';
import { startSshd, type SshdFixture } from '../../../e2e/fixtures/sshd';
import { startHarness, type Harness } from '../../../testing/core-harness';
import { connectFixture } from '../../../testing/fixture-ssh';
import { JobIdGenerator } from '../domain/job-id';
import { sftpTransfer } from '../executors/sftp';
import { type JobBegin, JobTracker, type TreeChange } from './job-tracker';

const transferJob = (description: string): JobBegin => ({
  module: 'system', type: 'sftp transfer', scope: 'transfer', step_type: 'TRANSFERRING', description, owner: 'admin',
  user_started: true, is_abortable: true, internal: false,
});

describe('SFTP transfers tracked as jobs, over the real sshd', () => {
  let sshd: SshdFixture;
  let h: Harness;
  let client: Client;
  let tracker: JobTracker;
  const seen: TreeChange[] = [];
  before(async () => {
    sshd = await startSshd();
    h = await startHarness({ jobExpiryIntervalMs: 0 });
    client = await connectFixture(sshd, 'sftp-job');
    // The core's own store; every change recorded uncoalesced, so each progress step is seen.
    tracker = new JobTracker(h.core.services.store, h.core.services.clock, new JobIdGenerator(), (c) => seen.push(c));
  });
  after(async () => {
    client.end();
    await h.dispose();
    await sshd.dispose();
  });
  const progressOf = (id: string): JobProgress[] => seen.flatMap((c) => c.nodes).filter((n) => n.id === id).map((n) => n.progress);

  test('an upload of 4 MB: a job that counts bytes up to the file size and ends done', async () => {
    const src = path.join(h.dir, 'four.bin');
    fs.writeFileSync(src, randomBytes(4 * 1024 * 1024));
    const job = tracker.begin(transferJob('upload four.bin'));
    const r = await sftpTransfer(client, { direction: 'upload', local: src, remote: path.join(sshd.dir, 'four.bin') }, { job });
    assert.equal(r.bytes, 4 * 1024 * 1024);
    const node = tracker.node(job.id);
    assert.equal(node.state, 'done');
    assert.ok(node.started_time);
    assert.deepEqual(node.progress, { units: 'bytes', total: r.bytes, completed: r.bytes });
    const steps = progressOf(job.id).filter((p) => p.units === 'bytes');
    assert.ok(steps.some((p) => p.completed > 0 && p.completed < p.total), 'progress between start and end was reported');
    assert.deepEqual(steps.map((p) => p.completed), steps.map((p) => p.completed).sort((a, b) => a - b), 'progress never goes back');
    assert.equal(fs.statSync(path.join(sshd.dir, 'four.bin')).size, r.bytes);
  });

  test('a refused transfer (no such remote file) ends the job failed with the reason', async () => {
    const job = tracker.begin(transferJob('download a missing file'));
    await assert.rejects(sftpTransfer(client, { direction: 'download', local: path.join(h.dir, 'x'), remote: '/nonexistent/file' }, { job }), /download \/nonexistent\/file failed/);
    const node = tracker.node(job.id);
    assert.equal(node.state, 'failed');
    assert.match(node.error ?? '', /download \/nonexistent\/file failed: No such file/);
  });

  test('a transfer into a folder it may not write is failed with the permission problem', async () => {
    const src = path.join(h.dir, 'small.bin');
    fs.writeFileSync(src, randomBytes(1024));
    const job = tracker.begin(transferJob('upload into /proc'));
    await assert.rejects(sftpTransfer(client, { direction: 'upload', local: src, remote: '/proc/taskdeck-not-allowed' }, { job }));
    assert.equal(tracker.node(job.id).state, 'failed');
    assert.match(tracker.node(job.id).error ?? '', /upload .*small\.bin failed/);
  });

  test('a cancelled transfer ends its job aborted', async () => {
    const src = path.join(h.dir, 'big.bin');
    fs.writeFileSync(src, randomBytes(32 * 1024 * 1024));
    const job = tracker.begin(transferJob('upload big.bin, cancelled'));
    const ac = new AbortController();
    const p = sftpTransfer(client, { direction: 'upload', local: src, remote: path.join(sshd.dir, 'big.bin') }, { job, signal: ac.signal, onProgress: () => ac.abort() });
    await assert.rejects(p, /transfer cancelled/);
    assert.equal(tracker.node(job.id).state, 'aborted');
  });
});
