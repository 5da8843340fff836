import { z } from 'zod';
import { Description, Id, QueryBool as Bool, Tag, Timestamp } from './common';
import { RunMode } from './instances';
import { ExecutionStrategy, TaskTypeName } from './processes';

export const TaskType = TaskTypeName;

/** The key of a task in paths: letters, digits, `.`, `_`, `-`. */
export const TaskName = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(128, 'name must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'name may hold letters, digits, ".", "_" and "-", starting with a letter or digit');

export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'time_zone must be an IANA time zone such as Europe/Berlin or UTC');

export const Frequency = z
  .object({
    mode: z.enum(['once', 'countdown', 'repeat']),
    count: z.number().int().min(1, 'count must be at least 1').max(1_000_000).optional(),
    time_zone: TimeZone.default('UTC'),
  })
  .refine((f) => f.mode !== 'countdown' || f.count !== undefined, { message: 'a countdown needs count', path: ['count'] });

export const OverlapPolicy = z
  .enum(['forbid', 'allow', 'replace'])
  .describe('forbid: never overlap; allow: overlap up to maximum_parallel_runnable_num, then skip; replace: cancel running runs, then start');
export const Dispatch = z.enum(['all', 'weighted']).describe('all bound hosts, or one host chosen by binding weight');

export const TaskInput = z.object({
  name: TaskName,
  description: Description.default(''),
  type: TaskType.default('command'),
  command: z.string().max(1_000_000, 'command must be under 1 MB').default(''),
  script: z.string().max(5_000_000, 'script must be under 5 MB').default('').describe('database_change: the SQL sent on stdin to client_command'),
  client_command: z.string().max(4096).default('').describe('database_change: e.g. psql -v ON_ERROR_STOP=1 -f -'),
  grant_hours: z.number().int().min(1, 'grant_hours must be at least 1').max(720, 'grant_hours must be at most 720 (30 days)').default(24).describe('apply_permission: how long an approved grant lasts'),
  execution_strategy: ExecutionStrategy.default({ kind: 'auto' }).describe('after approval: auto, manual (within the wait period) or at a set time'),
  frequency: Frequency.default({ mode: 'repeat', time_zone: 'UTC' }),
  cron_expression: z.string().trim().max(256).default(''),
  timeout: z.number().int().min(0).max(7 * 86400).default(0),
  retry_times: z.number().int().min(0, 'retry_times must be ≥ 0').max(20, 'retry_times must be at most 20').default(0),
  retry_interval: z.number().int().min(0).max(86400).default(60),
  maximum_parallel_runnable_num: z.number().int().min(1).max(1000).default(1),
  overlap_policy: OverlapPolicy.default('forbid'),
  misfire_deadline_seconds: z.number().int().min(0).max(7 * 86400).default(300).describe('a slot missed by less than this runs once at start-up; older ones are recorded as missed'),
  tag: Tag.default(''),
  binding_ids: z.array(Id).max(1000).default([]),
  dispatch: Dispatch.default('all'),
  run_mode: RunMode.default('tied'),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const TaskStage = z.enum(['Stopped', 'Started']);
export type TaskStage = z.infer<typeof TaskStage>;

/** One field an edit changed; long values (scripts) are summarised as line count, hash and first/last lines. */
export const TaskChange = z.object({ field: z.string(), from: z.string(), to: z.string(), by: z.string().describe('who made this change last') });
export type TaskChange = z.infer<typeof TaskChange>;
/** Edits since the task last started or ran: the latest editor and time, and each field's value then and now. */
export const TaskEdit = z.object({ by: z.string(), at: Timestamp, changes: z.array(TaskChange) });
export type TaskEdit = z.infer<typeof TaskEdit>;

/** Changes since the last start made by someone other than `userName`: what they must see before starting. */
export function editsByOthers(edit: TaskEdit | null, userName: string): TaskChange[] {
  return edit ? edit.changes.filter((c) => c.by.toLowerCase() !== userName.toLowerCase()) : [];
}

export const Task = TaskInput.extend({
  id: Id,
  stage: TaskStage.describe('what the task should be doing; running_instances says what its instances are doing'),
  approval: z.object({ request_id: Id, state: z.string() }).nullable().describe('the change request this task runs under, if a process applies'),
  running_instances: z.number().int(),
  runs_fired: z.number().int(),
  next_run_at: Timestamp.nullable(),
  last_run_at: Timestamp.nullable(),
  created_by: z.string(),
  owner: z.string().describe('edits, starts, stops, runs and deletes it (with admins and DBAs); the creator unless an admin transferred it'),
  started_by: z.string().nullable().describe('the user on whose authority its runs go: who started it, or the requester of the approved change'),
  edited_since_start: TaskEdit.nullable().describe('what changed since it last started or ran, and who changed it'),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Task = z.infer<typeof Task>;

export const CheckItem = z.object({ field: z.string(), message: z.string() });
export const CheckResult = z.object({ errors: z.array(CheckItem), warnings: z.array(CheckItem) });
export type CheckResult = z.infer<typeof CheckResult>;

export const TaskCreateResult = z.object({ task: Task, check_result: CheckResult });
export const TaskNameParam = z.object({ name: TaskName });
type Undefault<T> = T extends z.ZodDefault<infer I> ? I : T;

/** Every field optional and without its default: an update changes only what it names (zod's partial() keeps defaults). */
function withoutDefaults<S extends z.ZodRawShape>(shape: S): { [K in keyof S]: z.ZodOptional<Undefault<S[K]>> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, ((v instanceof z.ZodDefault ? v.unwrap() : v) as z.ZodType).optional()])) as never;
}

export const TaskUpdate = z
  .object(withoutDefaults(TaskInput.shape))
  .extend({ name: TaskName, new_name: TaskName.optional(), owner: z.string().trim().min(1).max(64).optional().describe('admins only: transfer the task to this user') });
/** Start or run now. A task someone else edited since it last started needs its edit acknowledged by time. */
export const TaskStart = z.object({
  name: TaskName,
  accept_edit_at: z.string().max(64).optional().describe('the edited_since_start.at the starter has seen; required when someone else edited the task since it last started'),
});
export const TaskDelete = z.object({ name: TaskName, force: Bool.default(false) });
export const TaskListQuery = z.object({ stage: TaskStage.optional(), type: TaskType.optional(), tag: z.string().max(64).optional(), q: z.string().max(128).optional() });
export const TaskYaml = z.object({ yaml: z.string().max(2_000_000) });
export const CronPreview = z.object({ cron_expression: z.string().max(256), time_zone: TimeZone.default('UTC'), count: z.coerce.number().int().min(1).max(20).default(5) });
export const CronPreviewResult = z.object({ valid: z.boolean(), error: z.string().nullable(), next: z.array(Timestamp), description: z.string().nullable() });
