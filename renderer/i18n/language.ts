import { Language, languages } from '../../shared/domain/user-prefs';

export { languages, type Language };

const LANGUAGE_KEY = 'taskdeck.language';

/** The language kept on this machine (before sign-in), else the browser's, else English. */
export function savedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    if (v && (languages as readonly string[]).includes(v)) return v as Language;
  } catch {
    // storage unavailable: fall through to the browser's language
  }
  return typeof navigator !== 'undefined' && /^zh\b/i.test(navigator.language) ? 'zh-CN' : 'en';
}

export function keepLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not kept on this machine; still applied, and kept per user once signed in
  }
}

/** Each language named in itself, for pickers. */
export const languageNames: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };
