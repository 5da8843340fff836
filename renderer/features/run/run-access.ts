import type { Grant } from '../../../shared/domain/grants';
import { sameUser } from '../../../shared/domain/ownership';
import { mayRunOn } from '../../../shared/domain/run-safety';

/** Where a person applies for run permission on hosts (an apply_permission task). */
export const applyPermissionRoute = '/tasks/new?type=apply_permission';

type Actor = { readonly user_name: string; readonly roles: readonly string[] };

/** Hosts the user holds a lasting grant on (the grants listed may include other users' for an admin). */
export function grantedHostIds(grants: readonly Grant[], user: Actor): ReadonlySet<number> {
  return new Set(grants.filter((g) => g.active && sameUser(g.user_name, user.user_name)).map((g) => g.host_id));
}

/** Whether the user may run on the host, by the core's rule; a signed-out user may not. */
export function mayRunHere(user: Actor | null, granted: ReadonlySet<number>, hostId: number): boolean {
  return user !== null && mayRunOn(user.roles, granted, hostId);
}
