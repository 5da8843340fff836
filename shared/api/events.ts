import type { Host } from '../domain/hosts';
import type { JobNode } from '../domain/jobs';
import type { Instance, LogLine } from '../domain/instances';
import type { NotificationView } from '../domain/notifications';
import type { Task } from '../domain/tasks';
import { sameUser } from '../domain/ownership';

/** Events pushed from the core to every client (SSE or IPC). */
export interface EventMap {
  'host.changed': { readonly host: Host };
  'host.deleted': { readonly id: number };
  'groups.changed': { readonly reason: string };
  'bindings.changed': { readonly reason: string };
  'users.changed': { readonly reason: string };
  'instance.changed': { readonly instance: Instance };
  'task.changed': { readonly task: Task };
  'task.deleted': { readonly name: string };
  'processes.changed': { readonly reason: string };
  /** A run permission was granted, revoked or expired. */
  'grants.changed': { readonly reason: 'granted' | 'revoked' | 'expired'; readonly user_name: string };
  'request.changed': { readonly id: number; readonly state: string; readonly task_name: string };
  /** Nodes of one job that changed (last state of each, at most ~5 events a second per job); `removed`: ids folded away or expired. */
  'job.changed': { readonly root_id: string; readonly nodes: readonly JobNode[]; readonly removed: readonly string[] };
  'instance.log': { readonly id: string; readonly lines: readonly LogLine[]; readonly total_lines: number };
  /**
   * remind14: a notification posted to one user's centre; delivered only to that user's streams and windows.
   * `desktop`: show it as an operating-system notification too (the shell, or the browser where allowed); false for
   * what belongs in the centre only (an in-app alert channel's).
   */
  'notification.created': { readonly notification: NotificationView; readonly desktop: boolean };
}
export type EventName = keyof EventMap;
export interface AppEvent<K extends EventName = EventName> {
  readonly type: K;
  readonly data: EventMap[K];
  readonly ts: string;
}
export type AnyAppEvent = { [K in EventName]: AppEvent<K> }[EventName];

/** The one user an event is for, or null for an event every signed-in client may see. Every transport filters by it. */
export function eventRecipient(e: AnyAppEvent): string | null {
  return e.type === 'notification.created' ? e.data.notification.recipient : null;
}

/** Whether `userName`'s client may receive `e`. */
export function eventIsFor(e: AnyAppEvent, userName: string | null): boolean {
  const recipient = eventRecipient(e);
  return recipient === null || (userName !== null && sameUser(recipient, userName));
}
