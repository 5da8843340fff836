import { Command } from 'commander';
import { writeConfig } from './cli-config';
import type { CliClient } from './cli-client';
import { CliApiError, UsageError } from './cli-errors';
import { formatFor, printResult } from './cli-output';
import { formatOption, operationCommand, refusePositionals } from './cli-program';

/** The password: TASKDECK_PASSWORD, a prompt without echo on a terminal, or the first line of stdin. */
async function readPassword(client: CliClient, user: string, url: string): Promise<string> {
  const { io } = client;
  if (io.env.TASKDECK_PASSWORD) return io.env.TASKDECK_PASSWORD;
  if (io.stdinIsTTY) return io.password(`Password for ${user} at ${url}:`);
  const text = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (!text) throw new UsageError('login needs a password: type it at the prompt on a terminal, or pipe it on stdin');
  return text;
}

/** `taskdeck login --user-name x [--context team] [--url …]`: the token goes into the context, in a 0600 file. */
function login(client: CliClient): Command {
  return new Command('login')
    .description('Sign in and save the token in a context of ~/.config/taskdeck/config.yaml (mode 0600)')
    .requiredOption('--user-name <name>', 'who signs in')
    .allowExcessArguments(true)
    .action(async (opts: { userName: string }, self: Command) => {
      refusePositionals(self, { verb: 'login', keys: { user_name: 'user-name' } }, []);
      const target = client.target();
      const password = await readPassword(client, opts.userName, target.url);
      const { token } = (await client.call('auth.login', { user_name: opts.userName, password })) as { token: string };
      const config = client.config();
      config.contexts[target.context] = { url: target.url, user: opts.userName, token };
      config['current-context'] = target.context;
      writeConfig(client.configFile, config);
      client.io.err(`Signed in to ${target.url} as ${opts.userName} (context ${target.context})`);
    });
}

/** `taskdeck logout`: revokes the token and forgets it. */
function logout(client: CliClient): Command {
  return new Command('logout')
    .description('Revoke the token of the context and remove it from the config file')
    .allowExcessArguments(true)
    .action(async (_opts: unknown, self: Command) => {
      refusePositionals(self, { verb: 'logout' }, []);
      const target = client.target();
      await client.call('auth.logout', {});
      const config = client.config();
      const saved = config.contexts[target.context];
      if (saved && saved.token === target.token) {
        delete saved.token;
        writeConfig(client.configFile, config);
      }
      client.io.err(`Signed out of ${target.url} (context ${target.context})`);
    });
}

/** `taskdeck context list|use`: the saved contexts (a local console, a team server). */
function context(client: CliClient): Command {
  const cmd = new Command('context').alias('contexts').description('Saved contexts: list them, or choose the current one');
  cmd
    .command('list')
    .description('The saved contexts; * marks the current one')
    .addOption(formatOption())
    .allowExcessArguments(true)
    .action((opts: { format?: string }, self: Command) => {
      refusePositionals(self, { resource: 'context', verb: 'list' }, []);
      const config = client.config();
      const rows = Object.entries(config.contexts).map(([name, c]) => ({ current: name === config['current-context'] ? '*' : '', name, url: c.url, user: c.user ?? '', signed_in: c.token !== undefined }));
      printResult(rows, { verb: 'list', columns: ['current', 'name', 'url', 'user', 'signed_in'] }, formatFor(opts.format, client.io), client.io);
    });
  cmd
    .command('use')
    .description('Make a saved context the current one: taskdeck context use --context team')
    .allowExcessArguments(true)
    .action((_opts: unknown, self: Command) => {
      refusePositionals(self, { resource: 'context', verb: 'use', keys: { context: 'context' } }, []);
      const name = (self.optsWithGlobals() as { context?: string }).context;
      if (!name) throw new UsageError('context use needs --context NAME');
      const config = client.config();
      if (!config.contexts[name]) throw new CliApiError('not_found', `no context named ${name}; known: ${Object.keys(config.contexts).join(', ') || 'none'} (taskdeck login --context ${name} creates it)`);
      config['current-context'] = name;
      writeConfig(client.configFile, config);
      client.io.err(`Current context: ${name} (${config.contexts[name].url})`);
    });
  return cmd;
}

export function sessionCommands(client: CliClient): Command[] {
  return [login(client), logout(client), operationCommand(client, 'auth.me'), context(client)];
}
