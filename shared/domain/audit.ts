import { z } from 'zod';
import { Timestamp } from './common';

export const AuditEntry = z.object({
  id: z.number().int(),
  ts: Timestamp,
  actor: z.string(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().trim().max(64).optional(),
  target_type: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  before_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  first_broken_id: z.number().int().nullable(),
});
