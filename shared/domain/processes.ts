import { z } from 'zod';
import { Id, Timestamp } from './common';
import { ApproverRole, RoleName } from './roles';

export const taskTypeNames = ['command', 'database_change', 'apply_permission'] as const;
export const TaskTypeName = z.enum(taskTypeNames, { error: 'task_type must be command, database_change or apply_permission' });
export type TaskTypeName = z.infer<typeof TaskTypeName>;

export const sqlSubtypes = ['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'CREATE', 'DROP', 'ALTER', 'OTHER'] as const;
export const SqlSubtype = z.enum(sqlSubtypes, { error: `sql_subtypes may hold ${sqlSubtypes.join(', ')}` });
export type SqlSubtype = z.infer<typeof SqlSubtype>;

export const ApprovalNode = z.object({ role: ApproverRole });
export type ApprovalNode = z.infer<typeof ApprovalNode>;

/** One risk level: which statements it covers, and who approves them, in order. */
export const RiskLevel = z.object({
  level: z.number({ error: 'level must be a number' }).int('level must be an integer').min(1, 'level must be between 1 and 10').max(10, 'level must be between 1 and 10'),
  sql_subtypes: z
    .array(SqlSubtype)
    .refine((s) => new Set(s).size === s.length, 'sql_subtypes must not list a subtype twice')
    .default([...sqlSubtypes])
    .describe('statement kinds this level covers; ignored by task types other than database_change'),
  max_statements: z
    .number({ error: 'max_statements must be a number or null' })
    .int('max_statements must be an integer')
    .min(1, 'max_statements must be at least 1')
    .nullable()
    .default(null)
    .describe('null: any number of statements'),
  approval_nodes: z
    .array(ApprovalNode)
    .min(1, 'approval_nodes needs at least one node')
    .max(10, 'approval_nodes may hold at most 10 nodes'),
});
export type RiskLevel = z.infer<typeof RiskLevel>;

const Hours = (field: string) =>
  z.number({ error: `${field} must be a number` }).int(`${field} must be a whole number of hours`).min(1, `${field} must be between 1 and 240`).max(240, `${field} must be between 1 and 240`).default(24);

export const Validity = z.object({
  approval_hours: Hours('approval_hours').describe('approval must finish within this'),
  wait_hours: Hours('wait_hours').describe('an approved request must start within this'),
  execution_hours: Hours('execution_hours').describe('a run, or a scheduled start after approval, must finish within this'),
});
export type Validity = z.infer<typeof Validity>;

export const Association = z.union(
  [
    z.object({ all: z.literal(true) }),
    z
      .object({ host_ids: z.array(Id).max(10_000).default([]), group_ids: z.array(Id).max(10_000).default([]) })
      .refine((a) => a.host_ids.length + a.group_ids.length > 0, 'association must name at least one host or group, or be {all: true}'),
  ],
  { error: 'association must be {all: true} or {host_ids, group_ids}' },
);
export type Association = z.infer<typeof Association>;

const ProcessFields = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(110, 'name must be at most 110 characters'),
  task_type: TaskTypeName,
  risk_levels: z
    .array(RiskLevel)
    .min(1, 'risk_levels needs at least one level')
    .max(10, 'risk_levels may hold at most 10 levels')
    .transform((levels) => [...levels].sort((a, b) => a.level - b.level)),
  validity: Validity.default({ approval_hours: 24, wait_hours: 24, execution_hours: 24 }),
  enabled: z.boolean().default(true),
  remarks: z.string().trim().max(200, 'remarks must be at most 200 characters').default(''),
  association: Association.default({ all: true }),
});

/** Cross-field rules: levels are unique, and only database changes are graded into several levels. */
function checkLevels(p: { task_type: TaskTypeName; risk_levels: readonly RiskLevel[] }, ctx: z.RefinementCtx): void {
  const levels = p.risk_levels.map((l) => l.level);
  const repeated = levels.filter((l, i) => i > 0 && levels[i - 1] === l);
  if (repeated.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['risk_levels'], message: `risk_levels must not repeat level ${[...new Set(repeated)].join(', ')}` });
  }
  if (p.task_type !== 'database_change' && levels.length > 1) {
    ctx.addIssue({ code: 'custom', path: ['risk_levels'], message: `risk_levels: a ${p.task_type} process has exactly one level; only database_change may have more` });
  }
}

export const ProcessInput = ProcessFields.superRefine(checkLevels);
export type ProcessInput = z.infer<typeof ProcessInput>;

export const Process = ProcessFields.extend({
  id: Id,
  created_by: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
}).superRefine(checkLevels);
export type Process = z.infer<typeof Process>;

export const requestStates = [
  'APPROVING',
  'REJECTED',
  'APPROVAL_EXPIRED',
  'WAIT_FOR_EXECUTION',
  'WAIT_FOR_EXECUTION_EXPIRED',
  'EXECUTING',
  'EXECUTION_SUCCEEDED',
  'EXECUTION_FAILED',
  'EXECUTION_EXPIRED',
  'CANCELLED',
  'PRE_CHECK_FAILED',
] as const;
export const RequestState = z.enum(requestStates);
export type RequestState = z.infer<typeof RequestState>;

/** When an approved request runs: at once, when its requester says so, or at a time. */
export const ExecutionStrategy = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('auto') }),
    z.object({ kind: z.literal('manual') }),
    z.object({ kind: z.literal('at'), at: z.iso.datetime({ offset: true, error: 'strategy.at must be an ISO 8601 date-time, e.g. 2025-06-01T02:00:00Z' }) }),
  ],
  { error: 'strategy.kind must be auto, manual or at' },
);
export type ExecutionStrategy = z.infer<typeof ExecutionStrategy>;

export const NodeDecision = z.enum(['pending', 'approved', 'rejected']);
export type NodeDecision = z.infer<typeof NodeDecision>;

/** One approval node of a request, as decided (or not yet). */
export const RequestNode = z.object({
  role: RoleName,
  approver: z.string().nullable(),
  decision: NodeDecision,
  comment: z.string().nullable(),
  decided_at: Timestamp.nullable(),
});
export type RequestNode = z.infer<typeof RequestNode>;
