import { z } from 'zod';
import { said, ServerWords, type WordKey, type WordParams } from './server-words';

/**
 * The titles and bodies of notifications the core posts (reminders, alerts), in English. These are
 * the renderer's `noticeWords` messages too (the Chinese file mirrors them). Webhook payloads carry
 * the English text only: a chat room has no reader's language.
 */
export const noticeWordsEn = {
  // Reminders before a change request's window lapses. {{left}} is "2 h 5 min" or "<1 min"; {{deadline}} a UTC time.
  lapsedApproval: 'Request #{{id}} ({{task}}): the approval window lapsed',
  lapsedWaiting: 'Request #{{id}} ({{task}}): the wait-for-execution window lapsed',
  lapsedExecution: 'Request #{{id}} ({{task}}): the execution window lapsed',
  lapsedBody: 'It lapsed at {{deadline}} while Taskdeck was not running; the request has expired.',
  approverTitle: 'Request #{{id}} ({{task}}) waits for your approval: {{left}} left',
  approverBody: 'Decide approval node {{node}} of {{nodes}} ({{role}}) by {{deadline}}; after that the request expires.',
  approverBodyNoNode: 'Decide its approval by {{deadline}}; after that the request expires.',
  requesterTitle: 'Your request #{{id}} ({{task}}) is not approved yet: {{left}} left',
  requesterBody: 'It waits at approval node {{node}} of {{nodes}} ({{role}}); it expires at {{deadline}} unless approved.',
  requesterBodyNoNode: 'It waits at its approval; it expires at {{deadline}} unless approved.',
  waitingTitle: 'Request #{{id}} ({{task}}) is approved: start it within {{left}}',
  waitingBody: 'It waits for you to execute it; the window closes at {{deadline}}.',
  runningTitle: 'Request #{{id}} ({{task}}) is still running: {{left}} left',
  runningBody: 'Its execution window closes at {{deadline}}; a run still going then is stopped.',
  notStartedTitle: 'Request #{{id}} ({{task}}) has not started yet: {{left}} left',
  notStartedBody: 'Its execution window closes at {{deadline}}; if it has not started by then it expires.',
  // Alerts. Grouped repeats: {{count}} occurrences since {{since}} (HH:mm UTC).
  test: 'Test message for channel {{channel}}',
  testText: 'sent by {{user}} from Taskdeck',
  failure: 'Task {{task}} failed',
  failureGrouped: 'Task {{task}} failed {{count}} times since {{since}} UTC',
  timeout: 'Task {{task}} timed out',
  timeoutGrouped: 'Task {{task}} timed out {{count}} times since {{since}} UTC',
  retries_exhausted: 'Task {{task}} failed after its last retry',
  retries_exhaustedGrouped: 'Task {{task}} failed after its last retry {{count}} times since {{since}} UTC',
  success: 'Task {{task}} succeeded',
  successGrouped: 'Task {{task}} succeeded {{count}} times since {{since}} UTC',
  approval_waiting: 'Request #{{id}} (task {{task}}) waits for approval',
  approval_waitingGrouped: 'Request #{{id}} (task {{task}}) waits for approval {{count}} times since {{since}} UTC',
  onHost: 'on {{host}}',
  onHostLatest: 'latest on {{host}}',
  onHostFailed: 'on {{host}} (attempt {{attempt}}): {{why}}',
  onHostFailedLatest: 'latest on {{host}} (attempt {{attempt}}): {{why}}',
  approvalNode: 'node {{node}} of {{nodes}} needs the role {{role}}; requested by {{requester}}',
  approvalNodeLatest: 'latest node {{node}} of {{nodes}} needs the role {{role}}; requested by {{requester}}',
} as const;

export type NoticeWordKey = WordKey<typeof noticeWordsEn>;

/** The words of a notification's title and body, stored beside their English text. */
export const NoticeWords = z.object({ title: ServerWords, body: ServerWords.nullable() });
export type NoticeWords = z.infer<typeof NoticeWords>;

/** One line of a notification: its English text and its words. */
export function noticeText(key: NoticeWordKey, params: WordParams = {}): { text: string; words: ServerWords } {
  return said(noticeWordsEn, key, params);
}

/** `2 h 5 min`, `45 min`, `<1 min`: how long is left, in units both languages write alike. */
export function leftText(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '<1 min';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}
