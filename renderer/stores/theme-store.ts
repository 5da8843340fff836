import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type ThemeMode = 'light' | 'dark' | 'system';

export interface ThemeState {
  readonly mode: ThemeMode;
  readonly systemDark: boolean;
  setMode(mode: ThemeMode): void;
  setSystemDark(dark: boolean): void;
}

const MODE_KEY = 'taskdeck.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function savedMode(): ThemeMode {
  try {
    const v = localStorage.getItem(MODE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export const themeStore = createStore<ThemeState>()((set) => ({
  mode: savedMode(),
  systemDark: typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches,
  setMode(mode) {
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      // not persisted; still applied
    }
    set({ mode });
  },
  setSystemDark(systemDark) {
    set({ systemDark });
  },
}));

export function isDark(s: Pick<ThemeState, 'mode' | 'systemDark'>): boolean {
  return s.mode === 'system' ? s.systemDark : s.mode === 'dark';
}

/** Follow the OS colour scheme; returns a disposer. */
export function watchSystemTheme(): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const mq = matchMedia(DARK_QUERY);
  const onChange = (e: MediaQueryListEvent): void => themeStore.getState().setSystemDark(e.matches);
  themeStore.getState().setSystemDark(mq.matches);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function useTheme<T>(selector: (s: ThemeState) => T): T {
  return useStore(themeStore, selector);
}

export function useIsDark(): boolean {
  return useStore(themeStore, isDark);
}
