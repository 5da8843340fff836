import type { RunListQuery, RunPage, RunSummary } from '../../../shared/domain/instances';
import { summariseRun } from '../domain/run-summary';
import type { RunAnchor, RunMemberRow } from '../store/instances-repo';
import type { Store } from '../store/store';

/**
 * Rows one page may read looking for matching runs (50–150 ms with a text or status filter on a busy 2-core machine). A text filter that matches little
 * stops here and says how far back it searched, rather than reading a table of millions on one request.
 */
export const RUN_SCAN_BOUND = 20_000;

const cursorOf = (a: RunAnchor): string => `${a.created_time}~${a.id}`;

function parseCursor(c: string): { time: string; id: bigint } {
  const at = c.lastIndexOf('~');
  return { time: c.slice(0, at), id: BigInt(c.slice(at + 1)) };
}

/** Instances grouped by run, newest first: a page of runs, each summarised from all its instances. */
export function listRuns(store: Store, q: RunListQuery, bound = RUN_SCAN_BOUND): RunPage {
  const { before, per_page, task, ...rest } = q;
  const filter = { ...rest, ...(task !== undefined ? { task_ids: store.tasks.idsNamedLike(task) } : {}) };
  const ids: string[] = [];
  const seen = new Set<string>();
  let last: RunAnchor | null = null;
  let read = 0;
  let full = false;
  for (const a of store.instances.runAnchors(filter, before ? parseCursor(before) : null, bound)) {
    if (a.hit && !seen.has(a.run_id)) {
      if (ids.length >= per_page) {
        full = true;
        break;
      }
      seen.add(a.run_id);
      ids.push(a.run_id);
    }
    last = a;
    read++;
  }
  const oldest = !full && read < bound;
  const byRun = new Map<string, RunMemberRow[]>();
  for (const m of store.instances.runMembers(ids)) byRun.set(m.run_id, [...(byRun.get(m.run_id) ?? []), m]);
  const items: RunSummary[] = ids.map((id) => summariseRun(byRun.get(id)!.map((m) => ({ ...m, host: m.host_name }))));
  return {
    items,
    // Rows of the last run read may also follow the cursor (runs started in the same millisecond): the next page repeats that run.
    next: oldest || !last ? null : cursorOf(last),
    searched_to: !full && !oldest && last ? last.created_time : null,
  };
}
