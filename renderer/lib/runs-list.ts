import type { Instance, RunListQuery, RunSummary } from '../../shared/domain/instances';

/** What the grouped list asks for: the Instances page's filters, without paging (older runs come by cursor). */
export type RunsQuery = Omit<RunListQuery, 'before' | 'per_page'>;

const newestFirst = (a: RunSummary, b: RunSummary): number => (a.created_time < b.created_time ? 1 : a.created_time > b.created_time ? -1 : a.run_id < b.run_id ? 1 : -1);

/** Runs already shown plus a page of them (a reload of the newest, or older ones): one row per run, the page's version winning, newest first. */
export function mergeRuns(shown: readonly RunSummary[], page: readonly RunSummary[]): RunSummary[] {
  const byId = new Map(shown.map((r) => [r.run_id, r]));
  for (const r of page) byId.set(r.run_id, r);
  return [...byId.values()].sort(newestFirst);
}

const holds = (text: string | null, part: string | undefined): boolean => part === undefined || (text ?? '').toLowerCase().includes(part.toLowerCase());

/**
 * Whether a changed instance may alter what the list shows: a run on it changed, or a new run the filters let in.
 * `task` is matched on the name the instance carries (the server matches the task's name now; a rename is rare).
 */
export function affectsRuns(q: RunsQuery, shown: readonly RunSummary[], i: Instance): boolean {
  if (shown.some((r) => r.run_id === i.run_id)) return true;
  if (i.attempt !== 1) return false;
  const t = Date.parse(i.created_time);
  return (
    (q.host_id === undefined || i.host_id === q.host_id) &&
    (q.task_id === undefined || i.task_id === q.task_id) &&
    (q.status === undefined || i.status === q.status) &&
    (!q.from || t >= Date.parse(q.from)) &&
    (!q.to || t < Date.parse(q.to)) &&
    holds(i.task_name, q.task) &&
    holds(i.command, q.command)
  );
}

