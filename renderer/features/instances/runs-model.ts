import { InstanceStatus, type Instance, type RunSummary } from '../../../shared/domain/instances';

/** "3 hosts: 2 ok, 1 failed" — or the host's name for a run on one. */
export function hostsText(r: Pick<RunSummary, 'hosts' | 'host_names'>): string {
  const { total, ok, failed, running } = r.hosts;
  if (total === 1) return r.host_names[0] ?? '1 host';
  const parts = [ok ? `${ok} ok` : '', failed ? `${failed} failed` : '', running ? `${running} running` : ''].filter(Boolean);
  return `${total} hosts: ${parts.join(', ') || 'none ended'}`;
}

/** A run's per-host rows, as the expanded row lists them: by host name, then attempt (a retry under the attempt it retried). */
export function memberRows(items: readonly Instance[]): Instance[] {
  return [...items].sort((a, b) => a.host.name.localeCompare(b.host.name) || a.attempt - b.attempt);
}

/** Whether the run is still going (its duration ticks). */
export const isRunning = (r: Pick<RunSummary, 'status'>): boolean => r.status === InstanceStatus.Running;
