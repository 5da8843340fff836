import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput } from '../../shared/api/contract';
import type { Binding, Host } from '../../shared/domain/hosts';
import { call } from '../api/session-call';
import { statusLoader, wasAsked } from '../lib/coalesce';

export interface BindingsState {
  /** Every binding (all groups), sorted by group then name. */
  readonly bindings: readonly Binding[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  load(): Promise<void>;
  refresh(): Promise<void>;
  create(input: OpInput<'bindings.create'>): Promise<Binding>;
  update(input: OpInput<'bindings.update'>): Promise<Binding>;
  delete(id: number): Promise<void>;
  /** A host was renamed or moved: bindings show its name and address. */
  hostChanged(host: Host): void;
  /** A host was deleted: its bindings went with it. */
  hostDeleted(id: number): void;
  reset(): void;
}

const order = (a: Binding, b: Binding): number => a.group_name.localeCompare(b.group_name) || a.name.localeCompare(b.name);

export const bindingsStore = createStore<BindingsState>()((set, get) => {
  const load = statusLoader<BindingsState>(set, async () => ({ bindings: [...(await call('bindings.list', {}))].sort(order) }));
  return {
    bindings: [],
    loaded: false,
    loading: false,
    error: null,
    load,
    async refresh() {
      if (wasAsked(get())) await load();
    },
    async create(input) {
      const b = await call('bindings.create', input);
      set({ bindings: [...get().bindings.filter((x) => x.id !== b.id), b].sort(order) });
      return b;
    },
    async update(input) {
      const b = await call('bindings.update', input);
      set({ bindings: get().bindings.map((x) => (x.id === b.id ? b : x)).sort(order) });
      return b;
    },
    async delete(id) {
      await call('bindings.delete', { id });
      set({ bindings: get().bindings.filter((b) => b.id !== id) });
    },
    hostChanged(host) {
      const stale = get().bindings.some((b) => b.executor_id === host.id && (b.executor_name !== host.name || b.executor_host !== host.host));
      if (!stale) return;
      set({
        bindings: get().bindings.map((b) => (b.executor_id === host.id ? { ...b, executor_name: host.name, executor_host: host.host } : b)),
      });
    },
    hostDeleted(id) {
      set({ bindings: get().bindings.filter((b) => b.executor_id !== id) });
    },
    reset() {
      set({ bindings: [], loaded: false, loading: false, error: null });
    },
  };
});

export function useBindings<T>(selector: (s: BindingsState) => T): T {
  return useStore(bindingsStore, selector);
}
