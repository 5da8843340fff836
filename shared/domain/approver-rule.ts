/**
 * Who may decide which approval node: the one rule the core enforces (local decisions and decision
 * bundles alike) and the renderer explains its disabled buttons with.
 */
import { sameUser } from './ownership';

export interface DecidingActor {
  readonly user_name: string;
  readonly roles: readonly string[];
}

export interface DecidableRequest {
  readonly state: string;
  readonly requester: string;
  readonly current_node: number;
  readonly nodes: readonly { readonly role: string; readonly approver: string | null; readonly decision: string }[];
}

/** Why a decision is refused; `node` is the 0-based node waiting, `earlier` the node this actor already approved. */
export type DecisionRefusal =
  | { readonly code: 'not_waiting'; readonly state: string }
  | { readonly code: 'own_request' }
  | { readonly code: 'no_node'; readonly node: number }
  | { readonly code: 'role'; readonly node: number; readonly of: number; readonly role: string; readonly has: readonly string[] }
  | { readonly code: 'four_eyes'; readonly node: number; readonly earlier: number; readonly role: string };

/**
 * Null when `actor` may approve (or reject) the node waiting now. Never the requester; the node's
 * role; and two nodes need two people, so an approver of an earlier node may not approve a later one.
 */
export function decisionRefusal(r: DecidableRequest, actor: DecidingActor, verb: 'approve' | 'reject' = 'approve'): DecisionRefusal | null {
  if (r.state !== 'APPROVING') return { code: 'not_waiting', state: r.state };
  if (sameUser(actor.user_name, r.requester)) return { code: 'own_request' };
  const node = r.nodes[r.current_node];
  if (!node) return { code: 'no_node', node: r.current_node };
  if (!actor.roles.includes(node.role)) return { code: 'role', node: r.current_node, of: r.nodes.length, role: node.role, has: actor.roles };
  if (verb === 'approve') {
    const earlier = r.nodes.findIndex((n) => n.decision === 'approved' && n.approver !== null && sameUser(n.approver, actor.user_name));
    if (earlier >= 0) return { code: 'four_eyes', node: r.current_node, earlier, role: node.role };
  }
  return null;
}

/** The refusal as the API says it. */
export function decisionRefusalMessage(f: DecisionRefusal, verb: 'approve' | 'reject' = 'approve'): string {
  switch (f.code) {
    case 'not_waiting':
      return `cannot ${verb} a request that is ${f.state}`;
    case 'own_request':
      return verb === 'approve' ? 'you cannot approve your own request' : 'you cannot reject your own request; cancel it instead';
    case 'no_node':
      return `request is APPROVING but has no node ${f.node + 1}`;
    case 'role':
      return `approval node ${f.node + 1} of ${f.of} needs the ${f.role} role; you have ${f.has.join(', ') || 'no roles'}`;
    case 'four_eyes':
      return `you already approved node ${f.earlier + 1} of this request; node ${f.node + 1} needs another ${f.role}`;
  }
}
