import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isStreamOp, operations, type CliFacts, type OpName, type StreamOpName } from '../../shared/api/contract';
import type { CliClient } from './cli-client';
import { CliApiError, UsageError } from './cli-errors';
import { flagsOf, flagValue, type FlagSpec } from './cli-flags';
import { resolveNames } from './cli-lookup';
import { formatFor, formats, printResult, type Format } from './cli-output';
import { readConfigFile, type ConfigFile } from './cli-yaml';

/** What a command's action gets: its parsed input and how to print. */
export interface CommandRun {
  readonly name: OpName;
  readonly facts: CliFacts;
  readonly input: Record<string, unknown>;
  readonly config: ConfigFile | undefined;
  readonly format: Format;
  /** The flags as commander parsed them (by attribute name), for a command's own extra flags. */
  readonly opts: Record<string, unknown>;
}

/** A command that does more than call its operation and print the answer (task create reads YAML, task get writes it, …). */
export interface CommandOverride {
  /** Flags besides the operation's own. */
  readonly extraOptions?: (cmd: Command) => void;
  /**
   * True when the flags given make the command another operation (one of `extraOptions` names its
   * object): `run` is called with no input, and the operation's required flags are not asked for.
   */
  readonly alone?: (opts: Record<string, unknown>) => boolean;
  run(client: CliClient, run: CommandRun): Promise<void>;
}

/** Flags every command answers to. */
export function formatOption(): Option {
  return new Option('-o, --format <format>', 'output: a table on a terminal, JSON when piped').choices([...formats]);
}

/** The commander option of one input field, typed: numbers checked, enums listed, booleans as --x / --no-x. */
function optionsOf(spec: FlagSpec): Option[] {
  const kind = spec.byName
    ? { integer: 'an id or a name', list: 'comma-separated ids or names' }[spec.kind as 'integer' | 'list']
    : { string: '', integer: 'an integer', number: 'a number', boolean: '', enum: '', list: 'comma-separated', json: 'JSON' }[spec.kind];
  const help = [spec.description, kind && !spec.fromFile ? `(${kind})` : '', spec.fromFile ? '(a file: its text is sent)' : '', spec.required ? '(required)' : ''].filter(Boolean).join(' ');
  if (spec.kind === 'boolean') return [new Option(`--${spec.flag}`, help), new Option(`--no-${spec.flag}`)];
  const placeholder = spec.fromFile ? 'file' : spec.kind === 'list' ? 'a,b' : spec.kind === 'json' ? 'json' : 'value';
  const option = new Option(`--${spec.flag} <${placeholder}>`, help);
  if (spec.choices) return [option.choices([...spec.choices])];
  return [
    option.argParser((text: string) => {
      if (spec.fromFile) return text;
      try {
        return flagValue(spec, text);
      } catch (err) {
        throw new InvalidArgumentError((err as Error).message);
      }
    }),
  ];
}

const hasBody = (name: OpName): boolean => operations[name].method === 'POST' || operations[name].method === 'PUT';

/** The leaf command of one operation: `taskdeck <resource> <verb> --flag value`. */
export function operationCommand(client: CliClient, name: OpName, override?: CommandOverride): Command {
  const op = operations[name];
  const facts = op.cli!;
  const specs = flagsOf(name);
  const takesConfig = hasBody(name) && !specs.some((s) => s.flag === 'config-file') && !facts.prompted;
  const cmd = new Command(facts.verb).description(op.summary).allowExcessArguments(true).addOption(formatOption());
  if (facts.aliases) cmd.aliases([...facts.aliases]);
  for (const spec of specs) for (const o of optionsOf(spec)) cmd.addOption(o);
  if (takesConfig) {
    cmd.option('--config-file <file>', 'a YAML (or JSON) file of the input fields; flags given too win');
    cmd.option('--json <json>', 'the input fields as JSON; flags given too win');
  }
  if (facts.confirm) cmd.option('--yes', 'do not ask for confirmation');
  if (facts.fileOutput !== undefined || isStreamOp(name)) cmd.option('--output <file>', 'write the file here (else its text goes to stdout)');
  override?.extraOptions?.(cmd);
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    refusePositionals(self, facts, specs);
    const format = formatFor(opts.format as string | undefined, client.io);
    if (override?.alone?.(opts)) return override.run(client, { name, facts, input: {}, config: undefined, format, opts });
    const { input, config } = inputOf(name, specs, opts, takesConfig);
    if (facts.prompted) Object.assign(input, await promptedFields(client, facts.prompted));
    // The question names the object as the user did; a name nothing has is refused before it is asked.
    const asTyped = { ...input };
    await resolveNames(client, facts, input);
    if (facts.confirm && !opts.yes) await confirm(client, facts, asTyped);
    const run: CommandRun = { name, facts, input, config, format, opts };
    if (override) return override.run(client, run);
    if (isStreamOp(name)) return streamTo(client, name, input, opts.output as string | undefined);
    const result = await client.call(name, input, config?.place);
    if (facts.fileOutput !== undefined) return writeFileOutput(client, result, facts.fileOutput, opts.output as string | undefined);
    printResult(result, facts, run.format, client.io);
  });
  return cmd;
}

/**
 * Secret fields (passwords): asked without echo on a terminal, a `new_…` one twice; off a terminal, one line each from
 * stdin in the order declared. Never flags: they would stay in the shell's history and in `ps`.
 */
async function promptedFields(client: CliClient, prompted: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const { io } = client;
  const out: Record<string, string> = {};
  const fields = Object.entries(prompted);
  if (io.stdinIsTTY) {
    for (const [field, label] of fields) {
      out[field] = await io.password(`${label}:`);
      if (field.startsWith('new_') && (await io.password(`${label} (again):`)) !== out[field]) throw new UsageError(`the two ${label.toLowerCase()}s differ; nothing was changed`);
    }
    return out;
  }
  const lines = (await io.readStdin()).split(/\r?\n/);
  fields.forEach(([field, label], i) => {
    const line = lines[i];
    if (!line) throw new UsageError(`${label.toLowerCase()} missing: type it at the prompt on a terminal, or pipe ${fields.map(([, l]) => l.toLowerCase()).join(', then ')} on stdin, one a line`);
    out[field] = line;
  });
  return out;
}

/** A stream operation's body, piece by piece, into `target` (created 0600: a log may hold what only its readers should see) or stdout. */
async function streamTo(client: CliClient, name: StreamOpName, input: Record<string, unknown>, target: string | undefined): Promise<void> {
  if (target === undefined) return client.stream(name, input, (text) => client.io.write(text));
  let fd: number;
  try {
    fd = openSync(target, 'w', 0o600);
  } catch (err) {
    throw new CliApiError('not_found', `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let bytes = 0;
  try {
    await client.stream(name, input, (text) => {
      bytes += writeSync(fd, text);
    });
  } finally {
    closeSync(fd);
  }
  client.io.err(`${bytes} bytes written to ${target}`);
}

/** An operation answering with a file (a bundle, a key file): written where `--output` says, else printed as it is. */
export function writeFileOutput(client: CliClient, result: unknown, field: string, target: string | undefined): void {
  const file = (field ? (result as Record<string, unknown>)[field] : result) as { file_name: string; content: string };
  if (target === undefined) return client.io.out(file.content);
  try {
    writeFileSync(target, file.content);
  } catch (err) {
    throw new CliApiError('not_found', `cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  client.io.err(`${file.file_name} written to ${target}`);
}

/** DM's rule: no positionals; say which flag to use instead. */
export function refusePositionals(cmd: Command, facts: Pick<CliFacts, 'resource' | 'verb' | 'keys'>, specs: readonly FlagSpec[]): void {
  const extra = cmd.args;
  if (extra.length === 0) return;
  const keyFlag = Object.values(facts.keys ?? {})[0] ?? specs.find((s) => s.required && s.kind !== 'json')?.flag;
  const hint = keyFlag ? `use --${keyFlag} ${extra[0]}` : 'every argument is --flag value';
  throw new UsageError(`${commandName(facts)} takes no positional arguments ("${extra.join(' ')}"): ${hint}`);
}

export function commandName(facts: Pick<CliFacts, 'resource' | 'verb'>): string {
  return facts.resource ? `${facts.resource} ${facts.verb}` : facts.verb;
}

function inputOf(name: OpName, specs: readonly FlagSpec[], opts: Record<string, unknown>, takesConfig: boolean): { input: Record<string, unknown>; config: ConfigFile | undefined } {
  const facts = operations[name].cli!;
  let input: Record<string, unknown> = {};
  let config: ConfigFile | undefined;
  if (takesConfig && typeof opts.configFile === 'string') {
    config = readConfigFile(opts.configFile);
    input = { ...config.value };
  }
  if (takesConfig && typeof opts.json === 'string') {
    try {
      Object.assign(input, JSON.parse(opts.json) as object);
    } catch (err) {
      throw new UsageError(`--json is not JSON: ${(err as Error).message}`);
    }
  }
  for (const spec of specs) {
    const value = opts[attribute(spec.flag)];
    if (value === undefined) continue;
    input[spec.field] = spec.fromFile ? readText(value as string) : value;
  }
  const missing = specs.filter((s) => s.required && input[s.field] === undefined);
  if (missing.length) throw new UsageError(`${commandName(facts)} needs ${missing.map((s) => `--${s.flag}`).join(' and ')}${takesConfig ? ' (or a --config-file that has them)' : ''}`);
  return { input, config };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliApiError('not_found', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** commander's attribute name of a flag: `task-name` → `taskName`. */
export function attribute(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Deleting asks on a terminal; without one, `--yes` is the only way (a script must say it means it). */
async function confirm(client: CliClient, facts: CliFacts, input: Record<string, unknown>): Promise<void> {
  const what = Object.entries(facts.keys ?? {}).map(([field]) => input[field]).find((v) => v !== undefined) ?? input.id ?? input.ids ?? input.module;
  if (!client.io.stdinIsTTY) throw new UsageError(`${commandName(facts)} needs --yes when not run on a terminal`);
  if (!(await client.io.confirm(`${facts.verb} ${facts.resource} ${String(what)}?`))) throw new CliApiError('cancelled', 'nothing was done');
}
