import { t } from '../i18n/i18n';

/** The kinds of status Taskdeck shows; each has words (`status.<kind>`) and meanings (`status.<kind>Meaning`) in every language. */
export type StatusKind = 'instance' | 'host' | 'hostKey' | 'stage' | 'request' | 'job' | 'step';

/** A status code in the words a DBA uses ("Abnormal", "异常结束"); an unknown code is shown as it is. */
export function statusWord(kind: StatusKind, code: string | number): string {
  return t(`status.${kind}.${code}`, { defaultValue: String(code) });
}

/** What the status means, for the tooltip; '' when there is nothing more to say. */
export function statusMeaning(kind: StatusKind, code: string | number): string {
  return t(`status.${kind}Meaning.${code}`, { defaultValue: '' });
}
