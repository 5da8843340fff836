import type { OpInput } from '../../../shared/api/contract';

/** A target as the Targets select holds it: `h:<host id>` or `g:<group id>`. */
export type TargetValue = `h:${number}` | `g:${number}`;

export const hostTarget = (id: number): TargetValue => `h:${id}`;
export const groupTarget = (id: number): TargetValue => `g:${id}`;

/** The select's values as the `targets` of `runs.create`; unknown values are dropped. */
export function toRunTargets(values: readonly string[]): OpInput<'runs.create'>['targets'] {
  const host_ids: number[] = [];
  const group_ids: number[] = [];
  for (const v of values) {
    const m = /^([hg]):(\d+)$/.exec(v);
    if (!m) continue;
    (m[1] === 'h' ? host_ids : group_ids).push(Number(m[2]));
  }
  return { ...(host_ids.length ? { host_ids } : {}), ...(group_ids.length ? { group_ids } : {}) };
}

const MB = 1024 * 1024;

/** Megabytes in the form, bytes on the wire. */
export function logLimitBytes(mb: number | null | undefined): number | undefined {
  return mb && mb > 0 ? Math.round(mb * MB) : undefined;
}
