import { useMemo, useSyncExternalStore } from 'react';

/** A parsed `#/a/b?x=1` location. */
export interface HashRoute {
  readonly segments: readonly string[];
  readonly query: Readonly<Record<string, string>>;
}

export const DEFAULT_ROUTE = '/dashboard';

export function parseHash(hash: string): HashRoute {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { segments, query: Object.fromEntries(new URLSearchParams(search)) };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = (): string => window.location.hash;

/** The current hash route; re-renders on `hashchange`. */
export function useHashRoute(): HashRoute {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => parseHash(hash), [hash]);
}

/** `to` is a path such as `/hosts/3`; the result is an href for a link. */
export function href(to: string): string {
  return `#${to}`;
}

export function navigate(to: string): void {
  window.location.hash = to;
}

/** Send an empty location to the default page without adding a history entry. */
export function ensureDefaultRoute(): void {
  if (parseHash(window.location.hash).segments.length === 0) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#${DEFAULT_ROUTE}`);
  }
}
