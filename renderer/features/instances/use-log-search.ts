import { useCallback, useRef, useState } from 'react';
import { call } from '../../api/session-call';
import { errorMessage } from '../../lib/errors';

/** The core returns at most this many matches per ask. */
const MATCH_PAGE = 1000;

export interface LogSearchState {
  readonly query: string;
  readonly matches: readonly number[];
  /** Index of the current match in `matches`, -1 when none. */
  readonly index: number;
  /** More matches may follow the last one held. */
  readonly more: boolean;
  readonly loading: boolean;
  readonly error: string | null;
}

const idle: LogSearchState = { query: '', matches: [], index: -1, more: false, loading: false, error: null };

export interface LogSearch {
  readonly state: LogSearchState;
  /** Find `q` (case-insensitive) in the log; resolves with the first matching line, or null. */
  search(q: string): Promise<number | null>;
  /** Move to the next (1) or previous (-1) match, wrapping; resolves with its line. */
  step(dir: 1 | -1): Promise<number | null>;
  clear(): void;
}

/** Search a log on the server (`instances.log` with `q`); matches are line numbers, fetched a thousand at a time. */
export function useLogSearch(id: string): LogSearch {
  const [state, setState] = useState<LogSearchState>(idle);
  const ref = useRef(state);
  const seq = useRef(0);
  const put = (s: LogSearchState): void => {
    ref.current = s;
    setState(s);
  };

  const find = useCallback(async (q: string, from: number): Promise<number[]> => (await call('instances.log', { id, from_line: from, limit: 1, q })).matches ?? [], [id]);

  const search = useCallback(
    async (q: string): Promise<number | null> => {
      const mine = ++seq.current;
      const query = q.trim();
      if (!query) {
        put(idle);
        return null;
      }
      put({ ...idle, query, loading: true });
      try {
        const matches = await find(query, 1);
        if (mine !== seq.current) return null;
        put({ query, matches, index: matches.length ? 0 : -1, more: matches.length >= MATCH_PAGE, loading: false, error: null });
        return matches[0] ?? null;
      } catch (err) {
        if (mine === seq.current) put({ ...idle, query, error: errorMessage(err) });
        return null;
      }
    },
    [find],
  );

  const step = useCallback(
    async (dir: 1 | -1): Promise<number | null> => {
      const s = ref.current;
      if (!s.matches.length || s.loading) return null;
      let { matches, more } = s;
      let index = s.index + dir;
      if (index >= matches.length && more) {
        const mine = seq.current;
        put({ ...s, loading: true });
        try {
          const next = await find(s.query, matches[matches.length - 1]! + 1);
          if (mine !== seq.current) return null;
          matches = [...matches, ...next];
          more = next.length >= MATCH_PAGE;
        } catch (err) {
          put({ ...s, loading: false, error: errorMessage(err) });
          return null;
        }
      }
      index = (index + matches.length) % matches.length;
      put({ ...s, matches, more, index, loading: false, error: null });
      return matches[index] ?? null;
    },
    [find],
  );

  const clear = useCallback(() => {
    seq.current++;
    put(idle);
  }, []);

  return { state, search, step, clear };
}
