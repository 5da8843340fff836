import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { OpInput } from '../../shared/api/contract';
import type { Permission } from '../../shared/domain/roles';
import type { User } from '../../shared/domain/users';
import { api, ApiError } from '../api/client';
import { onSessionRejected } from '../api/session-call';
import { t } from '../i18n/i18n';
import { errorMessage } from '../lib/errors';

export type SessionPhase = 'starting' | 'unreachable' | 'setup' | 'signed-out' | 'signed-in';

export interface SessionState {
  readonly phase: SessionPhase;
  readonly user: User | null;
  readonly permissions: ReadonlySet<string>;
  readonly token: string | null;
  /** Shown on the sign-in page, e.g. "Your session expired". */
  readonly notice: string | null;
  readonly startError: string | null;
  readonly version: string | null;
  start(): Promise<void>;
  signIn(userName: string, password: string): Promise<void>;
  setUp(input: OpInput<'system.setup'>): Promise<void>;
  signOut(): Promise<void>;
  /** Reload the signed-in user and permissions (their roles may have changed). */
  refreshMe(): Promise<void>;
  /** The core rejected our token: forget it and ask to sign in again. */
  expire(): void;
}

const TOKEN_KEY = 'taskdeck.token';

// sessionStorage: a reload keeps the session, closing the tab forgets it.
const tokenStorage = {
  get(): string | null {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // storage unavailable: the session lasts as long as the page
    }
  },
};

const signedOut = { user: null, permissions: new Set<string>(), token: null } as const;

export const sessionStore = createStore<SessionState>()((set, get) => {
  const adopt = async (token: string): Promise<void> => {
    api.setToken(token);
    let me;
    try {
      me = await api.call('auth.me');
    } catch (err) {
      api.setToken(undefined);
      throw err;
    }
    tokenStorage.set(token);
    set({ phase: 'signed-in', token, user: me.user, permissions: new Set(me.permissions), notice: null });
  };
  const forget = (notice: string | null): void => {
    api.setToken(undefined);
    tokenStorage.set(null);
    set({ ...signedOut, phase: 'signed-out', notice });
  };

  return {
    phase: 'starting',
    ...signedOut,
    notice: null,
    startError: null,
    version: null,

    async start() {
      set({ phase: 'starting', startError: null });
      try {
        const setup = await api.call('system.setup-state');
        set({ version: setup.version });
        if (setup.needs_admin) return set({ phase: 'setup' });
      } catch (err) {
        return set({ phase: 'unreachable', startError: errorMessage(err) });
      }
      const saved = tokenStorage.get();
      if (!saved) return forget(null);
      try {
        await adopt(saved);
      } catch (err) {
        // A rejected token is forgotten; any other failure keeps it so "Try again" can resume the session.
        if (err instanceof ApiError && err.status === 401) forget(t('auth.signIn.expired'));
        else set({ phase: 'unreachable', startError: errorMessage(err) });
      }
    },

    async refreshMe() {
      if (get().phase !== 'signed-in') return;
      try {
        const me = await api.call('auth.me');
        set({ user: me.user, permissions: new Set(me.permissions) });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) get().expire();
      }
    },

    async signIn(userName, password) {
      const r = await api.call('auth.login', { user_name: userName, password });
      await adopt(r.token);
    },

    async setUp(input) {
      const r = await api.call('system.setup', input);
      await adopt(r.token);
    },

    async signOut() {
      try {
        await api.call('auth.logout');
      } catch {
        // the token is forgotten either way
      }
      forget(null);
    },

    expire() {
      if (get().phase === 'signed-in') forget(t('auth.signIn.expired'));
    },
  };
});

onSessionRejected(() => sessionStore.getState().expire());

/** Whether this tab holds a session from before (a reload): the console is likely to open, not the sign-in. */
export function hasSavedSession(): boolean {
  return tokenStorage.get() !== null;
}

export function useSession<T>(selector: (s: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

/** Whether the signed-in user holds a permission. */
export function useCan(permission: Permission): boolean {
  return useStore(sessionStore, (s) => s.permissions.has(permission));
}
