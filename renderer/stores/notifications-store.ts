import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { NotificationPage, NotificationView } from '../../shared/domain/notifications';
import { call } from '../api/session-call';
import { statusLoader } from '../lib/coalesce';

const PAGE = 30;

export interface NotificationsState {
  /** The signed-in user's notifications, newest first: the first `shown` of them. */
  readonly items: readonly NotificationView[];
  readonly total: number;
  readonly unread: number;
  readonly shown: number;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  load(): Promise<void>;
  /** Show the next page of older ones. */
  more(): Promise<void>;
  /** A `notification.created` event (only ours reach this page). */
  created(n: NotificationView): void;
  markRead(id: number): Promise<void>;
  markAllRead(): Promise<void>;
  /** Reload if loaded (after a reconnect). */
  resync(): void;
  reset(): void;
}

/**
 * A page from the core, plus what arrived by event after the core answered: notifications newer than its newest were
 * posted while it was on its way, and would vanish (with their unread count) if the answer simply replaced the list.
 */
export function withNewer(page: NotificationPage, shown: readonly NotificationView[]): Pick<NotificationsState, 'items' | 'total' | 'unread'> {
  const newest = page.items[0]?.id ?? 0;
  const newer = page.page === 1 ? shown.filter((n) => n.id > newest) : [];
  return { items: [...newer, ...page.items], total: page.total + newer.length, unread: page.unread + newer.filter((n) => n.read_at === null).length };
}

const empty = { items: [], total: 0, unread: 0, shown: PAGE, loaded: false, loading: false, error: null } as const;

export const notificationsStore = createStore<NotificationsState>()((set, get) => {
  const load = statusLoader<NotificationsState>(set, async () => {
    const page = await call('notifications.list', { per_page: get().shown });
    return withNewer(page, get().items);
  });
  const readDone = (ids: ReadonlySet<number> | 'all', unread: number): void => {
    const now = new Date().toISOString();
    set({ unread, items: get().items.map((n) => (n.read_at === null && (ids === 'all' || ids.has(n.id)) ? { ...n, read_at: now } : n)) });
  };
  return {
    ...empty,
    load,
    async more() {
      set({ shown: Math.min(get().shown + PAGE, 200) });
      await load();
    },
    created(n) {
      if (get().items.some((x) => x.id === n.id)) return;
      set({ items: [n, ...get().items], total: get().total + 1, unread: get().unread + (n.read_at ? 0 : 1) });
    },
    async markRead(id) {
      const r = await call('notifications.read', { id });
      readDone(new Set([id]), r.unread);
    },
    async markAllRead() {
      const r = await call('notifications.read', { all: true });
      readDone('all', r.unread);
    },
    resync() {
      if (get().loaded) void load();
    },
    reset() {
      set(empty);
    },
  };
});

export function useNotifications<T>(selector: (s: NotificationsState) => T): T {
  return useStore(notificationsStore, selector);
}
