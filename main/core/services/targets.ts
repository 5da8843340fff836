import { AppError, notFound } from '../../../shared/api/errors';
import type { Binding } from '../../../shared/domain/hosts';
import type { RunCreate } from '../../../shared/domain/instances';
import type { HostRow } from '../store/hosts-repo';
import type { Store } from '../store/store';

/**
 * Target resolution, written once: which hosts bindings, groups and tasks point at now. Tasks
 * (check, start, approval content), runs and the scheduler all ask here.
 */

/** Each existing binding with the host it points at now (a binding that is gone is skipped). */
export function boundTargets(store: Store, bindingIds: readonly number[]): { binding: Binding; host: HostRow }[] {
  const out: { binding: Binding; host: HostRow }[] = [];
  for (const id of new Set(bindingIds)) {
    const binding = store.groups.getBinding(id);
    const host = binding ? store.hosts.get(binding.executor_id) : undefined;
    if (binding && host) out.push({ binding, host });
  }
  return out;
}

/** Hosts these bindings point at now, once each. */
export function hostsOfBindings(store: Store, bindingIds: readonly number[]): HostRow[] {
  return uniqueHosts(boundTargets(store, bindingIds).map((t) => t.host));
}

/** Hosts a task's bindings point at now, once each. */
export function hostsOfTask(store: Store, taskId: number): HostRow[] {
  return hostsOfBindings(store, store.tasks.bindingIds(taskId));
}

/** Hosts a run names: hosts, hosts of groups, hosts of bindings; each once. Anything named that is gone is an error. */
export function resolveRunTargets(store: Store, t: RunCreate['targets']): HostRow[] {
  const ids = new Set<number>(t.host_ids ?? []);
  for (const gid of t.group_ids ?? []) {
    if (!store.groups.get(gid)) throw notFound('group', gid);
    for (const b of store.groups.listBindings({ group_id: gid })) ids.add(b.executor_id);
  }
  for (const bid of t.binding_ids ?? []) {
    const b = store.groups.getBinding(bid);
    if (!b) throw notFound('binding', bid);
    ids.add(b.executor_id);
  }
  const rows = [...ids].map((id) => {
    const r = store.hosts.get(id);
    if (!r) throw notFound('host', id);
    return r;
  });
  if (rows.length === 0) throw new AppError('validation', 'targets: the groups named have no bound hosts');
  return rows;
}

function uniqueHosts(hosts: readonly HostRow[]): HostRow[] {
  return [...new Map(hosts.map((h) => [h.id, h])).values()];
}
