import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Instance, RunSummary } from '../../shared/domain/instances';
import { call } from '../api/session-call';
import { affectsRuns, mergeRuns, type RunsQuery } from '../lib/runs-list';
import { errorMessage } from '../lib/errors';

const PAGE = 50;
/** Instances of one run shown when it is expanded (a run on more hosts links to its flat list). */
export const MEMBERS_SHOWN = 500;
/** Live changes reload the newest runs at most this often: a run on 200 hosts sends 400 events. */
const RELOAD_EVERY_MS = 1_000;

export interface RunMembers {
  readonly items: readonly Instance[];
  readonly total: number;
  readonly loading: boolean;
  readonly error: string | null;
}

export interface RunsState {
  readonly query: RunsQuery | null;
  /** Newest first, one per run. */
  readonly items: readonly RunSummary[];
  /** Cursor for older runs; null when the oldest is shown. */
  readonly next: string | null;
  /** The last page stopped at its read bound: runs were searched back to this time. */
  readonly searchedTo: string | null;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** Expanded runs' instances, by run id. */
  readonly members: Readonly<Record<string, RunMembers>>;
  load(query: RunsQuery): Promise<void>;
  loadOlder(): Promise<void>;
  expand(runId: string): Promise<void>;
  /** An instance changed (a live event): reload the newest runs soon if it may show, and update an expanded run. */
  instanceChanged(instance: Instance): void;
  resync(): void;
  reset(): void;
}

const empty = { query: null, items: [], next: null, searchedTo: null, loaded: false, loading: false, error: null, members: {} } as const;

export const runsStore = createStore<RunsState>()((set, get) => {
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const fetchPage = async (before: string | null): Promise<void> => {
    const q = get().query;
    if (!q) return;
    const mine = ++seq;
    set({ loading: true });
    try {
      const page = await call('runs.list', { ...q, ...(before ? { before } : {}), per_page: PAGE });
      if (mine !== seq) return;
      const shown = get().items;
      // Older runs join those shown; a reload of the newest replaces them, unless older pages were loaded (kept, as is where they end).
      const keepOlder = before === null && shown.length > PAGE;
      set({
        items: before === null && !keepOlder ? page.items : mergeRuns(shown, page.items),
        ...(keepOlder ? {} : { next: page.next, searchedTo: page.searched_to }),
        loaded: true,
        loading: false,
        error: null,
      });
    } catch (err) {
      if (mine === seq) set({ loading: false, error: errorMessage(err) });
    }
  };

  const fetchMembers = async (runId: string): Promise<void> => {
    const put = (m: Partial<RunMembers>): void => {
      const was = get().members[runId] ?? { items: [], total: 0, loading: false, error: null };
      set({ members: { ...get().members, [runId]: { ...was, ...m } } });
    };
    put({ loading: true });
    try {
      const page = await call('instances.list', { run_id: runId, per_page: MEMBERS_SHOWN, count: true });
      put({ items: page.items, total: page.total ?? page.items.length, loading: false, error: null });
    } catch (err) {
      put({ loading: false, error: errorMessage(err) });
    }
  };

  return {
    ...empty,

    async load(query) {
      clearTimeout(timer);
      set({ ...empty, query, loading: true });
      await fetchPage(null);
    },

    async loadOlder() {
      const next = get().next;
      if (next) await fetchPage(next);
    },

    expand: fetchMembers,

    instanceChanged(instance) {
      const { query, items, members, loaded } = get();
      const m = members[instance.run_id];
      if (m && !m.loading) {
        const at = m.items.findIndex((i) => i.id === instance.id);
        const next = at >= 0 ? m.items.map((i) => (i.id === instance.id ? instance : i)) : [...m.items, instance];
        set({ members: { ...members, [instance.run_id]: { ...m, items: next, total: m.total + (at >= 0 ? 0 : 1) } } });
      }
      if (!query || !loaded || !affectsRuns(query, items, instance)) return;
      timer ??= setTimeout(() => {
        timer = undefined;
        void fetchPage(null);
      }, RELOAD_EVERY_MS);
    },

    resync() {
      if (!get().loaded) return;
      void fetchPage(null);
      for (const runId of Object.keys(get().members)) void fetchMembers(runId);
    },

    reset() {
      seq++;
      clearTimeout(timer);
      timer = undefined;
      set({ ...empty });
    },
  };
});

export function useRuns<T>(selector: (s: RunsState) => T): T {
  return useStore(runsStore, selector);
}
