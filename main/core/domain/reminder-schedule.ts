/**
 * When to remind people that a window of a change request is lapsing: pure, with `now` passed in. A window opens
 * when its clock starts (the request opened, the last approval, the execution began) and lapses at its deadline.
 */
import type { ReminderSettings } from '../../../shared/domain/notifications';
import type { RequestState, Validity } from '../../../shared/domain/processes';

export type WindowName = 'approval' | 'waiting' | 'execution';

export interface ReminderWindow {
  readonly name: WindowName;
  readonly opens: Date;
  readonly lapses: Date;
}

/** A threshold as a point in time; `label` names it (`25%`, `60m`) in dedupe keys and messages. */
export interface ThresholdTime {
  readonly label: string;
  readonly at: Date;
}

/** What is due now: the latest threshold passed (one reminder, however many passed), or the window lapsed. */
export type DueReminder =
  | { readonly kind: 'lapsing'; readonly threshold: string; readonly leftMs: number }
  | { readonly kind: 'lapsed' };

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The points of the window where a reminder is due, earliest first; none at or before the window opens, or after it lapses. */
export function thresholdTimes(w: ReminderWindow, t: Pick<ReminderSettings, 'percent_left' | 'minutes_left'>): ThresholdTime[] {
  const length = w.lapses.getTime() - w.opens.getTime();
  const points = [
    ...t.percent_left.map((p) => ({ label: `${p}%`, at: new Date(w.lapses.getTime() - (length * p) / 100) })),
    ...t.minutes_left.map((m) => ({ label: `${m}m`, at: new Date(w.lapses.getTime() - m * MINUTE_MS) })),
  ].filter((p) => p.at.getTime() > w.opens.getTime() && p.at.getTime() < w.lapses.getTime());
  points.sort((a, b) => a.at.getTime() - b.at.getTime() || a.label.localeCompare(b.label));
  // Two thresholds at one instant are one reminder.
  return points.filter((p, i) => i === 0 || p.at.getTime() !== points[i - 1]!.at.getTime());
}

/**
 * The reminder due at `now`, or null. Only the latest threshold passed is returned: a console closed across several
 * thresholds posts one reminder when it comes back, not one per threshold. A window past its deadline is `lapsed`.
 */
export function dueReminder(w: ReminderWindow, t: Pick<ReminderSettings, 'percent_left' | 'minutes_left'>, now: Date): DueReminder | null {
  if (now.getTime() > w.lapses.getTime()) return { kind: 'lapsed' };
  const passed = thresholdTimes(w, t).filter((p) => p.at.getTime() <= now.getTime());
  const last = passed.at(-1);
  return last ? { kind: 'lapsing', threshold: last.label, leftMs: w.lapses.getTime() - now.getTime() } : null;
}

/** What of a change request decides its open window. */
export interface WindowedRequest {
  readonly state: RequestState;
  readonly validity: Validity;
  readonly approval_deadline: string;
  readonly wait_deadline: string | null;
  readonly execution_deadline: string | null;
}

function window(name: WindowName, deadline: string, hours: number): ReminderWindow {
  const lapses = new Date(deadline);
  return { name, opens: new Date(lapses.getTime() - hours * HOUR_MS), lapses };
}

/**
 * The window a request is in now, or null for a request that is finished (or waits on nothing that lapses). Each
 * deadline was set as its start plus the validity hours, so the start is recovered from them.
 */
export function openWindow(r: WindowedRequest): ReminderWindow | null {
  switch (r.state) {
    case 'APPROVING':
      return window('approval', r.approval_deadline, r.validity.approval_hours);
    case 'WAIT_FOR_EXECUTION':
      // A scheduled request waits for its time inside its execution window; a manual one for its requester.
      if (r.execution_deadline) return window('execution', r.execution_deadline, r.validity.execution_hours);
      return r.wait_deadline ? window('waiting', r.wait_deadline, r.validity.wait_hours) : null;
    case 'EXECUTING':
      return r.execution_deadline ? window('execution', r.execution_deadline, r.validity.execution_hours) : null;
    default:
      return null;
  }
}
