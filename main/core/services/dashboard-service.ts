import { AppError } from '../../../shared/api/errors';
import type { Daily } from '../../../shared/domain/dashboard';
import { InstanceStatus } from '../../../shared/domain/instances';
import type { Clock } from '../clock';
import { dayRange, localDay } from '../domain/day-range';
import type { DashboardRepo } from '../store/dashboard-repo';

const keyOf: Record<number, keyof Daily['totals'] | undefined> = {
  [InstanceStatus.Running]: 'running', [InstanceStatus.Finished]: 'finished', [InstanceStatus.AbnormalEnding]: 'abnormal',
  [InstanceStatus.TimeoutEnding]: 'timeout', [InstanceStatus.ManualCancellation]: 'cancelled', [InstanceStatus.Unknown]: 'unknown',
};

/** The daily status dashboard: a local day in any zone, per hour stacked by status. */
export class DashboardService {
  constructor(private readonly repo: DashboardRepo, private readonly clock: Clock, private readonly pendingApprovals: () => number = () => 0) {}

  daily(day: string | undefined, tz: string): Daily {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
    } catch {
      throw new AppError('validation', `tz: ${tz} is not an IANA time zone`);
    }
    const d = day ?? localDay(this.clock.now(), tz);
    const { from, to, hours } = dayRange(d, tz);
    const [f, t] = [from.toISOString(), to.toISOString()];
    const empty = () => ({ running: 0, finished: 0, abnormal: 0, timeout: 0, cancelled: 0, unknown: 0 });
    const buckets = Array.from({ length: hours }, (_, hour) => ({ hour, start: new Date(from.getTime() + hour * 3_600_000).toISOString(), ...empty() }));
    const totals = { ...empty(), scheduled: this.repo.scheduled(f, t), total: 0 };
    for (const r of this.repo.hourly(f, t, from.getTime())) {
      const key = keyOf[r.status] as keyof ReturnType<typeof empty> | undefined;
      const b = buckets[r.hour];
      if (!key || !b) continue;
      b[key] += r.n;
      totals[key] += r.n;
      totals.total += r.n;
    }
    return {
      day: d, tz, from: f, to: t, hours: buckets, totals,
      top_failed_tasks: this.repo.topFailedTasks(f, t, 5),
      top_failed_hosts: this.repo.topFailedHosts(f, t, 5),
      pending_approvals: this.pendingApprovals(),
    };
  }
}
