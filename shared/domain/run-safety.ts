/**
 * Safe by default: the run settings (default timeout, how many hosts need a typed confirmation),
 * which hosts count as production, and what a person must type before a run on them. One rule for
 * the core (the run preview), the renderer (the Run page and "Run again") and the CLI.
 */
import { z } from 'zod';
import { RunTargets } from './instances';
import { runsAnywhere } from './roles';

export const DEFAULT_RUN_TIMEOUT_S = 3600;
export const DEFAULT_CONFIRM_HOSTS = 10;
const MAX_TIMEOUT_S = 7 * 86400;

export const RunSettings = z.object({
  default_timeout: z.coerce
    .number({ error: 'default_timeout must be a number of seconds' })
    .int('default_timeout must be whole seconds')
    .min(0, 'default_timeout must be ≥ 0 seconds (0 = none)')
    .max(MAX_TIMEOUT_S, 'default_timeout must be at most 7 days (604800 s)')
    .describe('seconds the Run page proposes as the timeout (0 = none); a run created over the API without a timeout still has none'),
  confirm_hosts: z.coerce
    .number({ error: 'confirm_hosts must be a number of hosts' })
    .int('confirm_hosts must be a whole number')
    .min(2, 'confirm_hosts must be at least 2 (one host is never "many")')
    .max(10_000, 'confirm_hosts must be at most 10000')
    .describe('a run on at least this many hosts asks the person to type the number of hosts'),
});
export type RunSettings = z.infer<typeof RunSettings>;
export const RunSettingsSet = RunSettings.partial();

export const defaultRunSettings: RunSettings = { default_timeout: DEFAULT_RUN_TIMEOUT_S, confirm_hosts: DEFAULT_CONFIRM_HOSTS };

/** The word a host's tag must hold to count as production, and what is typed to confirm a run on one. */
export const PRODUCTION = 'production';

/**
 * A host is production when a word of its tag (split on spaces, commas or semicolons) is `production`
 * or `prod`, in any case: hosts have one free-text tag, and "prod, pg15" should count as much as "production".
 */
export function isProductionHost(host: { readonly tag: string }): boolean {
  return host.tag.split(/[\s,;]+/).some((w) => /^prod(uction)?$/i.test(w));
}

/** What a person must type before a run, and why; null when a plain click is enough. */
export interface TypedConfirmation {
  readonly word: string;
  readonly reason: string;
}

/**
 * Production hosts ask for the word `production` (the stronger statement, named in the reason even
 * when there are many hosts too); otherwise at least `threshold` hosts ask for their number.
 */
export function typedConfirmation(hosts: readonly { readonly name: string; readonly tag: string }[], threshold: number): TypedConfirmation | null {
  const prod = hosts.filter(isProductionHost).map((h) => h.name);
  const many = hosts.length >= threshold ? `${hosts.length} hosts (at least ${threshold} ask for a confirmation)` : '';
  if (prod.length) {
    const which = `${prod.length === 1 ? 'a production host' : `${prod.length} production hosts`}: ${listNames(prod)}`;
    return { word: PRODUCTION, reason: many ? `This runs on ${many}, among them ${which}.` : `This runs on ${which}.` };
  }
  if (many) return { word: String(hosts.length), reason: `This runs on ${many}.` };
  return null;
}

/** Whether what was typed is the word asked for: surrounding spaces and case do not matter, anything else does. */
export function confirmationMatches(expected: TypedConfirmation, typed: string): boolean {
  return typed.trim().toLowerCase() === expected.word.toLowerCase();
}

/** Names for a sentence: the first few, then how many more. */
export function listNames(names: readonly string[], shown = 5): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/** May run on the host: an admin or DBA anywhere, anyone else where a grant lasts. The core enforces it; the Run page marks hosts with it. */
export function mayRunOn(roles: readonly string[], grantedHostIds: ReadonlySet<number>, hostId: number): boolean {
  return runsAnywhere(roles) || grantedHostIds.has(hostId);
}

export const RunPreviewInput = z.object({ targets: RunTargets });

/** The hosts a run would reach and what must be confirmed first: read before `runs.create` by the Run page and the CLI. */
export const RunPreview = z.object({
  hosts: z.array(z.object({
    id: z.number().int(),
    name: z.string(),
    host: z.string(),
    tag: z.string(),
    production: z.boolean(),
    granted: z.boolean().describe('whether the caller may run on it now; a run including a host not granted is refused'),
  })),
  confirmation: z.object({ word: z.string(), reason: z.string() }).nullable().describe('what to type before running; null: no typed confirmation needed'),
});
export type RunPreview = z.infer<typeof RunPreview>;
