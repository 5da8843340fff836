import { z } from 'zod';
import { Id } from './common';

/** A time-limited permission to run on one host, from an approved apply_permission request. */
export const Grant = z.object({
  id: z.number().int(),
  user_name: z.string(),
  host_id: z.number().int(),
  host_name: z.string().nullable().describe('null when the host was deleted'),
  request_id: z.number().int().nullable().describe('the approved application it came from; null when an admin granted it directly'),
  granted_by: z.string().nullable().describe('the admin who granted it directly (a plug-in\'s hosts); null when an approved application did'),
  granted_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable().describe('when it expired or was revoked; null while it lasts'),
  revoked_by: z.string().nullable().describe('who revoked it early; null when it expired or lasts'),
  active: z.boolean(),
});
export type Grant = z.infer<typeof Grant>;

export const GrantQuery = z.object({ user_name: z.string().max(64).optional() });
export const GrantRevoke = z.object({ id: Id });

/** An admin grants a plug-in user its hosts directly: a plug-in cannot apply (it writes no tasks). */
export const GrantCreate = z.object({
  user_name: z.string().trim().min(1, 'user_name must not be empty').max(64, 'user_name must be at most 64 characters'),
  host_ids: z.array(Id).min(1, 'host_ids: name at least one host').max(500, 'host_ids: at most 500 hosts at once'),
  hours: z.number().int().min(1, 'hours must be at least 1').max(720, 'hours must be at most 720 (30 days)').describe('how long the permission lasts'),
});
export type GrantCreate = z.infer<typeof GrantCreate>;
