import type { Daily } from '../../../shared/domain/dashboard';
import { InstanceStatus, type InstanceStatusCode } from '../../../shared/domain/instances';
import { instancesHref } from '../instances/instance-query';
import { statusWord } from '../../lib/status-words';

/** The statuses a day is counted by, in stacking order (bottom first). */
export const dailyStatuses = ['finished', 'abnormal', 'timeout', 'cancelled', 'unknown', 'running'] as const;
export type DailyStatus = (typeof dailyStatuses)[number];

export const dailyStatusCode: Readonly<Record<DailyStatus, InstanceStatusCode>> = {
  running: InstanceStatus.Running,
  finished: InstanceStatus.Finished,
  abnormal: InstanceStatus.AbnormalEnding,
  timeout: InstanceStatus.TimeoutEnding,
  cancelled: InstanceStatus.ManualCancellation,
  unknown: InstanceStatus.Unknown,
};

/** The words of the one status mapping (`statusWord`), read when shown so a language switch applies. */
export const dailyStatusLabel: Readonly<Record<DailyStatus, string>> = {
  get running() { return statusWord('instance', dailyStatusCode.running); },
  get finished() { return statusWord('instance', dailyStatusCode.finished); },
  get abnormal() { return statusWord('instance', dailyStatusCode.abnormal); },
  get timeout() { return statusWord('instance', dailyStatusCode.timeout); },
  get cancelled() { return statusWord('instance', dailyStatusCode.cancelled); },
  get unknown() { return statusWord('instance', dailyStatusCode.unknown); },
};

/** One bar of the chart: an hour of the day in the chosen zone. */
export interface HourBar extends Readonly<Record<DailyStatus, number>> {
  readonly hour: number;
  /** "14:00" in the day's zone (a DST day repeats or skips one). */
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly total: number;
}

/** "14:00": the wall-clock hour an instant falls in, in a zone. */
export function hourLabel(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

/** The chart's rows: every hour of the day (23 or 25 on DST days), each with where it ends. */
export function hourBars(daily: Daily): HourBar[] {
  return daily.hours.map((h, i) => {
    const end = daily.hours[i + 1]?.start ?? daily.to;
    const total = dailyStatuses.reduce((s, k) => s + h[k], 0);
    return { hour: h.hour, label: hourLabel(h.start, daily.tz), start: h.start, end, total, ...Object.fromEntries(dailyStatuses.map((k) => [k, h[k]])) } as HourBar;
  });
}

/** Instances created in [start, end), optionally of one status: the list behind a bar or a segment. */
export function hourInstancesHref(bar: Pick<HourBar, 'start' | 'end'>, status?: DailyStatus): string {
  return instancesHref({ from: bar.start, to: bar.end, page: 1, per_page: 50, ...(status ? { status: dailyStatusCode[status] } : {}) });
}

/** The day's instances of a task, a host or a status (a "failed most" row, a total). */
export function dayInstancesHref(daily: Pick<Daily, 'from' | 'to'>, filter: { readonly task_id?: number; readonly host_id?: number; readonly status?: number }): string {
  return instancesHref({ from: daily.from, to: daily.to, page: 1, per_page: 50, ...filter });
}

/** Today's date in a zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
