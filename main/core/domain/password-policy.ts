import { AppError } from '../../../shared/api/errors';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/users';
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

/** Why a new password is refused, as a sentence to show next to the field; null when it is acceptable. */
export function passwordProblem(password: string, userName: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (new Set(password).size === 1) return 'must not be one character repeated';
  const name = userName.trim().toLowerCase();
  const candidates = cores(password);
  if (name && candidates.includes(name)) return 'must not be the user name';
  if (candidates.some((c) => COMMON.has(c))) return 'is one of the most common passwords; choose one that is not easy to guess';
  return null;
}

/** Refuse an unacceptable password as a validation error on `field`. */
export function requireAcceptablePassword(field: string, password: string, userName: string): void {
  const problem = passwordProblem(password, userName);
  if (problem) throw new AppError('validation', `${field}: ${problem}`, { fields: [{ field, message: problem }] });
}
