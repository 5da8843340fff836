import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSshd, type SshdFixture } from '../../e2e/fixtures/sshd';
import { operations, type OpName } from '../../shared/api/contract';
import { InstanceStatus } from '../../shared/domain/instances';
import { CliKit, startCliServer } from '../../testing/cli-kit';
import type { Harness } from '../../testing/core-harness';
import type { RunningServer } from '../server/http-server';
import { CliApiError } from './cli-errors';
import { flagsOf } from './cli-flags';
import { idByName } from './cli-lookup';

let sshd: SshdFixture;
let h: Harness;
let server: RunningServer;
let cli: CliKit;
let dispose: () => Promise<void>;
let main: number;
let other: number;

before(async () => {
  sshd = await startSshd();
  ({ h, server, cli, dispose } = await startCliServer());
  main = await h.trustedHost(sshd, 'pg-main-01', '127.0.0.1', 61);
  other = (await h.call('hosts.create', { name: 'pg-other', host: '10.9.9.9:22', username: 'pg', machine_id: 62, auth: { kind: 'agent' } })).id;
});
after(async () => {
  await dispose();
  await sshd.dispose();
});

async function json<T>(args: string[]): Promise<T> {
  const r = await cli.run([...args, '-o', 'json']);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
  return JSON.parse(r.out) as T;
}

test('every lookup fact names a field of its operation\'s input, taken as an id or a name', () => {
  const lookups = (Object.keys(operations) as OpName[]).filter((name) => operations[name].cli?.lookup);
  assert.ok(lookups.includes('hosts.get') && lookups.includes('runs.list'), lookups.join(', '));
  for (const name of lookups) {
    const specs = flagsOf(name);
    for (const field of Object.keys(operations[name].cli!.lookup!)) assert.equal(specs.find((s) => s.field === field)?.byName, true, `${name}: ${field}`);
  }
});

test('a name is matched exactly: one item gives its id; none, or several, is a refusal that says what to do', () => {
  const items = [{ id: 1, name: 'pg-main-01' }, { id: 2, name: 'PG-MAIN-01' }, { id: 3, name: 'twin' }, { id: 4, name: 'twin' }];
  assert.equal(idByName(items, 'pg-main-01', 'host'), 1);
  assert.equal(idByName(items, 'PG-MAIN-01', 'host'), 2);
  const refusal = (name: string): CliApiError => {
    try {
      idByName(items, name, 'host');
    } catch (err) {
      assert.ok(err instanceof CliApiError);
      return err;
    }
    assert.fail(`"${name}" was resolved`);
  };
  assert.deepEqual([refusal('twin').code, refusal('twin').message], ['conflict', '2 hosts are named "twin" (ids 3, 4): give the id instead']);
  for (const name of ['pg-main', 'pg-main-01 ', 'Pg-Main-01', '']) {
    assert.deepEqual([refusal(name).code, refusal(name).message], ['not_found', `no host is named "${name}" (names match exactly; "taskdeck host list" shows them)`]);
  }
});

test('host show|get|edit|status|test|disable|enable take a host\'s name where they take its id', async () => {
  assert.equal((await json<{ id: number }>(['host', 'show', '--id', 'pg-main-01'])).id, main);
  assert.equal((await json<{ name: string }>(['host', 'get', '--id', String(main)])).name, 'pg-main-01', 'an id still works');
  assert.equal((await json<{ id: number; tag: string }>(['host', 'edit', '--id', 'pg-other', '--tag', 'replica'])).id, other);
  assert.equal((await h.call('hosts.get', { id: other })).tag, 'replica');
  // Names are looked up in --json (and config files) too; a string of digits there is an id, as on a flag.
  assert.equal((await json<{ tag: string }>(['host', 'update', '--json', JSON.stringify({ id: 'pg-other', tag: 'from-json' })])).tag, 'from-json');
  assert.equal((await json<{ tag: string }>(['host', 'update', '--json', JSON.stringify({ id: String(other), tag: 'by-id' })])).tag, 'by-id');
  assert.equal((await h.call('hosts.get', { id: other })).tag, 'by-id');
  assert.notEqual((await h.call('hosts.get', { id: main })).tag, 'replica', 'only the named host changed');
  assert.equal((await json<{ name: string }>(['host', 'status', '--id', 'pg-main-01'])).name, 'pg-main-01');
  assert.equal((await json<{ ok: boolean }>(['host', 'test', '--id', 'pg-main-01'])).ok, true, 'the real sshd behind pg-main-01 was reached');
  assert.equal((await json<{ status: string }>(['host', 'disable', '--id', 'pg-other'])).status, 'NotEnabled');
  assert.equal((await h.call('hosts.get', { id: other })).status, 'NotEnabled');
  assert.equal((await json<{ status: string }>(['host', 'enable', '--id', 'pg-other'])).status, 'Enabled');
});

test('an unknown name, a near miss or a positional: exit 1 (2 for the positional) naming what to type, and nothing is deleted', async () => {
  const hosts = (await h.call('hosts.list', {})).length;
  for (const name of ['pg-nope', 'PG-MAIN-01', 'pg-main', '']) {
    const r = await cli.run(['host', 'delete', '--id', name, '--yes']);
    assert.deepEqual([r.code, r.err], [1, `taskdeck: not_found: no host is named "${name}" (names match exactly; "taskdeck host list" shows them)`]);
  }
  const notAsked = await cli.run(['host', 'delete', '--id', 'pg-nope'], {}, { tty: true, answers: [true] });
  assert.deepEqual([notAsked.code, cli.asked], [1, []], 'an unknown name is refused before the question');
  const no = await cli.run(['host', 'delete', '--id', 'pg-other'], {}, { tty: true, answers: [false] });
  assert.deepEqual([no.code, cli.asked], [1, ['delete host pg-other?']], 'the question names the host as typed');
  const unknownId = await cli.run(['host', 'delete', '--id', '99999', '--yes']);
  assert.equal(unknownId.code, 1, 'an unknown id is the server\'s 404, as before');
  const positional = await cli.run(['host', 'show', 'pg-main-01']);
  assert.deepEqual([positional.code, positional.err], [2, 'taskdeck: host get takes no positional arguments ("pg-main-01"): use --id pg-main-01']);
  const badTask = await cli.run(['run', 'list', '--task-id', 'no-such-task']);
  assert.deepEqual([badTask.code, badTask.err], [1, 'taskdeck: not_found: no task is named "no-such-task" (names match exactly; "taskdeck task list" shows them)']);
  assert.equal((await h.call('hosts.list', {})).length, hosts);
});

test('a viewer may look a host up by name, and is still refused the delete', async () => {
  await h.call('users.create', { user_name: 'vera', password: 'viewerpass1', roles: ['viewer'] });
  const viewer = new CliKit(server.url);
  try {
    assert.equal((await viewer.run(['login', '--user-name', 'vera'], { TASKDECK_PASSWORD: 'viewerpass1' })).code, 0);
    const shown = await viewer.run(['host', 'show', '--id', 'pg-other', '-o', 'json']);
    assert.equal((JSON.parse(shown.out) as { id: number }).id, other);
    const refused = await viewer.run(['host', 'delete', '--id', 'pg-other', '--yes']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /^taskdeck: forbidden: /);
    assert.equal((await h.call('hosts.get', { id: other })).name, 'pg-other');
  } finally {
    viewer.dispose();
  }
});

test('names in a list, a binding\'s host, and the run and instance filters by host and task name', async () => {
  await h.call('users.create', { user_name: 'plug', password: 'pluginpass1', roles: ['plugin'] });
  const grants = await json<{ host_id: number }[]>(['permission', 'grant', '--user-name', 'plug', '--host-ids', `pg-main-01,${other}`, '--hours', '1']);
  assert.deepEqual(grants.map((g) => g.host_id).sort(), [main, other].sort());

  const group = await h.call('groups.create', { name: 'primaries' });
  const binding = await json<{ id: number; executor_id: number }>(['binding', 'create', '--name', 'main in primaries', '--group-id', String(group.id), '--executor-id', 'pg-main-01']);
  assert.equal(binding.executor_id, main);
  assert.equal((await json<{ executor_id: number }>(['binding', 'transfer', '--id', String(binding.id), '--host-id', 'pg-other'])).executor_id, other);
  await h.call('bindings.update', { id: binding.id, executor_id: main });

  await h.call('tasks.create', { name: 'nightly', command: 'echo nightly', binding_ids: [binding.id], frequency: { mode: 'once', time_zone: 'UTC' } });
  await h.call('tasks.create', { name: 'weekly', command: 'echo weekly', binding_ids: [binding.id], frequency: { mode: 'once', time_zone: 'UTC' } });
  const { run_id } = await h.call('tasks.run', { name: 'nightly' });
  const [instance] = (await h.call('instances.list', { run_id })).items;
  await h.waitInstance(instance!.id, (i) => i.status !== InstanceStatus.Running);

  const instanceIds = async (args: string[]): Promise<string[]> => (await json<{ items: { id: string }[] }>(['instance', 'list', ...args])).items.map((i) => i.id);
  assert.deepEqual(await instanceIds(['--task-id', 'nightly']), [instance!.id]);
  assert.deepEqual(await instanceIds(['--task-id', 'weekly']), []);
  assert.ok((await instanceIds(['--host-id', 'pg-main-01'])).includes(instance!.id));
  assert.deepEqual(await instanceIds(['--host-id', 'pg-other']), []);
  const runIds = async (args: string[]): Promise<string[]> => (await json<{ items: { run_id: string }[] }>(['run', 'list', ...args])).items.map((r) => r.run_id);
  assert.deepEqual(await runIds(['--task-id', 'nightly', '--host-id', 'pg-main-01']), [run_id]);
  assert.deepEqual(await runIds(['--host-id', 'pg-other']), []);
});
