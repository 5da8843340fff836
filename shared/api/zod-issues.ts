import type { z } from 'zod';

/** `field: message` for the first issues of a zod error, so the field is named; every input path reports the same way. */
export function describeZodError(err: z.ZodError): { message: string; fields: { field: string; message: string }[] } {
  const fields = err.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message }));
  return { message: fields.slice(0, 3).map((f) => `${f.field}: ${f.message}`).join('; '), fields };
}
