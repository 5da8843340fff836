import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput } from '../../shared/api/contract';
import { InstanceStatus, type RunMode } from '../../shared/domain/instances';
import { DEFAULT_RUN_TIMEOUT_S } from '../../shared/domain/run-safety';
import { ApiError } from '../api/client';
import { call } from '../api/session-call';
import { errorMessage } from '../lib/errors';
import { emptyTail, mergeTail, type LogTail } from '../lib/log-tail';
import { instancesStore } from './instances-store';
import type { LogEvent } from './log-feed';

/** Lines each output pane keeps. */
export const TAIL_LINES = 200;
const FLUSH_MS = 100;

/** The Run form as the user left it (in memory only: secrets are never stored). */
export interface RunDraft {
  /** `h:<host id>` or `g:<group id>`. */
  readonly targets: readonly string[];
  readonly command: string;
  readonly timeout: number;
  readonly mode: RunMode;
  readonly log_limit_mb: number;
  readonly log_policy: 'truncate' | 'halt';
  readonly secrets: readonly string[];
}

// The timeout is the core's default (runs.settings) once the Run page has read it; 1 h until then.
export const defaultDraft: RunDraft = { targets: [], command: '', timeout: DEFAULT_RUN_TIMEOUT_S, mode: 'tied', log_limit_mb: 2048, log_policy: 'truncate', secrets: [] };

export interface CurrentRun {
  readonly run_id: string;
  readonly ids: readonly string[];
  /** What it ran where (`runKey`): starting the same again is "run again", which confirms. */
  readonly key: string;
}

/** Targets and command of a run: the same two again make a re-run. */
export function runKey(input: Pick<OpInput<'runs.create'>, 'targets' | 'command'>): string {
  return JSON.stringify([input.targets.host_ids ?? [], input.targets.group_ids ?? [], input.targets.binding_ids ?? [], input.command]);
}

export interface RunState {
  readonly draft: RunDraft;
  readonly current: CurrentRun | null;
  /** Live tail of each instance of the current run. */
  readonly tails: Readonly<Record<string, LogTail>>;
  readonly starting: boolean;
  setDraft(draft: RunDraft): void;
  /** Start a run and show it; throws the API error (the form puts it on its fields). */
  start(input: OpInput<'runs.create'>): Promise<void>;
  /** New lines from the live stream (any instance; only the current run's are kept). */
  logArrived(e: LogEvent): void;
  resync(): void;
  reset(): void;
}

export const runStore = createStore<RunState>()((set, get) => {
  // Live lines are merged in batches: a busy run sends many small events per second per host.
  let pending = new Map<string, { lines: LogEvent['lines'][number][]; total: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const syncing = new Set<string>();

  const apply = (id: string, lines: LogEvent['lines'], total: number): void => {
    const tail = get().tails[id];
    if (!tail) return;
    const r = mergeTail(tail, lines, total, TAIL_LINES);
    set({ tails: { ...get().tails, [id]: r.tail } });
    if (r.gap) void fetchRange(id, r.gap.from, r.gap.to);
  };

  /** Fetch lines [from, to] (or the last lines when the log grew past them) into a tail. */
  const fetchRange = async (id: string, from: number, to: number): Promise<void> => {
    if (syncing.has(id)) return;
    syncing.add(id);
    try {
      const w = await call('instances.log', { id, from_line: from, limit: Math.min(10_000, to - from + 1) });
      syncing.delete(id);
      apply(id, w.lines, w.total_lines);
    } catch {
      syncing.delete(id); // the next event or resync tries again
    }
  };

  const flush = (): void => {
    timer = undefined;
    const batch = pending;
    pending = new Map();
    for (const [id, p] of batch) apply(id, p.lines, p.total);
  };

  return {
    draft: defaultDraft,
    current: null,
    tails: {},
    starting: false,

    setDraft(draft) {
      set({ draft });
    },

    async start(input) {
      set({ starting: true });
      try {
        const r = await instancesStore.getState().create(input);
        const ids = r.instances.map((i) => i.id);
        pending = new Map();
        set({ starting: false, current: { run_id: r.run_id, ids, key: runKey(input) }, tails: Object.fromEntries(ids.map((id) => [id, emptyTail])) });
        for (const id of ids) void fetchRange(id, 1, TAIL_LINES);
      } catch (err) {
        set({ starting: false });
        throw err;
      }
    },

    logArrived(e) {
      if (!get().tails[e.id]) return;
      const p = pending.get(e.id);
      if (p) {
        p.lines.push(...e.lines);
        p.total = Math.max(p.total, e.total_lines);
        if (p.lines.length > TAIL_LINES * 2) p.lines.splice(0, p.lines.length - TAIL_LINES);
      } else {
        pending.set(e.id, { lines: [...e.lines], total: e.total_lines });
      }
      timer ??= setTimeout(flush, FLUSH_MS);
    },

    resync() {
      for (const [id, tail] of Object.entries(get().tails)) void fetchRange(id, Math.max(1, tail.total - TAIL_LINES + 1), tail.total + TAIL_LINES);
    },

    reset() {
      clearTimeout(timer);
      timer = undefined;
      pending = new Map();
      set({ draft: defaultDraft, current: null, tails: {}, starting: false });
    },
  };
});

export function useRun<T>(selector: (s: RunState) => T): T {
  return useStore(runStore, selector);
}

/** Cancel every running instance of the current run; resolves with the messages of those that failed (not of those that had already ended). */
export async function cancelCurrentRun(): Promise<string[]> {
  const current = runStore.getState().current;
  if (!current) return [];
  const { byId, cancel } = instancesStore.getState();
  const running = current.ids.filter((id) => byId[id]?.status === InstanceStatus.Running);
  const results = await Promise.allSettled(running.map((id) => cancel(id)));
  return results.flatMap((r) => (r.status === 'rejected' && !(r.reason instanceof ApiError && r.reason.status === 409) ? [errorMessage(r.reason)] : []));
}
