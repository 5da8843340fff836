import cronstrue from 'cronstrue';
import 'cronstrue/locales/zh_CN';
import type { Language } from '../../shared/domain/user-prefs';

const cronLocales: Readonly<Record<Language, string>> = { en: 'en', 'zh-CN': 'zh_CN' };

/** A cron expression in words, in the user's language, 24-hour ("At 02:30, Monday through Friday", "在02:30, 星期一至星期五"); null when it cannot be read. */
export function describeCron(expression: string, language: Language): string | null {
  if (!expression.trim()) return null;
  try {
    return cronstrue.toString(expression, { locale: cronLocales[language], use24HourTimeFormat: true, throwExceptionOnParseError: true });
  } catch {
    return null;
  }
}
