import { holdsTask } from '../../../shared/domain/task-lifecycle';
import type { Task } from '../../../shared/domain/tasks';

export const typeLabel: Readonly<Record<Task['type'], string>> = {
  command: 'Command',
  database_change: 'Database change',
  apply_permission: 'Apply permission',
};

/** The change request a task waits on, or null. */
export function awaitingApproval(t: Pick<Task, 'approval'>): { readonly request_id: number; readonly state: string } | null {
  return t.approval && holdsTask(t.approval.state) ? t.approval : null;
}

/** "awaiting approval #12" / "approved, waiting to start #12". */
export function approvalText(a: { readonly request_id: number; readonly state: string }): string {
  return a.state === 'WAIT_FOR_EXECUTION' ? `approved, waiting to start #${a.request_id}` : `awaiting approval #${a.request_id}`;
}

/** An instant as wall-clock time in a zone, with the zone's short name: "2025-06-01 02:00:00 GMT+2". */
export function formatInZone(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    }).formatToParts(d);
    const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`.trim();
  } catch {
    return d.toISOString();
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
