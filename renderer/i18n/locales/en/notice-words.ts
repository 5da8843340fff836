/** Titles and bodies of reminders and alerts (`noticeWords.failure`): the core's English templates, one source for both. */
export { noticeWordsEn as noticeWords } from '../../../../shared/domain/notice-words';
