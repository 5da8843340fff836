import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { UserPrefs, UserPrefsPatch } from '../../shared/domain/user-prefs';
import { api } from '../api/client';
import { currentLanguage, switchLanguage } from '../i18n/i18n';
import { keepLanguage, type Language } from '../i18n/language';
import { resolveZone, type TimeStyle } from '../lib/time-format';

export interface PrefsState {
  readonly language: Language;
  /** "local", "UTC" or an IANA zone, as chosen. */
  readonly timeZone: string;
  readonly hour12: boolean;
  /** Before sign-in: the language kept on this machine. */
  setLocalLanguage(language: Language): void;
  /** After sign-in: adopt the user's saved preferences; a user who never chose a language keeps the one on screen. */
  load(): Promise<void>;
  /** Change and save the signed-in user's preferences; the screen follows at once. */
  save(patch: UserPrefsPatch): Promise<void>;
  /** Signed out: back to this machine's language and the default zone and clock. */
  reset(): void;
}

const defaults = { timeZone: 'local', hour12: false } as const;

export const prefsStore = createStore<PrefsState>()((set, get) => {
  // Chinese loads on first use: switch once it is there, unless the store has moved on meanwhile.
  const show = (language: Language): void => {
    if (language === currentLanguage()) return;
    switchLanguage(language, () => get().language === language).catch((err: unknown) => console.error('the language did not load', err));
  };
  const adopt = (p: UserPrefs): void => {
    const language = p.language ?? get().language;
    keepLanguage(language);
    set({ language, timeZone: p.time_zone, hour12: p.hour12 });
    show(language);
  };
  return {
    language: currentLanguage(),
    ...defaults,
    setLocalLanguage(language) {
      keepLanguage(language);
      set({ language });
      show(language);
    },
    async load() {
      const p = await api.call('users.prefs');
      // The first sign-in after choosing a language on the first-run or sign-in form remembers it for the user.
      adopt(p.language ? p : await api.call('users.set-prefs', { language: get().language }));
    },
    async save(patch) {
      const before = get();
      set({ ...(patch.language ? { language: patch.language } : {}), ...(patch.time_zone ? { timeZone: patch.time_zone } : {}), ...(patch.hour12 !== undefined ? { hour12: patch.hour12 } : {}) });
      if (patch.language) show(patch.language);
      try {
        adopt(await api.call('users.set-prefs', patch));
      } catch (err) {
        set({ language: before.language, timeZone: before.timeZone, hour12: before.hour12 });
        show(before.language);
        throw err;
      }
    },
    reset() {
      set({ ...defaults });
    },
  };
});

export function usePrefs<T>(selector: (s: PrefsState) => T): T {
  return useStore(prefsStore, selector);
}

/** How times are shown right now, for `formatDateTime` and friends. */
export function timeStyleOf(s: Pick<PrefsState, 'language' | 'timeZone' | 'hour12'>): TimeStyle {
  return { timeZone: resolveZone(s.timeZone), hour12: s.hour12, language: s.language };
}
