import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { Process, RiskLevel, SqlSubtype, TaskTypeName } from '../../../shared/domain/processes';

/**
 * The lowest level that covers every statement's subtype and allows their count; when none does,
 * the highest level, so a script nobody planned for gets the strictest approval.
 */
export function chooseLevel<L extends Pick<RiskLevel, 'level' | 'sql_subtypes' | 'max_statements'>>(levels: readonly L[], subtypes: readonly SqlSubtype[]): L {
  const sorted = [...levels].sort((a, b) => a.level - b.level);
  const highest = sorted[sorted.length - 1];
  if (!highest) throw new AppError('internal', 'a process needs at least one risk level');
  const fits = (l: L): boolean => subtypes.every((s) => l.sql_subtypes.includes(s)) && (l.max_statements === null || subtypes.length <= l.max_statements);
  return sorted.find(fits) ?? highest;
}

/** What matching needs to know about a task: its type and the hosts it targets. */
export interface MatchTarget {
  readonly type: TaskTypeName;
  readonly host_ids: readonly number[];
  /** Groups each target host belongs to; a host missing here is in no group. */
  readonly group_ids_of_host: ReadonlyMap<number, readonly number[]>;
}

/**
 * The first enabled process, in priority order, of the task's type whose association covers every
 * target host. A task must not escape a strict process because one of its hosts is also covered by
 * a lax one, so a process that covers only some of the hosts does not match.
 */
export function matchProcess<P extends Pick<Process, 'enabled' | 'task_type' | 'association'>>(processes: readonly P[], task: MatchTarget): P | null {
  const covers = (p: P, host: number): boolean => {
    const a = p.association;
    if ('all' in a) return true;
    return a.host_ids.includes(host) || (task.group_ids_of_host.get(host) ?? []).some((g) => a.group_ids.includes(g));
  };
  return processes.find((p) => p.enabled && p.task_type === task.type && task.host_ids.every((h) => covers(p, h))) ?? null;
}

/** The priority list after dragging the item at index `from` to index `to`. */
export function reorder(ids: readonly number[], from: number, to: number): number[] {
  const inRange = (i: number): boolean => Number.isInteger(i) && i >= 0 && i < ids.length;
  if (!inRange(from) || !inRange(to)) {
    throw new AppError('validation', `cannot move position ${from} to ${to}: the list has ${ids.length} processes`);
  }
  const out = [...ids];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved!);
  return out;
}

/**
 * A requested priority order, checked to be a permutation of the type's processes, or a
 * validation error that lists what is missing, unknown and repeated.
 */
export function normalisePriority(allIdsOfType: readonly number[], requested: readonly number[]): number[] | AppError {
  const known = new Set(allIdsOfType);
  const asked = new Set(requested);
  const missing = allIdsOfType.filter((id) => !asked.has(id));
  const extra = [...asked].filter((id) => !known.has(id));
  const repeated = [...new Set(requested.filter((id, i) => requested.indexOf(id) !== i))];
  if (missing.length + extra.length + repeated.length === 0) return [...requested];
  const parts = [
    missing.length > 0 ? `missing ${missing.join(', ')}` : '',
    extra.length > 0 ? `not of this type ${extra.join(', ')}` : '',
    repeated.length > 0 ? `listed twice ${repeated.join(', ')}` : '',
  ].filter(Boolean);
  return new AppError('validation', `priority must list each process of this type exactly once: ${parts.join('; ')}`, { missing, extra, repeated });
}

/** What a change request approves: any change to these after approval fails the pre-check. */
export interface ContentParts {
  readonly type: TaskTypeName;
  readonly command?: string | null;
  readonly script?: string | null;
  readonly client_command?: string | null;
  readonly targets: readonly number[];
  /** Per target host, the client command used when the task names none (a host-level default). */
  readonly host_client_commands?: Readonly<Record<number, string>>;
}

/**
 * SHA-256 (hex) of a canonical JSON of the parts. Absent, null and '' are the same; targets are a
 * set, so their order does not count; any other change to the text counts, to the byte. Host-level
 * client commands count only when the task has none of its own (then they are what runs).
 */
export function contentHash(parts: ContentParts): string {
  const hostCommands = parts.client_command ? [] : Object.entries(parts.host_client_commands ?? {})
    .filter(([, c]) => c)
    .map(([id, c]) => [Number(id), c] as const)
    .sort((a, b) => a[0] - b[0]);
  const canonical = JSON.stringify([
    'taskdeck-content-v1',
    parts.type,
    parts.command || null,
    parts.script || null,
    parts.client_command || null,
    [...new Set(parts.targets)].sort((a, b) => a - b),
    // Appended only when present, so hashes of requests made before host commands existed still hold.
    ...(hostCommands.length ? [hostCommands] : []),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
