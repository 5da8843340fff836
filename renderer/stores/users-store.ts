import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput } from '../../shared/api/contract';
import type { User } from '../../shared/domain/users';
import { call } from '../api/session-call';
import { statusLoader, wasAsked } from '../lib/coalesce';

export interface UsersState {
  /** Every local user, sorted by user name. */
  readonly users: readonly User[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  load(): Promise<void>;
  /** Reload only if something has loaded before (a `users.changed` event). */
  refresh(): Promise<void>;
  create(input: OpInput<'users.create'>): Promise<User>;
  update(input: OpInput<'users.update'>): Promise<User>;
  reset(): void;
}

const byName = (a: User, b: User): number => a.user_name.localeCompare(b.user_name);

export const usersStore = createStore<UsersState>()((set, get) => {
  const load = statusLoader<UsersState>(set, async () => ({ users: [...(await call('users.list'))].sort(byName) }));
  const upsert = (u: User): User => {
    set({ users: [...get().users.filter((x) => x.id !== u.id), u].sort(byName) });
    return u;
  };
  return {
    users: [],
    loaded: false,
    loading: false,
    error: null,
    load,
    async refresh() {
      if (wasAsked(get())) await load();
    },
    async create(input) {
      return upsert(await call('users.create', input));
    },
    async update(input) {
      return upsert(await call('users.update', input));
    },
    reset() {
      set({ users: [], loaded: false, loading: false, error: null });
    },
  };
});

export function useUsers<T>(selector: (s: UsersState) => T): T {
  return useStore(usersStore, selector);
}
