import { z } from 'zod';
import { Id, Timestamp } from './common';
import { ExecutionStrategy, RequestNode, RequestState, SqlSubtype, TaskTypeName, Validity } from './processes';

export const ClassifiedStatement = z.object({ text: z.string(), start: z.number().int(), end: z.number().int(), subtype: SqlSubtype });

/** One recorded decision: given here (local) or carried by a signed decision bundle. */
export const RequestDecisionRecord = z.object({
  node: z.number().int(),
  approver: z.string(),
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().nullable(),
  decided_at: Timestamp,
  content_hash: z.string(),
  signature: z.string().nullable(),
  key_id: z.string().nullable(),
  source: z.enum(['local', 'bundle']),
  /** When the reviewer signed it (bundle decisions). */
  signed_at: Timestamp.nullable(),
});
export type RequestDecisionRecord = z.infer<typeof RequestDecisionRecord>;

/** A change request as the API shows it: what was asked, what was matched, who decided what. */
export const ChangeRequestView = z.object({
  id: Id,
  task_id: Id.nullable(),
  task_name: z.string(),
  task: z.object({
    type: TaskTypeName,
    command: z.string(),
    script: z.string(),
    client_command: z.string(),
    cron_expression: z.string(),
    /** client_command: the host's own, recorded when the request was made (absent in requests made before hosts had one). */
    /** host_key: the fingerprint pinned when the request was made (absent in requests made before portable hashes). */
    hosts: z.array(z.object({ id: z.number().int(), name: z.string(), host: z.string(), host_key: z.string().nullable().optional(), client_command: z.string().optional() })),
  }),
  content_hash: z.string(),
  /** 1: the hash covers local host ids (requests made before offline review); 2: portable (names, addresses, pinned host keys). */
  hash_version: z.number().int(),
  process_id: Id.nullable(),
  process: z.object({ id: z.number().int(), name: z.string(), task_type: TaskTypeName }),
  risk_level: z.number().int(),
  statements: z.array(ClassifiedStatement),
  requester: z.string(),
  state: RequestState,
  nodes: z.array(RequestNode),
  /** The append-only record behind `nodes`: each decision with the hash it was given on and, from a bundle, its signature. */
  decisions: z.array(RequestDecisionRecord),
  current_node: z.number().int(),
  strategy: ExecutionStrategy,
  validity: Validity,
  approval_deadline: Timestamp,
  wait_deadline: Timestamp.nullable(),
  execution_deadline: Timestamp.nullable(),
  execute_at: Timestamp.nullable(),
  reason: z.string().nullable(),
  run_id: z.string().nullable(),
  job_id: z.string().nullable().describe('the job tracking its execution (module approvals), once it started executing'),
  created_at: Timestamp,
  updated_at: Timestamp,
  /** Whether the caller may decide the current node now. */
  can_approve: z.boolean(),
});
export type ChangeRequestView = z.infer<typeof ChangeRequestView>;

export const RequestQuery = z.object({
  view: z.enum(['to_approve', 'mine', 'all']).default('all'),
  state: RequestState.optional(),
  task_name: z.string().max(128).optional(),
  q: z.string().trim().max(128).optional().describe('search: part of the task name, the requester or the process name, or #id'),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
});
export const RequestPage = z.object({ items: z.array(ChangeRequestView), total: z.number().int(), page: z.number().int(), per_page: z.number().int() });
export type RequestPage = z.infer<typeof RequestPage>;
export const RequestIdParam = z.object({ id: Id });
export const RequestDecision = z.object({ id: Id, comment: z.string().max(1000, 'comment must be at most 1000 characters').default('') });
export const BatchApprove = z.object({ ids: z.array(Id).min(1).max(200), comment: z.string().max(1000).default('') });
export const BatchResult = z.object({ results: z.array(z.object({ id: z.number().int(), ok: z.boolean(), error: z.string().nullable() })) });

/** Workspace policy per task type when no process matches: run without approval, or refuse. */
export const ApprovalPolicy = z.object({
  unmatched: z.object({ command: z.enum(['allow', 'refuse']), database_change: z.enum(['allow', 'refuse']), apply_permission: z.enum(['allow', 'refuse']) }),
});
export type ApprovalPolicy = z.infer<typeof ApprovalPolicy>;
export const defaultApprovalPolicy: ApprovalPolicy = { unmatched: { command: 'allow', database_change: 'refuse', apply_permission: 'refuse' } };

export { ExecutionStrategy };
