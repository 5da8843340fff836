import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** State of the live event stream from the core. */
export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting';

export interface LiveStoreState {
  readonly state: LiveState;
  /** When the link last dropped (epoch ms) while it is down; null while it is up or off. */
  readonly downSince: number | null;
  /** How many times the link came back (or events were missed): a page that loads on its own reloads when it changes. */
  readonly returns: number;
  /** The stream is being opened for a session, or closed with it. */
  setState(state: 'off' | 'connecting'): void;
  /** The link dropped at `now`: what is shown may be stale from then on. False when it was already down (a retry failed). */
  dropped(now: number): boolean;
  /** The link is up; `resumed`: it was up before, so events may have been missed and what is shown reloads. */
  connected(resumed: boolean): void;
}

/** Whether what the console shows may be out of date: the link to the core is down. */
export const isStale = (state: LiveState): boolean => state === 'reconnecting';

export const liveStore = createStore<LiveStoreState>()((set, get) => ({
  state: 'off',
  downSince: null,
  returns: 0,
  setState(state) {
    set({ state, downSince: null });
  },
  dropped(now) {
    // A retry that fails again keeps the time of the first drop.
    if (get().state === 'reconnecting') return false;
    set({ state: 'reconnecting', downSince: now });
    return true;
  },
  connected(resumed) {
    set({ state: 'live', downSince: null, returns: get().returns + (resumed ? 1 : 0) });
  },
}));

export function useLiveState(): LiveState {
  return useStore(liveStore, (s) => s.state);
}

/** When the link dropped, or null while data is current. */
export function useDownSince(): number | null {
  return useStore(liveStore, (s) => s.downSince);
}

/** Changes each time the link comes back: a page that loads on its own lists it in its load effect's dependencies. */
export function useLiveReturns(): number {
  return useStore(liveStore, (s) => s.returns);
}
