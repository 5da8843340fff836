import type { JobView } from '../../../shared/domain/jobs';

/** Where a node's error is shown: in full where it started, or as a count of the failures below it (or beside it) that it repeats. */
export type ErrorPlace = { readonly kind: 'origin' } | { readonly kind: 'summary'; readonly origins: readonly JobView[] };

/**
 * One error, one box. In a tree where hosts failed (steps standing for an instance), the hosts' steps
 * are where errors started: every other node's error (the job, VALIDATING, EXECUTING) only names
 * those hosts again, and says "2 hosts failed" instead. Elsewhere a node whose descendants failed
 * summarises them; the deepest failures show their error.
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
  const below = new Map<string, JobView[]>();
  for (const n of failed) {
    for (let p = n.parent_id === null ? undefined : byId.get(n.parent_id); p; p = p.parent_id === null ? undefined : byId.get(p.parent_id)) {
      below.set(p.id, [...(below.get(p.id) ?? []), n]);
    }
  }
  for (const n of failed) {
    const origins = (below.get(n.id) ?? []).filter((d) => !below.has(d.id));
    places.set(n.id, origins.length ? { kind: 'summary', origins } : { kind: 'origin' });
  }
  return places;
}
