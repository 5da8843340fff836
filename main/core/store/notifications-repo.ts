import { NoticeWords } from '../../../shared/domain/notice-words';
import type { NotificationKind, NotificationView } from '../../../shared/domain/notifications';
import type { Db } from './database';
import { prepared } from './statements';

export interface NotificationInsert {
  readonly recipient: string;
  readonly kind: NotificationKind;
  readonly title: string;
  readonly body: string;
  readonly link: string | null;
  readonly created_at: string;
  readonly words: NoticeWords | null;
}

/** A notifications row as stored: its words as JSON. */
type NotificationRow = Omit<NotificationView, 'words'> & { words: string | null };

/** A row as the contract shows it; words that no longer parse are dropped (the English text stays). */
function toView(r: NotificationRow): NotificationView {
  const words = r.words === null ? null : NoticeWords.safeParse(JSON.parse(r.words));
  return { ...r, words: words?.success ? words.data : null };
}

/** Users' notification centres, and the dedupe keys that keep one reminder from being posted twice. */
export class NotificationsRepo {
  constructor(private readonly db: Db) {}

  /** Claim `key` for `recipient`; false when it was claimed before (the notification was posted already). */
  claimKey(recipient: string, key: string, now: string): boolean {
    return prepared(this.db, 'INSERT OR IGNORE INTO notification_keys (recipient, dedupe_key, created_at) VALUES (?, ?, ?)').run(recipient, key, now).changes === 1;
  }

  insert(n: NotificationInsert): NotificationView {
    const info = prepared(this.db, `INSERT INTO notifications (recipient, kind, title, body, link, created_at, words)
      VALUES (@recipient, @kind, @title, @body, @link, @created_at, @words)`).run({ ...n, words: n.words === null ? null : JSON.stringify(n.words) });
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): NotificationView | undefined {
    const row = prepared(this.db, 'SELECT * FROM notifications WHERE id = ?').get(id) as NotificationRow | undefined;
    return row && toView(row);
  }

  /** A recipient's notifications, newest first. */
  page(recipient: string, unreadOnly: boolean, page: number, perPage: number): { rows: NotificationView[]; total: number } {
    const where = `recipient = ?${unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const rows = prepared(this.db, `SELECT * FROM notifications WHERE ${where} ORDER BY id DESC LIMIT ? OFFSET ?`).all(recipient, perPage, (page - 1) * perPage) as NotificationRow[];
    const total = (prepared(this.db, `SELECT count(*) AS n FROM notifications WHERE ${where}`).get(recipient) as { n: number }).n;
    return { rows: rows.map(toView), total };
  }

  unreadCount(recipient: string): number {
    return (prepared(this.db, 'SELECT count(*) AS n FROM notifications WHERE recipient = ? AND read_at IS NULL').get(recipient) as { n: number }).n;
  }

  /** Mark one of the recipient's notifications read; false when it is not theirs (or does not exist). */
  markRead(recipient: string, id: number, now: string): { found: boolean; updated: number } {
    const found = prepared(this.db, 'SELECT 1 FROM notifications WHERE id = ? AND recipient = ?').get(id, recipient) !== undefined;
    if (!found) return { found, updated: 0 };
    const updated = prepared(this.db, 'UPDATE notifications SET read_at = ? WHERE id = ? AND recipient = ? AND read_at IS NULL').run(now, id, recipient).changes;
    return { found, updated };
  }

  markAllRead(recipient: string, now: string): number {
    return prepared(this.db, 'UPDATE notifications SET read_at = ? WHERE recipient = ? AND read_at IS NULL').run(now, recipient).changes;
  }

  /** Keep the recipient's newest `keep` notifications. */
  trimRecipient(recipient: string, keep: number): number {
    return prepared(this.db, `DELETE FROM notifications WHERE recipient = ? AND id <= (
      SELECT id FROM notifications WHERE recipient = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`).run(recipient, recipient, keep).changes;
  }

  /** Drop notifications and dedupe keys older than `cutoff`. */
  deleteBefore(cutoff: string): number {
    prepared(this.db, 'DELETE FROM notification_keys WHERE created_at < ?').run(cutoff);
    return prepared(this.db, 'DELETE FROM notifications WHERE created_at < ?').run(cutoff).changes;
  }
}
