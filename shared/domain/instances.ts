import { z } from 'zod';
import { Id, QueryBool as Bool, Timestamp } from './common';

/** delicate's task instance status codes. */
export const InstanceStatus = {
  Running: 1,
  Finished: 2,
  AbnormalEnding: 3,
  TimeoutEnding: 4,
  ManualCancellation: 5,
  Unknown: 81,
} as const;
export type InstanceStatusCode = (typeof InstanceStatus)[keyof typeof InstanceStatus];
export const instanceStatusNames: Readonly<Record<InstanceStatusCode, keyof typeof InstanceStatus>> = {
  1: 'Running', 2: 'Finished', 3: 'AbnormalEnding', 4: 'TimeoutEnding', 5: 'ManualCancellation', 81: 'Unknown',
};
const StatusCode = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(81)]);

/** Snowflake ids are strings outside SQLite: a JavaScript number cannot hold 64 bits. */
export const SnowflakeId = z
  .string()
  .regex(/^\d{1,20}$/, 'id must be a decimal snowflake id')
  // Checked after the regex, which does not stop zod running this one: only digits reach BigInt.
  .refine((v) => !/^\d{1,20}$/.test(v) || BigInt(v) < 2n ** 63n, 'id must be below 2^63 (a snowflake id is a signed 64-bit integer)');

export const RunMode = z.enum(['tied', 'detached']);
export type RunMode = z.infer<typeof RunMode>;
export const LogPolicy = z.enum(['truncate', 'halt']);

export const Instance = z.object({
  id: SnowflakeId,
  run_id: z.string(),
  task_id: Id.nullable(),
  task_name: z.string().nullable().describe('from the snapshot taken when the instance was created'),
  slot: Timestamp.nullable().describe('the scheduled slot this instance runs for'),
  attempt: z.number().int(),
  trigger: z.enum(['schedule', 'manual', 'ad_hoc', 'retry']),
  host_id: Id.nullable(),
  host: z.object({ id: z.number().int(), name: z.string(), host: z.string() }),
  command: z.string(),
  mode: RunMode,
  status: StatusCode,
  status_name: z.string(),
  exit_code: z.number().int().nullable(),
  signal: z.string().nullable(),
  error: z.string().nullable(),
  timeout: z.number().int().describe('seconds; 0 = none'),
  log_lines: z.number().int(),
  log_bytes: z.number().int(),
  log_truncated: z.boolean(),
  created_by: z.string().describe('the user on whose authority it runs: who started the run or the task, never the scheduler'),
  created_time: Timestamp,
  started_time: Timestamp.nullable(),
  ended_time: Timestamp.nullable(),
  updated_time: Timestamp.describe('last change of the instance: status, times, log counts'),
  // delicate's snapshot of the task when the instance was created; null for ad-hoc runs
  description: z.string().nullable(),
  frequency: z.object({ mode: z.enum(['once', 'countdown', 'repeat']), count: z.number().int().optional(), time_zone: z.string() }).nullable(),
  cron_expression: z.string().nullable(),
  maximum_parallel_runnable_num: z.number().int().nullable(),
  tag: z.string().nullable(),
});
export type Instance = z.infer<typeof Instance>;

export const RunTargets = z
  .object({
    host_ids: z.array(Id).max(2000).optional(),
    group_ids: z.array(Id).max(200).optional(),
    binding_ids: z.array(Id).max(2000).optional(),
  })
  .refine((t) => (t.host_ids?.length ?? 0) + (t.group_ids?.length ?? 0) + (t.binding_ids?.length ?? 0) > 0, 'targets: name at least one host, group or binding');

export const RunCreate = z.object({
  targets: RunTargets,
  command: z.string().min(1, 'command must not be empty').max(1_000_000, 'command must be under 1 MB'),
  timeout: z.coerce.number().int().min(0, 'timeout must be ≥ 0 seconds (0 = none)').max(7 * 86400, 'timeout must be at most 7 days').default(0),
  mode: RunMode.default('tied'),
  log_limit_bytes: z.coerce.number().int().min(1024).max(64 * 1024 ** 3).default(2 * 1024 ** 3),
  log_policy: LogPolicy.default('truncate'),
  /** Values to mask in stored and shown logs (passwords passed on the command line, tokens). */
  secrets: z.array(z.string().min(4, 'a secret to mask must be at least 4 characters').max(4096)).max(32).default([]),
});
export type RunCreate = z.infer<typeof RunCreate>;

export const RunResult = z.object({ run_id: z.string(), instances: z.array(Instance) });


/** Text a list is narrowed by: part of a task's name, or of a command. */
const Contains = z.string().trim().min(1, 'give at least one character to look for').max(200, 'at most 200 characters');

export const InstanceQuery = z.object({
  status: z.coerce.number().int().optional(),
  host_id: Id.optional(),
  task_id: Id.optional(),
  task: Contains.optional().describe("part of the task's name as it is now (case-insensitive)"),
  command: Contains.optional().describe('part of the command (case-insensitive); the total is not counted with it, as that reads every row'),
  run_id: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO time' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  count: Bool.default(true),
});
export const InstancePage = z.object({ items: z.array(Instance), total: z.number().int().nullable(), page: z.number().int(), per_page: z.number().int() });

export const InstanceIdParam = z.object({ id: SnowflakeId });

export const LogStream = z.enum(['stdout', 'stderr', 'system']);
export type LogStream = z.infer<typeof LogStream>;
export const LogLine = z.object({ n: z.number().int(), stream: LogStream, text: z.string(), ts: Timestamp });
export type LogLine = z.infer<typeof LogLine>;
export const LogQuery = z.object({
  id: SnowflakeId,
  from_line: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  q: z.string().max(512).optional().describe('find: return the first matching line numbers from from_line'),
});
export const LogWindow = z.object({ lines: z.array(LogLine), total_lines: z.number().int(), complete: z.boolean(), matches: z.array(z.number().int()).optional() });

/** Where a runs page ended: the last anchor row it read (its creation time and id). */
export const RunCursor = z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z~\d{1,20}$/, 'before must be the next cursor of a runs page');

export const RunListQuery = z.object({
  status: z.coerce.number().int().optional().describe('runs with an instance in this status'),
  host_id: Id.optional(),
  task_id: Id.optional(),
  task: Contains.optional().describe("part of the task's name as it is now (case-insensitive)"),
  command: Contains.optional().describe('part of the command (case-insensitive)'),
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO time' }).optional(),
  before: RunCursor.optional().describe("a page's `next`: the runs older than it"),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunListQuery = z.infer<typeof RunListQuery>;

/** One run (a launch on one or more hosts, with its retries) as a row people scan, like a Rundeck execution. */
export const RunSummary = z.object({
  run_id: z.string(),
  task_id: Id.nullable(),
  task_name: z.string().nullable(),
  command: z.string().describe('the command of its first instance, cut at 1,000 characters'),
  trigger: Instance.shape.trigger,
  created_by: z.string().describe('on whose authority it runs'),
  status: StatusCode.describe("the run's: Running while a host runs, else the worst of each host's last attempt"),
  status_name: z.string(),
  hosts: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int(), running: z.number().int() }).describe('counted by each host\'s last attempt'),
  host_names: z.array(z.string()).describe('the first five, by name'),
  instances: z.number().int().describe('attempts on all hosts, retries included'),
  created_time: Timestamp,
  started_time: Timestamp.nullable(),
  ended_time: Timestamp.nullable().describe('when its last host ended; null while one runs'),
  single_instance_id: SnowflakeId.nullable().describe('its only instance, when it has one'),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunPage = z.object({
  items: z.array(RunSummary),
  next: RunCursor.nullable().describe('pass as `before` for older runs; null at the oldest'),
  searched_to: Timestamp.nullable().describe('set when the page stopped at its read bound before filling: runs were searched back to this time'),
});
export type RunPage = z.infer<typeof RunPage>;
