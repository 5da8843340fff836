import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** State of the live event stream from the core. */
export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting';

export interface LiveStoreState {
  readonly state: LiveState;
  setState(state: LiveState): void;
}

export const liveStore = createStore<LiveStoreState>()((set) => ({
  state: 'off',
  setState(state) {
    set({ state });
  },
}));

export function useLiveState(): LiveState {
  return useStore(liveStore, (s) => s.state);
}
