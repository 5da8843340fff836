import { instanceStatusNames, type InstanceStatusCode } from '../../../shared/domain/instances';
import type { InstanceListQuery } from '../../stores/instances-store';

export const PAGE_SIZES = [20, 50, 100, 200] as const;
const DEFAULT_SIZE = 50;

const int = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
const iso = (v: string | undefined): string | undefined => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);
/** Text to look for, as the server takes it (1–200 characters after trimming). */
const text = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim().slice(0, 200) : undefined);

/** `#/instances?status=3&host=2&task=4&name=nightly&cmd=pg_dump&run=ab12&from=…&to=…&page=2&size=50` → what the list asks for. Bad values are ignored. */
export function parseInstanceQuery(q: Readonly<Record<string, string>>): InstanceListQuery {
  const status = int(q.status);
  const size = int(q.size);
  return {
    ...(status !== undefined && status in instanceStatusNames ? { status: status as InstanceStatusCode } : {}),
    ...(int(q.host) ? { host_id: int(q.host) } : {}),
    ...(int(q.task) ? { task_id: int(q.task) } : {}),
    ...(text(q.name) ? { task: text(q.name) } : {}),
    ...(text(q.cmd) ? { command: text(q.cmd) } : {}),
    ...(q.run && /^[\w-]{1,64}$/.test(q.run) ? { run_id: q.run } : {}),
    ...(iso(q.from) ? { from: iso(q.from) } : {}),
    ...(iso(q.to) ? { to: iso(q.to) } : {}),
    page: Math.max(1, int(q.page) ?? 1),
    per_page: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_SIZE,
  };
}

/** The route for a list query; defaults are left out so plain `#/instances` stays plain. */
export function instancesHref(q: InstanceListQuery): string {
  const p = new URLSearchParams();
  if (q.status !== undefined) p.set('status', String(q.status));
  if (q.host_id !== undefined) p.set('host', String(q.host_id));
  if (q.task_id !== undefined) p.set('task', String(q.task_id));
  if (q.task) p.set('name', q.task);
  if (q.command) p.set('cmd', q.command);
  if (q.run_id) p.set('run', q.run_id);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  if (q.page > 1) p.set('page', String(q.page));
  if (q.per_page !== DEFAULT_SIZE) p.set('size', String(q.per_page));
  const s = p.toString();
  return s ? `/instances?${s}` : '/instances';
}

/** Whether anything narrows the list (for the empty state). */
export function isFiltered(q: InstanceListQuery): boolean {
  return q.status !== undefined || q.host_id !== undefined || q.task_id !== undefined || Boolean(q.run_id || q.from || q.to || q.task || q.command);
}

/** A stable key of a query, for effects. */
export function queryKey(q: InstanceListQuery): string {
  return instancesHref(q);
}
