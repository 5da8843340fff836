import { InstanceStatus, type Instance, type RunSummary } from '../../../shared/domain/instances';
import { t } from '../../i18n/i18n';

/** "3 hosts: 2 ok, 1 failed" — or the host's name for a run on one. */
export function hostsText(r: Pick<RunSummary, 'hosts' | 'host_names'>): string {
  const { total, ok, failed, running } = r.hosts;
  if (total === 1) return r.host_names[0] ?? t('instances.runs.oneHost');
  const parts = [ok ? t('instances.runs.ok', { n: ok }) : '', failed ? t('instances.runs.failed', { n: failed }) : '', running ? t('instances.runs.running', { n: running }) : ''].filter(Boolean);
  return t('instances.runs.hostsSummary', { n: total, parts: parts.join(t('instances.runs.sep')) || t('instances.runs.noneEnded') });
}

/** A run's per-host rows, as the expanded row lists them: by host name, then attempt (a retry under the attempt it retried). */
export function memberRows(items: readonly Instance[]): Instance[] {
  return [...items].sort((a, b) => a.host.name.localeCompare(b.host.name) || a.attempt - b.attempt);
}

/** Whether the run is still going (its duration ticks). */
export const isRunning = (r: Pick<RunSummary, 'status'>): boolean => r.status === InstanceStatus.Running;
