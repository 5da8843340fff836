import type { ApiToken } from '../../../shared/domain/tokens';

export type TokenStatus = { readonly kind: 'active' } | { readonly kind: 'expired' } | { readonly kind: 'revoked'; readonly by: string | null };

/** Revoked wins over expired: it says who ended it (null: not recorded). */
export function tokenStatus(t: ApiToken, now: number): TokenStatus {
  if (t.revoked_at) return { kind: 'revoked', by: t.revoked_by };
  if (Date.parse(t.expires_at) <= now) return { kind: 'expired' };
  return { kind: 'active' };
}

/** Active tokens first (soonest to expire first), then the ended ones, newest first. */
export function sortedTokens(tokens: readonly ApiToken[], now: number): ApiToken[] {
  const active = (t: ApiToken): boolean => tokenStatus(t, now).kind === 'active';
  return [...tokens].sort((a, b) => {
    if (active(a) !== active(b)) return active(a) ? -1 : 1;
    return active(a) ? a.expires_at.localeCompare(b.expires_at) : b.created_at.localeCompare(a.created_at);
  });
}

/** Choices for the expiry, in days; every token expires. */
export const expiryChoices = [7, 30, 90, 180, 366] as const;
