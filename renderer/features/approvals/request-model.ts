import type { RequestState } from '../../../shared/domain/processes';
import { decisionRefusal } from '../../../shared/domain/approver-rule';
import type { ChangeRequestView } from '../../../shared/domain/requests';
import { t } from '../../i18n/i18n';

/** Who is looking: the signed-in user's name and roles. */
export interface Viewer {
  readonly user_name: string;
  readonly roles: readonly string[];
}

/** A state's antd Tag colour; its words and meaning are in the status messages (`statusWord('request', …)`). */
export interface StateLook {
  readonly color: string;
}

export const stateLook: Readonly<Record<RequestState, StateLook>> = {
  APPROVING: { color: 'processing' },
  REJECTED: { color: 'error' },
  APPROVAL_EXPIRED: { color: 'orange' },
  WAIT_FOR_EXECUTION: { color: 'cyan' },
  WAIT_FOR_EXECUTION_EXPIRED: { color: 'orange' },
  EXECUTING: { color: 'blue' },
  EXECUTION_SUCCEEDED: { color: 'success' },
  EXECUTION_FAILED: { color: 'error' },
  EXECUTION_EXPIRED: { color: 'orange' },
  CANCELLED: { color: 'default' },
  PRE_CHECK_FAILED: { color: 'magenta' },
};

const terminal = new Set<RequestState>(['REJECTED', 'APPROVAL_EXPIRED', 'WAIT_FOR_EXECUTION_EXPIRED', 'EXECUTION_SUCCEEDED', 'EXECUTION_FAILED', 'EXECUTION_EXPIRED', 'CANCELLED', 'PRE_CHECK_FAILED']);

export function isTerminal(state: RequestState): boolean {
  return terminal.has(state);
}

/**
 * Why `me` cannot decide the current node, as a sentence to show instead of the buttons; null when
 * they can, or when nothing waits for a decision.
 */
export function whyCannotDecide(r: Pick<ChangeRequestView, 'state' | 'can_approve' | 'requester' | 'nodes' | 'current_node'>, me: Viewer | null): string | null {
  if (r.state !== 'APPROVING' || r.can_approve) return null;
  if (!me) return t('approvals.why.signIn');
  const refusal = decisionRefusal(r, me);
  const which = r.nodes.length > 1 ? t('approvals.why.node', { n: r.current_node + 1 }) : t('approvals.why.it');
  switch (refusal?.code) {
    case 'own_request':
      return t('approvals.why.own');
    case 'no_node':
      return t('approvals.why.noNode');
    case 'role':
      return t('approvals.why.role', { which, role: refusal.role, roles: me.roles.join(', ') || t('approvals.why.noRoles') });
    case 'four_eyes':
      return t('approvals.why.fourEyes', { earlier: refusal.earlier + 1, node: refusal.node + 1, role: refusal.role });
    default:
      return t('approvals.why.cannot');
  }
}

const isRequesterOrAdmin = (r: Pick<ChangeRequestView, 'requester'>, me: Viewer | null): boolean => Boolean(me && (me.user_name === r.requester || me.roles.includes('admin')));

/** The requester or an admin may cancel while it waits for approval or execution. */
export function canCancel(r: Pick<ChangeRequestView, 'state' | 'requester'>, me: Viewer | null): boolean {
  return (r.state === 'APPROVING' || r.state === 'WAIT_FOR_EXECUTION') && isRequesterOrAdmin(r, me);
}

/** A manual request is started by its requester (or an admin) once approved, within the waiting period. */
export function canExecute(r: Pick<ChangeRequestView, 'state' | 'requester' | 'strategy'>, me: Viewer | null): boolean {
  return r.state === 'WAIT_FOR_EXECUTION' && r.strategy.kind === 'manual' && isRequesterOrAdmin(r, me);
}

/** The deadline that matters now, if any. */
export function currentDeadline(r: Pick<ChangeRequestView, 'state' | 'approval_deadline' | 'wait_deadline' | 'execution_deadline'>): { label: string; at: string } | null {
  switch (r.state) {
    case 'APPROVING':
      return { label: t('approvals.deadline.approve'), at: r.approval_deadline };
    case 'WAIT_FOR_EXECUTION':
      if (r.wait_deadline) return { label: t('approvals.deadline.start'), at: r.wait_deadline };
      return r.execution_deadline ? { label: t('approvals.deadline.run'), at: r.execution_deadline } : null;
    case 'EXECUTING':
      return r.execution_deadline ? { label: t('approvals.deadline.finish'), at: r.execution_deadline } : null;
    default:
      return null;
  }
}

/** One deadline row of a request's summary; `active` while it still counts down. */
export interface DeadlineRow {
  readonly key: 'approve' | 'start' | 'finish';
  readonly at: string | null;
  readonly active: boolean;
  /** What an empty deadline means, as a message key (`approvals.detail.…`). */
  readonly emptyKey?: 'scheduled' | 'afterApproval' | 'onceStarts';
}

/**
 * The deadlines a request's summary shows: none once it has finished (executed, rejected, cancelled, expired, failed
 * its pre-check); a deadline nobody can miss any more is noise, and a countdown on a finished request misleads.
 */
export function deadlineRows(r: Pick<ChangeRequestView, 'state' | 'approval_deadline' | 'wait_deadline' | 'execution_deadline' | 'strategy'>): DeadlineRow[] {
  if (isTerminal(r.state)) return [];
  return [
    { key: 'approve', at: r.approval_deadline, active: r.state === 'APPROVING' },
    { key: 'start', at: r.wait_deadline, active: r.state === 'WAIT_FOR_EXECUTION', emptyKey: r.strategy.kind === 'at' ? 'scheduled' : 'afterApproval' },
    { key: 'finish', at: r.execution_deadline, active: r.state !== 'APPROVING', emptyKey: 'onceStarts' },
  ];
}

/** "Node 1 of 2 · dba", or null once no node waits. */
export function currentNodeText(r: Pick<ChangeRequestView, 'state' | 'nodes' | 'current_node'>): string | null {
  const node = r.nodes[r.current_node];
  if (r.state !== 'APPROVING' || !node) return null;
  return t('approvals.nodeOf', { n: r.current_node + 1, of: r.nodes.length, role: node.role });
}

/** Whether a deadline is less than an hour away (or past). */
export function isUrgent(at: string, now: number): boolean {
  return Date.parse(at) - now < 3_600_000;
}
