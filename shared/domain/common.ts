import { z } from 'zod';

/**
 * Integer row id as it appears in paths and bodies: a JSON number, or decimal digits in a path or query. Only decimal
 * text is read (`0x10`, `1e3`, ` 7` are not ids), and only safe integers: past 2^53 a number is no longer the row asked for.
 */
export const Id = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,20}$/.test(v) ? Number(v) : v),
  z
    .number({ error: 'id must be a positive integer in decimal digits' })
    .int('id must be an integer')
    .positive('id must be positive')
    .max(Number.MAX_SAFE_INTEGER, `id must be at most ${Number.MAX_SAFE_INTEGER}`),
);
export type Id = z.infer<typeof Id>;

export const IdParam = z.object({ id: Id });

export const Name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
export const Description = z.string().trim().max(1000, 'must be at most 1000 characters');
export const Tag = z.string().trim().max(64, 'must be at most 64 characters');

export const Timestamp = z.string().describe('ISO 8601 time');

export const Ok = z.object({ ok: z.literal(true) });

/** A boolean that may arrive as the query-string text `true` / `false` (z.coerce.boolean would read 'false' as true). */
export const QueryBool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
