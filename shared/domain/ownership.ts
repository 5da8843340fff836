/**
 * Who may act on what they do not own. One rule for the core (which enforces it) and the renderer
 * (which disables buttons with it): a developer manages only their own tasks and cancels only the
 * runs they started; admins and DBAs manage any.
 */
import { oversees } from './roles';

interface Actor { readonly user_name: string; readonly roles: readonly string[] }

/** Manages every task and cancels every run, whoever owns or started it. */
export function managesAny(user: Actor): boolean {
  return oversees(user.roles);
}

/** Edit, start, stop, run now, delete: the task's owner, or an admin or DBA. */
export function canManageTask(user: Actor, task: { readonly owner: string }): boolean {
  return managesAny(user) || sameUser(user.user_name, task.owner);
}

/** Cancel a run: whoever it runs on the authority of (who started it), or an admin or DBA. */
export function canCancelRun(user: Actor, instance: { readonly created_by: string }): boolean {
  return managesAny(user) || sameUser(user.user_name, instance.created_by);
}

/** Why `user` may not manage the task, naming its owner; null when they may. */
export function taskRefusal(user: Actor, task: { readonly name: string; readonly owner: string }, verb: string): string | null {
  if (canManageTask(user, task)) return null;
  return `task ${task.name} belongs to ${task.owner}: only its owner, an admin or a DBA may ${verb} it`;
}

/** Cancel or execute a change request: its requester, or an admin (a DBA decides requests, it does not act for their requester). */
export function actsForRequester(user: Actor, request: { readonly requester: string }): boolean {
  return user.roles.includes('admin') || sameUser(user.user_name, request.requester);
}

/** User names are case-insensitive (the users table collates them NOCASE): `Admin` is `admin`. */
export function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
