import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { CliKit, startCliServer } from '../../testing/cli-kit';
import { waitFor } from '../../testing/wait';
import type { RunningServer } from '../server/http-server';

// The CLI as a process on a pseudo-terminal (util-linux `script`): the prompts a user meets.
let server: RunningServer;
let cli: CliKit;
let dispose: () => Promise<void>;

before(async () => {
  ({ server, cli, dispose } = await startCliServer());
});
after(() => dispose());

interface Terminal {
  readonly output: () => string;
  type(text: string): void;
  readonly exited: Promise<number>;
}

/** `taskdeck …` in a pseudo-terminal; what it prints (echo included) is read back as the terminal shows it. */
function onTerminal(args: readonly string[], env: Record<string, string> = {}): Terminal {
  const main = path.join(import.meta.dirname, 'taskdeck-main.ts');
  const command = [process.execPath, '--import', 'tsx', main, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    env: { ...process.env, XDG_CONFIG_HOME: cli.configHome, TASKDECK_URL: server.url, NO_COLOR: '1', TASKDECK_TOKEN: '', TASKDECK_PASSWORD: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (text += d.toString('utf8')));
  return {
    output: () => text,
    type: (t) => void child.stdin.write(t),
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1))),
  };
}

test('task delete asks on a terminal: no keeps the task, yes deletes it', { skip: !fs.existsSync('/usr/bin/script') && 'util-linux script is missing' }, async () => {
  for (const name of ['kept', 'gone']) assert.equal((await cli.run(['task', 'create', '--name', name, '--command', 'true', '--frequency', '{"mode":"once"}'])).code, 0);
  const no = onTerminal(['task', 'delete', '--task-name', 'kept']);
  await waitFor('the question', () => no.output().includes('delete task kept? [y/N]'), 30_000);
  no.type('n\r');
  assert.equal(await no.exited, 1);
  assert.match(no.output(), /taskdeck: cancelled: nothing was done/);
  assert.equal((await cli.run(['task', 'describe', '--task-name', 'kept'])).code, 0);

  const yes = onTerminal(['task', 'delete', '--task-name', 'gone']);
  await waitFor('the question', () => yes.output().includes('delete task gone? [y/N]'), 30_000);
  yes.type('y\r');
  assert.equal(await yes.exited, 0, yes.output());
  assert.equal((await cli.run(['task', 'describe', '--task-name', 'gone'])).code, 1);
});

test('login on a terminal asks for the password without echoing it, and a table is printed there by default', { skip: !fs.existsSync('/usr/bin/script') && 'util-linux script is missing' }, async () => {
  const kit = new CliKit(server.url);
  after(() => kit.dispose());
  const login = onTerminal(['login', '--user-name', 'admin', '--context', 'tty'], { XDG_CONFIG_HOME: kit.configHome });
  await waitFor('the password prompt', () => login.output().includes(`Password for admin at ${server.url}:`), 30_000);
  login.type('adminpass1\r');
  assert.equal(await login.exited, 0, login.output());
  assert.ok(!login.output().includes('adminpass1'), `the password was echoed: ${login.output()}`);
  const saved = parse(fs.readFileSync(kit.configFile, 'utf8')) as { contexts: Record<string, { token?: string }> };
  assert.ok(saved.contexts.tty?.token);

  const list = onTerminal(['user', 'list'], { XDG_CONFIG_HOME: kit.configHome, COLUMNS: '80' });
  assert.equal(await list.exited, 0, list.output());
  assert.match(list.output(), /^ID +USER NAME +NICK NAME +ROLES +DISABLED\r?\n1 +admin /m);
});
