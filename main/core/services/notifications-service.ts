import { notFound } from '../../../shared/api/errors';
import type { NoticeWords } from '../../../shared/domain/notice-words';
import { type NotificationKind, type NotificationPage, type NotificationView, notificationRetention } from '../../../shared/domain/notifications';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { Store } from '../store/store';

export interface NotifyInput {
  readonly recipient: string;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly body?: string;
  /** A console route (`/approvals/12`) the notification opens. */
  readonly link?: string | null;
  /** Posted at most once per recipient and key (kept 90 days): a reminder seen again is not posted again. */
  readonly dedupeKey?: string;
  /** Asks for an operating-system notification as well (a desktop alert channel, a reminder); absent: the centre only. */
  readonly desktop?: boolean;
  /** The title's and body's words, for the reader's language; the English title and body are kept for the CLI. */
  readonly words?: NoticeWords | null;
}

const DAY_MS = 86_400_000;

/**
 * Users' notification centres: reminders (and, from issue 15, alerts) posted to one user, listed newest first, marked
 * read. Nothing leaves the console: `notification.created` goes only to its recipient's streams and windows, where the
 * shell (or the browser page) shows a desktop notification when the event asks for one.
 */
export class NotificationsService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Post a notification; null when its dedupe key was posted to this recipient before. */
  notify(n: NotifyInput): NotificationView | null {
    const now = this.clock.now().toISOString();
    const posted = this.store.tx(() => {
      if (n.dedupeKey !== undefined && !this.store.notifications.claimKey(n.recipient, n.dedupeKey, now)) return null;
      const row = this.store.notifications.insert({ recipient: n.recipient, kind: n.kind, title: n.title, body: n.body ?? '', link: n.link ?? null, created_at: now, words: n.words ?? null });
      this.store.notifications.trimRecipient(n.recipient, notificationRetention.perUser);
      return row;
    });
    if (posted) this.events.emit('notification.created', { notification: posted, desktop: n.desktop ?? false });
    return posted;
  }

  list(caller: User, q: { unread_only: boolean; page: number; per_page: number }): NotificationPage {
    const { rows, total } = this.store.notifications.page(caller.user_name, q.unread_only, q.page, q.per_page);
    return { items: rows, total, unread: this.store.notifications.unreadCount(caller.user_name), page: q.page, per_page: q.per_page };
  }

  /** Mark one of the caller's notifications read, or all of them. Someone else's id is not found, as if it did not exist. */
  read(caller: User, r: { id?: number | undefined; all: boolean }): { updated: number; unread: number } {
    const now = this.clock.now().toISOString();
    let updated: number;
    if (r.all) updated = this.store.notifications.markAllRead(caller.user_name, now);
    else {
      const res = this.store.notifications.markRead(caller.user_name, r.id!, now);
      if (!res.found) throw notFound('notification', r.id!);
      updated = res.updated;
    }
    return { updated, unread: this.store.notifications.unreadCount(caller.user_name) };
  }

  /** Drop what is past the retention (90 days); run at start-up and by the reminders' timer. */
  prune(): number {
    const cutoff = new Date(this.clock.now().getTime() - notificationRetention.days * DAY_MS).toISOString();
    return this.store.notifications.deleteBefore(cutoff);
  }
}
