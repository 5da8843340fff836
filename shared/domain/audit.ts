import { z } from 'zod';
import { AuditCategory, AuditCategoryList } from './audit-categories';
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
  target_name: z.string().nullable().describe("the target's name: as the entry recorded it, else as it is now; null when neither is known"),
  category: AuditCategory,
  sentence: z.string().describe('the entry in words: "dora approved request #12 (fix-balances), node 1"'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().trim().max(64).optional(),
  target_type: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  category: AuditCategoryList.optional().describe('comma-separated categories to show (changes, runs, scheduler, approvals, security, sign_ins, system, other); all when absent'),
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO time' }).optional().describe('entries at or after this time'),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO time' }).optional().describe('entries before this time'),
  q: z.string().trim().min(1, 'give at least one character to look for').max(200, 'at most 200 characters').optional()
    .describe("text in the actor, action, target or details, or in the target's name as it is now (case-insensitive)"),
  before_id: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The CSV export's filters: the list's, without paging (the whole matching log, newest first). */
export const AuditExportQuery = AuditQuery.omit({ before_id: true, limit: true });

/** What verify found wrong; null when the chain holds. */
export const AuditProblem = z.enum([
  /** An entry's keyed hash (HMAC) or its link to the previous entry does not hold: edited, inserted or removed. */
  'rewritten',
  /** The database has fewer entries than the anchor outside it vouches for. */
  'tail_cut',
  /** The database has no entries, the anchor says it had some. */
  'emptied',
  /** The anchor file is gone. */
  'anchor_missing',
  /** The anchor file's own HMAC does not hold (forged, damaged, or the secret key changed). */
  'anchor_forged',
  /** The entry at the anchor's length is not the one the anchor names. */
  'anchor_mismatch',
]);
export type AuditProblem = z.infer<typeof AuditProblem>;

export const AuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  first_broken_id: z.number().int().nullable(),
  problem: AuditProblem.nullable(),
  /** How many entries the anchor vouches for (a lower bound: the database may be a few ahead after a crash). */
  anchored: z.number().int().nullable(),
  /** The latest entry at which the console re-anchored the chain after its anchor was lost or forged; older entries cannot be proven complete. */
  reanchored_id: z.number().int().nullable(),
  /** What was found, in words a user can act on. */
  message: z.string(),
});
export type AuditVerify = z.infer<typeof AuditVerify>;
