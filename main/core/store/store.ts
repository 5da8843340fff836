import { AuditRepo } from './audit-repo';
import { SecretBox } from '../secrets/secret-box';
import fs from 'node:fs';
import { backupDatabase, type BackupProgress, type Db, openDatabase, StoreError } from './database';
import { SecretsRepo } from './secrets-repo';
import { StoreHealth } from './store-health';
import { GroupsRepo } from './groups-repo';
import { HostsRepo } from './hosts-repo';
import { InstancesRepo } from './instances-repo';
import { JobsRepo } from './jobs-repo';
import { LogFiles } from './log-files';
import { inlineLogBodies, LogsRepo } from './logs-repo';
import { startCheckpointer } from './wal-checkpointer';
import { TasksRepo } from './tasks-repo';
import { DashboardRepo } from './dashboard-repo';
import { ProcessesRepo } from './processes-repo';
import { RequestsRepo } from './requests-repo';
import { GrantsRepo } from './grants-repo';
import { SettingsRepo } from './settings-repo';
import { TokensRepo } from './tokens-repo';
import { UsersRepo } from './users-repo';
import { ReviewsRepo } from './reviews-repo';
import { SigningKeysRepo } from './signing-keys-repo';
import { TrustRepo } from './trust-repo';
import { NotificationsRepo } from './notifications-repo';
import { AlertsRepo } from './alerts-repo';

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
  readonly jobs: JobsRepo;
  /** Offline review: signing keys (private halves sealed), the trust store, bundles imported for review. */
  readonly signingKeys: SigningKeysRepo;
  readonly trust: TrustRepo;
  readonly reviews: ReviewsRepo;
  readonly tokens: TokensRepo;
  readonly notifications: NotificationsRepo;
  /** alerts15: notification channels, rules, deliveries. */
  readonly alerts: AlertsRepo;
  /** Seals secrets at rest with the data folder's key; null when the store was opened without one. */
  readonly secretBox: SecretBox | null;
  /** Whether writes succeed (a full disk turns it false until a write succeeds again); for system.health. */
  readonly health: StoreHealth;
  /** Run fn in one transaction (all or nothing), synced to disk before it returns (synchronous=FULL). */
  tx<T>(fn: () => T): T;
  /**
   * A transaction for log chunks and a run's end: WAL with synchronous=NORMAL. A power cut may lose
   * what came since the last checkpoint (the checkpointer syncs the WAL every 250 ms), never corrupt.
   */
  txLogs<T>(fn: () => T): T;
  /**
   * An online backup in `dir`: one file, private, that holds everything, log bodies included (they
   * are taken into their rows, so the copy needs no log folder beside it).
   */
  backup(dir: string, now: Date, onProgress?: BackupProgress): Promise<{ path: string; bytes: number }>;
  close(): void;
  /** Close, and resolve once the checkpointer's connection is closed too: nothing touches the files after. */
  closed(): Promise<void>;
}

export interface StoreOptions {
  /**
   * The key secrets at rest are sealed with, told whether the store already holds sealed secrets
   * (then a missing key must not be replaced by a new one). Without it the store holds no secrets.
   */
  readonly secretKey?: (secretsStored: boolean) => Buffer;
  /** How much of each log its rows keep before its log file starts (`INLINE_LOG_BYTES`; 0 in tests of the files). */
  readonly inlineLogBytes?: number;
}

export function openStore(file: string, opts: StoreOptions = {}): Store {
  const db = openDatabase(file);
  let secretBox: SecretBox | null;
  try {
    secretBox = opts.secretKey ? unlockSecrets(db, opts.secretKey) : null;
  } catch (err) {
    db.close();
    throw err;
  }
  const checkpointer = startCheckpointer(file);
  // Checkpoints run in the worker: on this thread they stall the event loop on the disk.
  if (checkpointer) db.pragma('wal_autocheckpoint = 0');
  const health = new StoreHealth();
  // Log bodies beside the store, in a private folder of their own.
  const logFiles = new LogFiles(`${file}-logs`);
  const durable = <T>(fn: () => T): T => {
    if (db.inTransaction) return db.transaction(fn)();
    db.pragma('synchronous = FULL');
    try {
      return health.write(() => db.transaction(fn).immediate());
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
    instances: new InstancesRepo(db, secretBox),
    logs: new LogsRepo(db, logFiles, opts.inlineLogBytes),
    tasks: new TasksRepo(db),
    dashboard: new DashboardRepo(db),
    processes: new ProcessesRepo(db),
    requests: new RequestsRepo(db),
    grants: new GrantsRepo(db),
    jobs: new JobsRepo(db),
    signingKeys: new SigningKeysRepo(db),
    trust: new TrustRepo(db),
    reviews: new ReviewsRepo(db),
    tokens: new TokensRepo(db),
    notifications: new NotificationsRepo(db),
    alerts: new AlertsRepo(db),
    secretBox,
    health,
    tx: durable,
    txLogs: <T>(fn: () => T): T => (db.inTransaction ? db.transaction(fn)() : health.write(() => db.transaction(fn).immediate())),
    backup: async (dir, now, onProgress = () => {}) => {
      const copy = await backupDatabase(db, dir, now, onProgress);
      await inlineLogBodies(copy.path, logFiles, (done, total) => onProgress(copy.bytes + done, copy.bytes + total));
      return { path: copy.path, bytes: fs.statSync(copy.path).size };
    },
    close: () => {
      void checkpointer?.dispose();
      logFiles.close();
      db.close();
    },
    closed: async () => {
      const worker = checkpointer?.dispose();
      logFiles.close();
      if (db.open) db.close();
      await worker;
    },
  };
}

/**
 * The key must be the one the stored secrets were sealed with (its check value is kept in the
 * store): a missing or replaced key is refused here, not found out later as every host failing.
 * Run secrets an older Taskdeck stored in plain text are sealed, and the WAL that held them cut to
 * nothing (secure_delete zeroes the pages they were on).
 */
function unlockSecrets(db: Db, secretKey: (secretsStored: boolean) => Buffer): SecretBox {
  const repo = new SecretsRepo(db);
  const box = new SecretBox(secretKey(repo.anyStored()));
  const check = repo.keyCheck();
  const sample = check === undefined ? repo.anySealedHostSecret() : undefined;
  if (check !== undefined ? check !== box.checkValue() : sample !== undefined && !opens(box, sample)) {
    throw new StoreError(
      'the secret key is not the one this data folder\'s secrets were sealed with (secret.key was replaced or lost, or TASKDECK_SECRET_PASSPHRASE differs); ' +
        'Taskdeck will not start with a key that cannot read them. Restore the original secret.key into the data folder, ' +
        'or set TASKDECK_SECRET_PASSPHRASE to the passphrase used before, then start again.',
    );
  }
  const plain = repo.plainRunSecrets();
  db.transaction(() => {
    if (check === undefined) repo.setKeyCheck(box.checkValue());
    for (const r of plain) repo.setRunSecrets(r.id, box.seal(r.secrets));
  })();
  if (plain.length) db.pragma('wal_checkpoint(TRUNCATE)');
  return box;
}

function opens(box: SecretBox, sealed: string): boolean {
  try {
    box.open(sealed);
    return true;
  } catch {
    return false;
  }
}
