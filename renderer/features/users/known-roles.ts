import { useEffect, useMemo } from 'react';
import { builtInRoles } from '../../../shared/domain/roles';
import type { Process } from '../../../shared/domain/processes';
import type { User } from '../../../shared/domain/users';
import { processesStore, useProcesses } from '../../stores/processes-store';
import { usersStore, useUsers } from '../../stores/users-store';

/** Built-in roles first, then every custom role users hold or approval nodes ask for, sorted. */
export function collectRoles(users: readonly Pick<User, 'roles'>[], processes: readonly Pick<Process, 'risk_levels'>[], extra: readonly string[] = []): string[] {
  const builtIn = new Set<string>(builtInRoles);
  const custom = new Set<string>();
  const add = (r: string): void => {
    if (r && !builtIn.has(r)) custom.add(r);
  };
  users.forEach((u) => u.roles.forEach(add));
  processes.forEach((p) => p.risk_levels.forEach((l) => l.approval_nodes.forEach((n) => add(n.role))));
  extra.forEach(add);
  return [...builtInRoles, ...[...custom].sort()];
}

/** Roles to offer in pickers (built-in and custom); loads users and processes when nobody has yet. */
export function useKnownRoles(extra: readonly string[] = []): string[] {
  const users = useUsers((s) => s.users);
  const processes = useProcesses((s) => s.processes);
  useEffect(() => {
    if (!usersStore.getState().loaded) void usersStore.getState().load();
    if (!processesStore.getState().loaded) void processesStore.getState().load();
  }, []);
  // `extra` is often a fresh array; its contents are what count.
  const key = extra.join(',');
  return useMemo(() => collectRoles(users, processes, key ? key.split(',') : []), [users, processes, key]);
}

/** Tag colour of a role: built-in roles have their own, custom roles share one. */
export function roleColor(role: string): string {
  switch (role) {
    case 'admin':
      return 'red';
    case 'dba':
      return 'blue';
    case 'developer':
      return 'green';
    case 'viewer':
      return 'default';
    default:
      return 'purple';
  }
}
