import type { Grant } from '../../../shared/domain/grants';

export type GrantStatus = { readonly kind: 'active' } | { readonly kind: 'expired' } | { readonly kind: 'revoked'; readonly by: string };

/** Active until it expires (checked against `now`, so a page left open stays right), or ended early by someone. */
export function grantStatus(g: Grant, now: number): GrantStatus {
  if (g.revoked_by) return { kind: 'revoked', by: g.revoked_by };
  if (g.active && Date.parse(g.expires_at) > now) return { kind: 'active' };
  return { kind: 'expired' };
}

export type GrantsShown = 'active' | 'all';

export function shownGrants(grants: readonly Grant[], shown: GrantsShown, now: number): readonly Grant[] {
  return shown === 'all' ? grants : grants.filter((g) => grantStatus(g, now).kind === 'active');
}
