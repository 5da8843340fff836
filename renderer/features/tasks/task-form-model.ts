import type { OpInput } from '../../../shared/api/contract';
import type { CheckResult, Task } from '../../../shared/domain/tasks';
import { ApiError } from '../../api/client';
import { t } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';

/** What the task editor holds; names match the server's field paths so its errors land on them. */
export interface TaskFormValues {
  name: string;
  description: string;
  type: Task['type'];
  command: string;
  script: string;
  client_command: string;
  /** apply_permission: how long an approved grant lasts. */
  grant_hours: number | null;
  /** `at` as an ISO string (the DatePicker converts). */
  execution_strategy: { kind: Task['execution_strategy']['kind']; at?: string | null };
  frequency: { mode: Task['frequency']['mode']; count?: number | null; time_zone: string };
  cron_expression: string;
  timeout: number | null;
  retry_times: number | null;
  retry_interval: number | null;
  maximum_parallel_runnable_num: number | null;
  overlap_policy: Task['overlap_policy'];
  misfire_deadline_seconds: number | null;
  tag: string;
  binding_ids: number[];
  dispatch: Task['dispatch'];
  run_mode: Task['run_mode'];
}

/** Limits shared by the fields and their help texts (the core enforces the same). */
export const limits = {
  timeout: { min: 0, max: 7 * 86400 },
  retry_times: { min: 0, max: 20 },
  retry_interval: { min: 0, max: 86400 },
  maximum_parallel_runnable_num: { min: 1, max: 1000 },
  misfire_deadline_seconds: { min: 0, max: 7 * 86400 },
  count: { min: 1, max: 1_000_000 },
  grant_hours: { min: 1, max: 720 },
  name: 128,
  description: 1000,
  tag: 64,
  client_command: 4096,
} as const;

/** Server field paths the editor shows errors on. */
export const taskFormFields = [
  'name', 'description', 'type', 'command', 'script', 'client_command', 'grant_hours', 'execution_strategy.kind', 'execution_strategy.at',
  'frequency.mode', 'frequency.count', 'frequency.time_zone', 'cron_expression', 'timeout', 'retry_times', 'retry_interval',
  'maximum_parallel_runnable_num', 'overlap_policy', 'misfire_deadline_seconds', 'tag', 'binding_ids', 'dispatch', 'run_mode',
] as const;

/** Other server paths and where they show. */
export const taskFieldAliases: Readonly<Record<string, string>> = {
  execution_strategy: 'execution_strategy.kind',
  frequency: 'frequency.mode',
  new_name: 'name',
};

/** Field labels, for check results listed in an alert. */
const fieldKeys: Readonly<Record<string, string>> = {
  name: 'tasks.field.name', description: 'taskForm.description', type: 'tasks.field.type', command: 'tasks.field.command', script: 'tasks.field.script',
  client_command: 'taskForm.client.label', grant_hours: 'taskForm.grant.label', 'execution_strategy.kind': 'tasks.field.afterApproval',
  'execution_strategy.at': 'taskForm.startAt.label', 'frequency.mode': 'tasks.field.frequency', 'frequency.count': 'taskForm.count.label',
  'frequency.time_zone': 'taskForm.zone.label', cron_expression: 'taskForm.cron.label', timeout: 'tasks.field.timeout', retry_times: 'tasks.field.retries',
  retry_interval: 'taskForm.retryIntervalName', maximum_parallel_runnable_num: 'taskForm.parallel.label', overlap_policy: 'tasks.field.overlap',
  misfire_deadline_seconds: 'tasks.field.misfire', tag: 'tasks.field.tag', binding_ids: 'tasks.field.bindings', dispatch: 'tasks.field.dispatch', run_mode: 'tasks.field.runMode',
};

/** A check result's field in words, in the current language; an unknown field as it is named. */
export function fieldLabel(field: string): string {
  const key = fieldKeys[field];
  return key ? t(key) : field;
}

/**
 * How often a new task of `type` runs until the user says otherwise: a command usually repeats; a database change or a
 * permission application is one piece of work, asked for (and approved) once.
 */
export function defaultModeFor(type: Task['type']): Task['frequency']['mode'] {
  return type === 'command' ? 'repeat' : 'once';
}

/** Why Check gave no result: the input was refused (the problems by field), or the check itself could not run. */
export type CheckFailure =
  | { readonly kind: 'invalid'; readonly issues: readonly { field: string; message: string }[] }
  | { readonly kind: 'not_run'; readonly message: string };

export function checkFailure(err: unknown): CheckFailure {
  if (err instanceof ApiError && err.code === 'validation') {
    const fields = (err.details as { fields?: unknown } | undefined)?.fields;
    const issues = Array.isArray(fields) ? fields.filter((f): f is { field: string; message: string } => typeof f?.field === 'string' && typeof f?.message === 'string') : [];
    return { kind: 'invalid', issues: issues.length ? issues : [{ field: '(input)', message: err.message }] };
  }
  return { kind: 'not_run', message: errorMessage(err) };
}

/** A new task starts as `type` (from `#/tasks/new?type=…`), running as often as such a task usually does. */
export function initialTaskValues(task: Task | undefined, timeZone: string, type: Task['type'] = 'command'): TaskFormValues {
  if (!task) {
    return {
      name: '', description: '', type, command: '', script: '', client_command: '', grant_hours: 24,
      execution_strategy: { kind: 'auto' }, frequency: { mode: defaultModeFor(type), time_zone: timeZone }, cron_expression: '',
      timeout: 0, retry_times: 0, retry_interval: 60, maximum_parallel_runnable_num: 1, overlap_policy: 'forbid', misfire_deadline_seconds: 300,
      tag: '', binding_ids: [], dispatch: 'all', run_mode: 'tied',
    };
  }
  const s = task.execution_strategy;
  return {
    name: task.name, description: task.description, type: task.type, command: task.command, script: task.script, client_command: task.client_command, grant_hours: task.grant_hours,
    execution_strategy: s.kind === 'at' ? { kind: 'at', at: s.at } : { kind: s.kind },
    frequency: { mode: task.frequency.mode, count: task.frequency.count ?? null, time_zone: task.frequency.time_zone },
    cron_expression: task.cron_expression, timeout: task.timeout, retry_times: task.retry_times, retry_interval: task.retry_interval,
    maximum_parallel_runnable_num: task.maximum_parallel_runnable_num, overlap_policy: task.overlap_policy, misfire_deadline_seconds: task.misfire_deadline_seconds,
    tag: task.tag, binding_ids: [...task.binding_ids], dispatch: task.dispatch, run_mode: task.run_mode,
  };
}

/** What create and check send: only the fields the task's type uses carry text (an apply_permission task has no command). */
export function toTaskInput(v: TaskFormValues): OpInput<'tasks.create'> {
  const sql = v.type === 'database_change';
  const s = v.execution_strategy;
  return {
    name: v.name.trim(),
    description: v.description ?? '',
    type: v.type,
    command: v.type === 'command' ? (v.command ?? '') : '',
    script: sql ? (v.script ?? '') : '',
    client_command: sql ? (v.client_command ?? '') : '',
    grant_hours: v.grant_hours ?? 24,
    execution_strategy: s.kind === 'at' ? { kind: 'at', at: s.at ?? '' } : { kind: s.kind },
    frequency: { mode: v.frequency.mode, time_zone: v.frequency.time_zone, ...(v.frequency.mode === 'countdown' && v.frequency.count != null ? { count: v.frequency.count } : {}) },
    cron_expression: (v.cron_expression ?? '').trim(),
    timeout: v.timeout ?? 0,
    retry_times: v.retry_times ?? 0,
    retry_interval: v.retry_interval ?? 60,
    maximum_parallel_runnable_num: v.maximum_parallel_runnable_num ?? 1,
    overlap_policy: v.overlap_policy,
    misfire_deadline_seconds: v.misfire_deadline_seconds ?? 300,
    tag: v.tag ?? '',
    binding_ids: v.binding_ids ?? [],
    dispatch: v.dispatch,
    run_mode: v.run_mode,
  };
}

/** An update of the task saved as `name`: every field, and `new_name` when it was renamed. */
export function toTaskUpdate(name: string, v: TaskFormValues): OpInput<'tasks.update'> {
  const input = toTaskInput(v);
  return { ...input, name, ...(input.name !== name ? { new_name: input.name } : {}) };
}

export interface FieldStatus {
  readonly name: string[];
  readonly errors: string[];
  readonly warnings: string[];
}

/** A check result as per-field errors and warnings for the form, for the fields it knows. */
export function checkFieldStatus(check: CheckResult, known: readonly string[] = taskFormFields): FieldStatus[] {
  const by = new Map<string, { errors: string[]; warnings: string[] }>();
  const entry = (f: string): { errors: string[]; warnings: string[] } | undefined => {
    const target = taskFieldAliases[f] ?? f;
    if (!known.includes(target)) return undefined;
    let e = by.get(target);
    if (!e) by.set(target, (e = { errors: [], warnings: [] }));
    return e;
  };
  for (const i of check.errors) entry(i.field)?.errors.push(i.message);
  for (const i of check.warnings) entry(i.field)?.warnings.push(i.message);
  return [...by].map(([f, e]) => ({ name: f.split('.'), ...e }));
}

/** Every field the editor shows, with its previous check messages cleared (before a new check is applied). */
export function clearedFieldStatus(known: readonly string[] = taskFormFields): FieldStatus[] {
  return known.map((f) => ({ name: f.split('.'), errors: [], warnings: [] }));
}
