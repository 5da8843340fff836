import { operations, type CliFacts, type LookupList } from '../../shared/api/contract';
import type { CliClient } from './cli-client';
import { CliApiError } from './cli-errors';

/** One item of a lookup list: what a name is matched against. */
export interface Named {
  readonly id: number;
  readonly name: string;
}

/** The id of the one item named exactly `name`; none or several is a refusal (exit 1) that says what to do. `noun`: `host`. */
export function idByName(items: readonly Named[], name: string, noun: string): number {
  const found = items.filter((i) => i.name === name);
  if (found.length === 1) return found[0]!.id;
  if (!found.length) throw new CliApiError('not_found', `no ${noun} is named "${name}" (names match exactly; "taskdeck ${noun} list" shows them)`);
  throw new CliApiError('conflict', `${found.length} ${noun}s are named "${name}" (ids ${found.map((i) => i.id).join(', ')}): give the id instead`);
}

/**
 * The fields `facts.lookup` marks that were given by name (a string, or strings in a list), replaced in `input` by
 * their ids: one call of the field's list operation, whatever the number of names.
 */
export async function resolveNames(client: CliClient, facts: Pick<CliFacts, 'lookup'>, input: Record<string, unknown>): Promise<void> {
  for (const [field, list] of Object.entries(facts.lookup ?? {})) {
    const value = input[field];
    const names = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (!names.length) continue;
    const items = (await client.call(list, {})) as Named[];
    const idOf = (v: unknown): unknown => (typeof v === 'string' ? idByName(items, v, nounOf(list)) : v);
    input[field] = Array.isArray(value) ? value.map(idOf) : idOf(value);
  }
}

/** What an item of the list is called: its operation's CLI resource (`host`). */
function nounOf(list: LookupList): string {
  return operations[list].cli!.resource!;
}
