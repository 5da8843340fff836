import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { type Clock, systemClock } from './clock';
import type { Services } from './core-services';
import { createDispatcher, type Dispatch } from './dispatch';
import type { Disposable } from './emitter';
import { EventBus } from './event-bus';
import { createHandlers } from './handlers';
import { nodeSecretKey } from './secrets/secret-box';
import { AlertDelivery, type AlertSinks, defaultDeliveryOptions, type DeliveryOptions, type NotifySink } from './services/alert-delivery';
import { AlertsService } from './services/alerts-service';
import { AuditService } from './services/audit-service';
import { AuthService } from './services/auth-service';
import { GroupsService } from './services/groups-service';
import { HostHealth } from './services/host-health';
import { HostsService } from './services/hosts-service';
import { JobEventCoalescer } from './services/job-events';
import { JobExpiry } from './services/job-expiry';
import { JobTracker } from './services/job-tracker';
import { backupAsJob } from './services/backup-job';
import { JobsService } from './services/jobs-service';
import { JobIdGenerator } from './domain/job-id';
import { LogWriter } from './services/log-writer';
import { RunJobs } from './services/run-jobs';
import { RunsService, untracked } from './services/runs-service';
import { TasksService } from './services/tasks-service';
import { TokensService } from './services/tokens-service';
import { parseLevelEnv, SecurityLevel } from './services/security-level';
import { RunSafety } from './services/run-safety';
import { DashboardService } from './services/dashboard-service';
import { TaskScheduler } from './scheduler/task-scheduler';
import { ProcessesService } from './services/processes-service';
import { RequestsService } from './services/requests-service';
import { ApprovalGate } from './services/approval-gate';
import { RequestRunner } from './services/request-runner';
import { BundlesService } from './services/bundles-service';
import { KeysService } from './services/keys-service';
import { NotificationsService } from './services/notifications-service';
import { RemindersService } from './services/reminders-service';
import type { Logger } from './logger';
import { PermissionsService } from './services/permissions-service';
import { Snowflake } from './domain/snowflake';
import { defaultPoolOptions, type PoolOptions, SshPool } from './executors/ssh-pool';
import { UsersService } from './services/users-service';
import { openStore } from './store/store';

export const VERSION = '0.1.0';

export interface CoreOptions {
  readonly dataDir: string;
  /**
   * The 32-byte key for secrets at rest; default: a key file (or passphrase) in the data folder. `create` is false once
   * the store holds secrets: a key made then could not read them, so a missing one is an error, never a new file.
   */
  readonly secretKey?: (o: { create: boolean }) => Buffer;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Health probe period; 0 turns it off. Default 20 s. */
  readonly healthIntervalMs?: number;
  readonly connectTimeoutMs?: number;
  /** First admin to create when the store has no users (TASKDECK_ADMIN_USER / _PASSWORD). */
  readonly initialAdmin?: { user_name: string; password: string };
  readonly pool?: Partial<PoolOptions>;
  /** Seconds between TERM and KILL when a run is cancelled or times out. Default 5. */
  readonly graceSeconds?: number;
  readonly reattachForMs?: number;
  /** false: the scheduler fires only when `tick()` is called (tests with a fake clock). */
  readonly schedulerTimers?: boolean;
  /** How often finished jobs past their TTL are removed; 0: only at start-up and when a TTL is set. Default 60 s. */
  readonly jobExpiryIntervalMs?: number;
  /** false: runs are not tracked as jobs (the ssh bench's A/B). Default true. */
  readonly trackRuns?: boolean;
  /** The security level, pinned ('0' or '1'); default TASKDECK_SECURITY_LEVEL, and when that is unset too, the stored setting. */
  readonly securityLevel?: string;
  /** How often open change requests are checked for reminders; 0: only at start-up (tests call `reminders.tick()`). Default 60 s. */
  readonly reminderIntervalMs?: number;
  /** Alert delivery: where in-app and desktop alerts go (the notification centre), and webhook timing (tests shorten it). */
  readonly alerts?: { readonly sinks?: AlertSinks; readonly delivery?: Partial<DeliveryOptions> };
}

export type { Services } from './core-services';

export interface Core {
  readonly services: Services;
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly dataDir: string;
  dispose(): Promise<void>;
}

export const consoleLogger: Logger = (level, message, fields) => {
  const line = JSON.stringify({ ts: new Date().toISOString(), level, message, ...fields });
  (level === 'error' ? console.error : console.log)(line);
};

/** The single composition root: every edge is created here and passed in. */
export async function createCore(o: CoreOptions): Promise<Core> {
  const clock = o.clock ?? systemClock;
  const log = o.log ?? consoleLogger;
  const pinnedLevel = parseLevelEnv(o.securityLevel ?? process.env.TASKDECK_SECURITY_LEVEL); // a bad value stops the start before anything opens
  const store = openStore(path.join(o.dataDir, 'taskdeck.db'), { secretKey: (stored) => (o.secretKey ? o.secretKey({ create: !stored }) : nodeSecretKey(o.dataDir, undefined, { create: !stored })) });
  const events = new EventBus(clock, log);
  const secrets = store.secretBox!;
  const audit = new AuditService(store, clock, { secrets, anchorPath: path.join(o.dataDir, 'audit-anchor.json'), onError: (m) => log('error', m) });
  audit.start();
  const auth = new AuthService(store, audit, clock, secrets, secrets.deriveKey('taskdeck audit names v1'));
  const tokens = new TokensService(store, audit, secrets, clock);
  const securityLevel = new SecurityLevel(store, audit, pinnedLevel);
  const users = new UsersService(store, audit, events, clock);
  const connectTimeoutMs = o.connectTimeoutMs ?? 10_000;
  const jobEvents = new JobEventCoalescer(events, (ids) => store.jobs.nodes(ids), log);
  const tracker = new JobTracker(store, clock, new JobIdGenerator(), (change) => jobEvents.push(change));
  const hosts = new HostsService(store, audit, events, secrets, clock, { connectTimeoutMs, agentSocket: process.env.SSH_AUTH_SOCK }, log, tracker);
  const groups = new GroupsService(store, audit, events, clock);
  const health = new HostHealth(store, hosts, { intervalMs: o.healthIntervalMs ?? 20_000, timeoutMs: Math.min(connectTimeoutMs, 8_000), concurrency: 16 }, (m) => log('warn', m));
  const pool = new SshPool({ ...defaultPoolOptions, ...o.pool, connect: { ...defaultPoolOptions.connect, readyTimeoutMs: connectTimeoutMs, ...o.pool?.connect } });
  const jobExpiry = new JobExpiry(store, clock, (ids) => { for (const id of ids) jobEvents.push({ root_id: id, nodes: [], removed: [id] }); }, log, { intervalMs: o.jobExpiryIntervalMs ?? 60_000 });
  const jobs = new JobsService(store, tracker, jobExpiry, clock, log);
  const logs = new LogWriter(store, events, clock, (m) => log('error', m));
  // Runs are jobs; aborting one cancels its instances through the runs' own cancel path.
  const runJobs: RunJobs = new RunJobs(store, tracker, (user, id) => runs.cancelAs(user, id), log);
  const runs = new RunsService(store, hosts, pool, logs, events, audit, clock, new Snowflake(), {
    graceSeconds: o.graceSeconds ?? 5,
    reattachForMs: o.reattachForMs ?? 5 * 60_000,
  }, log, o.trackRuns === false ? untracked : runJobs);
  const approvals = new ApprovalGate(store, clock);
  const permissions = new PermissionsService(store, audit, events, clock, log);
  const runSafety = new RunSafety(store, audit, clock);
  const scheduler = new TaskScheduler(store, runs, events, clock, log, { timers: o.schedulerTimers ?? true, gate: (t) => approvals.check(t), authority: (user, t, hosts) => permissions.refusalToRunAs(user, hosts, t.approval_request_id !== null) });
  const processes = new ProcessesService(store, audit, events, clock);
  const requests = new RequestsService(store, audit, events, clock, new RequestRunner(store, scheduler, permissions, audit, events, clock), log, tracker);
  const tasks = new TasksService(store, scheduler, runs, processes, requests, approvals, permissions, audit, events, clock);
  const notifications = new NotificationsService(store, events, clock);
  // In-app and desktop alerts both land in the user's notification centre, so nothing is lost; a desktop one also asks
  // the shell (Electron's Notification) or the browser page (where the user allowed it) for an OS notification.
  const centre = (desktop: boolean): NotifySink => ({ notify: (n) => void notifications.notify({ recipient: n.user_name, kind: 'alert', title: n.title, body: n.body, link: n.link, dedupeKey: n.dedupe_key, words: n.words, desktop }) });
  const alertDelivery = new AlertDelivery(store, clock, secrets, o.alerts?.sinks ?? { inApp: centre(false), desktop: centre(true) }, { ...defaultDeliveryOptions, ...o.alerts?.delivery }, log);
  const alerts = new AlertsService(store, audit, clock, secrets, alertDelivery);
  // Internal signals, wired once and in one direction: what follows inside the core from what happened.
  const signals: Disposable[] = [
    runs.onDidEndInstance((i) => scheduler.instanceEnded(i)), // a failed run is retried
    runs.onDidEndInstance((i) => requests.instanceEnded(i)), // the change request that started it completes
    runs.onDidEndInstance((i) => runJobs.instanceEnded(i)), // after the scheduler: a retry it queued keeps the run's job open
    scheduler.onDidDropRetry((runId) => runJobs.retryDropped(runId)), // a run waiting only on that retry is over
    hosts.onDidUpdateHost((h) => requests.hostChanged(h)), // open requests whose approved content changed are voided
    runs.onDidEndInstance((i) => alerts.instanceEnded(i)), // rules on the task or workspace alert their channels
    requests.onDidChangeRequest((r) => alerts.requestChanged(r)), // those who may decide a waiting node are told
  ];
  const keys = new KeysService(store, audit, clock, secrets);
  const bundles = new BundlesService(store, audit, clock, keys, requests);
  const reminders = new RemindersService(store, audit, notifications, clock, log, { intervalMs: o.reminderIntervalMs ?? 60_000 });
  const dashboard = new DashboardService(store.dashboard, clock, () => requests.pendingCount());
  const services: Services = {
    store, clock, events, audit, auth, users, hosts, groups, health, runs, pool, scheduler, tasks, dashboard, processes, requests, permissions, jobs, keys, bundles, tokens, securityLevel, runSafety, notifications, reminders, alerts,
    backup: (owner = 'system') => backupAsJob(tracker, owner, (progress) => store.backup(path.join(o.dataDir, 'backups'), clock.now(), progress)),
  };
  if (o.initialAdmin && users.needsAdmin()) {
    await users.createFirstAdmin({ user_name: o.initialAdmin.user_name, password: o.initialAdmin.password, nick_name: '', mobile: '', email: null }).catch((err: unknown) => {
      // Say where the refused name or password came from: the environment, not a form.
      throw err instanceof AppError && err.code === 'validation' ? new AppError('validation', `TASKDECK_ADMIN_USER / TASKDECK_ADMIN_PASSWORD: ${err.message}`, err.details) : err;
    });
    log('info', `created first admin ${o.initialAdmin.user_name}`);
  }
  keys.start();
  health.start();
  // Before the runs are reconciled: jobs of runs still going carry on, and so do those of change requests still executing.
  const runsGoing = runJobs.recoverAfterRestart();
  const executionsGoing = requests.executionsCarryingOn();
  jobs.recoverAfterRestart((node) => runsGoing(node) || executionsGoing(node));
  jobExpiry.start();
  runs.reconcile();
  scheduler.start();
  reminders.start(); // before the requests' sweep: a window that lapsed while closed is still open to it
  requests.start();
  permissions.start();
  alertDelivery.start();
  const dispatch = createDispatcher(createHandlers(services, VERSION), auth, log);
  return {
    services,
    dispatch,
    events,
    dataDir: o.dataDir,
    async dispose() {
      for (const s of signals) s.dispose();
      await alertDelivery.dispose();
      await health.dispose();
      scheduler.dispose();
      requests.dispose();
      reminders.dispose();
      permissions.dispose();
      jobs.dispose();
      await jobExpiry.dispose();
      await runs.dispose();
      runJobs.dispose();
      tracker.dispose();
      jobEvents.dispose();
      await audit.dispose();
      await store.closed();
    },
  };
}
