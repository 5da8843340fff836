import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Daily } from '../../shared/domain/dashboard';
import type { Instance } from '../../shared/domain/instances';
import { call } from '../api/session-call';
import { errorMessage } from '../lib/errors';

/** Live changes reload the day at most this often. */
export const LIVE_GAP_MS = 2000;

export interface DashboardState {
  /** YYYY-MM-DD, or null for today in `tz` (so the page rolls over at midnight). */
  readonly day: string | null;
  readonly tz: string;
  readonly daily: Daily | null;
  readonly loading: boolean;
  readonly error: string | null;
  setDay(day: string | null): void;
  setTz(tz: string): void;
  load(): Promise<void>;
  /** The page is on screen: live changes reload it. Returns a disposer. */
  watch(): () => void;
  instanceChanged(instance: Instance): void;
  /** Pending approvals may have changed. */
  requestChanged(): void;
  resync(): void;
  reset(): void;
}

/** Whether a change to an instance created then can move the day's numbers (they count instances created in [from, to)). */
export function affectsDay(daily: Pick<Daily, 'from' | 'to'> | null, createdTime: string): boolean {
  if (!daily) return true;
  const t = Date.parse(createdTime);
  return t >= Date.parse(daily.from) && t < Date.parse(daily.to);
}

/** Milliseconds to wait before the next reload so reloads start at least `gap` apart. */
export function throttleDelay(lastStart: number, now: number, gap: number): number {
  return Math.max(0, lastStart + gap - now);
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export const dashboardStore = createStore<DashboardState>()((set, get) => {
  let seq = 0;
  let watchers = 0;
  let lastStart = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const load = async (): Promise<void> => {
    const mine = ++seq;
    clearTimeout(timer);
    timer = undefined;
    lastStart = Date.now();
    const { day, tz } = get();
    set({ loading: true });
    try {
      const daily = await call('dashboard.daily', { tz, ...(day ? { day } : {}) });
      if (mine === seq) set({ daily, loading: false, error: null });
    } catch (err) {
      if (mine === seq) set({ loading: false, error: errorMessage(err) });
    }
  };

  const reloadSoon = (): void => {
    if (watchers === 0 || timer) return;
    timer = setTimeout(() => void load(), throttleDelay(lastStart, Date.now(), LIVE_GAP_MS));
  };

  return {
    day: null,
    tz: browserTimeZone(),
    daily: null,
    loading: false,
    error: null,
    setDay(day) {
      set({ day });
      void load();
    },
    setTz(tz) {
      set({ tz });
      void load();
    },
    load,
    watch() {
      watchers++;
      return () => {
        watchers--;
        if (watchers === 0) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
    instanceChanged(instance) {
      if (affectsDay(get().daily, instance.created_time)) reloadSoon();
    },
    requestChanged() {
      reloadSoon();
    },
    resync() {
      reloadSoon();
    },
    reset() {
      seq++;
      clearTimeout(timer);
      timer = undefined;
      set({ day: null, tz: browserTimeZone(), daily: null, loading: false, error: null });
    },
  };
});

export function useDashboard<T>(selector: (s: DashboardState) => T): T {
  return useStore(dashboardStore, selector);
}
