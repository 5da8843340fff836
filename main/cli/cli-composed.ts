import { Command } from 'commander';
import type { CliClient } from './cli-client';
import { flagValue } from './cli-flags';
import { callNamed, idOrName } from './cli-lookup';
import { formatFor, printResult } from './cli-output';
import { formatOption, refusePositionals } from './cli-program';
import { taskStatusCommand } from './cli-task-commands';

/** A command the CLI composes from operations (DM's verbs that have no operation of their own). */
export interface ComposedCommand {
  readonly resource: string;
  readonly command: Command;
}

const idOf = (flag: string) => (text: string) => flagValue({ field: flag, flag, kind: 'integer', required: true, description: '', fromFile: false }, text);

/** `host enable|disable --id N|NAME` (DM's source enable / disable): the host's status through hosts.update. */
function hostSwitch(client: CliClient, verb: 'enable' | 'disable'): Command {
  return new Command(verb)
    .description(verb === 'enable' ? 'Enable a host: runs and health probes use it again' : 'Disable a host: nothing runs on it until enabled')
    .requiredOption('--id <id>', 'the host (an id or a name)', idOrName)
    .addOption(formatOption())
    .allowExcessArguments(true)
    .action(async (opts: { id: number | string; format?: string }, self: Command) => {
      refusePositionals(self, { resource: 'host', verb, keys: { id: 'id' } }, []);
      const host = await callNamed(client, 'hosts.update', { id: opts.id, status: verb === 'enable' ? 'Enabled' : 'NotEnabled' });
      printResult(host, { verb: 'get' }, formatFor(opts.format, client.io), client.io);
    });
}

/** `host status --id N|NAME` (DM's source status): status, reason, key and last check. */
function hostStatus(client: CliClient): Command {
  return new Command('status')
    .description('A host\'s status, its reason, its host key and when it was last checked')
    .requiredOption('--id <id>', 'the host (an id or a name)', idOrName)
    .addOption(formatOption())
    .allowExcessArguments(true)
    .action(async (opts: { id: number | string; format?: string }, self: Command) => {
      refusePositionals(self, { resource: 'host', verb: 'status', keys: { id: 'id' } }, []);
      const h = (await callNamed(client, 'hosts.get', { id: opts.id })) as { name: string; host: string; status: string; status_reason: string | null; host_key: { status: string; fingerprint: string | null }; last_checked_at: string | null };
      const view = { name: h.name, host: h.host, status: h.status, status_reason: h.status_reason, host_key: h.host_key.status, fingerprint: h.host_key.fingerprint, last_checked_at: h.last_checked_at };
      printResult(view, { verb: 'status' }, formatFor(opts.format, client.io), client.io);
    });
}

/** `binding transfer --id N --host-id M|NAME` (DM's source transfer): the binding, and the tasks on it, move to another host. */
function bindingTransfer(client: CliClient): Command {
  return new Command('transfer')
    .description('Move a binding (and the tasks bound through it) to another host')
    .requiredOption('--id <id>', 'the binding', idOf('id'))
    .requiredOption('--host-id <id>', 'the host it moves to (an id or a name)', idOrName)
    .addOption(formatOption())
    .allowExcessArguments(true)
    .action(async (opts: { id: number; hostId: number | string; format?: string }, self: Command) => {
      refusePositionals(self, { resource: 'binding', verb: 'transfer', keys: { id: 'id' } }, []);
      const binding = await callNamed(client, 'bindings.update', { id: opts.id, executor_id: opts.hostId });
      printResult(binding, { verb: 'transfer' }, formatFor(opts.format, client.io), client.io);
    });
}

export function composedCommands(client: CliClient): ComposedCommand[] {
  return [
    { resource: 'task', command: taskStatusCommand(client) },
    { resource: 'host', command: hostSwitch(client, 'enable') },
    { resource: 'host', command: hostSwitch(client, 'disable') },
    { resource: 'host', command: hostStatus(client) },
    { resource: 'binding', command: bindingTransfer(client) },
  ];
}
