import type { Instance } from '../../shared/domain/instances';

/** How long an instance ran, or has been running at `now`; null before it started. */
export function instanceElapsedMs(i: Pick<Instance, 'started_time' | 'created_time' | 'ended_time'>, now: number): number | null {
  const start = i.started_time ?? (i.ended_time ? i.created_time : null);
  if (!start) return null;
  const end = i.ended_time ? new Date(i.ended_time).getTime() : now;
  return Math.max(0, end - new Date(start).getTime());
}

export { formatBytes } from '../../shared/format-bytes';
