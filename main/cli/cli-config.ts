import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { CliApiError } from './cli-errors';

export const DEFAULT_URL = 'http://127.0.0.1:7420';

const Context = z.object({ url: z.string().min(1), user: z.string().optional(), token: z.string().optional() });
export type CliContext = z.infer<typeof Context>;
const Config = z.object({ 'current-context': z.string().default('default'), contexts: z.record(z.string(), Context).default({}) });
export type CliConfig = z.infer<typeof Config>;

/** `$XDG_CONFIG_HOME/taskdeck/config.yaml`, or `~/.config/taskdeck/config.yaml`. */
export function configPath(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'taskdeck', 'config.yaml');
}

export function readConfig(file: string): CliConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { 'current-context': 'default', contexts: {} };
    throw err;
  }
  const doc = parseDocument(text);
  if (doc.errors[0]) throw new CliApiError('validation', `${file} is not valid YAML (${doc.errors[0].message.split('\n')[0]!.replace(/:$/, '')}); fix or remove it`);
  const parsed = Config.safeParse(doc.toJS() ?? {});
  if (!parsed.success) throw new CliApiError('validation', `${file} is not a Taskdeck CLI config: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}; fix or remove it`);
  return parsed.data;
}

/** Written private (folder 0700, file 0600) and replaced atomically: it holds tokens. */
export function writeConfig(file: string, config: CliConfig): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, stringify(config), { mode: 0o600 });
  // The new file (0600 from birth) replaces the old one whatever its bits were.
  fs.renameSync(tmp, file);
}

/** Where a command goes and with what token: flags, then TASKDECK_URL / TASKDECK_TOKEN, then the context. */
export interface Target {
  readonly url: string;
  readonly token: string | undefined;
  readonly context: string;
}

export function resolveTarget(flags: { url?: string; token?: string; context?: string }, env: Readonly<Record<string, string | undefined>>, config: CliConfig): Target {
  const context = flags.context ?? config['current-context'];
  const saved = config.contexts[context];
  // An empty variable (`TASKDECK_TOKEN= taskdeck …`) is unset, as a shell user means it.
  const first = (...values: (string | undefined)[]): string | undefined => values.find((v) => v !== undefined && v !== '');
  return {
    url: (first(flags.url, env.TASKDECK_URL, saved?.url) ?? DEFAULT_URL).replace(/\/$/, ''),
    token: first(flags.token, env.TASKDECK_TOKEN, saved?.token),
    context,
  };
}
