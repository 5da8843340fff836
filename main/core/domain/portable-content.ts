import { createHash } from 'node:crypto';

/**
 * How a request's content hash was made. 1: over local ids (requests made before offline review;
 * they keep it and still execute). 2: portable, over what another workstation can check.
 */
export const HashVersion = { local: 1, portable: 2 } as const;
export type HashVersion = (typeof HashVersion)[keyof typeof HashVersion];

/** One target as another machine sees it: never a local id. */
export interface PortableTarget {
  readonly name: string;
  readonly address: string;
  /** The pinned host-key fingerprint (SHA256:…), null while none is pinned. */
  readonly host_key: string | null;
  /** The host's own client command, when it is what receives the script (a database change whose task names none); else ''. */
  readonly client_command: string;
}

/** What a request approves, in terms that mean the same on every workstation. */
export interface PortableContent {
  readonly type: string;
  readonly command: string;
  readonly script: string;
  readonly client_command: string;
  readonly targets: readonly PortableTarget[];
}

/**
 * JSON with object keys in code-point order at every depth and no whitespace: the same value always
 * gives the same bytes, whatever order its keys were built in. Refuses what JSON cannot carry faithfully.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const byNameThenAddress = (a: PortableTarget, b: PortableTarget): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.address < b.address ? -1 : a.address > b.address ? 1 : 0;

/** The portable content of a task over its hosts; a host's client command counts only where it is what runs. */
export function portableContent(
  task: { readonly type: string; readonly command: string; readonly script: string; readonly client_command: string },
  hosts: readonly { readonly name: string; readonly host: string; readonly host_key_pinned: string | null; readonly client_command: string }[],
): PortableContent {
  const hostCommandRuns = task.type === 'database_change' && !task.client_command;
  return {
    type: task.type, command: task.command, script: task.script, client_command: task.client_command,
    targets: hosts.map((h) => ({ name: h.name, address: h.host, host_key: h.host_key_pinned, client_command: hostCommandRuns ? h.client_command : '' })),
  };
}

/** SHA-256 (hex) of the content's canonical JSON; targets are a set, sorted by name then address. */
export function portableContentHash(c: PortableContent): string {
  const targets = c.targets
    .map((t) => ({ name: t.name, address: t.address, host_key: t.host_key, client_command: t.client_command }))
    .sort(byNameThenAddress);
  return sha256Hex(canonicalJson({ v: 'taskdeck-content-v2', type: c.type, command: c.command, script: c.script, client_command: c.client_command, targets }));
}
