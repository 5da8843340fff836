import { z } from 'zod';

export const builtInRoles = ['admin', 'dba', 'developer', 'viewer'] as const;
export type BuiltInRole = (typeof builtInRoles)[number];

/** A role name: built-in or custom (custom roles are used by approval nodes). */
export const RoleName = z
  .string()
  .trim()
  .min(1, 'role must not be empty')
  .max(64, 'role must be at most 64 characters')
  .regex(/^[a-z][a-z0-9_-]*$/, 'role must be lower-case letters, digits, "_" or "-", starting with a letter');

export const permissions = [
  'read',
  'hosts:write',
  'hosts:trust',
  'groups:write',
  'runs:execute',
  'tasks:write',
  'processes:write',
  'requests:decide',
  'users:admin',
  'system:admin',
  /** Inject and end external jobs and steps (plug-ins). */
  'jobs:external',
  /** Notification channels and rules for every task (alerts15). */
  'alerts:write',
] as const;
export type Permission = (typeof permissions)[number];

/** A custom role with permissions of its own, assignable to a plug-in's user (oVirt's external-tasks role). */
export const pluginRole = 'plugin';

/** A role an approval node may name: any but plugin (a plug-in reports work; it never decides requests). */
export const ApproverRole = RoleName.refine((r) => r !== pluginRole, { error: `the ${pluginRole} role cannot approve requests; name a role people hold` });

// A Map, not an object: a custom role may be named `constructor` or `__proto__`, and an object lookup would find
// Object.prototype's members under those names.
const grants: ReadonlyMap<string, readonly Permission[]> = new Map<BuiltInRole | typeof pluginRole, readonly Permission[]>([
  ['admin', permissions],
  ['dba', ['read', 'hosts:write', 'hosts:trust', 'groups:write', 'runs:execute', 'tasks:write', 'requests:decide', 'alerts:write']],
  ['developer', ['read', 'runs:execute', 'tasks:write']],
  ['viewer', ['read']],
  // A plug-in reports its work and may start runs inside it; it never decides requests.
  [pluginRole, ['read', 'jobs:external', 'runs:execute']],
]);

/** Permissions held by a set of roles; unknown (custom) roles grant only what built-in ones do not. */
export function permissionsOf(roles: readonly string[]): ReadonlySet<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) {
    for (const p of grants.get(role) ?? []) out.add(p);
  }
  return out;
}

/** Roles above ownership and host grants: they run on any host, manage every task and cancel every run. */
const overseerRoles: readonly string[] = ['admin', 'dba'] satisfies readonly BuiltInRole[];

/** An admin or a DBA: the one rule for who acts beyond what they own or were granted. */
export function oversees(roles: readonly string[]): boolean {
  return roles.some((r) => overseerRoles.includes(r));
}

/** May run on any host without a granted permission. */
export const runsAnywhere = oversees;

/**
 * Gets its run permissions from an admin directly: a plug-in (it writes no tasks, so it cannot
 * apply; its runs go only where an admin let it). People apply, and someone else approves.
 */
export function grantedDirectly(roles: readonly string[]): boolean {
  return roles.includes(pluginRole);
}
