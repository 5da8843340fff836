import type { OpName } from '../../shared/api/contract';
import { confirmationMatches, listNames, type RunPreview } from '../../shared/domain/run-safety';
import type { CliClient } from './cli-client';
import { CliApiError, UsageError } from './cli-errors';
import { printResult } from './cli-output';
import type { CommandOverride } from './cli-program';

/**
 * `run create`: before a run on many hosts or on production hosts, the person types what the core's
 * preview asks for (the number of hosts, or "production"), as the Run page does. Off a terminal such a
 * run needs `--yes`, like a delete: a script must say it means it. `--yes` skips the question.
 */
const create: CommandOverride = {
  extraOptions: (cmd) => cmd.option('--yes', 'do not ask for a typed confirmation (many hosts, production hosts)'),
  async run(client, run) {
    if (!run.opts.yes) await confirmTargets(client, run.input.targets as Record<string, unknown> | undefined);
    printResult(await client.call(run.name, run.input, run.config?.place), run.facts, run.format, client.io);
  },
};

async function confirmTargets(client: CliClient, targets: Record<string, unknown> | undefined): Promise<void> {
  const preview = (await client.call('runs.preview', { targets })) as RunPreview;
  const asked = preview.confirmation;
  if (!asked) return;
  if (!client.io.stdinIsTTY) throw new UsageError(`run create needs --yes when not run on a terminal: ${asked.reason}`);
  client.io.err(`${asked.reason}\nHosts: ${listNames(preview.hosts.map((h) => h.name), 20)}`);
  const typed = await client.io.ask(`Type "${asked.word}" to run it: `);
  if (!confirmationMatches(asked, typed)) throw new CliApiError('cancelled', `nothing was run: "${typed.trim()}" is not "${asked.word}"`);
}

export function runOverrides(): Partial<Record<OpName, CommandOverride>> {
  return { 'runs.create': create };
}
