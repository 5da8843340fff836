import { z } from 'zod';

/** Integer row id as it appears in paths and bodies. */
export const Id = z.coerce.number({ error: 'id must be a number' }).int('id must be an integer').positive('id must be positive');
export type Id = z.infer<typeof Id>;

export const IdParam = z.object({ id: Id });

export const Name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
export const Description = z.string().trim().max(1000, 'must be at most 1000 characters');
export const Tag = z.string().trim().max(64, 'must be at most 64 characters');

export const Timestamp = z.string().describe('ISO 8601 time');

export const Ok = z.object({ ok: z.literal(true) });

/** A boolean that may arrive as the query-string text `true` / `false` (z.coerce.boolean would read 'false' as true). */
export const QueryBool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
