import { operations, type CliFacts, type LookupList, type OpName } from '../../shared/api/contract';
import type { CliClient } from './cli-client';
import { CliApiError } from './cli-errors';

/** One item of a lookup list: what a name is matched against. */
export interface Named {
  readonly id: number;
  readonly name: string;
}

/** An id as a number; any other word is a name, looked up before the call (a host named only with digits is reached by its id). */
export function idOrName(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The id of the one item named exactly `name`; none or several is a refusal (exit 1) that says what to do. `noun`: `host`. */
export function idByName(items: readonly Named[], name: string, noun: string): number {
  const found = items.filter((i) => i.name === name);
  if (found.length === 1) return found[0]!.id;
  if (!found.length) throw new CliApiError('not_found', `no ${noun} is named "${name}" (names match exactly; "taskdeck ${noun} list" shows them)`);
  throw new CliApiError('conflict', `${found.length} ${noun}s are named "${name}" (ids ${found.map((i) => i.id).join(', ')}): give the id instead`);
}

/**
 * The fields `facts.lookup` marks, by flag, config file or --json, with their names replaced in `input` by ids (a
 * string of digits is an id): one call of the field's list operation for all its names, none when there is no name.
 */
export async function resolveNames(client: CliClient, facts: Pick<CliFacts, 'lookup'>, input: Record<string, unknown>): Promise<void> {
  for (const [field, list] of Object.entries(facts.lookup ?? {})) {
    const value = input[field];
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'string' ? idOrName(v) : v));
    const items = values.some((v) => typeof v === 'string') ? ((await client.call(list, {})) as Named[]) : [];
    const ids = values.map((v) => (typeof v === 'string' ? idByName(items, v, nounOf(list)) : v));
    input[field] = Array.isArray(value) ? ids : ids[0];
  }
}

/** Call `name` with its looked-up fields' names replaced by ids (a command composed by hand, not from the contract). */
export async function callNamed(client: CliClient, name: OpName, input: Record<string, unknown>): Promise<unknown> {
  await resolveNames(client, operations[name].cli ?? {}, input);
  return client.call(name, input);
}

/** What an item of the list is called: its operation's CLI resource (`host`). */
function nounOf(list: LookupList): string {
  return operations[list].cli!.resource!;
}
