import { Command, CommanderError } from 'commander';
import { operations, type OpName } from '../../shared/api/contract';
import { CliClient, type GlobalFlags } from './cli-client';
import { completionCommand } from './cli-completion';
import { CliApiError, UsageError } from './cli-errors';
import { processIo, type CliIo } from './cli-io';
import { operationCommand, type CommandOverride } from './cli-program';
import { composedCommands } from './cli-composed';
import { sessionCommands } from './cli-session';
import { taskOverrides } from './cli-task-commands';
import { bundleOverrides } from './cli-bundle-commands';
import { logOverride } from './cli-log-follow';
import { runOverrides } from './cli-run-commands';

/** Resources whose plural is not `resource + s`, and the REST spelling of the task manager. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  process: ['processes'],
  'task-manager': ['task_manager'],
  system: [],
};

function aliasesOf(resource: string): string[] {
  return [...(ALIASES[resource] ?? [`${resource}s`])];
}

function overrides(): Partial<Record<OpName, CommandOverride>> {
  return { ...taskOverrides(), ...bundleOverrides(), ...runOverrides(), 'instances.log': logOverride() };
}

/** The whole command tree, generated from the contract's CLI facts, plus the commands the CLI composes itself. */
export function buildProgram(client: CliClient, globals: GlobalFlags): Command {
  const program = new Command('taskdeck')
    .description('Command line of Taskdeck: taskdeck <resource> <command> --flag value (no positional arguments)')
    .option('--url <url>', 'the Taskdeck API (default: the context\'s, or TASKDECK_URL, or http://127.0.0.1:7420)')
    .option('--token <token>', 'a token (default: the context\'s, or TASKDECK_TOKEN)')
    .option('--context <name>', 'a context saved by login (default: the current one)')
    .addHelpText('after', '\n`taskdeck serve [--port 7420] [--data-dir DIR]` runs the browser-mode host.')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => client.io.out(s.trimEnd()),
      writeErr: (s) => client.io.err(s.trimEnd()),
      outputError: (s, write) => write(s.replace(/^error: /, 'taskdeck: ')),
    });
  program.hook('preAction', (self) => {
    Object.assign(globals, self.opts());
  });
  const resources = new Map<string, Command>();
  const resourceOf = (name: string): Command => {
    let r = resources.get(name);
    if (!r) {
      r = program.command(name).aliases(aliasesOf(name));
      resources.set(name, r);
    }
    return r;
  };
  const extra = overrides();
  for (const name of Object.keys(operations) as OpName[]) {
    const facts = operations[name].cli;
    if (!facts?.resource) continue;
    resourceOf(facts.resource).addCommand(operationCommand(client, name, extra[name]), facts.isDefault ? { isDefault: true } : {});
  }
  for (const c of composedCommands(client)) resourceOf(c.resource).addCommand(c.command);
  for (const [name, r] of resources) r.description(`${name}: ${r.commands.map((c) => c.name()).join(', ')}`);
  for (const c of sessionCommands(client)) program.addCommand(c);
  program.addCommand(completionCommand(program));
  for (const cmd of [program, ...allCommands(program)]) cmd.exitOverride().showSuggestionAfterError(true).configureOutput(program.configureOutput());
  return program;
}

export function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

const GLOBAL_VALUE_FLAGS = ['--url', '--token', '--context'];

/** Resources and verbs are case-insensitive: lower-case the words before the first flag (global flags may come first). */
export function normalise(argv: readonly string[]): string[] {
  const out = [...argv];
  let i = 0;
  while (i < out.length && out[i]!.startsWith('-')) i += GLOBAL_VALUE_FLAGS.includes(out[i]!) ? 2 : 1;
  for (let words = 0; i < out.length && words < 2 && !out[i]!.startsWith('-'); i++, words++) out[i] = out[i]!.toLowerCase();
  return out;
}

/** Run the CLI: 0 done, 1 the API (or a file) refused, 2 the command line is wrong. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const globals: GlobalFlags = {};
  const client = new CliClient(io, () => globals);
  const program = buildProgram(client, globals);
  try {
    await program.parseAsync(normalise(argv), { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      io.err(`taskdeck: ${err.message}`);
      return 2;
    }
    if (err instanceof CliApiError) {
      io.err([`taskdeck: ${err.code}: ${err.message}`, ...err.lines].join('\n'));
      return 1;
    }
    throw err;
  }
}
