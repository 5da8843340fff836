import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput } from '../../shared/api/contract';
import type { Process, TaskTypeName } from '../../shared/domain/processes';
import type { ApprovalPolicy } from '../../shared/domain/requests';
import { call } from '../api/session-call';
import { statusLoader, wasAsked } from '../lib/coalesce';
import { errorMessage } from '../lib/errors';

export interface ProcessesState {
  /** Every process, grouped by task type and in priority order within a type, as the core lists them. */
  readonly processes: readonly Process[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** A priority order being edited and not yet saved, per task type; kept across pages so leaving loses nothing. */
  readonly drafts: Readonly<Partial<Record<TaskTypeName, readonly number[]>>>;
  readonly policy: ApprovalPolicy | null;
  readonly policyError: string | null;
  load(): Promise<void>;
  /** Reload only if something has loaded before (a live event said the list changed). */
  refresh(): Promise<void>;
  create(input: OpInput<'processes.create'>): Promise<Process>;
  update(input: OpInput<'processes.update'>): Promise<Process>;
  setEnabled(id: number, enabled: boolean): Promise<Process>;
  deleteMany(ids: readonly number[]): Promise<void>;
  setDraft(type: TaskTypeName, ids: readonly number[] | null): void;
  savePriority(type: TaskTypeName, ids: readonly number[]): Promise<void>;
  loadPolicy(): Promise<void>;
  setPolicy(policy: ApprovalPolicy): Promise<ApprovalPolicy>;
  reset(): void;
}

/** Put a process where it belongs: in place when known, else last of its type (where the core puts new ones). */
export function withProcess(list: readonly Process[], p: Process): Process[] {
  const at = list.findIndex((x) => x.id === p.id);
  if (at >= 0 && list[at]!.task_type === p.task_type) return list.map((x) => (x.id === p.id ? p : x));
  const rest = list.filter((x) => x.id !== p.id);
  const lastOfType = rest.findLastIndex((x) => x.task_type === p.task_type);
  if (lastOfType < 0) return [...rest, p];
  return [...rest.slice(0, lastOfType + 1), p, ...rest.slice(lastOfType + 1)];
}

export const processesStore = createStore<ProcessesState>()((set, get) => {
  const load = statusLoader<ProcessesState>(set, async () => ({ processes: await call('processes.list', {}) }));
  const upsert = (p: Process): Process => {
    set({ processes: withProcess(get().processes, p) });
    return p;
  };

  return {
    processes: [],
    loaded: false,
    loading: false,
    error: null,
    drafts: {},
    policy: null,
    policyError: null,
    load,
    async refresh() {
      if (wasAsked(get())) await load();
      if (get().policy || get().policyError !== null) await get().loadPolicy();
    },
    async create(input) {
      return upsert(await call('processes.create', input));
    },
    async update(input) {
      return upsert(await call('processes.update', input));
    },
    async setEnabled(id, enabled) {
      return upsert(await call(enabled ? 'processes.enable' : 'processes.disable', { id }));
    },
    async deleteMany(ids) {
      await call('processes.delete-many', { ids: [...ids] });
      const gone = new Set(ids);
      set({ processes: get().processes.filter((p) => !gone.has(p.id)) });
    },
    setDraft(type, ids) {
      const drafts = { ...get().drafts };
      if (ids) drafts[type] = ids;
      else delete drafts[type];
      set({ drafts });
    },
    async savePriority(type, ids) {
      const saved = await call('processes.set-priority', { task_type: type, ids: [...ids] });
      const rank = new Map(saved.ids.map((id, i) => [id, i]));
      const ofType = get().processes.filter((p) => p.task_type === type).sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
      // The type's slots in the list keep their places; only who sits in them changes.
      let next = 0;
      const processes = get().processes.map((p) => (p.task_type === type ? ofType[next++]! : p));
      get().setDraft(type, null);
      set({ processes });
    },
    async loadPolicy() {
      try {
        set({ policy: await call('processes.policy'), policyError: null });
      } catch (err) {
        set({ policyError: errorMessage(err) });
      }
    },
    async setPolicy(policy) {
      const saved = await call('processes.set-policy', policy);
      set({ policy: saved, policyError: null });
      return saved;
    },
    reset() {
      set({ processes: [], loaded: false, loading: false, error: null, drafts: {}, policy: null, policyError: null });
    },
  };
});

export function useProcesses<T>(selector: (s: ProcessesState) => T): T {
  return useStore(processesStore, selector);
}
