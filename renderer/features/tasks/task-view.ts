import { holdsTask } from '../../../shared/domain/task-lifecycle';
import type { Task } from '../../../shared/domain/tasks';
import { t } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time-format';

/** A task type in words, in the current language (getters: read at render time, after a language switch too). */
export const typeLabel: Readonly<Record<Task['type'], string>> = {
  get command() { return t('tasks.type.command'); },
  get database_change() { return t('tasks.type.database_change'); },
  get apply_permission() { return t('tasks.type.apply_permission'); },
};

/** The change request a task waits on, or null. */
export function awaitingApproval(t: Pick<Task, 'approval'>): { readonly request_id: number; readonly state: string } | null {
  return t.approval && holdsTask(t.approval.state) ? t.approval : null;
}

/** "awaiting approval #12" / "approved, waiting to start #12". */
export function approvalText(a: { readonly request_id: number; readonly state: string }): string {
  return t(a.state === 'WAIT_FOR_EXECUTION' ? 'tasks.approval.approvedWaiting' : 'tasks.approval.awaiting', { id: a.request_id });
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
export function unscheduledText(task: Pick<Task, 'frequency' | 'cron_expression'>): string | null {
  if (task.cron_expression) return null;
  return task.frequency.mode === 'once' ? t('tasks.schedule.once') : t('tasks.schedule.none');
}

/** "3 times", "until stopped", "once". */
export function frequencyText(f: Task['frequency']): string {
  switch (f.mode) {
    case 'once':
      return t('tasks.frequency.once');
    case 'countdown':
      return t('tasks.frequency.countdown', { count: f.count ?? 1 });
    case 'repeat':
      return t('tasks.frequency.repeat');
  }
}

export function strategyText(s: Task['execution_strategy'], timeZone: string): string {
  switch (s.kind) {
    case 'auto':
      return t('tasks.strategy.auto');
    case 'manual':
      return t('tasks.strategy.manual');
    case 'at':
      return t('tasks.strategy.at', { at: formatInZone(s.at, timeZone) });
  }
}

export const slotOutcomeColor: Readonly<Record<string, string>> = { fired: 'green', missed: 'red', skipped: 'gold' };
