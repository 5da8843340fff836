import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSshd, type SshdFixture } from '../../e2e/fixtures/sshd';
import { InstanceStatus } from '../../shared/domain/instances';
import { type CliKit, startCliServer } from '../../testing/cli-kit';
import type { Harness } from '../../testing/core-harness';

let sshd: SshdFixture;
let h: Harness;
let cli: CliKit;
let dispose: () => Promise<void>;
let prod: number;
let plain: number;
let plain2: number;

before(async () => {
  sshd = await startSshd();
  ({ h, cli, dispose } = await startCliServer());
  prod = await h.trustedHost(sshd, 'pg-main', '127.0.0.1', 51);
  await h.call('hosts.update', { id: prod, tag: 'pg15, Production' });
  plain = await h.trustedHost(sshd, 'pg-test', '127.0.0.1', 52);
  plain2 = await h.trustedHost(sshd, 'pg-test-2', '127.0.0.1', 53);
});
after(async () => {
  await dispose();
  await sshd.dispose();
});

const runJson = (hostIds: number[], command = 'echo ok'): string => JSON.stringify({ targets: { host_ids: hostIds }, command, timeout: 30 });
const total = async (): Promise<number> => (await h.call('instances.list', {})).total ?? 0;

/** Waits for the run's instances to end, so none is left running when the test moves on. */
async function settle(out: string): Promise<number[]> {
  const r = JSON.parse(out) as { instances: { id: string }[] };
  return Promise.all(r.instances.map(async (i) => (await h.waitInstance(i.id, (x) => x.status !== InstanceStatus.Running)).status));
}

test('run create on a production host: refused off a terminal without --yes, naming why; nothing runs', async () => {
  const before = await total();
  const r = await cli.run(['run', 'create', '--json', runJson([prod])]);
  assert.deepEqual([r.code, r.err], [2, 'taskdeck: run create needs --yes when not run on a terminal: This runs on a production host: pg-main.']);
  assert.equal(await total(), before);
});

test('run create on a production host, on a terminal: the person types "production"; anything else runs nothing', async () => {
  const before = await total();
  for (const wrong of ['', 'y', 'prod', 'yes production']) {
    const r = await cli.run(['run', 'create', '--json', runJson([prod])], {}, { tty: true, typed: [wrong] });
    assert.deepEqual([r.code, r.err.split('\n').at(-1)], [1, `taskdeck: cancelled: nothing was run: "${wrong}" is not "production"`]);
  }
  assert.equal(cli.asked.at(-1), 'Type "production" to run it: ');
  assert.equal(await total(), before);
  const ok = await cli.run(['run', 'create', '--json', runJson([prod, plain]), '-o', 'json'], {}, { tty: true, typed: [' Production '] });
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.err, /^This runs on a production host: pg-main\.\nHosts: pg-main, pg-test$/);
  assert.deepEqual(await settle(ok.out), [InstanceStatus.Finished, InstanceStatus.Finished]);
});

test('many hosts (at the threshold): the person types their number', async () => {
  await h.call('runs.set-settings', { confirm_hosts: 2 });
  try {
    const wrong = await cli.run(['run', 'create', '--json', runJson([plain, plain2])], {}, { tty: true, typed: ['3'] });
    assert.equal(wrong.code, 1);
    assert.equal(cli.asked.at(-1), 'Type "2" to run it: ');
    const ok = await cli.run(['run', 'create', '--json', runJson([plain, plain2]), '-o', 'json'], {}, { tty: true, typed: ['2'] });
    assert.equal(ok.code, 0, ok.err);
    assert.deepEqual(await settle(ok.out), [InstanceStatus.Finished, InstanceStatus.Finished]);
  } finally {
    await h.call('runs.set-settings', { confirm_hosts: 10 });
  }
});

test('--yes runs at once, asking nothing; a run needing no confirmation asks nothing either', async () => {
  const askedBefore = cli.asked.length;
  const yes = await cli.run(['run', 'create', '--json', runJson([prod]), '--yes']);
  assert.equal(yes.code, 0, yes.err);
  assert.deepEqual(await settle(yes.out), [InstanceStatus.Finished]);
  const plainRun = await cli.run(['run', 'create', '--json', runJson([plain])]);
  assert.equal(plainRun.code, 0, plainRun.err);
  assert.deepEqual(await settle(plainRun.out), [InstanceStatus.Finished]);
  assert.equal(cli.asked.length, askedBefore);
});

test('hostile: a host that does not exist is refused before anything is asked or run; a bad --targets is a usage error', async () => {
  const before = await total();
  const askedBefore = cli.asked.length;
  const missing = await cli.run(['run', 'create', '--json', runJson([prod, 99999])], {}, { tty: true, typed: ['production'] });
  assert.deepEqual([missing.code, missing.err], [1, 'taskdeck: not_found: host 99999 not found']);
  assert.equal(cli.asked.length, askedBefore, 'nothing asked');
  const bad = await cli.run(['run', 'create', '--targets', '{nope', '--command', 'echo x']);
  assert.equal(bad.code, 2, bad.err);
  assert.equal(await total(), before);
});

test('run settings and preview from the command line', async () => {
  const set = await cli.run(['run', 'set-settings', '--default-timeout', '1800']);
  assert.equal(set.code, 0, set.err);
  assert.deepEqual(JSON.parse((await cli.run(['run', 'settings'])).out), { default_timeout: 1800, confirm_hosts: 10 });
  const bad = await cli.run(['run', 'set-settings', '--confirm-hosts', '1']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /confirm_hosts must be at least 2/);
  const preview = JSON.parse((await cli.run(['run', 'preview', '--targets', JSON.stringify({ host_ids: [prod, plain] })])).out) as { hosts: { name: string; production: boolean }[] };
  assert.deepEqual(preview.hosts.map((x) => [x.name, x.production]), [['pg-main', true], ['pg-test', false]]);
  await h.call('runs.set-settings', { default_timeout: 3600 });
});
