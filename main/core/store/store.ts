import { AuditRepo } from './audit-repo';
import { type Db, openDatabase } from './database';
import { GroupsRepo } from './groups-repo';
import { HostsRepo } from './hosts-repo';
import { InstancesRepo } from './instances-repo';
import { LogsRepo } from './logs-repo';
import { startCheckpointer } from './wal-checkpointer';
import { TasksRepo } from './tasks-repo';
import { DashboardRepo } from './dashboard-repo';
import { ProcessesRepo } from './processes-repo';
import { RequestsRepo } from './requests-repo';
import { GrantsRepo } from './grants-repo';
import { SettingsRepo } from './settings-repo';
import { UsersRepo } from './users-repo';

/** The store: one repository per aggregate over one database. */
export interface Store {
  readonly db: Db;
  readonly users: UsersRepo;
  readonly settings: SettingsRepo;
  readonly hosts: HostsRepo;
  readonly groups: GroupsRepo;
  readonly audit: AuditRepo;
  readonly instances: InstancesRepo;
  readonly logs: LogsRepo;
  readonly tasks: TasksRepo;
  readonly dashboard: DashboardRepo;
  readonly processes: ProcessesRepo;
  readonly requests: RequestsRepo;
  readonly grants: GrantsRepo;
  /** Run fn in one transaction (all or nothing), synced to disk before it returns (synchronous=FULL). */
  tx<T>(fn: () => T): T;
  /**
   * A transaction for log chunks and a run's end: WAL with synchronous=NORMAL. A power cut may lose
   * what came since the last checkpoint (the checkpointer syncs the WAL every 250 ms), never corrupt.
   */
  txLogs<T>(fn: () => T): T;
  close(): void;
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  const checkpointer = startCheckpointer(file);
  // Checkpoints run in the worker: on this thread they stall the event loop on the disk.
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  const durable = <T>(fn: () => T): T => {
    if (db.inTransaction) return db.transaction(fn)();
    db.pragma('synchronous = FULL');
    try {
      return db.transaction(fn).immediate();
    } finally {
      db.pragma('synchronous = NORMAL');
    }
  };
  return {
    db,
    users: new UsersRepo(db),
    settings: new SettingsRepo(db),
    hosts: new HostsRepo(db),
    groups: new GroupsRepo(db),
    audit: new AuditRepo(db),
    instances: new InstancesRepo(db),
    logs: new LogsRepo(db),
    tasks: new TasksRepo(db),
    dashboard: new DashboardRepo(db),
    processes: new ProcessesRepo(db),
    requests: new RequestsRepo(db),
    grants: new GrantsRepo(db),
    tx: durable,
    txLogs: <T>(fn: () => T): T => (db.inTransaction ? db.transaction(fn)() : db.transaction(fn).immediate()),
    close: () => {
      void checkpointer?.dispose();
      db.close();
    },
  };
}
