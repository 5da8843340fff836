import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/users';
import { applyApiError } from '../../lib/form-errors';
import { refusedPasswordRules } from './password-model';

/** The form rule every password field uses: at least the policy's length, said in the user's language. */
export function passwordLengthRule(t: TFunction): { min: number; message: string } {
  return { min: PASSWORD_MIN_LENGTH, message: t('account.rules.tooShort', { min: PASSWORD_MIN_LENGTH }) };
}

/**
 * Put an API error on a form that sets a password: a refused password goes on its field in the user's language (the
 * core names the rule); anything else as `applyApiError` places it. Returns the form-level message, if any.
 */
export function applyPasswordError(form: FormInstance, err: unknown, t: TFunction, fields: readonly string[]): string | null {
  const rules = refusedPasswordRules(err).filter((r) => fields.includes(r.field));
  if (rules.length === 0) return applyApiError(form, err, fields);
  form.setFields(rules.map((r) => ({ name: r.field.split('.'), errors: [t(`account.rule.${r.rule}`, { min: PASSWORD_MIN_LENGTH })] })));
  return null;
}
