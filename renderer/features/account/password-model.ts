import { passwordRules, type PasswordRule } from '../../../shared/domain/users';
import { ApiError } from '../../api/client';

const known: ReadonlySet<string> = new Set(passwordRules);

/** The password rules a refusal names, by field (`details.fields[].rule`), for the form to say in the user's language. */
export function refusedPasswordRules(err: unknown): { field: string; rule: PasswordRule }[] {
  if (!(err instanceof ApiError) || err.code !== 'validation') return [];
  const fields = (err.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.flatMap((f: unknown) => {
    const { field, rule } = (f ?? {}) as { field?: unknown; rule?: unknown };
    return typeof field === 'string' && typeof rule === 'string' && known.has(rule) ? [{ field, rule: rule as PasswordRule }] : [];
  });
}

/** What the form checks before sending: the server checks the rest (common passwords, the user name, the current one). */
export function confirmMatches(next: string | undefined, again: string | undefined): boolean {
  return !again || next === again;
}
