import { z } from 'zod';
import { Id } from './common';

/** A time-limited permission to run on one host, from an approved apply_permission request. */
export const Grant = z.object({
  id: z.number().int(),
  user_name: z.string(),
  host_id: z.number().int(),
  host_name: z.string().nullable().describe('null when the host was deleted'),
  request_id: z.number().int().nullable(),
  granted_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable().describe('when it expired or was revoked; null while it lasts'),
  revoked_by: z.string().nullable().describe('who revoked it early; null when it expired or lasts'),
  active: z.boolean(),
});
export type Grant = z.infer<typeof Grant>;

export const GrantQuery = z.object({ user_name: z.string().max(64).optional() });
export const GrantRevoke = z.object({ id: Id });
