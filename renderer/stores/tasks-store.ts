import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput, OpOutput } from '../../shared/api/contract';
import type { Instance } from '../../shared/domain/instances';
import type { Task } from '../../shared/domain/tasks';
import { ApiError } from '../api/client';
import { call } from '../api/session-call';
import { coalesce, wasAsked } from '../lib/coalesce';
import { errorMessage } from '../lib/errors';

export type TaskSaveResult = OpOutput<'tasks.create'>;
export type TaskCheckResult = OpOutput<'tasks.check'>;

export interface TasksState {
  /** Every task the core has, by name (the whole list is loaded: a workspace holds hundreds, not millions). */
  readonly byName: Readonly<Record<string, Task>>;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** Plain-English cron descriptions by expression; null when there is no short way to say it. */
  readonly descriptions: Readonly<Record<string, string | null>>;
  load(): Promise<void>;
  /** Reload only if the list was asked for. */
  refresh(): Promise<void>;
  fetch(name: string): Promise<Task>;
  /** Apply a task as the core now has it (a response or a `task.changed` event). */
  upsert(task: Task): void;
  remove(name: string): void;
  create(input: OpInput<'tasks.create'>): Promise<TaskSaveResult>;
  update(input: OpInput<'tasks.update'>): Promise<TaskSaveResult>;
  delete(name: string, force: boolean): Promise<void>;
  /** `acceptEditAt`: the time of the edit by others the user has seen and accepts. */
  start(name: string, acceptEditAt?: string): Promise<Task>;
  stop(name: string): Promise<Task>;
  runNow(name: string, acceptEditAt?: string): Promise<string>;
  check(input: OpInput<'tasks.check'>): Promise<TaskCheckResult>;
  exportYaml(name: string): Promise<string>;
  importYaml(yaml: string): Promise<TaskSaveResult>;
  /** Look up descriptions of expressions not described yet. */
  describe(expressions: readonly string[]): void;
  /** An instance of a task changed: its running count did too (the core sends no task event for that). */
  instanceChanged(instance: Instance): void;
  /** A change request moved: the task it governs shows its state. */
  requestChanged(taskName: string): void;
  resync(): void;
  reset(): void;
}

/** Wait this long after an instance event before reloading its task: a burst of events costs one call. */
const REFETCH_MS = 400;

/** The cache with a task as the core now has it. */
export function withTask(byName: Readonly<Record<string, Task>>, task: Task): Record<string, Task> {
  const next: Record<string, Task> = {};
  // A rename arrives under the new name: drop the entry with the same id under the old one.
  for (const [name, t] of Object.entries(byName)) if (t.id !== task.id) next[name] = t;
  next[task.name] = task;
  return next;
}

function withoutTask(byName: Readonly<Record<string, Task>>, name: string): Record<string, Task> {
  const next = { ...byName };
  delete next[name];
  return next;
}

export const tasksStore = createStore<TasksState>()((set, get) => {
  // Changes that arrive while the list is loading are replayed over its (older) answer.
  let replay: Map<string, Task | null> | null = null;
  const stale = new Set<string>();
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  const describing = new Set<string>();

  const load = coalesce(async () => {
    replay = new Map();
    set({ loading: true });
    try {
      const list = await call('tasks.list', {});
      let byName: Record<string, Task> = Object.fromEntries(list.map((t) => [t.name, t]));
      for (const [name, t] of replay) byName = t ? withTask(byName, t) : withoutTask(byName, name);
      set({ byName, loaded: true, loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    } finally {
      replay = null;
    }
  });

  const refetchStale = (): void => {
    refetchTimer = undefined;
    const names = [...stale];
    stale.clear();
    for (const name of names) {
      void get()
        .fetch(name)
        .catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 404) get().remove(name);
        });
    }
  };
  const refetchSoon = (name: string): void => {
    stale.add(name);
    refetchTimer ??= setTimeout(refetchStale, REFETCH_MS);
  };

  return {
    byName: {},
    loaded: false,
    loading: false,
    error: null,
    descriptions: {},
    load,
    async refresh() {
      if (wasAsked(get())) await load();
    },
    async fetch(name) {
      const task = await call('tasks.get', { name });
      get().upsert(task);
      return task;
    },
    upsert(task) {
      replay?.set(task.name, task);
      set({ byName: withTask(get().byName, task) });
    },
    remove(name) {
      replay?.set(name, null);
      if (Object.hasOwn(get().byName, name)) set({ byName: withoutTask(get().byName, name) });
    },
    async create(input) {
      const r = await call('tasks.create', input);
      get().upsert(r.task);
      return r;
    },
    async update(input) {
      const r = await call('tasks.update', input);
      get().upsert(r.task);
      return r;
    },
    async delete(name, force) {
      await call('tasks.delete', { name, force });
      get().remove(name);
    },
    async start(name, acceptEditAt) {
      const task = await call('tasks.start', { name, accept_edit_at: acceptEditAt });
      get().upsert(task);
      return task;
    },
    async stop(name) {
      const task = await call('tasks.stop', { name });
      get().upsert(task);
      return task;
    },
    async runNow(name, acceptEditAt) {
      const { run_id } = await call('tasks.run', { name, accept_edit_at: acceptEditAt });
      return run_id;
    },
    check: (input) => call('tasks.check', input),
    async exportYaml(name) {
      return (await call('tasks.export', { name })).yaml;
    },
    async importYaml(yaml) {
      const r = await call('tasks.import', { yaml });
      get().upsert(r.task);
      return r;
    },
    describe(expressions) {
      const known = get().descriptions;
      for (const expr of new Set(expressions)) {
        if (!expr || expr in known || describing.has(expr)) continue;
        describing.add(expr);
        call('tasks.cron-preview', { cron_expression: expr, time_zone: 'UTC', count: 1 })
          .then((p) => set({ descriptions: { ...get().descriptions, [expr]: p.valid ? p.description : null } }))
          .catch(() => undefined) // the schedule column shows the expression alone
          .finally(() => describing.delete(expr));
      }
    },
    instanceChanged(instance) {
      if (instance.task_id === null) return;
      // Found by id: the instance carries the name the task had when it was created.
      const byName = get().byName;
      const named = instance.task_name ? byName[instance.task_name] : undefined;
      const task = named?.id === instance.task_id ? named : Object.values(byName).find((t) => t.id === instance.task_id);
      if (task) refetchSoon(task.name);
    },
    requestChanged(taskName) {
      if (Object.hasOwn(get().byName, taskName)) refetchSoon(taskName);
    },
    resync() {
      if (wasAsked(get())) void load();
      else for (const name of Object.keys(get().byName)) refetchSoon(name);
    },
    reset() {
      clearTimeout(refetchTimer);
      refetchTimer = undefined;
      stale.clear();
      set({ byName: {}, loaded: false, loading: false, error: null, descriptions: {} });
    },
  };
});

export function useTasks<T>(selector: (s: TasksState) => T): T {
  return useStore(tasksStore, selector);
}

/** One task from the cache, or undefined. */
export function useTask(name: string): Task | undefined {
  // hasOwn: a task may be named `constructor`, which an object lookup finds on Object.prototype before it is loaded.
  return useStore(tasksStore, (s) => (Object.hasOwn(s.byName, name) ? s.byName[name] : undefined));
}
