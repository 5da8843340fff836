import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput } from '../../shared/api/contract';
import type { Group } from '../../shared/domain/hosts';
import { call } from '../api/session-call';
import { statusLoader, wasAsked } from '../lib/coalesce';

export interface GroupsState {
  readonly groups: readonly Group[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  load(): Promise<void>;
  /** Reload only if the list was asked for (a live event said it changed, or the link came back). */
  refresh(): Promise<void>;
  create(input: OpInput<'groups.create'>): Promise<Group>;
  update(input: OpInput<'groups.update'>): Promise<Group>;
  delete(id: number): Promise<void>;
  reset(): void;
}

export const groupsStore = createStore<GroupsState>()((set, get) => {
  const load = statusLoader<GroupsState>(set, async () => ({ groups: [...(await call('groups.list'))].sort((a, b) => a.name.localeCompare(b.name)) }));
  return {
    groups: [],
    loaded: false,
    loading: false,
    error: null,
    load,
    async refresh() {
      if (wasAsked(get())) await load();
    },
    async create(input) {
      const g = await call('groups.create', input);
      void load();
      return g;
    },
    async update(input) {
      const g = await call('groups.update', input);
      void load();
      return g;
    },
    async delete(id) {
      await call('groups.delete', { id });
      set({ groups: get().groups.filter((g) => g.id !== id) });
    },
    reset() {
      set({ groups: [], loaded: false, loading: false, error: null });
    },
  };
});

export function useGroups<T>(selector: (s: GroupsState) => T): T {
  return useStore(groupsStore, selector);
}
