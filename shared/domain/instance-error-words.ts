import { fill, placeholders, said, type ServerWords, type WordKey } from './server-words';

/**
 * The errors the core records on an instance when a run ends (its `error` column), as English
 * templates. The core writes the English text (REST, the CLI and plug-ins read it); the console
 * reads the words back from that text (`instanceErrorWords`) and shows them in the reader's
 * language. An error made elsewhere (a host's own message, a connection failure) has no template
 * and is shown as it came.
 */
export const instanceErrorWordsEn = {
  exitCode: 'exit code {{code}}',
  killedBy: 'killed by SIG{{signal}}',
  cancelledBy: 'cancelled by {{user}}',
  cancelledByAUser: 'cancelled by a user',
  cancelledUnowned: 'cancelled by {{user}} while no executor owned the run',
  timedOut: 'timed out after {{seconds}}s',
  logLimit: 'log limit of {{bytes}} bytes reached (halt policy)',
  goneFromHost: 'the detached run is gone from the host and left no exit status',
  shutDownTied: 'Taskdeck shut down during this tied run; its remote process was ended with the connection',
  stoppedTied: 'Taskdeck stopped during this tied run; its remote process was ended with the connection, and its exit status is unknown',
  stoppedBeforeStart: 'Taskdeck stopped before the detached run had started on the host',
} as const;

export type InstanceErrorKey = WordKey<typeof instanceErrorWordsEn>;

/** The English error text of `key`, as the core stores it. */
export function instanceErrorText(key: InstanceErrorKey, params: Readonly<Record<string, string | number>> = {}): string {
  return said(instanceErrorWordsEn, key, params).text;
}

/** What each placeholder can hold: a host's message that merely starts like one of ours is never read as ours. */
const placeholderPattern: Readonly<Record<string, string>> = { code: '-?\\d+', seconds: '\\d+', bytes: '\\d+', signal: '[A-Z0-9]+', user: '[^\\s;]+' };

/** Each template as a whole-text pattern whose groups capture what was filled in; the longest fixed text first ("cancelled by a user" before "cancelled by {{user}}"). */
const patterns = Object.entries(instanceErrorWordsEn)
  .map(([key, template]) => {
    const names = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
    const parts = template.split(/\{\{\s*\w+\s*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const source = parts.map((part, i) => (i === 0 ? part : `(${placeholderPattern[names[i - 1]!] ?? '.+?'})${part}`)).join('');
    return { key, names, fixed: parts.join('').length, re: new RegExp(`^${source}$`) };
  })
  .sort((a, b) => b.fixed - a.fixed);

/** The words of an error the core recorded from a template, or null (an error with no template: shown as it is). */
export function instanceErrorWords(error: string): ServerWords | null {
  for (const p of patterns) {
    const m = p.re.exec(error);
    if (!m) continue;
    const params = Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!]));
    // Only a reading that gives back the same text: never words that would say something else.
    if (fill(instanceErrorWordsEn[p.key as InstanceErrorKey], params) === error) return { key: p.key, params };
  }
  return null;
}

/** For tests: every template's placeholders. */
export const instanceErrorPlaceholders = (key: InstanceErrorKey): string[] => placeholders(instanceErrorWordsEn[key]);
