import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { savedLanguage, type Language } from './language';
import { resources } from './resources';

/** The console's one i18next instance, ready before the first render (resources are bundled, not fetched). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(resources).map(([lng, tree]) => [lng, { translation: tree }])),
  lng: savedLanguage(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  interpolation: { escapeValue: false },
  initAsync: false,
  // No promotional line in the console of an ops tool.
  showSupportNotice: false,
});

const dayjsLocales: Readonly<Record<Language, string>> = { en: 'en', 'zh-CN': 'zh-cn' };

/** Switch every text source at once: i18next, dayjs (date pickers) and the document's lang (fonts, screen readers). */
export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  dayjs.locale(dayjsLocales[language]);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** The current language, as the console names it. */
export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** `t` outside React (stores, models); components use `useTranslation()` so they re-render on a switch. */
export function t(key: string, options?: Record<string, unknown>): string {
  return i18n.t(key, options);
}

applyLanguage(currentLanguage());
