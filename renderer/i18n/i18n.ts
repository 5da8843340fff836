import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { savedLanguage, type Language } from './language';
import { en } from './resources-en';

/**
 * The console's one i18next instance. English is bundled and ready before the first render; Chinese
 * is a chunk of its own, added by `loadLanguage` (main.tsx waits for it when it is the saved language).
 */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  interpolation: { escapeValue: false },
  initAsync: false,
  // No promotional line in the console of an ops tool.
  showSupportNotice: false,
});

const dayjsLocales: Readonly<Record<Language, string>> = { en: 'en', 'zh-CN': 'zh-cn' };

/** Fetch a language's messages once, before switching to it (English is always there). */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'translation')) return;
  const { zhCN } = await import('./resources-zh-cn');
  i18n.addResourceBundle(language, 'translation', zhCN, true, true);
}

/** Switch every text source at once: i18next, dayjs (date pickers) and the document's lang (fonts, screen readers). The language must be loaded. */
export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  dayjs.locale(dayjsLocales[language]);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Load, then switch, unless another language was chosen meanwhile (`stillWanted`): a quick
 * Chinese-then-English click must not end in Chinese when the chunk arrives last.
 */
export async function switchLanguage(language: Language, stillWanted: () => boolean): Promise<void> {
  await loadLanguage(language);
  if (stillWanted()) applyLanguage(language);
}

/** The current language, as the console names it. */
export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** `t` outside React (stores, models); components use `useTranslation()` so they re-render on a switch. */
export function t(key: string, options?: Record<string, unknown>): string {
  return i18n.t(key, options);
}

/** Before the first paint: the saved language's messages, so a Chinese console never flashes English. */
export async function startLanguage(): Promise<void> {
  const language = currentLanguage();
  try {
    await loadLanguage(language);
  } catch (err) {
    // The chunk did not load (a broken install): the console opens in English rather than not at all.
    console.error('Chinese messages did not load', err);
  }
  applyLanguage(i18n.hasResourceBundle(language, 'translation') ? language : 'en');
}
