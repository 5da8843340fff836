import { AppError } from '../../../shared/api/errors';
import { PASSWORD_MIN_LENGTH, type PasswordRule } from '../../../shared/domain/users';
import { COMMON_PASSWORDS_TEXT } from './common-passwords';

const COMMON: ReadonlySet<string> = new Set(COMMON_PASSWORDS_TEXT.split(/\s+/).filter(Boolean));

/**
 * The cores a guesser tries first: the password lower-cased, and without the digits and symbols people add at either
 * end to pass a length rule ("Dragon2024!" is "dragon").
 */
function cores(password: string): string[] {
  const lower = password.toLowerCase();
  const trimmed = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return trimmed && trimmed !== lower ? [lower, trimmed] : [lower];
}

const messages: Readonly<Record<PasswordRule, string>> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  one_character: 'must not be one character repeated',
  user_name: 'must not be the user name',
  common: 'is one of the most common passwords; choose one that is not easy to guess',
  same_as_current: 'must differ from the current password',
  wrong_current: 'is not your current password',
};

/** The rule a new password breaks; null when it is acceptable. */
export function passwordProblem(password: string, userName: string): PasswordRule | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (new Set(password).size === 1) return 'one_character';
  const name = userName.trim().toLowerCase();
  const candidates = cores(password);
  if (name && candidates.includes(name)) return 'user_name';
  if (candidates.some((c) => COMMON.has(c))) return 'common';
  return null;
}

/** A refused password as a validation error on `field`, its rule in the details for a console to translate. */
export function passwordRefused(field: string, rule: PasswordRule): AppError {
  return new AppError('validation', `${field}: ${messages[rule]}`, { fields: [{ field, message: messages[rule], rule }] });
}

/** Refuse an unacceptable password as a validation error on `field`. */
export function requireAcceptablePassword(field: string, password: string, userName: string): void {
  const rule = passwordProblem(password, userName);
  if (rule) throw passwordRefused(field, rule);
}
