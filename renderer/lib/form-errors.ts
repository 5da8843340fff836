import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { conflictField, errorMessage } from './errors';

/**
 * The first message for each field. `ApiError.fieldErrors()` keeps the last one, but zod reports the
 * most basic problem first ("must not contain spaces" before "port must be between 1 and 65535").
 */
function firstIssuePerField(err: ApiError): [string, string][] {
  const fields = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!Array.isArray(fields)) return Object.entries(err.fieldErrors());
  const first = new Map<string, string>();
  for (const f of fields) if (!first.has(f.field)) first.set(f.field, f.message);
  return [...first];
}

/**
 * Put an API error on the form: validation issues and 409 conflicts that name a known field go on that
 * field; whatever is left comes back as a form-level message (null when every issue found its field).
 * `fields` are dotted paths as the server names them (`host`, `auth.password`); `aliases` maps other
 * server paths onto them (e.g. `auth` → `auth.private_key_path`).
 */
export function applyApiError(
  form: FormInstance,
  err: unknown,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | null {
  const known = new Set(fields);
  const placed: { name: string[]; errors: string[] }[] = [];
  const leftover: string[] = [];
  const place = (field: string, msg: string, prefix: boolean): void => {
    const target = aliases[field] ?? field;
    if (known.has(target)) placed.push({ name: target.split('.'), errors: [msg] });
    else leftover.push(prefix && field !== '(input)' ? `${field}: ${msg}` : msg);
  };

  if (err instanceof ApiError && err.code === 'validation') {
    const issues = firstIssuePerField(err);
    if (issues.length === 0) return err.message;
    for (const [field, msg] of issues) place(field, msg, true);
  } else {
    const field = conflictField(err);
    if (!field) return errorMessage(err);
    place(field, errorMessage(err), false);
  }
  if (placed.length) {
    form.setFields(placed);
    form.scrollToField(placed[0]!.name);
  }
  return leftover.length ? leftover.join('; ') : null;
}
