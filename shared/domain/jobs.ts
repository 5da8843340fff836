import { z } from 'zod';
import { QueryBool, Timestamp } from './common';
import { ServerWords } from './server-words';

/**
 * Jobs and steps: one tree of tracked work. A node at the root is a job, a node below it a step.
 * One state set inside; two views outside: oVirt's (STARTED / FINISHED / FAILED / ABORTED / UNKNOWN)
 * under /jobs and Scylla's task manager (created / running / done / failed) under /task_manager.
 */
export const jobStates = ['created', 'running', 'done', 'failed', 'aborted', 'unknown'] as const;
export const JobState = z.enum(jobStates);
export type JobState = z.infer<typeof JobState>;

export const ovirtStatuses = ['STARTED', 'FINISHED', 'FAILED', 'ABORTED', 'UNKNOWN'] as const;
export const OvirtStatus = z.enum(ovirtStatuses);
export type OvirtStatus = z.infer<typeof OvirtStatus>;

export const scyllaStates = ['created', 'running', 'done', 'failed'] as const;
export const ScyllaState = z.enum(scyllaStates);
export type ScyllaState = z.infer<typeof ScyllaState>;

/** oVirt's step types, and the ones Taskdeck's own work needs. */
export const stepTypes = ['VALIDATING', 'EXECUTING', 'FINALIZING', 'TRANSFERRING', 'UNKNOWN'] as const;
export const StepType = z.enum(stepTypes);
export type StepType = z.infer<typeof StepType>;

/** Terminal states: a node in one of them never changes again. */
export function isFinished(state: JobState): boolean {
  return state !== 'created' && state !== 'running';
}

/** The oVirt view of a state: created and running are both STARTED (oVirt has no queued state). */
export function toOvirtStatus(state: JobState): OvirtStatus {
  switch (state) {
    case 'created':
    case 'running':
      return 'STARTED';
    case 'done':
      return 'FINISHED';
    case 'failed':
      return 'FAILED';
    case 'aborted':
      return 'ABORTED';
    case 'unknown':
      return 'UNKNOWN';
  }
}

/** The state an oVirt status names (STARTED is running: oVirt creates steps already started). */
export function fromOvirtStatus(status: OvirtStatus): JobState {
  switch (status) {
    case 'STARTED':
      return 'running';
    case 'FINISHED':
      return 'done';
    case 'FAILED':
      return 'failed';
    case 'ABORTED':
      return 'aborted';
    case 'UNKNOWN':
      return 'unknown';
  }
}

/** The Scylla view: aborted and unknown are failed (with the reason in `error`), as Scylla reports an aborted task. */
export function toScyllaState(state: JobState): ScyllaState {
  switch (state) {
    case 'created':
    case 'running':
    case 'done':
      return state;
    case 'failed':
    case 'aborted':
    case 'unknown':
      return 'failed';
  }
}

/** Internal states a Scylla state may stand for (for filtering a list by the Scylla view). */
export function statesOfScylla(state: ScyllaState): readonly JobState[] {
  return state === 'failed' ? ['failed', 'aborted', 'unknown'] : [state];
}

/** Internal states an oVirt status may stand for (for filtering a list by the oVirt view). */
export function statesOfOvirt(status: OvirtStatus): readonly JobState[] {
  return status === 'STARTED' ? ['created', 'running'] : [fromOvirtStatus(status)];
}

/** A task id: a UUIDv7 (time-ordered, so creation time is readable from it). Any text up to 64 characters is looked up; unknown ids are 404. */
export const JobId = z.string().trim().min(1, 'id must not be empty').max(64, 'id must be at most 64 characters');
/** A module: `runs`, `tasks`, `approvals`, `system`, `external`, or a plug-in's own. */
export const ModuleName = z
  .string()
  .trim()
  .min(1, 'module must not be empty')
  .max(64, 'module must be at most 64 characters')
  .regex(/^[a-z][a-z0-9_.-]*$/, 'module must be lower-case letters, digits, "_", "." or "-", starting with a letter');
const Text = (field: string, max: number) => z.string().trim().max(max, `${field} must be at most ${max} characters`);

export const JobProgress = z.object({
  /** What is counted: '' (steps), 'bytes', 'hosts', 'statements', … */
  units: z.string(),
  total: z.number(),
  completed: z.number(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** What a job is about, when that is a record with its own page: the task a fire ran, the change request an execution applies. */
export const JobSubject = z.object({ kind: z.enum(['task', 'request']), id: z.string() });
export type JobSubject = z.infer<typeof JobSubject>;

/** How many finished children folded into a node, by their state (Scylla folding). */
export const FoldedCounts = z.object({ done: z.number().int(), failed: z.number().int(), aborted: z.number().int(), unknown: z.number().int() });
export type FoldedCounts = z.infer<typeof FoldedCounts>;

/** One tracked node (job or step) with every field of both seeds. */
export const JobNode = z.object({
  id: z.string(),
  module: z.string(),
  /** null for a job (root). */
  parent_id: z.string().nullable(),
  root_id: z.string(),
  /** Per module, shared by all nodes of a tree. */
  sequence_number: z.number().int(),
  /** What operation: "ad-hoc run", "scheduled run", "database change", "backup", or a plug-in's own. */
  type: z.string(),
  /** Which part of the operation: run, host, statement, transfer, … */
  scope: z.string(),
  /** null for a job. */
  step_type: StepType.nullable(),
  /** Order within its parent (1-based); 0 for a job. */
  number: z.number().int(),
  description: z.string(),
  /** Taskdeck's own nodes: the description as a message key and params, for the reader's language (null for a plug-in's). */
  words: ServerWords.nullable().optional(),
  action_type: z.string(),
  owner: z.string(),
  state: JobState,
  external: z.boolean(),
  external_type: z.string().nullable(),
  auto_cleared: z.boolean(),
  is_abortable: z.boolean(),
  internal: z.boolean(),
  user_started: z.boolean(),
  progress: JobProgress,
  created_time: Timestamp,
  started_time: Timestamp.nullable(),
  ended_time: Timestamp.nullable(),
  updated_time: Timestamp,
  error: z.string().nullable(),
  /** Children still registered: unfinished ones, and finished ones kept because they or a descendant failed. */
  children_ids: z.array(z.string()),
  folded: FoldedCounts,
  /** The instance a per-host step stands for, when there is one. */
  instance_id: z.string().nullable(),
  subject: JobSubject.nullable(),
});
export type JobNode = z.infer<typeof JobNode>;

/** oVirt view of a job or step: the node plus its oVirt `status`. */
export const JobView = JobNode.extend({ status: OvirtStatus });
export type JobView = z.infer<typeof JobView>;
export const JobPage = z.object({
  items: z.array(JobView),
  /** Pass as `before` for the next page; null on the last. */
  next_before: z.string().nullable(),
});
export type JobPage = z.infer<typeof JobPage>;

/** Scylla view of a node: `state` is Scylla's, `tree_state` the state inside (aborted / unknown show as failed). */
export const TaskStatus = JobNode.omit({ state: true, progress: true }).extend({
  state: ScyllaState,
  tree_state: JobState,
  kind: z.literal('node'),
  start_time: Timestamp.nullable(),
  end_time: Timestamp.nullable(),
  progress_units: z.string(),
  progress_total: z.number(),
  progress_completed: z.number(),
});
export type TaskStatus = z.infer<typeof TaskStatus>;
/** A line of `list_module_tasks` (Scylla's task_stats). */
export const TaskStats = z.object({
  task_id: z.string(),
  state: ScyllaState,
  tree_state: JobState,
  type: z.string(),
  kind: z.literal('node'),
  scope: z.string(),
  description: z.string(),
  sequence_number: z.number().int(),
  internal: z.boolean(),
  start_time: Timestamp.nullable(),
  end_time: Timestamp.nullable(),
});
export type TaskStats = z.infer<typeof TaskStats>;

// ---- inputs ----

const Limit = (max: number, dflt: number) => z.coerce.number().int('limit must be an integer').min(1, 'limit must be at least 1').max(max, `limit must be at most ${max}`).default(dflt);
const IsoTime = (field: string) => z.iso.datetime({ offset: true, error: `${field} must be an ISO time` });

export const JobIdParam = z.object({ id: JobId });
export const StepIdParam = z.object({ id: JobId, step_id: JobId });
export const TaskIdParam = z.object({ task_id: JobId });
export const ModuleParam = z.object({ module: ModuleName });

/** Text to find in a job's description, type or owner (case-insensitive), or its exact id. */
const SearchText = z.string().trim().max(200, 'q must be at most 200 characters');

/**
 * The Jobs list's text search, one rule for the core's query and the window's live list: the text,
 * trimmed and case-insensitive, in the description, type or owner, or the exact id. Empty matches all.
 */
export function jobMatchesText(q: string, j: Pick<JobNode, 'id' | 'description' | 'type' | 'owner'>): boolean {
  const text = q.trim();
  if (!text) return true;
  const lower = text.toLowerCase();
  return j.id === text || [j.description, j.type, j.owner].some((v) => v.toLowerCase().includes(lower));
}
/** Internal jobs are hidden unless asked for, as in Scylla's list_module_tasks. */
const ShowInternal = QueryBool.default(false);

/** oVirt list: newest first, filtered, a page at a time (`before` = the last id of the previous page). */
export const JobListQuery = z.object({
  module: ModuleName.optional(),
  q: SearchText.optional(),
  internal: ShowInternal,
  status: OvirtStatus.optional(),
  external: QueryBool.optional(),
  owner: z.string().trim().max(64).optional(),
  /** Created at or after. */
  from: IsoTime('from').optional(),
  /** Created before. */
  to: IsoTime('to').optional(),
  before: JobId.optional(),
  limit: Limit(500, 100),
});
export type JobListQuery = z.infer<typeof JobListQuery>;

/** Add an external job (oVirt AddExternalJob). */
export const ExternalJobCreate = z.object({
  description: Text('description', 1000).min(1, 'description must not be empty'),
  /** false: the job stays until cleared; true: it expires with the task TTL once ended. */
  auto_cleared: z.boolean().default(true),
  module: ModuleName.default('external'),
  type: Text('type', 128).min(1, 'type must not be empty').default('external'),
  external_type: Text('external_type', 128).optional(),
  action_type: Text('action_type', 128).default(''),
  is_abortable: z.boolean().default(false),
});
export type ExternalJobCreate = z.infer<typeof ExternalJobCreate>;

/** Add a step to a job, or a sub-step under `parent_step_id` (oVirt AddExternalStep). */
export const ExternalStepCreate = z.object({
  id: JobId,
  parent_step_id: JobId.optional(),
  description: Text('description', 1000).min(1, 'description must not be empty'),
  type: StepType.default('EXECUTING'),
  status: OvirtStatus.default('STARTED'),
  scope: Text('scope', 64).default('step'),
  external_type: Text('external_type', 128).optional(),
});
export type ExternalStepCreate = z.infer<typeof ExternalStepCreate>;

/** The end states a caller may ask for: STARTED is not an end. */
export const OvirtEndStatus = z.enum(['FINISHED', 'FAILED', 'ABORTED', 'UNKNOWN']);
export const ExternalStepEnd = z.object({
  id: JobId,
  step_id: JobId,
  succeeded: z.boolean({ error: 'succeeded must be true or false' }),
  /** End its unfinished sub-steps ABORTED instead of refusing. */
  force: z.boolean().default(false),
  error: Text('error', 4000).optional(),
});
export const ExternalJobEnd = z.object({
  id: JobId,
  status: OvirtEndStatus.default('FINISHED'),
  force: z.boolean().default(false),
  error: Text('error', 4000).optional(),
});

export const ModuleTasksQuery = z.object({
  module: ModuleName,
  internal: ShowInternal,
  q: SearchText.optional(),
  before: JobId.optional(),
  limit: Limit(10_000, 1000),
});
export const MAX_WAIT_SECONDS = 300;
export const WaitQuery = z.object({
  task_id: JobId,
  timeout: z.coerce
    .number({ error: 'timeout must be a number of seconds' })
    .gt(0, 'timeout must be more than 0 seconds')
    .max(MAX_WAIT_SECONDS, `timeout must be at most ${MAX_WAIT_SECONDS} seconds`)
    .default(MAX_WAIT_SECONDS),
});
export const MAX_TTL_SECONDS = 365 * 86_400;
export const TtlSet = z.object({
  ttl: z.coerce.number({ error: 'ttl must be a number of seconds' }).int('ttl must be whole seconds').min(0, 'ttl must be ≥ 0 seconds').max(MAX_TTL_SECONDS, `ttl must be at most ${MAX_TTL_SECONDS} seconds (a year)`),
});
export const TtlValue = z.object({ ttl: z.number().int() });
export const DrainResult = z.object({ drained: z.number().int() });
export const ModuleList = z.array(z.string());

/** Correlation: a run or task run started inside a plug-in's job shows in its tree. */
export const JobCorrelation = z.object({
  job_id: JobId.optional(),
  step_id: JobId.optional(),
});

export const JOB_DEFAULTS = {
  /** Scylla's default user TTL. */
  userTtlSeconds: 3600,
  /** 24 h: a night's scheduled work is still there in the morning, and the store stays bounded. */
  ttlSeconds: 86_400,
} as const;

/** The oVirt view of a node. */
export function toJobView(node: JobNode): JobView {
  return { ...node, status: toOvirtStatus(node.state) };
}

/** The Scylla view of a node (fields listed, not spread: this runs for every node of a 1,000-node tree). */
export function toTaskStatus(n: JobNode): TaskStatus {
  return {
    id: n.id, module: n.module, parent_id: n.parent_id, root_id: n.root_id, sequence_number: n.sequence_number, type: n.type, scope: n.scope,
    step_type: n.step_type, number: n.number, description: n.description, words: n.words ?? null, action_type: n.action_type, owner: n.owner,
    state: toScyllaState(n.state), tree_state: n.state, kind: 'node', external: n.external, external_type: n.external_type, auto_cleared: n.auto_cleared,
    is_abortable: n.is_abortable, internal: n.internal, user_started: n.user_started, created_time: n.created_time, started_time: n.started_time,
    ended_time: n.ended_time, updated_time: n.updated_time, start_time: n.started_time, end_time: n.ended_time, error: n.error,
    children_ids: n.children_ids, folded: n.folded, instance_id: n.instance_id, subject: n.subject,
    progress_units: n.progress.units, progress_total: n.progress.total, progress_completed: n.progress.completed,
  };
}
