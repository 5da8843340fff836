import { Command, InvalidArgumentError } from 'commander';
import { parse } from 'yaml';
import type { OpName } from '../../shared/api/contract';
import type { CheckResult, Task } from '../../shared/domain/tasks';
import type { Binding, Host } from '../../shared/domain/hosts';
import type { z } from 'zod';
import type { InstancePage } from '../../shared/domain/instances';
import type { CliClient } from './cli-client';
import { CliApiError } from './cli-errors';
import type { CliIo } from './cli-io';
import { formatFor, printResult, renderTable, statusColour, type Cell } from './cli-output';
import { formatOption, refusePositionals, type CommandOverride, type CommandRun } from './cli-program';
import { writeYamlFile } from './cli-yaml';

function count(flag: string) {
  return (text: string): number => {
    if (!/^\d+$/.test(text)) throw new InvalidArgumentError(`--${flag} needs a whole number, got "${text}"`);
    return Number(text);
  };
}

/** Errors and warnings of a check, at most `max` of each, each with its place in the config file. */
function checkLines(result: CheckResult, run: CommandRun, max: { errors: number; warnings: number }): string[] {
  const place = run.config?.place ?? ((f: string) => f);
  const list = (kind: string, items: CheckResult['errors'], n: number): string[] => [
    ...items.slice(0, n).map((i) => `${kind}  ${place(i.field)}: ${i.message}`),
    ...(items.length > n ? [`${kind}  … and ${items.length - n} more`] : []),
  ];
  return [...list('error', result.errors, max.errors), ...list('warning', result.warnings, max.warnings)];
}

/** `task check --config-file f.yaml --error-count N --warn-count N` (DM): the check's findings; exit 1 when it found errors. */
const check: CommandOverride = {
  extraOptions: (cmd) => {
    cmd.option('--error-count <n>', 'show at most this many errors', count('error-count'), 10);
    cmd.option('--warn-count <n>', 'show at most this many warnings', count('warn-count'), 10);
  },
  async run(client, run) {
    const result = (await client.call(run.name, run.input, run.config?.place)) as CheckResult;
    if (run.format === 'json' || run.format === 'yaml') printResult(result, run.facts, run.format, client.io);
    else client.io.out([...checkLines(result, run, { errors: run.opts.errorCount as number, warnings: run.opts.warnCount as number }), `check: ${result.errors.length} error(s), ${result.warnings.length} warning(s)`].join('\n'));
    if (result.errors.length > 0) throw new CliApiError('validation', `the task config has ${result.errors.length} error(s)`);
  },
};

/** `task create|update --config-file f.yaml`: the task's stage and its check result. */
function saved(verb: 'created' | 'updated'): CommandOverride {
  return {
    async run(client, run) {
      const result = (await client.call(run.name, run.input, run.config?.place)) as { task: Task; check_result: CheckResult };
      if (run.format === 'json' || run.format === 'yaml') return printResult(result, run.facts, run.format, client.io);
      client.io.out([`task ${result.task.name} ${verb} (${result.task.stage})`, ...checkLines(result.check_result, run, { errors: 100, warnings: 100 })].join('\n'));
    },
  };
}

/** `task get --task-name x [--output f.yaml]` (DM): the config as YAML that `task create` reads back. */
const get: CommandOverride = {
  extraOptions: (cmd) => cmd.option('--output <file>', 'write the YAML to this file (an existing file keeps its comments and key order)'),
  async run(client, run) {
    const { yaml } = (await client.call(run.name, run.input)) as { yaml: string };
    const file = run.opts.output as string | undefined;
    if (file) {
      writeYamlFile(file, parse(yaml) as Record<string, unknown>);
      return client.io.err(`task ${String(run.input.name)} written to ${file}`);
    }
    if (run.format === 'json') return printResult(parse(yaml), run.facts, 'json', client.io);
    client.io.out(yaml);
  },
};

/** `task list --stage --tag --type --host` (DM's --sources: tasks bound to that host, by name or id). */
const list: CommandOverride = {
  extraOptions: (cmd) => cmd.option('--host <host>', 'only tasks bound to this host (name or id)'),
  async run(client, run) {
    let tasks = (await client.call(run.name, run.input)) as Task[];
    const host = run.opts.host as string | undefined;
    if (host !== undefined) {
      const bindings = await bindingsOfHost(client, host);
      tasks = tasks.filter((t) => t.binding_ids.some((id) => bindings.has(id)));
    }
    printResult(tasks, run.facts, run.format, client.io);
  },
};

async function bindingsOfHost(client: CliClient, nameOrId: string): Promise<Set<number>> {
  const hosts = (await client.call('hosts.list', {})) as Host[];
  const host = hosts.find((h) => h.name === nameOrId || String(h.id) === nameOrId);
  if (!host) throw new CliApiError('not_found', `host ${nameOrId} not found (by name or id); see "taskdeck host list"`);
  const bindings = (await client.call('bindings.list', { executor_id: host.id })) as Binding[];
  return new Set(bindings.map((b) => b.id));
}

export function taskOverrides(): Partial<Record<OpName, CommandOverride>> {
  return { 'tasks.check': check, 'tasks.create': saved('created'), 'tasks.update': saved('updated'), 'tasks.export': get, 'tasks.list': list };
}

/** What `task status` shows: stage, running instances, next fire, last results, pending approval. */
export interface TaskStatusView {
  readonly name: string;
  readonly stage: Task['stage'];
  readonly owner: string;
  readonly started_by: string | null;
  readonly running_instances: number;
  readonly next_run_at: string | null;
  readonly last_run_at: string | null;
  readonly approval: Task['approval'];
  readonly edited_since_start: boolean;
  readonly last_results: { id: string; host: string; status: string; exit_code: number | null; ended_at: string | null }[];
}

/** Composed from `tasks.get` and `instances.list`: no single operation answers it. */
export async function taskStatus(client: CliClient, name: string, last = 5): Promise<TaskStatusView> {
  const task = (await client.call('tasks.get', { name })) as Task;
  const page = (await client.call('instances.list', { task_id: task.id, per_page: last })) as z.infer<typeof InstancePage>;
  return {
    name: task.name, stage: task.stage, owner: task.owner, started_by: task.started_by, running_instances: task.running_instances,
    next_run_at: task.next_run_at, last_run_at: task.last_run_at, approval: task.approval, edited_since_start: task.edited_since_start !== null,
    last_results: page.items.map((i) => ({ id: i.id, host: i.host.name, status: i.status_name, exit_code: i.exit_code, ended_at: i.ended_time })),
  };
}

function printStatus(view: TaskStatusView, io: CliIo, format: string): void {
  if (format === 'json' || format === 'yaml') return printResult(view, undefined, format, io);
  const colour = io.stdoutIsTTY && !io.env.NO_COLOR;
  const paint = (s: string): Cell => {
    const c = colour ? statusColour(s) : null;
    return c ? { text: s, colour: c } : s;
  };
  const { last_results, approval, ...summary } = view;
  const rows = [
    ...Object.entries(summary).map(([k, v]) => [k, k === 'stage' ? paint(String(v)) : v === null ? '' : String(v)]),
    ['pending_approval', approval ? `request ${approval.request_id}: ${approval.state}` : ''],
  ];
  io.out(renderTable(['field', 'value'], rows, io.columns));
  io.out('');
  if (last_results.length === 0) return io.out('No runs yet.');
  io.out(renderTable(['instance', 'host', 'status', 'exit code', 'ended at'], last_results.map((r) => [r.id, r.host, paint(r.status), r.exit_code === null ? '' : String(r.exit_code), r.ended_at ?? '']), io.columns));
}

/** `task status --task-name x [--last N]`. */
export function taskStatusCommand(client: CliClient): Command {
  const facts = { resource: 'task', verb: 'status', keys: { name: 'task-name' } };
  return new Command('status')
    .description('Stage, running instances, next fire, last results and pending approval of a task')
    .requiredOption('--task-name <name>', 'the task')
    .option('--last <n>', 'how many recent results', count('last'), 5)
    .addOption(formatOption())
    .allowExcessArguments(true)
    .action(async (opts: { taskName: string; last: number; format?: string }, self: Command) => {
      refusePositionals(self, facts, []);
      const view = await taskStatus(client, opts.taskName, opts.last);
      printStatus(view, client.io, formatFor(opts.format, client.io));
    });
}
