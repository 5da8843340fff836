import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { operations, type OpName } from '../../shared/api/contract';
import { CliKit, startCliServer } from '../../testing/cli-kit';
import type { RunningServer } from '../server/http-server';
import { CliClient } from './cli-client';
import { allCommands, buildProgram } from './taskdeck-cli';

let server: RunningServer;
let dir: string;
let cli: CliKit;
let dispose: () => Promise<void>;

before(async () => {
  const started = await startCliServer();
  ({ server, cli, dispose } = started);
  dir = started.h.dir;
});
after(() => dispose());

test('every contract operation has a command, found by its resource and verb', () => {
  const program = buildProgram(new CliClient(cli.io().io, () => ({})), {});
  const paths = new Set(allCommands(program).map((c) => [c.parent?.name(), c.name()].filter((n) => n && n !== 'taskdeck').join(' ')));
  const missing = (Object.keys(operations) as OpName[]).filter((name) => {
    const facts = operations[name].cli;
    return !facts || !paths.has(facts.resource ? `${facts.resource} ${facts.verb}` : facts.verb);
  });
  assert.deepEqual(missing, []);
  for (const [resource, verb] of [['task', 'status'], ['binding', 'transfer'], ['host', 'enable'], ['context', 'use'], ['completion', 'bash']]) assert.ok(paths.has(`${resource} ${verb}`), `${resource} ${verb}`);
});

test('login saves the token in a 0600 file in a 0700 folder under a named context; logout revokes it; a missing token says how to sign in', async () => {
  const kit = new CliKit(server.url);
  after(() => kit.dispose());
  const before = await kit.run(['host', 'list']);
  assert.equal(before.code, 1);
  assert.match(before.err, /^taskdeck: unauthorized: not signed in to http:\/\/127\.0\.0\.1:\d+ \(context default\): run "taskdeck login --user-name NAME"/);

  const login = await kit.run(['login', '--user-name', 'admin', '--context', 'team'], {}, { stdin: 'adminpass1\n' });
  assert.equal(login.code, 0, login.err);
  assert.equal(fs.statSync(kit.configFile).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(kit.configFile)).mode & 0o777, 0o700);
  const saved = parse(fs.readFileSync(kit.configFile, 'utf8')) as { 'current-context': string; contexts: Record<string, { url: string; user: string; token: string }> };
  assert.equal(saved['current-context'], 'team');
  assert.equal(saved.contexts.team!.url, server.url);
  assert.equal(saved.contexts.team!.user, 'admin');
  assert.ok(saved.contexts.team!.token.length > 20);

  // The env wins over the context: a wrong TASKDECK_TOKEN is used, and refused.
  assert.equal((await kit.run(['host', 'list'])).code, 0);
  const envWins = await kit.run(['host', 'list'], { TASKDECK_TOKEN: 'not-a-token' });
  assert.equal(envWins.code, 1);
  assert.match(envWins.err, /^taskdeck: unauthorized:/);

  const contexts = await kit.run(['context', 'list', '-o', 'json']);
  assert.deepEqual(JSON.parse(contexts.out), [{ current: '*', name: 'team', url: server.url, user: 'admin', signed_in: true }]);
  const unknown = await kit.run(['context', 'use', '--context', 'nope']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /no context named nope; known: team/);

  const token = saved.contexts.team!.token;
  const out = await kit.run(['logout']);
  assert.equal(out.code, 0, out.err);
  assert.equal((parse(fs.readFileSync(kit.configFile, 'utf8')) as typeof saved).contexts.team!.token, undefined);
  const revoked = await kit.run(['host', 'list'], { TASKDECK_TOKEN: token });
  assert.equal(revoked.code, 1, 'the token was revoked on the server, not only forgotten');

  const wrong = await kit.run(['login', '--user-name', 'admin'], {}, { stdin: 'wrong-password\n' });
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /^taskdeck: unauthorized:/);
});

test('a config file that fails validation names the field; it is refused, not overwritten', async () => {
  const kit = new CliKit(server.url);
  try {
    fs.mkdirSync(path.dirname(kit.configFile), { recursive: true });
    fs.writeFileSync(kit.configFile, 'current-context: team\ncontexts:\n  team:\n    token: abc\n');
    const r = await kit.run(['host', 'list']);
    assert.equal(r.code, 1);
    assert.match(r.err, /is not a Taskdeck CLI config: contexts\.team\.url: .*; fix or remove it/);
    fs.writeFileSync(kit.configFile, 'contexts: [unclosed\n');
    const broken = await kit.run(['host', 'list']);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /config\.yaml is not valid YAML \(.* at line \d+, column \d+\); fix or remove it/);
  } finally {
    kit.dispose();
  }
});

test('resources are case-insensitive with plurals; positionals, unknown flags, resources and garbage values are usage errors (exit 2) naming what to type', async () => {
  const created = await cli.run(['HOSTS', 'Create', '--name', 'db-1', '--host', '10.1.1.1:22', '--username', 'pg', '--machine-id', '3', '--auth', '{"kind":"agent"}']);
  assert.equal(created.code, 0, created.err);
  const host = JSON.parse(created.out) as { id: number; machine_id: number };
  assert.equal(host.machine_id, 3);
  const listed = await cli.run(['host', 'list', '-o', 'yaml']);
  assert.match(listed.out, /name: db-1/);

  const positional = await cli.run(['host', 'get', String(host.id)]);
  assert.deepEqual([positional.code, positional.err], [2, `taskdeck: host get takes no positional arguments ("${host.id}"): use --id ${host.id}`]);
  const taskPositional = await cli.run(['task', 'delete', 'nightly']);
  assert.deepEqual([taskPositional.code, taskPositional.err], [2, 'taskdeck: task delete takes no positional arguments ("nightly"): use --task-name nightly']);
  const unknownFlag = await cli.run(['task', 'list', '--status', 'running']);
  assert.equal(unknownFlag.code, 2);
  assert.match(unknownFlag.err, /unknown option '--status'/);
  const unknownResource = await cli.run(['hots', 'list']);
  assert.equal(unknownResource.code, 2);
  assert.equal(unknownResource.err, "taskdeck: unknown command 'hots'\n(Did you mean one of host, hosts?)");
  const unknownVerb = await cli.run(['host', 'explode']);
  assert.equal(unknownVerb.code, 2);
  const garbageId = await cli.run(['group', 'get', '--id', 'abc']);
  assert.equal(garbageId.code, 2);
  assert.match(garbageId.err, /--id needs an integer, got "abc"/);
  // A host's id may be given by name (CliFacts.lookup): a word is looked up, and an unknown one is the API's kind of refusal.
  const unknownName = await cli.run(['host', 'get', '--id', 'abc']);
  assert.deepEqual([unknownName.code, unknownName.err], [1, 'taskdeck: not_found: no host is named "abc" (names match exactly; "taskdeck host list" shows them)']);
  const badEnum = await cli.run(['task', 'list', '--stage', 'Running']);
  assert.equal(badEnum.code, 2);
  assert.match(badEnum.err, /Allowed choices are Stopped, Started/);
  const missingKey = await cli.run(['task-manager', 'task-status']);
  assert.deepEqual([missingKey.code, missingKey.err], [2, 'taskdeck: task-manager task-status needs --task-id']);

  const badJson = await cli.run(['host', 'update', '--id', String(host.id), '--json', '{nope']);
  assert.equal(badJson.code, 2);
  assert.match(badJson.err, /^taskdeck: --json is not JSON: /);
  const badList = await cli.run(['process', 'delete', '--ids', '1,x', '--yes']);
  assert.equal(badList.code, 2);
  assert.match(badList.err, /--ids needs an integer, got "x"/);
  const badFormat = await cli.run(['task', 'status', '--task-name', 'x', '-o', 'xml']);
  assert.equal(badFormat.code, 2);

  // Only the resource and the verb are folded: values keep their case.
  const cased = await cli.run(['--context', 'Default', 'Group', 'CREATE', '--name', 'Mixed-Case']);
  assert.equal(cased.code, 1, 'the context name is a value: Default is not default');
  assert.equal(JSON.parse((await cli.run(['Group', 'CREATE', '--name', 'Mixed-Case'])).out).name, 'Mixed-Case');

  const notFound = await cli.run(['host', 'get', '--id', '999']);
  assert.deepEqual([notFound.code, notFound.err], [1, 'taskdeck: not_found: host 999 not found']);
  const invalid = await cli.run(['host', 'update', '--id', String(host.id), '--host', '-oProxyCommand=x:22']);
  assert.equal(invalid.code, 1);
  assert.match(invalid.err, /^taskdeck: validation: host: .*\n {2}host: /);
});

test('delete refuses without --yes off a terminal, asks on one, and does nothing when the answer is no', async () => {
  const g = JSON.parse((await cli.run(['group', 'create', '--name', 'doomed'])).out) as { id: number };
  const piped = await cli.run(['group', 'delete', '--id', String(g.id)]);
  assert.deepEqual([piped.code, piped.err], [2, 'taskdeck: group delete needs --yes when not run on a terminal']);
  const declined = await cli.run(['group', 'delete', '--id', String(g.id)], {}, { tty: true, answers: [false] });
  assert.equal(declined.code, 1);
  assert.equal(cli.asked.at(-1), `delete group ${g.id}?`);
  assert.equal((await cli.run(['group', 'get', '--id', String(g.id)])).code, 0, 'still there');
  const yes = await cli.run(['group', 'delete', '--id', String(g.id), '--yes']);
  assert.equal(yes.code, 0, yes.err);
  assert.equal((await cli.run(['group', 'get', '--id', String(g.id)])).code, 1);
});

test('a table on a terminal: the facts\' columns, upper-case headers, fitted to COLUMNS; JSON when piped', async () => {
  for (const [name, machineId] of [['web-2', '7'], ['a-long-named-analytics-replica-in-frankfurt', '8']] as const) {
    const r = await cli.run(['host', 'create', '--name', name, '--host', '10.0.0.9:2222', '--username', 'postgres', '--machine-id', machineId, '--auth', '{"kind":"agent"}', '--tag', 'eu-central-production-cluster']);
    assert.equal(r.code, 0, r.err);
  }
  const table = await cli.run(['host', 'list', '--tag', 'eu-central-production-cluster'], {}, { tty: true, columns: 60 });
  assert.equal(table.code, 0, table.err);
  const ids = (JSON.parse((await cli.run(['host', 'list', '--tag', 'eu-central-production-cluster'])).out) as { id: number }[]).map((h) => h.id);
  assert.equal(
    table.out,
    [
      'ID  NAME         HOST         USERNAME  STATUS   TAG',
      `${ids[0]}   a-long-name  10.0.0.9:22  postgres  Enabled  eu-central-`,
      '    d-analytics  22                              production-',
      '    -replica-in                                  cluster',
      '    -frankfurt',
      `${ids[1]}   web-2        10.0.0.9:22  postgres  Enabled  eu-central-`,
      '                 22                              production-',
      '                                                 cluster',
    ].join('\n'),
  );
  assert.ok(table.out.split('\n').every((l) => l.length <= 60));
  const wide = await cli.run(['host', 'list', '-o', 'wide'], {}, { columns: 300 });
  assert.match(wide.out.split('\n')[0]!, /^ID +NAME +HOST +USERNAME +STATUS +TAG +MACHINE ID +HOST KEY STATUS +STATUS REASON +LAST CHECKED AT$/);
  const coloured = await cli.run(['host', 'list'], { NO_COLOR: '' }, { tty: true });
  // eslint-disable-next-line no-control-regex -- the colour codes are what is checked
  assert.match(coloured.out, /^\d+ +web-2 +10\.0\.0\.9:2222 +postgres +\u001b\[32mEnabled\u001b\[39m +eu-central-production-cluster$/m);
  const piped = await cli.run(['host', 'list']);
  assert.ok(Array.isArray(JSON.parse(piped.out)));
});

test('the bash completion script loads in bash and completes resources, verbs, flags and enum values', () => {
  const script = path.join(dir, 'completion.bash');
  const gen = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'taskdeck-main.ts'), 'completion', 'bash'], { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: cli.configHome } });
  fs.writeFileSync(script, gen);
  const complete = (words: string): string =>
    execFileSync('bash', ['-c', `source <(cat "$1") && COMP_WORDS=(${words}) && COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )) && _taskdeck && echo "\${COMPREPLY[*]}"`, 'x', script], { encoding: 'utf8' }).trim();
  assert.match(complete('taskdeck ta'), /^task task-manager$/);
  assert.equal(complete('taskdeck task st'), 'start stop status');
  assert.match(complete('taskdeck task list --'), /--stage .*--host/);
  assert.equal(complete('taskdeck task list --stage ""'), 'Stopped Started');
  const zsh = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'taskdeck-main.ts'), 'completion', 'zsh'], { encoding: 'utf8' });
  assert.match(zsh, /^#compdef taskdeck\n/);
});

test('a plug-in author drives an external job from the terminal; the task manager shows it', async () => {
  const job = JSON.parse((await cli.run(['job', 'create', '--description', 'nightly backup', '--auto-cleared'])).out) as { id: string };
  const step = await cli.run(['job', 'add-step', '--id', job.id, '--description', 'copy base', '--type', 'EXECUTING', '--status', 'STARTED']);
  assert.equal(step.code, 0, step.err);
  const refused = await cli.run(['job', 'end', '--id', job.id, '--status', 'FINISHED']);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /^taskdeck: conflict: .*unfinished steps: "copy base"/);
  const forced = await cli.run(['job', 'end', '--id', job.id, '--status', 'FINISHED', '--force']);
  assert.equal(forced.code, 0, forced.err);
  const status = await cli.run(['task-manager', 'task-status', '--task-id', job.id, '-o', 'yaml']);
  assert.match(status.out, /^state: done$/m);
  const listed = await cli.run(['task_manager', 'list-module-tasks', '--module', 'external'], {}, { tty: true, columns: 200 });
  assert.match(listed.out, new RegExp(`^${job.id} +done +`, 'm'));
});
