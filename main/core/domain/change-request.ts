import { AppError } from '../../../shared/api/errors';
import { decisionRefusal, decisionRefusalMessage } from '../../../shared/domain/approver-rule';
import { actsForRequester } from '../../../shared/domain/ownership';
import type { ApprovalNode, ExecutionStrategy, RequestNode, RequestState, Validity } from '../../../shared/domain/processes';

/** A change request as the state machine sees it. Times are ISO 8601 strings; `now` is passed in. */
export interface ChangeRequest {
  readonly state: RequestState;
  readonly requester: string;
  readonly nodes: readonly RequestNode[];
  /** Index of the node awaiting a decision; `nodes.length` once every node has approved. */
  readonly current_node: number;
  readonly strategy: ExecutionStrategy;
  /** Copied from the process when the request opens, so editing the process never moves a deadline. */
  readonly validity: Validity;
  readonly approval_deadline: string;
  readonly wait_deadline: string | null;
  readonly execution_deadline: string | null;
  /** When an approved request starts by itself (auto: at approval; at: its time); null for manual. */
  readonly execute_at: string | null;
  /** Why the request ended where it did, for the user; null while it is moving or when it succeeded. */
  readonly reason: string | null;
}

/** Who is acting. */
export interface Actor {
  readonly user_name: string;
  readonly roles: readonly string[];
}

const HOUR_MS = 3_600_000;
const plusHours = (t: Date, hours: number): string => new Date(t.getTime() + hours * HOUR_MS).toISOString();
const isPast = (now: Date, deadline: string | null): boolean => deadline !== null && now.getTime() > Date.parse(deadline);

const terminalStates: ReadonlySet<RequestState> = new Set<RequestState>([
  'REJECTED',
  'APPROVAL_EXPIRED',
  'WAIT_FOR_EXECUTION_EXPIRED',
  'EXECUTION_SUCCEEDED',
  'EXECUTION_FAILED',
  'EXECUTION_EXPIRED',
  'CANCELLED',
  'PRE_CHECK_FAILED',
]);

export function isTerminal(state: RequestState): boolean {
  return terminalStates.has(state);
}

/** A new request awaiting its first approval node. */
export function openRequest(
  o: { requester: string; approval_nodes: readonly ApprovalNode[]; validity: Validity; strategy: ExecutionStrategy },
  now: Date,
): ChangeRequest {
  if (o.approval_nodes.length === 0) throw new AppError('validation', 'a request needs at least one approval node');
  if (o.strategy.kind === 'at' && Date.parse(o.strategy.at) <= now.getTime()) {
    throw new AppError('validation', `strategy.at must be in the future; it is ${o.strategy.at}`);
  }
  return {
    state: 'APPROVING',
    requester: o.requester,
    nodes: o.approval_nodes.map((n) => ({ role: n.role, approver: null, decision: 'pending', comment: null, decided_at: null })),
    current_node: 0,
    strategy: o.strategy,
    validity: o.validity,
    approval_deadline: plusHours(now, o.validity.approval_hours),
    wait_deadline: null,
    execution_deadline: null,
    execute_at: null,
    reason: null,
  };
}

/**
 * The expiry that applies at `now`, or `req` itself when none does. For a scheduled request the
 * approval opens a window up to `execution_deadline`; a start that has not happened by then, or a
 * run still going, expires (the caller aborts the run).
 */
export function expire(req: ChangeRequest, now: Date): ChangeRequest {
  const to = (state: RequestState, reason: string): ChangeRequest => ({ ...req, state, reason });
  switch (req.state) {
    case 'APPROVING':
      return isPast(now, req.approval_deadline) ? to('APPROVAL_EXPIRED', `approval was not finished by ${req.approval_deadline}`) : req;
    case 'WAIT_FOR_EXECUTION':
      if (isPast(now, req.execution_deadline)) return to('EXECUTION_EXPIRED', `the scheduled run did not start by ${req.execution_deadline}`);
      return isPast(now, req.wait_deadline) ? to('WAIT_FOR_EXECUTION_EXPIRED', `the approved request was not started by ${req.wait_deadline}`) : req;
    case 'EXECUTING':
      return isPast(now, req.execution_deadline) ? to('EXECUTION_EXPIRED', `the run did not finish by ${req.execution_deadline}`) : req;
    default:
      return req;
  }
}

/** Throws unless `actor` may act for the request's requester (cancel it, execute it by hand). */
export function requireRequesterOrAdmin(req: { readonly requester: string }, actor: Actor, verb: 'cancel' | 'execute'): void {
  if (!actsForRequester(actor, req)) throw new AppError('forbidden', `only the requester or an admin can ${verb} this request`);
}

function requireState(req: ChangeRequest, allowed: readonly RequestState[], action: string): void {
  if (!allowed.includes(req.state)) throw new AppError('conflict', `cannot ${action} a request that is ${req.state}`, { state: req.state });
}

/** Throws unless `actor` may decide the current node (the shared rule: not the requester, the node's role, four eyes). */
function requireApprover(req: ChangeRequest, actor: Actor, verb: 'approve' | 'reject'): void {
  const refusal = decisionRefusal(req, actor, verb);
  if (!refusal) return;
  const message = decisionRefusalMessage(refusal, verb);
  if (refusal.code === 'no_node') throw new AppError('internal', message);
  if (refusal.code === 'not_waiting') throw new AppError('conflict', message, { state: req.state });
  throw new AppError('forbidden', message, refusal.code === 'role' ? { role: refusal.role } : undefined);
}

function decide(req: ChangeRequest, actor: Actor, decision: 'approved' | 'rejected', comment: string | null, now: Date): RequestNode[] {
  return req.nodes.map((n, i) =>
    i === req.current_node ? { ...n, approver: actor.user_name, decision, comment: comment?.trim() || null, decided_at: now.toISOString() } : n,
  );
}

/**
 * Approve the current node. After the last node the request waits for execution: manual waits for
 * its requester until `wait_deadline`; auto is due at once (`execute_at` = now); at is due at its
 * time, within an execution window of `execution_hours` from now. An expired request comes back
 * expired instead, for the caller to persist.
 */
export function approve(req: ChangeRequest, actor: Actor, comment: string | null, now: Date): ChangeRequest {
  requireState(req, ['APPROVING'], 'approve');
  const expired = expire(req, now);
  if (expired !== req) return expired;
  requireApprover(req, actor, 'approve');
  const nodes = decide(req, actor, 'approved', comment, now);
  const current_node = req.current_node + 1;
  if (current_node < nodes.length) return { ...req, nodes, current_node };
  const s = req.strategy;
  const { wait_hours, execution_hours } = req.validity;
  return {
    ...req,
    nodes,
    current_node,
    state: 'WAIT_FOR_EXECUTION',
    wait_deadline: s.kind === 'at' ? null : plusHours(now, wait_hours),
    execution_deadline: s.kind === 'at' ? plusHours(now, execution_hours) : null,
    execute_at: s.kind === 'auto' ? now.toISOString() : s.kind === 'at' ? s.at : null,
  };
}

/** Reject the current node, which ends the request. */
export function reject(req: ChangeRequest, actor: Actor, comment: string | null, now: Date): ChangeRequest {
  requireState(req, ['APPROVING'], 'reject');
  const expired = expire(req, now);
  if (expired !== req) return expired;
  requireApprover(req, actor, 'reject');
  const reason = `rejected by ${actor.user_name} at approval node ${req.current_node + 1}${comment?.trim() ? `: ${comment.trim()}` : ''}`;
  return { ...req, nodes: decide(req, actor, 'rejected', comment, now), state: 'REJECTED', reason };
}

/** Cancel by the requester or an admin, while approving or waiting; a running request is stopped, not cancelled. */
export function cancel(req: ChangeRequest, actor: Actor, now: Date): ChangeRequest {
  if (req.state === 'EXECUTING') throw new AppError('conflict', 'the request is EXECUTING; stop the run instead of cancelling', { state: req.state });
  requireState(req, ['APPROVING', 'WAIT_FOR_EXECUTION'], 'cancel');
  const expired = expire(req, now);
  if (expired !== req) return expired;
  requireRequesterOrAdmin(req, actor, 'cancel');
  return { ...req, state: 'CANCELLED', reason: `cancelled by ${actor.user_name}` };
}

/**
 * Start an approved request. The content hash taken now must equal the one approved, or the
 * request fails its pre-check; a scheduled request cannot start before its time.
 */
export function startExecution(req: ChangeRequest, now: Date, contentHashNow: string, contentHashApproved: string): ChangeRequest {
  requireState(req, ['WAIT_FOR_EXECUTION'], 'start');
  const expired = expire(req, now);
  if (expired !== req) return expired;
  if (req.strategy.kind === 'at' && req.execute_at !== null && now.getTime() < Date.parse(req.execute_at)) {
    throw new AppError('conflict', `the request is scheduled for ${req.execute_at} and starts by itself then`);
  }
  if (contentHashNow !== contentHashApproved) {
    return { ...req, state: 'PRE_CHECK_FAILED', reason: 'the task changed after approval; submit it again for approval' };
  }
  const execution_deadline = req.strategy.kind === 'at' ? req.execution_deadline : plusHours(now, req.validity.execution_hours);
  return { ...req, state: 'EXECUTING', execution_deadline };
}

export function finishExecution(req: ChangeRequest, ok: boolean): ChangeRequest {
  requireState(req, ['EXECUTING'], ok ? 'finish' : 'fail');
  return { ...req, state: ok ? 'EXECUTION_SUCCEEDED' : 'EXECUTION_FAILED' };
}

/** Whether a waiting request should start by itself now (auto, or at its scheduled time). */
export function isDue(req: ChangeRequest, now: Date): boolean {
  return req.state === 'WAIT_FOR_EXECUTION' && req.execute_at !== null && now.getTime() >= Date.parse(req.execute_at) && expire(req, now) === req;
}
