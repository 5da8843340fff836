import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogLine } from '../../../shared/domain/instances';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';
import { logFeed } from '../../stores/log-feed';
import { LogWindowCache, WINDOW_LINES, windowStart } from './log-window-cache';

/** Fetches in flight at once; the view asks again for what it still lacks when one ends. */
const MAX_IN_FLIGHT = 3;
/** Least time between two requests while the view moves (dragging the scrollbar through a million lines). */
const REQUEST_EVERY_MS = 80;

export interface LogWindows {
  /** Lines the log has; grows with live lines. */
  readonly total: number;
  /** Changes whenever lines arrive: a render key. */
  readonly version: number;
  line(n: number): LogLine | undefined;
  error(n: number): string | null;
  /** The view shows lines [from, to]: fetch the windows of them not held. */
  request(from: number, to: number): void;
  retry(): void;
}

/**
 * One instance's log as windows of 1000 lines fetched on demand (never the whole log), kept up to date
 * by the live `instance.log` events. `knownTotal` is the instance's `log_lines` as last heard.
 */
export function useLogWindows(id: string, knownTotal: number): LogWindows {
  const cache = useMemo(() => new LogWindowCache(), []);
  const [view, setView] = useState({ total: knownTotal, version: 0 });
  const total = useRef(knownTotal);
  const inFlight = useRef(0);
  const range = useRef<[number, number] | null>(null);
  const lastRequest = useRef(0);
  const trailing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const renderTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const render = useCallback((soon: boolean) => {
    if (!alive.current) return;
    const flush = (): void => {
      renderTimer.current = undefined;
      if (alive.current) setView((v) => ({ total: total.current, version: v.version + 1 }));
    };
    if (!soon) {
      clearTimeout(renderTimer.current);
      return flush();
    }
    // Live lines: at most a few renders a second, fewer for huge logs (the virtualiser's cost grows with the count).
    renderTimer.current ??= setTimeout(flush, total.current > 200_000 ? 400 : 100);
  }, []);

  const grow = (t: number): void => {
    total.current = Math.max(total.current, t);
  };

  const fetchWindow = useCallback(
    (k: number, then: () => void): void => {
      inFlight.current++;
      cache.begin(k);
      call('instances.log', { id, from_line: windowStart(k), limit: WINDOW_LINES })
        .then((w) => {
          cache.fill(k, w.lines, w.total_lines);
          grow(w.total_lines);
        })
        .catch((err: unknown) => cache.fail(k, errorMessage(err)))
        .finally(() => {
          inFlight.current--;
          render(false);
          then();
        });
    },
    [cache, id, render],
  );

  const requestNow = useCallback((): void => {
    const r = range.current;
    if (!r || !alive.current) return;
    lastRequest.current = performance.now();
    for (const k of cache.wanted(r[0], r[1], total.current)) {
      if (inFlight.current >= MAX_IN_FLIGHT) return;
      fetchWindow(k, requestNow);
    }
  }, [cache, fetchWindow]);

  const request = useCallback(
    (from: number, to: number): void => {
      range.current = [from, to];
      const wait = REQUEST_EVERY_MS - (performance.now() - lastRequest.current);
      clearTimeout(trailing.current);
      if (wait <= 0) requestNow();
      else trailing.current = setTimeout(requestNow, wait);
    },
    [requestNow],
  );

  useEffect(() => {
    alive.current = true;
    // The count we were given may be behind (a run that just started): the first window tells the truth.
    if (total.current === 0 && cache.size === 0) fetchWindow(0, requestNow);
    const off = logFeed.onDidAppend(id, (e) => {
      const holes = cache.append(e.lines);
      grow(e.total_lines);
      if (holes.length) requestNow();
      render(true);
    });
    return () => {
      alive.current = false;
      off();
      clearTimeout(trailing.current);
      clearTimeout(renderTimer.current);
    };
  }, [cache, fetchWindow, id, render, requestNow]);

  useEffect(() => {
    if (knownTotal <= total.current) return;
    grow(knownTotal);
    render(false);
  }, [knownTotal, render]);

  const retry = useCallback(() => {
    cache.retry();
    requestNow();
  }, [cache, requestNow]);

  return useMemo(
    () => ({ total: view.total, version: view.version, line: (n: number) => cache.line(n), error: (n: number) => cache.error(n), request, retry }),
    [cache, request, retry, view],
  );
}
