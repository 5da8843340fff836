import type { Clock } from '../clock';
import * as machine from '../domain/change-request';
import { HashVersion, portableContent, portableContentHash } from '../domain/portable-content';
import { contentHash } from '../domain/process-matching';
import type { HostRow } from '../store/hosts-repo';
import { machineOf } from '../store/requests-repo';
import type { TaskRow } from '../store/tasks-repo';
import type { Store } from '../store/store';
import { hostsOfTask } from './targets';

/** A target as the hash needs it: v1 reads its id and client command, v2 its name, address, pinned key and client command. */
export type HashedHost = Pick<HostRow, 'id' | 'name' | 'host' | 'host_key_pinned' | 'client_command'>;
type HashedTask = Pick<TaskRow, 'type' | 'command' | 'script' | 'client_command'>;

/**
 * The content a request approves: what will execute and where (with the hosts' own client commands
 * when the task has none), in the form the request was bound with. v1 names hosts by local id; v2 is portable.
 */
export function taskContentHash(version: number, t: HashedTask, hosts: readonly HashedHost[]): string {
  if (version === HashVersion.portable) return portableContentHash(portableContent(t, hosts));
  const hostCommands = t.type === 'database_change' ? Object.fromEntries(hosts.map((h) => [h.id, h.client_command])) : {};
  return contentHash({ type: t.type, command: t.command, script: t.script, client_command: t.client_command, targets: hosts.map((h) => h.id), host_client_commands: hostCommands });
}

/**
 * Whether a task may run now under its change request. Asked by the scheduler before every slot
 * and retry, and by the tasks service before "Run now"; it reads the store only, so both can be
 * given it without depending on each other.
 */
export class ApprovalGate {
  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** A reason the task may not run now, or null when it may. */
  check(task: TaskRow, hosts: readonly HostRow[] = hostsOfTask(this.store, task.id)): string | null {
    if (!task.approval_request_id) return null;
    const row = this.store.requests.get(task.approval_request_id);
    if (!row) return 'its change request is gone';
    const m = machine.expire(machineOf(row), this.clock.now());
    if (m.state !== 'EXECUTING') return `its change request #${row.id} is ${m.state}`;
    if (row.content_hash !== taskContentHash(row.hash_version, task, hosts)) return `the task no longer matches what request #${row.id} approved`;
    return null;
  }
}
