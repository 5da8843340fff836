import { decisionRefusal } from '../../../shared/domain/approver-rule';
import { sameUser } from '../../../shared/domain/ownership';
import { defaultReminderSettings, ReminderSettings } from '../../../shared/domain/notifications';
import type { Clock } from '../clock';
import { dueReminder, openWindow } from '../domain/reminder-schedule';
import { type Audience, reminderText } from '../domain/reminder-text';
import type { Logger } from '../logger';
import { machineOf, type RequestRow } from '../store/requests-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { NotificationsService } from './notifications-service';

const SETTINGS_KEY = 'reminders';
const OPEN_STATES = ['APPROVING', 'WAIT_FOR_EXECUTION', 'EXECUTING'] as const;

export interface RemindersOptions {
  /** How often open requests are checked; 0: only at start-up and when `tick` is called. */
  readonly intervalMs: number;
}

/**
 * Reminders before a change request's approval, waiting or execution window lapses: the approvers who may decide the
 * current node (the shared rule) and the requester get one notification per threshold passed. At start-up, a window
 * that lapsed while the console was not running gets one "lapsed" notice; thresholds passed meanwhile give one reminder.
 */
export class RemindersService {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: RemindersOptions,
  ) {}

  /** Before the requests' own sweep at start-up, so a window that lapsed while closed is still seen open here. */
  start(): void {
    this.notifications.prune();
    this.tick({ startup: true });
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => this.tickOnTimer(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  settings(): ReminderSettings {
    const raw = this.store.settings.get(SETTINGS_KEY);
    const parsed = raw ? ReminderSettings.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : defaultReminderSettings;
  }

  setSettings(actor: string, s: ReminderSettings): ReminderSettings {
    const next: ReminderSettings = { enabled: s.enabled, percent_left: [...new Set(s.percent_left)].sort((a, b) => b - a), minutes_left: [...new Set(s.minutes_left)].sort((a, b) => b - a) };
    this.store.tx(() => {
      this.store.settings.set(SETTINGS_KEY, JSON.stringify(next));
      this.audit.record(actor, 'settings.reminders', 'settings', SETTINGS_KEY, { ...next });
    });
    return next;
  }

  /** Post what is due now for every open request; returns how many notifications were posted. */
  tick(o: { startup: boolean } = { startup: false }): number {
    const s = this.settings();
    if (!s.enabled) return 0;
    const now = this.clock.now();
    let posted = 0;
    for (const row of this.store.requests.inStates(OPEN_STATES)) posted += this.remind(row, s, now, o.startup);
    return posted;
  }

  private remind(row: RequestRow, s: ReminderSettings, now: Date, startup: boolean): number {
    const m = machineOf(row);
    const w = openWindow(m);
    const due = w && dueReminder(w, s, now);
    // A lapse seen while running is the requests' sweep's to report (the request expires); only one missed while
    // the console was closed gets a notice of its own.
    if (!w || !due || (due.kind === 'lapsed' && !startup)) return 0;
    const key = `request:${row.id}:${w.name}:${due.kind === 'lapsed' ? 'lapsed' : due.threshold}`;
    const request = { id: row.id, task_name: row.task_name, state: row.state, current_node: m.current_node, nodes: m.nodes };
    let posted = 0;
    for (const [recipient, audience] of this.recipients(row)) {
      const text = reminderText(request, w, due, audience);
      if (this.notifications.notify({ recipient, kind: 'reminder', ...text, link: `/approvals/${row.id}`, dedupeKey: key, desktop: true })) posted++;
    }
    return posted;
  }

  /** The requester, and while approving, every enabled user who may decide the current node now. */
  private recipients(row: RequestRow): [string, Audience][] {
    const out: [string, Audience][] = [[row.requester, 'requester']];
    if (row.state !== 'APPROVING') return out;
    const m = machineOf(row);
    for (const u of this.store.users.list()) {
      if (!u.disabled && !sameUser(u.user_name, row.requester) && decisionRefusal(m, u) === null) out.push([u.user_name, 'approver']);
    }
    return out;
  }

  private tickOnTimer(): void {
    try {
      this.tick();
      this.notifications.prune();
    } catch (err) {
      this.log('error', 'reminders: checking open requests failed; trying again at the next tick', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
