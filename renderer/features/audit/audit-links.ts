import type { AuditEntry } from '../../../shared/domain/audit';

/** The page of what an entry is about, when there still is one: a request, host, task, group, instance, run or review. */
export function auditTargetHref(e: Pick<AuditEntry, 'action' | 'target_type' | 'target_id' | 'target_name'>): string | null {
  if (!e.target_id || e.action.endsWith('.deleted')) return null;
  const id = encodeURIComponent(e.target_id);
  const numeric = /^\d+$/.test(e.target_id);
  switch (e.target_type) {
    case 'request':
      return numeric ? `/approvals/${id}` : null;
    case 'host':
      return numeric ? `/hosts/${id}` : null;
    case 'group':
      return numeric ? `/groups/${id}` : null;
    case 'task':
      // Tasks are addressed by name; instances by the task's id, which outlives a rename.
      return numeric ? `/instances?task=${id}` : null;
    case 'instance':
      return /^\d{1,20}$/.test(e.target_id) ? `/instances/${id}` : null;
    case 'run':
      return `/instances?run=${id}`;
    case 'review':
      return numeric ? `/reviews/${id}` : null;
    default:
      return null;
  }
}
