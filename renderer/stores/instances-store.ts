import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput, OpOutput } from '../../shared/api/contract';
import { InstanceStatus, type Instance } from '../../shared/domain/instances';
import { call } from '../api/session-call';
import { errorMessage } from '../lib/errors';
import { compareSnowflakes } from '../../shared/domain/snowflake-order';

/** What the Instances page asks the core for (the hash query, parsed). */
export interface InstanceListQuery {
  readonly status?: number;
  readonly host_id?: number;
  readonly task_id?: number;
  /** Part of the task's name. */
  readonly task?: string;
  /** Part of the command. */
  readonly command?: string;
  readonly run_id?: string;
  readonly from?: string;
  readonly to?: string;
  readonly page: number;
  readonly per_page: number;
}

export interface InstanceList {
  readonly query: InstanceListQuery | null;
  /** Newest first; rows are read from `byId`. */
  readonly ids: readonly string[];
  readonly total: number;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
}

export interface InstancesState {
  /** Instances someone on screen looks at (a list page, a run, an instance page), as the core last told us. */
  readonly byId: Readonly<Record<string, Instance>>;
  readonly list: InstanceList;
  loadList(query: InstanceListQuery): Promise<void>;
  reloadList(): Promise<void>;
  fetch(id: string): Promise<Instance>;
  /** Apply an instance as the core now has it (a response or an `instance.changed` event). */
  upsert(instance: Instance): void;
  cancel(id: string): Promise<Instance>;
  create(input: OpInput<'runs.create'>): Promise<OpOutput<'runs.create'>>;
  /** The live stream was down: reload the list and every running instance we show. */
  resync(): void;
  reset(): void;
}

const emptyList: InstanceList = { query: null, ids: [], total: 0, loaded: false, loading: false, error: null };

const newestFirst = (byId: Readonly<Record<string, Instance>>) => (a: string, b: string): number => {
  const ta = Date.parse(byId[a]?.created_time ?? '');
  const tb = Date.parse(byId[b]?.created_time ?? '');
  return tb - ta || compareSnowflakes(b, a);
};

/** Whether a new instance belongs at the top of the list the page shows (page 1, no filter excluding it). */
export function belongsOnTop(q: InstanceListQuery, i: Instance, newest: Instance | undefined): boolean {
  if (q.page !== 1) return false;
  if (q.status !== undefined && i.status !== q.status) return false;
  if (q.host_id !== undefined && i.host_id !== q.host_id) return false;
  if (q.task_id !== undefined && i.task_id !== q.task_id) return false;
  if (q.run_id !== undefined && i.run_id !== q.run_id) return false;
  const t = Date.parse(i.created_time);
  if (q.from && t < Date.parse(q.from)) return false;
  if (q.to && t >= Date.parse(q.to)) return false;
  return !newest || t >= Date.parse(newest.created_time);
}

/** How far an instance has got: created, started, ended. Only ever goes up. */
const progress = (i: Instance): number => (i.status !== InstanceStatus.Running ? 2 : i.started_time ? 1 : 0);

/** Whether `next` may replace `old`: a late, older answer (a response that raced an event) must not undo progress. */
export function isNewer(old: Instance | undefined, next: Instance): boolean {
  return !old || progress(next) >= progress(old);
}

/** Events about instances nobody showed yet, kept briefly: a run's first events can beat its `runs.create` answer. */
const EARLY_EVENTS = 256;

export const instancesStore = createStore<InstancesState>()((set, get) => {
  let seq = 0;
  const early = new Map<string, Instance>();
  const put = (items: readonly Instance[]): Record<string, Instance> => {
    const byId = { ...get().byId };
    for (const i of items) {
      if (isNewer(byId[i.id], i)) byId[i.id] = i;
      const e = early.get(i.id);
      if (e && isNewer(byId[i.id], e)) byId[i.id] = e;
      early.delete(i.id);
    }
    return byId;
  };

  return {
    byId: {},
    list: emptyList,

    async loadList(query) {
      const mine = ++seq;
      set({ list: { ...get().list, query, loading: true } });
      try {
        const page = await call('instances.list', { ...query, count: true });
        if (mine !== seq) return;
        set({ byId: put(page.items), list: { query, ids: page.items.map((i) => i.id), total: page.total ?? page.items.length, loaded: true, loading: false, error: null } });
      } catch (err) {
        if (mine === seq) set({ list: { ...get().list, loading: false, error: errorMessage(err) } });
      }
    },

    async reloadList() {
      const q = get().list.query;
      if (q) await get().loadList(q);
    },

    async fetch(id) {
      const i = await call('instances.get', { id });
      set({ byId: put([i]) });
      return get().byId[id] ?? i;
    },

    upsert(instance) {
      const { byId, list } = get();
      const known = instance.id in byId;
      const q = list.query;
      const onTop = Boolean(q && list.loaded && !list.ids.includes(instance.id) && belongsOnTop(q, instance, byId[list.ids[0] ?? '']));
      if (!known && !onTop) {
        // Nobody shows it yet; keep it a moment in case its run's answer is still on the way.
        early.delete(instance.id);
        early.set(instance.id, instance);
        if (early.size > EARLY_EVENTS) early.delete(early.keys().next().value!);
        return;
      }
      const next = put([instance]);
      if (!onTop || !q) return set({ byId: next });
      const ids = [instance.id, ...list.ids].sort(newestFirst(next)).slice(0, q.per_page);
      set({ byId: next, list: { ...list, ids, total: list.total + 1 } });
    },

    async cancel(id) {
      const i = await call('instances.cancel', { id });
      get().upsert(i);
      return i;
    },

    async create(input) {
      const r = await call('runs.create', input);
      set({ byId: put(r.instances) });
      return r;
    },

    resync() {
      // A list that failed to load is still on screen: it has a query, so it reloads too.
      void get().reloadList();
      for (const i of Object.values(get().byId)) {
        if (i.status === InstanceStatus.Running) void get().fetch(i.id).catch(() => undefined);
      }
    },

    reset() {
      seq++;
      early.clear();
      set({ byId: {}, list: emptyList });
    },
  };
});

export function useInstances<T>(selector: (s: InstancesState) => T): T {
  return useStore(instancesStore, selector);
}

/** One instance from the cache, or undefined. */
export function useInstance(id: string): Instance | undefined {
  return useStore(instancesStore, (s) => s.byId[id]);
}
