import { instanceErrorWords } from '../../shared/domain/instance-error-words';
import type { ServerWords } from '../../shared/domain/server-words';
import { t } from '../i18n/i18n';

/** The namespaces of words the core composes: job and step descriptions, notification titles and bodies. */
export type WordsNamespace = 'jobWords' | 'noticeWords' | 'instanceErrors';

/**
 * What the core said, in the reader's language: its words through `namespace`, or the English text it
 * stored beside them when there are none (a plug-in's job, a notification from before words) or the key
 * is unknown to this console (a newer core).
 */
export function serverText(namespace: WordsNamespace, words: ServerWords | null | undefined, english: string): string {
  if (!words) return english;
  return t(`${namespace}.${words.key}`, { ...words.params, defaultValue: english });
}

/** A job's or step's description in the reader's language. */
export function jobDescription(node: { readonly description: string; readonly words?: ServerWords | null | undefined }): string {
  return serverText('jobWords', node.words, node.description);
}

/** A notification's title and body in the reader's language. */
export function noticeTexts(n: { readonly title: string; readonly body: string; readonly words?: { readonly title: ServerWords; readonly body: ServerWords | null } | null | undefined }): { title: string; body: string } {
  return { title: serverText('noticeWords', n.words?.title, n.title), body: serverText('noticeWords', n.words?.body, n.body) };
}

/** An instance's (or a run's) error in the reader's language: the core's own errors are read back into words; a host's message stays as it came. */
export function instanceError(error: string): string {
  return serverText('instanceErrors', instanceErrorWords(error), error);
}
