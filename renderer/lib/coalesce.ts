import { errorMessage } from './errors';

/**
 * Wrap a loader so overlapping requests collapse: while one load runs, any number of further
 * requests cause exactly one more load after it (so the last answer is never older than the last ask).
 */
export function coalesce(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return run;
}

/** The load status every list store keeps. */
export interface LoadStatus {
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly error: string | null;
}

/**
 * Whether a list was asked for (loaded, loading, or failed): it is on screen or was, so a live change
 * or the link coming back reloads it. A failed first load counts, or a page would keep saying "could
 * not load" after the service is back.
 */
export function wasAsked(s: LoadStatus): boolean {
  return s.loaded || s.loading || s.error !== null;
}

/**
 * A coalesced load that records its status in a store: `fetch` returns the state to set on
 * success; a failure keeps what was loaded and records the message.
 */
export function statusLoader<S extends LoadStatus>(set: (partial: Partial<S>) => void, fetch: () => Promise<Partial<S>>): () => Promise<void> {
  return coalesce(async () => {
    set({ loading: true } as Partial<S>);
    try {
      set({ ...(await fetch()), loaded: true, loading: false, error: null } as Partial<S>);
    } catch (err) {
      set({ loading: false, error: errorMessage(err) } as Partial<S>);
    }
  });
}
