import type { TFunction } from 'i18next';
import type { JobView } from '../../../shared/domain/jobs';

/**
 * Where a node's error is shown: in full where it started; as a count of the failures it repeats
 * (`summary`); or not at all when it is its parent's own error handed down (steps aborted by a forced end).
 */
export type ErrorPlace = { readonly kind: 'origin' } | { readonly kind: 'summary'; readonly origins: readonly JobView[] } | { readonly kind: 'repeat' };

/**
 * One error, one box. In a tree where hosts failed (steps standing for an instance), the hosts' steps
 * are where errors started: every other node's error (the job, VALIDATING, EXECUTING) only names
 * those hosts again, and says "2 hosts failed" instead. Elsewhere a node whose descendants failed
 * with errors of their own summarises them, and the deepest show theirs.
 */
export function errorPlaces(nodes: readonly JobView[]): Map<string, ErrorPlace> {
  const failed = nodes.filter((n) => n.error);
  const places = new Map<string, ErrorPlace>();
  const hosts = failed.filter((n) => n.instance_id !== null);
  if (hosts.length) {
    for (const n of failed) places.set(n.id, n.instance_id !== null ? { kind: 'origin' } : { kind: 'summary', origins: hosts });
    return places;
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ancestors = (n: JobView): JobView[] => {
    const out: JobView[] = [];
    for (let p = n.parent_id === null ? undefined : byId.get(n.parent_id); p; p = p.parent_id === null ? undefined : byId.get(p.parent_id)) out.push(p);
    return out;
  };
  // A forced end hands the ended node's error down to the steps it aborts: the same words, one failure.
  const repeats = new Set(failed.filter((n) => ancestors(n).find((a) => a.error)?.error === n.error).map((n) => n.id));
  const below = new Map<string, JobView[]>();
  for (const n of failed) {
    if (repeats.has(n.id)) continue;
    for (const a of ancestors(n)) if (a.error && !repeats.has(a.id)) below.set(a.id, [...(below.get(a.id) ?? []), n]);
  }
  for (const n of failed) {
    if (repeats.has(n.id)) places.set(n.id, { kind: 'repeat' });
    else {
      const origins = (below.get(n.id) ?? []).filter((d) => !below.has(d.id));
      places.set(n.id, origins.length ? { kind: 'summary', origins } : { kind: 'origin' });
    }
  }
  return places;
}

/** "2 hosts failed" (or steps): what a node whose error repeats failures shown where they started says instead. */
export function failedBelow(t: TFunction, origins: readonly JobView[]): string {
  return origins.every((o) => o.instance_id !== null) ? t('jobs.page.hostsFailed', { count: origins.length }) : t('jobs.page.stepsFailed', { count: origins.length });
}
