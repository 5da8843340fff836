import { createHash } from 'node:crypto';
import type { TaskChange, TaskEdit } from '../../../shared/domain/tasks';

/** Values longer than this are summarised, so an edit of a 5 MB script stays a short record. */
const WHOLE_UP_TO = 200;
const EDGE_LINE = 60;

/** A field's value as an edit shows it: whole when short, else its size, a hash and its first and last lines. */
export function showValue(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v ?? null);
  if (text.length <= WHOLE_UP_TO) return text;
  const lines = text.split('\n');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  return `${lines.length} line(s), ${text.length} characters, sha256 ${hash}; first: ${clip(lines[0]!)}; last: ${clip(lines.at(-1)!)}`;
}

function clip(line: string): string {
  return line.length > EDGE_LINE ? `${line.slice(0, EDGE_LINE)}…` : line;
}

/** The fields `after` names whose value differs from `before`, shown as `showValue` shows them. */
export function diffFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, by: string): TaskChange[] {
  const out: TaskChange[] = [];
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    out.push({ field, from: showValue(from), to: showValue(to), by });
  }
  return out;
}

/**
 * Fold a new edit into the edits since the last start: a field keeps the value it had at the start
 * as `from`, takes the newest `to` and editor, and drops out when edited back. Null when nothing differs.
 */
export function foldEdit(prev: TaskEdit | null, changes: readonly TaskChange[], by: string, at: string): TaskEdit | null {
  if (changes.length === 0) return prev;
  const byField = new Map((prev?.changes ?? []).map((c) => [c.field, c]));
  for (const c of changes) {
    const from = byField.get(c.field)?.from ?? c.from;
    if (from === c.to) byField.delete(c.field);
    else byField.set(c.field, { ...c, from });
  }
  return byField.size ? { by, at, changes: [...byField.values()] } : null;
}
