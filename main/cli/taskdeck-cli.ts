import { readFileSync } from 'node:fs';
import { API_PREFIX, fillPath, operations, pathParams, type OpName } from '../../shared/api/contract';
import { stringify } from 'yaml';
import { parseArgs } from './args';

const DEFAULT_URL = 'http://127.0.0.1:7420';

function usage(): string {
  const byResource = new Map<string, string[]>();
  for (const [name, op] of Object.entries(operations)) {
    const [resource, command] = name.split('.') as [string, string];
    const line = `  taskdeck ${resource} ${command}`.padEnd(44) + op.summary;
    byResource.set(resource, [...(byResource.get(resource) ?? []), line]);
  }
  return [
    'taskdeck — command-line client of the Taskdeck local API',
    '',
    'usage: taskdeck <resource> <command> [ID or NAME] [--field value ...] [--json \'{...}\'] [--output json|yaml]',
    '       taskdeck serve [--port 7420] [--data-dir DIR]      run the browser-mode host',
    '       taskdeck login --user-name NAME                   prints a token; password from TASKDECK_PASSWORD or stdin',
    '',
    'environment: TASKDECK_URL (default ' + DEFAULT_URL + '), TASKDECK_TOKEN',
    '',
    ...[...byResource.values()].flat(),
  ].join('\n');
}

/** A flag value: `@file` reads the file (as curl does), JSON when it parses as JSON, else the string itself. */
function flagValue(v: string | true): unknown {
  if (v === true) return true;
  if (v.startsWith('@') && v.length > 1) return readFileSync(v.slice(1), 'utf8');
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv);
  const baseUrl = String(flags.url ?? process.env.TASKDECK_URL ?? DEFAULT_URL).replace(/\/$/, '');
  const token = typeof flags.token === 'string' ? flags.token : process.env.TASKDECK_TOKEN;
  const output = flags.output === 'yaml' ? 'yaml' : 'json';
  if (positionals.length === 0 || positionals[0] === 'help' || flags.help) {
    console.log(usage());
    return 0;
  }
  let [resource, command] = positionals as [string, string | undefined];
  const input: Record<string, unknown> = {};
  if (resource === 'login') {
    resource = 'auth';
    command = 'login';
    input.password = process.env.TASKDECK_PASSWORD ?? (await readStdin());
  }
  const name = `${resource}.${command ?? ''}` as OpName;
  const op = operations[name];
  if (!op) {
    console.error(`taskdeck: unknown command "${positionals.join(' ')}"; run "taskdeck help"`);
    return 2;
  }
  if (typeof flags.json === 'string') Object.assign(input, JSON.parse(flags.json) as object);
  for (const [k, v] of Object.entries(flags)) {
    if (['url', 'token', 'output', 'json'].includes(k)) continue;
    input[k.replace(/-/g, '_')] = flagValue(v);
  }
  const key = pathParams(op.path)[0];
  if (positionals[2] !== undefined && key && input[key] === undefined) input[key] = key === 'name' ? positionals[2] : flagValue(positionals[2]);
  const missing = pathParams(op.path).filter((p) => input[p] === undefined || input[p] === '');
  if (missing.length) {
    console.error(`taskdeck: ${positionals.slice(0, 2).join(' ')} needs ${missing.map((p) => `--${p.replace(/_/g, '-')}`).join(' and ')}`);
    return 2;
  }
  const { path, rest } = fillPath(op.path, input);
  const hasBody = op.method === 'POST' || op.method === 'PUT';
  const qs = hasBody ? '' : new URLSearchParams(Object.entries(rest).map(([k, v]): [string, string] => [k, String(v)])).toString();
  let res: Response;
  try {
    res = await fetch(baseUrl + API_PREFIX + path + (qs ? `?${qs}` : ''), {
      method: op.method,
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(hasBody ? { body: JSON.stringify(rest) } : {}),
    });
  } catch {
    console.error(`taskdeck: cannot reach ${baseUrl}; start it with "taskdeck serve" or set TASKDECK_URL`);
    return 1;
  }
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) {
    console.error(`taskdeck: ${body?.error?.code ?? res.status}: ${body?.error?.message ?? res.statusText}`);
    return 1;
  }
  if (name === 'auth.login' && !flags.output) {
    console.log((body as { token: string }).token);
    return 0;
  }
  console.log(output === 'yaml' ? stringify(body) : JSON.stringify(body, null, 2));
  return 0;
}
