import type { Instance } from '../../shared/domain/instances';

/** "850 ms", "12 s", "4m 05s", "2h 03m", "3d 04h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  const pad = (v: number): string => String(v).padStart(2, '0');
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
}

/** How long an instance ran, or has been running at `now`; null before it started. */
export function instanceElapsedMs(i: Pick<Instance, 'started_time' | 'created_time' | 'ended_time'>, now: number): number | null {
  const start = i.started_time ?? (i.ended_time ? i.created_time : null);
  if (!start) return null;
  const end = i.ended_time ? new Date(i.ended_time).getTime() : now;
  return Math.max(0, end - new Date(start).getTime());
}

export { formatBytes } from '../../shared/format-bytes';
