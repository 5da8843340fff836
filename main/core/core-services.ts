import type { Clock } from './clock';
import type { EventBus } from './event-bus';
import type { SshPool } from './executors/ssh-pool';
import type { TaskScheduler } from './scheduler/task-scheduler';
import type { AlertsService } from './services/alerts-service';
import type { AuditService } from './services/audit-service';
import type { AuthService } from './services/auth-service';
import type { BundlesService } from './services/bundles-service';
import type { KeysService } from './services/keys-service';
import type { NotificationsService } from './services/notifications-service';
import type { RemindersService } from './services/reminders-service';
import type { DashboardService } from './services/dashboard-service';
import type { GroupsService } from './services/groups-service';
import type { HostHealth } from './services/host-health';
import type { HostsService } from './services/hosts-service';
import type { JobsService } from './services/jobs-service';
import type { PermissionsService } from './services/permissions-service';
import type { ProcessesService } from './services/processes-service';
import type { RequestsService } from './services/requests-service';
import type { RunsService } from './services/runs-service';
import type { SecurityLevel } from './services/security-level';
import type { RunSafety } from './services/run-safety';
import type { TasksService } from './services/tasks-service';
import type { TokensService } from './services/tokens-service';
import type { UsersService } from './services/users-service';
import type { Store } from './store/store';

/** What the composition root builds and the operation handlers call: a leaf type, so handlers need not import create-core. */
export interface Services {
  readonly store: Store;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly audit: AuditService;
  readonly auth: AuthService;
  readonly users: UsersService;
  readonly hosts: HostsService;
  readonly groups: GroupsService;
  readonly health: HostHealth;
  readonly runs: RunsService;
  readonly pool: SshPool;
  readonly scheduler: TaskScheduler;
  readonly tasks: TasksService;
  readonly dashboard: DashboardService;
  readonly processes: ProcessesService;
  readonly requests: RequestsService;
  readonly permissions: PermissionsService;
  /** The job tree: `jobs.tracker` is what services track their work with. */
  readonly jobs: JobsService;
  /** Signing keys and the trust store (offline review). */
  readonly keys: KeysService;
  /** Request and decision bundles, reviews of other consoles' requests. */
  readonly bundles: BundlesService;
  readonly tokens: TokensService;
  /** The HTTP API's security level (1: signed requests). */
  readonly securityLevel: SecurityLevel;
  /** Run settings (default timeout, typed-confirmation threshold) and the preview of a run's hosts. */
  readonly runSafety: RunSafety;
  /** Users' notification centres: anything may `notify` one user (reminders now, alerts in issue 15). */
  readonly notifications: NotificationsService;
  /** Reminders before a change request's windows lapse, and their thresholds. */
  readonly reminders: RemindersService;
  /** Notification channels, rules and the delivery log (alerts15). */
  readonly alerts: AlertsService;
  /** Online backup, tracked as a job owned by `owner` (default `system`). */
  backup(owner?: string): Promise<{ path: string; bytes: number }>;
}
