import { z } from 'zod';
import { Id, QueryBool, Timestamp } from './common';
import { NoticeWords } from './notice-words';

/** What a notification is about: a reminder before a window lapses, or (issue 15) an alert a rule raised. */
export const NotificationKind = z.enum(['reminder', 'alert']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** One entry of a user's notification centre. `link` is a console route (`#/approvals/12`), never a URL elsewhere. */
export const NotificationView = z.object({
  id: Id,
  recipient: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  created_at: Timestamp,
  read_at: Timestamp.nullable(),
  /** The title and body as message keys, for the reader's language; null for one posted as plain text. `title`/`body` stay English. */
  words: NoticeWords.nullable().optional(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationQuery = z.object({
  unread_only: QueryBool.default(false),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
});
export const NotificationPage = z.object({
  items: z.array(NotificationView),
  total: z.number().int(),
  /** The caller's unread count, whatever the filter. */
  unread: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

/** Mark one of your notifications read (`id`), or all of them (`all`). */
export const NotificationRead = z
  .object({ id: Id.optional(), all: QueryBool.default(false) })
  .refine((r) => (r.id === undefined) !== !r.all, { message: 'give either id or all=true, not both', path: ['id'] });
export const NotificationReadResult = z.object({ updated: z.number().int(), unread: z.number().int() });

/**
 * When approvers and requesters are reminded before a window of a change request lapses: at each percentage of the
 * window left, and at each number of minutes left. Thresholds at or before the window opens are skipped.
 */
export const ReminderSettings = z.object({
  enabled: z.boolean(),
  percent_left: z.array(z.number().int().min(1, 'at least 1%').max(99, 'at most 99%')).max(5, 'at most 5 thresholds'),
  minutes_left: z.array(z.number().int().min(1, 'at least 1 minute').max(14_400, 'at most 14400 minutes (240 h, the longest window)')).max(5, 'at most 5 thresholds'),
});
export type ReminderSettings = z.infer<typeof ReminderSettings>;
export const defaultReminderSettings: ReminderSettings = { enabled: true, percent_left: [25], minutes_left: [60] };

/** How long notifications are kept, and how many per user (the oldest go first). */
export const notificationRetention = { days: 90, perUser: 1000 } as const;
