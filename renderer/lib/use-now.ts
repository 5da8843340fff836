import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { isStale, liveStore } from '../stores/live-store';

/**
 * The current time, ticking every `ms` while `active` (e.g. a running instance's elapsed time).
 * While the link to the core is down it stops: whether a run still runs is unknown, so its
 * duration must not keep counting as if it were.
 */
export function useNow(active: boolean, ms = 1000): number {
  const stale = useStore(liveStore, (s) => isStale(s.state));
  const ticking = active && !stale;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ticking, ms]);
  return now;
}
