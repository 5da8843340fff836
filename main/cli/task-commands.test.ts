import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { startSshd, type SshdFixture } from '../../e2e/fixtures/sshd';
import { type CliKit, startCliServer } from '../../testing/cli-kit';
import type { Harness } from '../../testing/core-harness';
import { waitFor } from '../../testing/wait';
import { runCli } from './taskdeck-cli';

let sshd: SshdFixture;
let h: Harness;
let cli: CliKit;
let dispose: () => Promise<void>;
let bindingId: number;
let dir: string;

before(async () => {
  sshd = await startSshd();
  ({ h, cli, dispose } = await startCliServer());
  const hostId = await h.trustedHost(sshd, 'db-1', '127.0.0.1', 31);
  await h.call('hosts.create', { name: 'db-2', host: '10.9.9.9:22', username: 'pg', machine_id: 32, auth: { kind: 'agent' } });
  const group = await h.call('groups.create', { name: 'replicas' });
  bindingId = (await h.call('bindings.create', { name: 'db-1 in replicas', group_id: group.id, executor_id: hostId })).id;
  dir = fs.mkdtempSync(path.join(cli.configHome, 'yaml-'));
});
after(async () => {
  await dispose();
  await sshd.dispose();
});

const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

const nightly = (): string => `# Nightly check of the replica, kept in git.
name: nightly-check
# what it runs: two lines, then exit
command: echo hello; echo second
description: counts rows # shown in the console
# every day at 02:30, Berlin time
cron_expression: "0 30 2 * * *"
frequency:
  mode: repeat # not once
  time_zone: Europe/Berlin
binding_ids: [${bindingId}]
timeout: 60
tag: nightly
`;

async function json<T>(args: string[]): Promise<T> {
  const r = await cli.run(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
  return JSON.parse(r.out) as T;
}

test('DM\'s task table end to end: check, create, list, get --output, update, the YAML round trip keeping comments and order, start, run, status, stop, delete', async () => {
  const config = file('nightly.yaml', nightly());
  const checked = await cli.run(['task', 'check', '--config-file', config], {}, { tty: true });
  assert.deepEqual([checked.code, checked.out], [0, 'check: 0 error(s), 0 warning(s)']);

  const created = await cli.run(['task', 'create', '--config-file', config], {}, { tty: true });
  assert.deepEqual([created.code, created.out], [0, 'task nightly-check created (Stopped)']);
  assert.deepEqual((await json<{ name: string }[]>(['task', 'list', '--stage', 'Stopped', '--tag', 'nightly'])).map((t) => t.name), ['nightly-check']);
  assert.deepEqual((await json<{ name: string }[]>(['task', 'list', '--host', 'db-1'])).map((t) => t.name), ['nightly-check']);
  assert.deepEqual(await json<unknown[]>(['task', 'list', '--host', 'db-2']), []);
  assert.deepEqual(await json<unknown[]>(['task', 'list', '--stage', 'Started']), []);
  const noHost = await cli.run(['task', 'list', '--host', 'nope']);
  assert.deepEqual([noHost.code, noHost.err], [1, 'taskdeck: not_found: host nope not found (by name or id); see "taskdeck host list"']);

  // get --output writes YAML that create reads back.
  const fresh = path.join(dir, 'fresh.yaml');
  const got = await cli.run(['task', 'get', '--task-name', 'nightly-check', '--output', fresh]);
  assert.deepEqual([got.code, got.err], [0, `task nightly-check written to ${fresh}`]);
  const exported = parse(fs.readFileSync(fresh, 'utf8')) as Record<string, unknown>;
  assert.equal(exported.command, 'echo hello; echo second');
  fs.writeFileSync(fresh, fs.readFileSync(fresh, 'utf8').replace('name: nightly-check', 'name: nightly-copy'));
  assert.equal((await cli.run(['task', 'create', '--config-file', fresh])).code, 0);
  const copy = parse((await cli.run(['task', 'get', '--task-name', 'nightly-copy'])).out) as Record<string, unknown>;
  assert.deepEqual({ ...copy, name: 'nightly-check' }, exported);

  // Edit the commented file, update from it, and get it back over itself: comments and key order stay.
  fs.writeFileSync(config, nightly().replace('echo hello; echo second', 'echo hello; echo changed'));
  const updated = await cli.run(['task', 'update', '--config-file', config], {}, { tty: true });
  assert.deepEqual([updated.code, updated.out], [0, 'task nightly-check updated (Stopped)']);
  assert.equal((await cli.run(['task', 'get', '--task-name', 'nightly-check', '--output', config])).code, 0);
  const roundTrip = fs.readFileSync(config, 'utf8');
  // The yaml package writes a flow list with inner spaces; the rest is as the user wrote it.
  const head = nightly().replace('echo hello; echo second', 'echo hello; echo changed').replace(`binding_ids: [${bindingId}]`, `binding_ids: [ ${bindingId} ]`);
  assert.equal(roundTrip.slice(0, head.length), head, 'the file as written, comments and order kept, then the fields it did not name');
  assert.match(roundTrip.slice(head.length), /^type: command\n/);
  assert.deepEqual(parse(roundTrip), parse((await cli.run(['task', 'get', '--task-name', 'nightly-check'])).out));

  const started = await json<{ stage: string; next_run_at: string }>(['task', 'start', '--task-name', 'nightly-check']);
  assert.equal(started.stage, 'Started');
  const ran = await json<{ run_id: string }>(['task', 'run', '--task-name', 'nightly-check']);
  const page = await json<{ items: { id: string }[] }>(['instance', 'list', '--run-id', ran.run_id]);
  const log = await cli.run(['instance', 'log', '--id', page.items[0]!.id, '--follow']);
  assert.equal(log.code, 0, log.err);
  assert.match(log.out, /^hello\nchanged$/m);

  const status = await json<{ stage: string; next_run_at: string | null; running_instances: number; approval: unknown; last_results: { status: string; exit_code: number; host: string }[] }>(['task', 'status', '--task-name', 'nightly-check']);
  assert.equal(status.stage, 'Started');
  assert.equal(status.next_run_at, started.next_run_at);
  assert.equal(status.approval, null);
  assert.deepEqual(status.last_results.map((r) => [r.host, r.status, r.exit_code]), [['db-1', 'Finished', 0]]);
  const statusTable = await cli.run(['task', 'status', '--task-name', 'nightly-check'], {}, { tty: true, columns: 120 });
  assert.match(statusTable.out, /^stage +Started$/m);
  assert.match(statusTable.out, /^pending_approval *$/m);
  assert.match(statusTable.out, /^INSTANCE +HOST +STATUS +EXIT CODE +ENDED AT\n\d+ +db-1 +Finished +0 +\d{4}-/m);

  const busy = await cli.run(['task', 'delete', '--task-name', 'nightly-check', '--yes']);
  assert.equal(busy.code, 1, 'a Started task is not deleted without --force');
  assert.match(busy.err, /^taskdeck: conflict: /);
  assert.equal((await json<{ stage: string }>(['task', 'stop', '--task-name', 'nightly-check'])).stage, 'Stopped');
  assert.equal((await cli.run(['task', 'delete', '--task-name', 'nightly-check', '--yes'])).code, 0);
  assert.equal((await cli.run(['task', 'describe', '--task-name', 'nightly-check'])).code, 1);
});

test('check shows at most --error-count errors and --warn-count warnings, each with its line, and exits 1 on errors', async () => {
  const bad = file('bad-check.yaml', `name: broken\ncommand: ""\ncron_expression: "not cron"\nbinding_ids: [999]\n`);
  const r = await cli.run(['task', 'check', '--config-file', bad, '--error-count', '1', '--warn-count', '0'], {}, { tty: true });
  assert.equal(r.code, 1);
  assert.equal(r.out.split('\n')[0], `error  ${bad}:2: command: command must not be empty`);
  assert.equal(r.out.split('\n')[1], 'error  … and 2 more');
  assert.match(r.out, /^warning {2}… and 1 more$/m);
  assert.equal(r.err, 'taskdeck: validation: the task config has 3 error(s)');
  const counts = await cli.run(['task', 'check', '--config-file', bad, '--error-count', 'many']);
  assert.equal(counts.code, 2);
  assert.match(counts.err, /--error-count needs a whole number, got "many"/);
});

test('hostile config files: not YAML → exit 1 with the line; a field failing validation → exit 1 with the field and its line; a list → what is wanted', async () => {
  const notYaml = file('not-yaml.yaml', 'name: x\ncommand: [unclosed\ntimeout: 5\n');
  const r1 = await cli.run(['task', 'create', '--config-file', notYaml]);
  assert.equal(r1.code, 1);
  assert.match(r1.err, new RegExp(`^taskdeck: validation: ${notYaml.replace(/[.]/g, '\\.')}:\\d+:\\d+: not valid YAML: `));
  const invalid = file('invalid.yaml', `name: x\ncommand: echo\n\nretry_times: 99\nfrequency:\n  mode: sometimes\n`);
  const r2 = await cli.run(['task', 'create', '--config-file', invalid]);
  assert.equal(r2.code, 1);
  assert.match(r2.err, /^taskdeck: validation: /);
  assert.match(r2.err, new RegExp(`^  ${invalid.replace(/[.]/g, '\\.')}:4: retry_times: retry_times must be at most 20$`, 'm'));
  assert.match(r2.err, new RegExp(`^  ${invalid.replace(/[.]/g, '\\.')}:6: frequency\\.mode: `, 'm'));
  const list = file('list.yaml', '- name: x\n');
  const r3 = await cli.run(['task', 'create', '--config-file', list]);
  assert.deepEqual([r3.code, r3.err], [1, `taskdeck: validation: ${list}: must be a YAML mapping of fields (name: …), not a list or a value`]);
  const missing = await cli.run(['task', 'create', '--config-file', path.join(dir, 'nope.yaml')]);
  assert.deepEqual([missing.code, missing.err], [1, `taskdeck: not_found: cannot read ${path.join(dir, 'nope.yaml')}: ENOENT`]);
  assert.equal((await cli.run(['task', 'describe', '--task-name', 'x'])).code, 1, 'nothing was created');
});

test('instance log --follow prints lines as the run writes them, each once and in order, and ends with the run; --from-line starts later', async () => {
  const gate = path.join(dir, 'gate');
  const command = `echo line1; echo line2; while [ ! -e ${gate} ]; do sleep 0.05; done; for i in 3 4 5; do echo line$i; done`;
  const run = await json<{ instances: { id: string }[] }>(['run', 'create', '--json', JSON.stringify({ targets: { host_ids: [await hostIdOf('db-1')] }, command, timeout: 60 })]);
  const id = run.instances[0]!.id;
  const { io, out, err } = cli.io();
  const following = runCli(['instance', 'log', '--id', id, '--follow'], io);
  // The run waits for the gate: lines 1–2 can only have come while it runs.
  await waitFor('the first lines while the run waits', () => out.join('\n').includes('line2'), 30_000);
  fs.writeFileSync(gate, '');
  assert.equal(await following, 0, err.join('\n'));
  assert.deepEqual(out.join('\n').split('\n').filter((l) => !l.startsWith('# taskdeck: ')), ['line1', 'line2', 'line3', 'line4', 'line5']);
  const total = (await json<{ total_lines: number }>(['instance', 'log', '--id', id, '-o', 'json'])).total_lines;
  const tail = await cli.run(['instance', 'log', '--id', id, '--from-line', String(total - 1)]);
  assert.equal(tail.out.split('\n').length, 2);
  const badLine = await cli.run(['instance', 'log', '--id', id, '--from-line', 'x']);
  assert.equal(badLine.code, 2);
});

test('instance log-download streams the whole log to stdout or to a 0600 file, system lines marked; an unknown id is exit 1', async () => {
  const run = await json<{ instances: { id: string }[] }>(['run', 'create', '--json', JSON.stringify({ targets: { host_ids: [await hostIdOf('db-1')] }, command: 'seq 1 20000', timeout: 60 })]);
  const id = run.instances[0]!.id;
  await waitFor('the run ends', async () => (await json<{ status: number }>(['instance', 'get', '--id', id, '-o', 'json'])).status !== 1, 30_000);
  const printed = await cli.run(['instance', 'log-download', '--id', id]);
  assert.equal(printed.code, 0, printed.err);
  const numbers = printed.out.split('\n').filter((l) => !l.startsWith('# taskdeck: ') && l !== '');
  assert.deepEqual([numbers.length, numbers[0], numbers.at(-1)], [20000, '1', '20000']);
  assert.ok(printed.out.includes('# taskdeck: '), 'system lines are marked');
  const target = path.join(dir, 'run.log');
  const saved = await cli.run(['instance', 'log-download', '--id', id, '--output', target]);
  assert.equal(saved.code, 0, saved.err);
  assert.equal(fs.readFileSync(target, 'utf8').replace(/\n$/, ''), printed.out);
  assert.equal(fs.statSync(target).mode & 0o777, 0o600);
  const unknown = await cli.run(['instance', 'log-download', '--id', '123456789012345']);
  assert.deepEqual([unknown.code, /not_found/.test(unknown.err)], [1, true]);
});

test('Ctrl-C ends --follow with exit 0 while the run goes on; instance cancel ends the run', async () => {
  const run = await json<{ instances: { id: string }[] }>(['run', 'create', '--json', JSON.stringify({ targets: { host_ids: [await hostIdOf('db-1')] }, command: 'echo waiting; sleep 60', timeout: 120 })]);
  const id = run.instances[0]!.id;
  const interrupt = new AbortController();
  const { io, out } = cli.io({}, { interrupted: interrupt.signal });
  const following = runCli(['instance', 'log', '--id', id, '--follow'], io);
  await waitFor('the first line', () => out.join('\n').includes('waiting'), 30_000);
  interrupt.abort();
  assert.equal(await following, 0);
  assert.equal((await json<{ status: number }>(['instance', 'get', '--id', id])).status, 1, 'still running: only the reader stopped');
  assert.equal((await cli.run(['instance', 'cancel', '--id', id])).code, 0);
  await h.waitInstance(id, (i) => i.status === 5);
});

async function hostIdOf(name: string): Promise<number> {
  return (await json<{ id: number; name: string }[]>(['host', 'list'])).find((x) => x.name === name)!.id;
}
