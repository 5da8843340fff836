import type { OpInput } from '../../../shared/api/contract';
import { sqlSubtypes, type Process, type SqlSubtype, type TaskTypeName } from '../../../shared/domain/processes';
import { ApiError } from '../../api/client';
import { conflictField, errorMessage } from '../../lib/errors';

export const NAME_MAX = 110;
export const REMARKS_MAX = 200;
export const HOURS_MIN = 1;
export const HOURS_MAX = 240;
export const LEVEL_MAX = 10;
export const NODES_MAX = 10;
export const ROLE_PATTERN = /^[a-z][a-z0-9_-]*$/;

export interface LevelValues {
  level: number | null;
  sql_subtypes: SqlSubtype[];
  max_statements: number | null;
  approval_nodes: { role: string }[];
}

/** What the process form holds; names follow the server's field paths so its errors land on them. */
export interface ProcessFormValues {
  name: string;
  task_type: TaskTypeName;
  risk_levels: LevelValues[];
  validity: { approval_hours: number | null; wait_hours: number | null; execution_hours: number | null };
  enabled: boolean;
  remarks: string;
  association: { mode: 'all' | 'some'; host_ids: number[]; group_ids: number[] };
}

/** A new process's first level: every statement kind, any number of them, approved by an administrator. */
function firstLevel(): LevelValues {
  return { level: 1, sql_subtypes: [...sqlSubtypes], max_statements: null, approval_nodes: [{ role: 'admin' }] };
}

/** The next level to add: one above the highest (or the lowest free one), with the last level's nodes to start from. */
export function newLevel(existing: readonly LevelValues[]): LevelValues {
  const used = new Set(existing.map((l) => l.level));
  const highest = Math.max(0, ...existing.map((l) => l.level ?? 0));
  let level = highest + 1;
  if (level > LEVEL_MAX) level = [...Array(LEVEL_MAX).keys()].map((i) => i + 1).find((n) => !used.has(n)) ?? LEVEL_MAX;
  const last = existing.at(-1);
  return { level, sql_subtypes: [...sqlSubtypes], max_statements: null, approval_nodes: last ? last.approval_nodes.map((n) => ({ ...n })) : [{ role: 'admin' }] };
}

/** The form's starting values: a copy of `p` (to edit or duplicate), or defaults for a new process of `type`. */
export function initialProcessValues(p: Process | undefined, type: TaskTypeName = 'database_change'): ProcessFormValues {
  if (!p) {
    return {
      name: '',
      task_type: type,
      risk_levels: [firstLevel()],
      validity: { approval_hours: 24, wait_hours: 24, execution_hours: 24 },
      enabled: true,
      remarks: '',
      association: { mode: 'all', host_ids: [], group_ids: [] },
    };
  }
  const a = p.association;
  return {
    name: p.name,
    task_type: p.task_type,
    risk_levels: p.risk_levels.map((l) => ({ level: l.level, sql_subtypes: [...l.sql_subtypes], max_statements: l.max_statements, approval_nodes: l.approval_nodes.map((n) => ({ role: n.role })) })),
    validity: { ...p.validity },
    enabled: p.enabled,
    remarks: p.remarks,
    association: 'all' in a ? { mode: 'all', host_ids: [], group_ids: [] } : { mode: 'some', host_ids: [...a.host_ids], group_ids: [...a.group_ids] },
  };
}

/**
 * What the API takes. Only database changes are graded: other types keep one level, which covers
 * every statement kind and count.
 */
export function toProcessInput(v: ProcessFormValues): OpInput<'processes.create'> {
  const graded = v.task_type === 'database_change';
  const levels = graded ? v.risk_levels : v.risk_levels.slice(0, 1);
  return {
    name: v.name.trim(),
    task_type: v.task_type,
    risk_levels: levels.map((l) => ({
      level: l.level ?? 0,
      sql_subtypes: graded ? sqlSubtypes.filter((s) => l.sql_subtypes.includes(s)) : [...sqlSubtypes],
      max_statements: graded ? (l.max_statements ?? null) : null,
      approval_nodes: l.approval_nodes.map((n) => ({ role: n.role.trim() })),
    })),
    validity: { approval_hours: v.validity.approval_hours ?? 0, wait_hours: v.validity.wait_hours ?? 0, execution_hours: v.validity.execution_hours ?? 0 },
    enabled: v.enabled,
    remarks: (v.remarks ?? '').trim(),
    association: v.association.mode === 'all' ? { all: true } : { host_ids: v.association.host_ids ?? [], group_ids: v.association.group_ids ?? [] },
  };
}

export type FieldPath = (string | number)[];

/** The form field a server field path belongs on, or null when the form has no such field. */
export function formFieldOf(serverPath: string): FieldPath | null {
  const [head, ...rest] = serverPath.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  switch (head) {
    case 'name':
    case 'task_type':
    case 'remarks':
    case 'enabled':
      return [head];
    case 'validity':
      return rest[0] === 'approval_hours' || rest[0] === 'wait_hours' || rest[0] === 'execution_hours' ? ['validity', rest[0]] : null;
    case 'association':
      return ['association', 'host_ids'];
    case 'risk_levels': {
      const [i, field, j] = rest;
      if (typeof i !== 'number') return ['risk_levels'];
      if (field === 'level' || field === 'max_statements' || field === 'sql_subtypes') return ['risk_levels', i, field];
      if (field === 'approval_nodes') return typeof j === 'number' ? ['risk_levels', i, 'approval_nodes', j, 'role'] : ['risk_levels', i, 'approval_nodes'];
      return ['risk_levels', i, 'level'];
    }
    default:
      return null;
  }
}

export interface PlacedErrors {
  readonly fields: { name: FieldPath; errors: string[] }[];
  /** What no field shows, for a form-level alert; null when every message found its field. */
  readonly leftover: string | null;
}

/** Put a save error where the user will look: validation issues and name conflicts on their fields, the rest above the form. */
export function placeProcessErrors(err: unknown): PlacedErrors {
  const fields = new Map<string, { name: FieldPath; errors: string[] }>();
  const leftover: string[] = [];
  const place = (path: string, message: string): void => {
    const name = formFieldOf(path);
    if (!name) return void leftover.push(path === '(input)' ? message : `${path}: ${message}`);
    const key = name.join('.');
    // The first message per field is the most basic one.
    if (!fields.has(key)) fields.set(key, { name, errors: [message] });
  };
  if (err instanceof ApiError && err.code === 'validation') {
    const issues = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields ?? [];
    if (issues.length === 0) return { fields: [], leftover: err.message };
    for (const f of issues) place(f.field, f.message);
  } else {
    const field = conflictField(err);
    if (!field) return { fields: [], leftover: errorMessage(err) };
    place(field, errorMessage(err));
  }
  return { fields: [...fields.values()], leftover: leftover.length ? leftover.join('; ') : null };
}
