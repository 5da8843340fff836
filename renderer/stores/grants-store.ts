import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Grant, GrantCreate } from '../../shared/domain/grants';
import { call } from '../api/session-call';
import { statusLoader, wasAsked } from '../lib/coalesce';

export interface GrantsState {
  /** Grants newest first (the core lists the 500 newest): the caller's own, or anyone's for an admin. */
  readonly grants: readonly Grant[];
  /** Admins: whose grants are listed; undefined for everyone's. */
  readonly user: string | undefined;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  load(): Promise<void>;
  /** Admins: list one user's grants (undefined: everyone's). */
  setUser(user: string | undefined): Promise<void>;
  /** Reload only if something has loaded before (on `grants.changed` and after a reconnect). */
  refresh(): Promise<void>;
  /** End a lasting grant now (admins). */
  revoke(id: number): Promise<Grant>;
  /** Grant a plug-in user hosts (admins); the new grants are listed first. */
  grant(input: GrantCreate): Promise<readonly Grant[]>;
  reset(): void;
}

export const grantsStore = createStore<GrantsState>()((set, get) => {
  const load = statusLoader<GrantsState>(set, async () => {
    const user = get().user;
    return { grants: await call('permissions.list', user ? { user_name: user } : {}) };
  });
  return {
    grants: [],
    user: undefined,
    loaded: false,
    loading: false,
    error: null,
    load,
    async setUser(user) {
      set({ user });
      await load();
    },
    async refresh() {
      if (wasAsked(get())) await load();
    },
    async revoke(id) {
      const g = await call('permissions.revoke', { id });
      set({ grants: get().grants.map((x) => (x.id === g.id ? g : x)) });
      return g;
    },
    async grant(input) {
      const added = await call('permissions.grant', input);
      const user = get().user;
      if (!user || user === input.user_name) set({ grants: [...added, ...get().grants.filter((g) => !added.some((a) => a.id === g.id))] });
      return added;
    },
    reset() {
      set({ grants: [], user: undefined, loaded: false, loading: false, error: null });
    },
  };
});

export function useGrants<T>(selector: (s: GrantsState) => T): T {
  return useStore(grantsStore, selector);
}
