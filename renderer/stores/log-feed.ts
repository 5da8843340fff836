import type { EventMap } from '../../shared/api/events';

export type LogEvent = EventMap['instance.log'];

/** Live log lines from the core, handed to whoever shows that instance's log right now. */
export interface LogFeed {
  emit(e: LogEvent): void;
  /** Listen to one instance's new lines; returns a disposer. */
  onDidAppend(id: string, listener: (e: LogEvent) => void): () => void;
}

export function createLogFeed(): LogFeed {
  const listeners = new Map<string, Set<(e: LogEvent) => void>>();
  return {
    emit(e) {
      const set = listeners.get(e.id);
      if (set) for (const l of [...set]) l(e);
    },
    onDidAppend(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
      };
    },
  };
}

/** The session's one feed: live-sync emits into it, log viewers listen. */
export const logFeed = createLogFeed();
