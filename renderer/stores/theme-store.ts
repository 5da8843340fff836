import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export type ThemeMode = 'light' | 'dark' | 'system';

export interface ThemeState {
  readonly mode: ThemeMode;
  readonly systemDark: boolean;
  /** The OS asks for less motion: antd's enter/leave animations are turned off. */
  readonly reducedMotion: boolean;
  setMode(mode: ThemeMode): void;
  setSystemDark(dark: boolean): void;
  setReducedMotion(reduced: boolean): void;
}

const MODE_KEY = 'taskdeck.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const MOTION_QUERY = '(prefers-reduced-motion: reduce)';

function matches(query: string): boolean {
  return typeof matchMedia === 'function' && matchMedia(query).matches;
}

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
  systemDark: matches(DARK_QUERY),
  reducedMotion: matches(MOTION_QUERY),
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
  setReducedMotion(reducedMotion) {
    set({ reducedMotion });
  },
}));

export function isDark(s: Pick<ThemeState, 'mode' | 'systemDark'>): boolean {
  return s.mode === 'system' ? s.systemDark : s.mode === 'dark';
}

function watchQuery(query: string, apply: (on: boolean) => void): () => void {
  const mq = matchMedia(query);
  const onChange = (e: MediaQueryListEvent): void => apply(e.matches);
  apply(mq.matches);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** Follow the OS colour scheme and its reduced-motion wish; returns a disposer. */
export function watchSystemTheme(): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const s = themeStore.getState();
  const stops = [watchQuery(DARK_QUERY, (on) => s.setSystemDark(on)), watchQuery(MOTION_QUERY, (on) => s.setReducedMotion(on))];
  return () => stops.forEach((stop) => stop());
}

export function useTheme<T>(selector: (s: ThemeState) => T): T {
  return useStore(themeStore, selector);
}

export function useIsDark(): boolean {
  return useStore(themeStore, isDark);
}
