import type { Host } from '../domain/hosts';

/** Events pushed from the core to every client (SSE or IPC). */
export interface EventMap {
  'host.changed': { readonly host: Host };
  'host.deleted': { readonly id: number };
  'groups.changed': { readonly reason: string };
  'bindings.changed': { readonly reason: string };
  'users.changed': { readonly reason: string };
}
export type EventName = keyof EventMap;
export interface AppEvent<K extends EventName = EventName> {
  readonly type: K;
  readonly data: EventMap[K];
  readonly ts: string;
}
export type AnyAppEvent = { [K in EventName]: AppEvent<K> }[EventName];
