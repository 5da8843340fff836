import { fill, templateOf, type ServerWords } from '../../shared/domain/server-words';
import type { Language } from '../../shared/domain/user-prefs';
// The Chinese templates are the console's own (one table for the page and the shell); data only, no i18next here.
import { noticeWords as zhNoticeWords } from '../../renderer/i18n/locales/zh-CN/notice-words';

interface Posted {
  readonly title: string;
  readonly body: string;
  readonly words?: { readonly title: ServerWords; readonly body: ServerWords | null } | null;
}

/** One of the core's texts in `language`: its words through the language's templates, or the English it stored. */
function said(language: Language, words: ServerWords | null | undefined, english: string): string {
  if (language === 'en' || !words) return english;
  const template = templateOf(zhNoticeWords, words.key, words.params);
  return template === undefined ? english : fill(template, words.params);
}

/** A notification's title and body as the shell pops it up, in the language its reader chose for the console. */
export function noticeIn(language: Language, n: Posted): { title: string; body: string } {
  return { title: said(language, n.words?.title, n.title), body: said(language, n.words?.body, n.body) };
}
