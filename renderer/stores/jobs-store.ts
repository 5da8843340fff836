import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { EventMap } from '../../shared/api/events';
import { isFinished, jobMatchesText, toJobView, type JobView, type OvirtStatus } from '../../shared/domain/jobs';
import { call } from '../api/session-call';
import { errorMessage } from '../lib/errors';

/** What the Jobs page asks the core for: the server-side filters and a page cursor. */
export interface JobsQuery {
  readonly module?: string;
  readonly status?: OvirtStatus;
  readonly external?: boolean;
  /** Text in the description, type or owner, or an exact id. */
  readonly q?: string;
  /** Include internal jobs (the core hides them otherwise). */
  readonly internal?: boolean;
  /** The last id of the previous page; undefined for the first. */
  readonly before?: string;
  readonly limit: number;
}

export interface JobsList {
  readonly query: JobsQuery | null;
  /** Root ids, newest first; nodes are read from `byId`. */
  readonly ids: readonly string[];
  readonly nextBefore: string | null;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
}

/** Running roots for the shell's indicator, newest first. */
export interface RunningJobs {
  readonly ids: readonly string[];
  /** More run than one page holds: the count shows "N+". */
  readonly more: boolean;
  readonly loaded: boolean;
}

export interface JobsState {
  /** Jobs and steps someone on screen looks at, as the core last told us. */
  readonly byId: Readonly<Record<string, JobView>>;
  /** Roots whose registered steps were loaded (events keep them current from then on). */
  readonly stepsLoaded: Readonly<Record<string, true>>;
  readonly list: JobsList;
  readonly running: RunningJobs;
  /** Modules that have jobs (for the module filter). */
  readonly modules: readonly string[];
  loadModules(): Promise<void>;
  loadList(query: JobsQuery): Promise<void>;
  loadRunning(): Promise<void>;
  /** A job and its registered steps (the job page, or a row being expanded). */
  loadJob(id: string): Promise<JobView>;
  /** Apply a `job.changed` event. */
  changed(e: EventMap['job.changed']): void;
  abort(id: string): Promise<void>;
  end(id: string, status: 'FINISHED' | 'FAILED' | 'ABORTED' | 'UNKNOWN', force: boolean): Promise<void>;
  clear(id: string): Promise<void>;
  /** The live stream was down: reload the list, the indicator and every open tree. */
  resync(): void;
  reset(): void;
}

const RUNNING_PAGE = 100;
const emptyList: JobsList = { query: null, ids: [], nextBefore: null, loaded: false, loading: false, error: null };
const emptyRunning: RunningJobs = { ids: [], more: false, loaded: false };

/** Whether a root an event brings belongs in a list fetched with these filters (the core's rule, for jobs that start after the fetch). */
export function matchesServer(f: Omit<JobsQuery, 'before' | 'limit'>, j: JobView): boolean {
  if (f.module !== undefined && j.module !== f.module) return false;
  if (f.status !== undefined && j.status !== f.status) return false;
  if (f.external !== undefined && j.external !== f.external) return false;
  if (!f.internal && j.internal) return false;
  return !f.q || jobMatchesText(f.q, j);
}

/** Whether `next` may replace `old`: a late answer that raced an event must not undo an end or go back in time. */
export function isNewerJob(old: JobView | undefined, next: JobView): boolean {
  if (!old) return true;
  if (isFinished(old.state) && !isFinished(next.state)) return false;
  return Date.parse(next.updated_time) >= Date.parse(old.updated_time);
}

const newestFirst = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

export const jobsStore = createStore<JobsState>()((set, get) => {
  let listSeq = 0;
  const put = (byId: Record<string, JobView>, items: readonly JobView[]): void => {
    for (const j of items) if (isNewerJob(byId[j.id], j)) byId[j.id] = j;
  };
  /** Drop a root's cached steps that the core no longer registers (they folded away). */
  const replaceSteps = (byId: Record<string, JobView>, rootId: string, steps: readonly JobView[]): void => {
    const keep = new Set(steps.map((s) => s.id));
    for (const n of Object.values(byId)) if (n.root_id === rootId && n.parent_id !== null && !keep.has(n.id)) delete byId[n.id];
    put(byId, steps);
  };
  const runningWith = (running: RunningJobs, root: JobView): RunningJobs => {
    const has = running.ids.includes(root.id);
    if (isFinished(root.state)) return has ? { ...running, ids: running.ids.filter((i) => i !== root.id) } : running;
    return has ? running : { ...running, ids: [root.id, ...running.ids].sort(newestFirst) };
  };

  return {
    byId: {},
    stepsLoaded: {},
    list: emptyList,
    running: emptyRunning,
    modules: [],

    async loadModules() {
      set({ modules: await call('task_manager.list-modules') });
    },

    async loadList(query) {
      const mine = ++listSeq;
      set({ list: { ...get().list, query, loading: true } });
      try {
        const page = await call('jobs.list', { ...query });
        if (mine !== listSeq) return;
        const byId = { ...get().byId };
        put(byId, page.items);
        set({ byId, list: { query, ids: page.items.map((j) => j.id), nextBefore: page.next_before, loaded: true, loading: false, error: null } });
      } catch (err) {
        if (mine === listSeq) set({ list: { ...get().list, loading: false, error: errorMessage(err) } });
      }
    },

    async loadRunning() {
      const page = await call('jobs.list', { status: 'STARTED', limit: RUNNING_PAGE });
      const byId = { ...get().byId };
      put(byId, page.items);
      set({ byId, running: { ids: page.items.map((j) => j.id), more: page.next_before !== null, loaded: true } });
    },

    async loadJob(id) {
      const [job, steps] = await Promise.all([call('jobs.get', { id }), call('jobs.steps', { id })]);
      const byId = { ...get().byId };
      put(byId, [job]);
      replaceSteps(byId, job.id, steps);
      set({ byId, stepsLoaded: { ...get().stepsLoaded, [job.id]: true } });
      return get().byId[id] ?? job;
    },

    changed({ root_id, nodes, removed }) {
      const s = get();
      const byId = { ...s.byId };
      let { list, running } = s;
      const tracked = root_id in byId;
      for (const node of nodes) {
        const view = toJobView(node);
        if (node.parent_id === null) {
          if (running.loaded) running = runningWith(running, view);
          const q = list.query;
          // A new job shows at the top of the first page when the page's filters take it.
          if (q && list.loaded && !q.before && !list.ids.includes(view.id) && !tracked && matchesServer(q, view)) {
            list = { ...list, ids: [view.id, ...list.ids].slice(0, q.limit) };
          }
          if (tracked || list.ids.includes(view.id) || running.ids.includes(view.id)) put(byId, [view]);
        } else if (tracked) {
          put(byId, [view]);
        }
      }
      for (const id of removed) {
        delete byId[id];
        if (list.ids.includes(id)) list = { ...list, ids: list.ids.filter((i) => i !== id) };
        if (running.ids.includes(id)) running = { ...running, ids: running.ids.filter((i) => i !== id) };
      }
      set({ byId, list, running });
    },

    async abort(id) {
      await call('task_manager.abort-task', { task_id: id });
      const root = get().byId[id]?.root_id ?? id;
      await get().loadJob(root);
    },

    async end(id, status, force) {
      const job = await call('jobs.end', { id, status, force });
      const byId = { ...get().byId };
      put(byId, [job]);
      set({ byId });
      await get().loadJob(id);
    },

    async clear(id) {
      const job = await call('jobs.clear', { id });
      const byId = { ...get().byId };
      put(byId, [job]);
      set({ byId });
    },

    resync() {
      const s = get();
      if (s.list.query) void s.loadList(s.list.query);
      // The running-jobs indicator sits in the header whenever the console is open, loaded or not.
      void s.loadRunning().catch(() => undefined);
      for (const id of Object.keys(s.stepsLoaded)) void s.loadJob(id).catch(() => undefined);
    },

    reset() {
      listSeq++;
      set({ byId: {}, stepsLoaded: {}, list: emptyList, running: emptyRunning, modules: [] });
    },
  };
});

export function useJobs<T>(selector: (s: JobsState) => T): T {
  return useStore(jobsStore, selector);
}
