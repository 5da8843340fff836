import { AppError } from '../../../shared/api/errors';
import { type FoldedCounts, isFinished, type JobState, type StepType, toOvirtStatus } from '../../../shared/domain/jobs';

/** What a rule needs to know of a node: small, so tables of cases stay readable. */
export interface NodeFacts {
  readonly id: string;
  readonly description: string;
  readonly state: JobState;
}

/** A finished node never changes; created may start or end, running may only end. */
export function checkTransition(node: NodeFacts, to: JobState): void {
  if (isFinished(node.state)) {
    throw new AppError('conflict', `${label(node)} already ended ${toOvirtStatus(node.state)}; a finished job or step never changes`);
  }
  if (to === 'created' || (to === node.state && to === 'running')) {
    throw new AppError('conflict', `${label(node)} is already ${toOvirtStatus(node.state)}`);
  }
}

/** A step can only be added under an unfinished job or step. */
export function checkAddChild(parent: NodeFacts): void {
  if (isFinished(parent.state)) {
    throw new AppError('conflict', `${label(parent)} already ended ${toOvirtStatus(parent.state)}; a step cannot be added under a finished job or step`);
  }
}

/**
 * Ending a node that still has unfinished descendants: refused naming them (at most 10), or with
 * `force` they end aborted first, deepest first (the order returned), so each folds before its parent ends.
 */
export function planEnd(node: NodeFacts, unfinishedBfs: readonly NodeFacts[], force: boolean): readonly NodeFacts[] {
  if (unfinishedBfs.length === 0) return [];
  if (!force) {
    const names = unfinishedBfs.slice(0, 10).map(label).join(', ');
    const more = unfinishedBfs.length > 10 ? ` and ${unfinishedBfs.length - 10} more` : '';
    throw new AppError('conflict', `${label(node)} has unfinished steps: ${names}${more}; end them first, or end with force=true to abort them`, {
      unfinished: unfinishedBfs.map((n) => n.id),
    });
  }
  return [...unfinishedBfs].reverse();
}

/** Whether a state is a failure for folding: anything that ended other than done. */
export function isFailure(state: JobState): boolean {
  return isFinished(state) && state !== 'done';
}

/**
 * Scylla's folding: a finished non-root node is unregistered into its parent. Its details are
 * dropped unless it or a descendant failed; a root is never folded (it waits for its TTL). A
 * FINALIZING step is kept too: its description is the summary of the work (exit codes, log totals),
 * which is done only once it ends and would otherwise be dropped as it is written.
 */
export function foldDecision(node: {
  readonly parent_id: string | null;
  readonly state: JobState;
  readonly has_failure: boolean;
  readonly step_type?: StepType | null;
}): 'none' | 'drop' | 'keep' {
  if (node.parent_id === null || !isFinished(node.state)) return 'none';
  return node.state === 'done' && !node.has_failure && node.step_type !== 'FINALIZING' ? 'drop' : 'keep';
}

/** The parent's folded counts once a child that ended in `state` folds into it. */
export function foldInto(counts: FoldedCounts, state: JobState): FoldedCounts {
  if (!isFinished(state)) return counts;
  const key = state as keyof FoldedCounts;
  return { ...counts, [key]: counts[key] + 1 };
}

export interface Ttls {
  readonly ttlSeconds: number;
  readonly userTtlSeconds: number;
}

/** Roots that ended at or before these times have expired: one for user-started roots, one for the rest. */
export function expiryCutoffs(nowMs: number, ttls: Ttls): { readonly taskEndedBy: number; readonly userEndedBy: number } {
  return { taskEndedBy: nowMs - ttls.ttlSeconds * 1000, userEndedBy: nowMs - ttls.userTtlSeconds * 1000 };
}

/**
 * Whether a root is due for removal: finished, auto-cleared (an external job with auto_cleared
 * false waits for `clear`), and its TTL (user TTL when a user started it) has passed since it ended.
 */
export function isExpired(
  root: { readonly parent_id: string | null; readonly state: JobState; readonly ended_ms: number | null; readonly auto_cleared: boolean; readonly user_started: boolean },
  nowMs: number,
  ttls: Ttls,
): boolean {
  if (root.parent_id !== null || !isFinished(root.state) || root.ended_ms === null || !root.auto_cleared) return false;
  const c = expiryCutoffs(nowMs, ttls);
  return root.ended_ms <= (root.user_started ? c.userEndedBy : c.taskEndedBy);
}

/** Breadth-first order of a subtree from its parent links (children in `number` order as given). */
export function bfs<T extends { readonly id: string; readonly parent_id: string | null }>(rootId: string, nodes: readonly T[]): T[] {
  const byParent = new Map<string, T[]>();
  let start: T | undefined;
  for (const n of nodes) {
    if (n.id === rootId) start = n;
    if (n.parent_id !== null) {
      const list = byParent.get(n.parent_id);
      if (list) list.push(n);
      else byParent.set(n.parent_id, [n]);
    }
  }
  if (!start) return [];
  const out: T[] = [start];
  for (let i = 0; i < out.length; i++) out.push(...(byParent.get(out[i]!.id) ?? []));
  return out;
}

function label(n: NodeFacts): string {
  return `"${n.description}" (${n.id})`;
}

/** The nodes above `node` among `nodes`, nearest first (at most 64: a tree is never deeper). */
export function ancestors<T extends { readonly id: string; readonly parent_id: string | null }>(node: T, nodes: readonly T[]): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: T[] = [];
  for (let p = node.parent_id === null ? undefined : byId.get(node.parent_id); p && out.length < 64; p = p.parent_id === null ? undefined : byId.get(p.parent_id)) out.push(p);
  return out;
}
