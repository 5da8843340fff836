import type { Host } from '../domain/hosts';
import type { JobNode } from '../domain/jobs';
import type { Instance, LogLine } from '../domain/instances';
import type { Task } from '../domain/tasks';

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
}
export type EventName = keyof EventMap;
export interface AppEvent<K extends EventName = EventName> {
  readonly type: K;
  readonly data: EventMap[K];
  readonly ts: string;
}
export type AnyAppEvent = { [K in EventName]: AppEvent<K> }[EventName];
