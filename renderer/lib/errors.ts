import { ApiError } from '../api/client';

/** A message a user can act on, from anything thrown by a call. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The field a 409 conflict names (`details.field`), if any. */
export function conflictField(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return undefined;
  const field = (err.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? field : undefined;
}
