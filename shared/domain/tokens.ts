import { z } from 'zod';
import { Timestamp } from './common';
import type { Permission } from './roles';

/**
 * What a plug-in's API token may do, each scope a set of existing permissions. No scope reaches `requests:decide`
 * (approving needs a person), `hosts:trust` (pinning a host key is a person's judgement), nor the admin permissions
 * (`users:admin`, `system:admin`, `processes:write`): a token must not be able to widen what tokens, users or
 * approvals allow.
 */
const scopeGrants = {
  read: ['read'],
  runs: ['runs:execute'],
  tasks: ['tasks:write'],
  'jobs-inject': ['jobs:external'],
  hosts: ['hosts:write'],
  groups: ['groups:write'],
} as const satisfies Record<string, readonly Permission[]>;

export type TokenScope = keyof typeof scopeGrants;
export const tokenScopes = Object.keys(scopeGrants) as TokenScope[];
export const TokenScope = z.enum(tokenScopes as [TokenScope, ...TokenScope[]], { error: `scope must be one of ${tokenScopes.join(', ')}` });

/** Permissions the scopes stand for (before the owner's roles narrow them). */
export function scopePermissions(scopes: readonly TokenScope[]): ReadonlySet<Permission> {
  return new Set(scopes.flatMap((s) => scopeGrants[s]));
}

/** The scope that grants `permission`, or undefined when no token can ever hold it. */
export function scopeFor(permission: Permission): TokenScope | undefined {
  return tokenScopes.find((s) => (scopeGrants[s] as readonly Permission[]).includes(permission));
}

export const TOKEN_MAX_DAYS = 366;

export const TokenCreate = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(64, 'name must be at most 64 characters').regex(/^[A-Za-z0-9._ -]+$/, 'name may hold letters, digits, spaces, ".", "_" and "-"'),
  scopes: z.array(TokenScope).min(1, 'scopes must name at least one scope').max(tokenScopes.length).refine((s) => new Set(s).size === s.length, 'scopes must not repeat'),
  /** The user the token acts as; default: the admin creating it. */
  owner: z.string().trim().min(1).max(64).optional(),
  /** Days until it expires (1 to 366): every token expires. */
  expires_in_days: z.coerce.number().int('expires_in_days must be a whole number').min(1, 'expires_in_days must be at least 1').max(TOKEN_MAX_DAYS, `expires_in_days must be at most ${TOKEN_MAX_DAYS}`),
});
export type TokenCreate = z.infer<typeof TokenCreate>;

/** A token as listed: never its secret, nor the secret's hash. */
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(TokenScope),
  owner: z.string(),
  created_by: z.string(),
  created_at: Timestamp,
  expires_at: Timestamp,
  last_used_at: Timestamp.nullable(),
  revoked_at: Timestamp.nullable(),
  revoked_by: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

/** The answer to create: the only time the secret is shown. */
export const ApiTokenCreated = z.object({ token: ApiToken, secret: z.string().describe('`<id>.<secret>`: shown once, store it now') });

export const TokenIdParam = z.object({ id: z.string().regex(/^tok_[0-9a-f]{16}$/, 'id must look like tok_ followed by 16 hex digits') });

/** Where the security level comes from: the environment pins it, otherwise the stored setting. */
export const SecurityLevel = z.object({
  level: z.union([z.literal(0), z.literal(1)]),
  source: z.enum(['environment', 'setting']),
});
export const SecurityLevelSet = z.object({ level: z.coerce.number().pipe(z.union([z.literal(0), z.literal(1)], { error: 'level must be 0 or 1' })) });
