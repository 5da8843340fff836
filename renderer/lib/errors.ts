import { ApiError } from '../api/client';
import { currentLanguage, t } from '../i18n/i18n';

/** The server's message, headed in a language other than English by the translated title of its code ("冲突：…"). */
function withCodeTitle(code: string, message: string): string {
  if (currentLanguage() === 'en') return message;
  const title = t(`common.errorCode.${code}`, { defaultValue: '' });
  return title ? `${title}：${message}` : message;
}

/** A message a user can act on, from anything thrown by a call: known codes are translated, the server's words kept. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return withCodeTitle(err.code, err.message);
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The field a 409 conflict names (`details.field`), if any. */
export function conflictField(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return undefined;
  const field = (err.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? field : undefined;
}
