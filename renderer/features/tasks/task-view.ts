import type { Task } from '../../../shared/domain/tasks';
import { formatDateTime } from '../../lib/time-format';

export const typeLabel: Readonly<Record<Task['type'], string>> = {
  command: 'Command',
  database_change: 'Database change',
  apply_permission: 'Apply permission',
};

/** Change-request states in which the task waits on approval (or on its approved start). */
const AWAITING = new Set(['APPROVING', 'WAIT_FOR_EXECUTION']);

/** The change request a task waits on, or null. */
export function awaitingApproval(t: Pick<Task, 'approval'>): { readonly request_id: number; readonly state: string } | null {
  return t.approval && AWAITING.has(t.approval.state) ? t.approval : null;
}

/** "awaiting approval #12" / "approved, waiting to start #12". */
export function approvalText(a: { readonly request_id: number; readonly state: string }): string {
  return a.state === 'WAIT_FOR_EXECUTION' ? `approved, waiting to start #${a.request_id}` : `awaiting approval #${a.request_id}`;
}

/** An instant as wall-clock time in a task's own zone, 24-hour, with the offset: "2025-06-01 02:00:00 UTC+02:00". */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    return formatDateTime(iso, { timeZone, hour12: false, language: 'en' });
  } catch {
    return iso;
  }
}

/** How a task is scheduled, in a few words, when it has no cron expression. */
export function unscheduledText(t: Pick<Task, 'frequency' | 'cron_expression'>): string | null {
  if (t.cron_expression) return null;
  return t.frequency.mode === 'once' ? 'once, when started' : 'no schedule';
}

/** "3 times", "until stopped", "once". */
export function frequencyText(f: Task['frequency']): string {
  switch (f.mode) {
    case 'once':
      return 'once';
    case 'countdown':
      return `${f.count ?? 1} time${f.count === 1 ? '' : 's'}, then stops`;
    case 'repeat':
      return 'until stopped';
  }
}

export function strategyText(s: Task['execution_strategy'], timeZone: string): string {
  switch (s.kind) {
    case 'auto':
      return 'starts as soon as it is approved';
    case 'manual':
      return 'the requester starts it after approval';
    case 'at':
      return `starts at ${formatInZone(s.at, timeZone)} once approved`;
  }
}

export const slotOutcomeColor: Readonly<Record<string, string>> = { fired: 'green', missed: 'red', skipped: 'gold' };
