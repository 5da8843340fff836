import { randomBytes } from 'node:crypto';
import type { TextChunks } from '../../../shared/api/contract';
import { AppError, notFound } from '../../../shared/api/errors';
import { instanceErrorText } from '../../../shared/domain/instance-error-words';
import { InstanceStatus, type Instance, type RunCreate } from '../../../shared/domain/instances';
import { canCancelRun } from '../../../shared/domain/ownership';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import { createMasker } from '../domain/log-lines';
import { logText } from '../domain/log-text';
import { spareScript } from '../domain/remote-script';
import type { Snowflake } from '../domain/snowflake';
import { Emitter, type Signal } from '../emitter';
import type { EventBus } from '../event-bus';
import { fanOut, RunDriver, type RunHost, type RunObserver } from '../executors/run-driver';
import { execChannel, type SshPool } from '../executors/ssh-pool';
import { TurnBudget } from '../executors/turn-budget';
import { ending, type PumpOutcome, type StopReason } from '../domain/run-outcome';
import type { HostRow } from '../store/hosts-repo';
import { type InstanceFilter, type InstanceRow, toInstance } from '../store/instances-repo';
import type { Store } from '../store/store';
import { ActiveRun } from './active-run';
import type { AuditService } from './audit-service';
import type { HostsService } from './hosts-service';
import { InstanceEnds } from './instance-ends';
import type { LogWriter } from './log-writer';
import type { Logger } from '../logger';
import { resolveRunTargets } from './targets';

export interface RunsOptions {
  /** Seconds between TERM and KILL when a run is cancelled or times out. */
  readonly graceSeconds: number;
  /** How long a detached run whose connection dropped keeps trying to re-attach. */
  readonly reattachForMs: number;
}

/**
 * Who else follows a run (its job): it names a new run inside the launch's transaction, hears of
 * its stored instances there too, and observes each instance beside the service's own record.
 */
export interface RunTracking {
  /**
   * In the launch's transaction, before it stores anything: the run's id, a new one or `spec.run_id`
   * when a retry joins its run. Throwing refuses the launch (nothing is stored). Writes nothing.
   */
  open(actor: string, spec: LaunchSpec): string;
  /** After the launch's transaction, in the same turn, before any instance runs. Never throws. */
  stored(actor: string, spec: LaunchSpec, runId: string, rows: readonly InstanceRow[]): void;
  watch(row: InstanceRow): RunObserver | undefined;
}

/** No tracking: random run ids, nobody else observes (the bench's "off"). */
export const untracked: RunTracking = {
  open: (_actor, spec) => spec.run_id ?? randomBytes(8).toString('hex'),
  stored: () => {},
  watch: () => undefined,
};

/** Everything one launch needs: resolved hosts and the run's settings. */
export interface LaunchSpec {
  readonly hosts: readonly HostRow[];
  /** One command for every host, or one per host (a database client set on the host). */
  readonly command: string | ((host: HostRow) => string);
  /** Sent to the command on stdin (a database change's script); uploaded before the run starts. */
  readonly stdin?: string;
  readonly timeout: number;
  readonly mode: 'tied' | 'detached';
  readonly log_limit_bytes: number;
  readonly log_policy: 'truncate' | 'halt';
  readonly secrets: readonly string[];
  readonly trigger: Instance['trigger'];
  readonly attempt: number;
  readonly slot: string | null;
  readonly task: { readonly id: number; readonly snapshot: Record<string, unknown> } | null;
  /** A retry joins the run it retries; otherwise a new run id. */
  readonly run_id?: string;
  /** Start the run's job inside this external job or step (a plug-in's own work). */
  readonly job?: { readonly job_id?: string | undefined; readonly step_id?: string | undefined };
  /** Start the run's job under this job of Taskdeck's own (an approved change executing), which ends as the run does. */
  readonly parent_job?: string;
}

/** Ad-hoc and task runs on remote hosts: one instance per host, owned by its remote session. */
export class RunsService {
  private readonly active = new Map<bigint, ActiveRun>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Output of all runs together gets at most this slice of each event-loop turn; so do their starts and ends. */
  private readonly budget = new TurnBudget(5);
  private readonly driver: RunDriver;
  private disposed = false;
  private readonly didEndInstance: Emitter<Instance>;
  private readonly ends: InstanceEnds;
  /** An instance reached its end state (stored, with its last lines): retries and change requests follow from here. */
  readonly onDidEndInstance: Signal<Instance>;

  constructor(
    private readonly store: Store,
    private readonly hosts: HostsService,
    private readonly pool: SshPool,
    private readonly logs: LogWriter,
    private readonly events: EventBus,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: Snowflake,
    private readonly opts: RunsOptions,
    private readonly logger: Logger,
    private readonly tracking: RunTracking = untracked,
  ) {
    this.didEndInstance = new Emitter<Instance>('runs.onDidEndInstance', logger);
    this.onDidEndInstance = this.didEndInstance.event;
    this.ends = new InstanceEnds({ store, logs, clock, events, logger, ended: (i) => this.didEndInstance.fire(i), shuttingDown: () => this.disposed });
    const nonce = (): string => randomBytes(8).toString('hex');
    this.driver = new RunDriver({
      pool, budget: this.budget, graceSeconds: opts.graceSeconds, reattachForMs: opts.reattachForMs, now: () => clock.now().getTime(), nonce,
      startSpare: async (client) => {
        const n = nonce();
        return { channel: await execChannel(client, spareScript(n, opts.graceSeconds)), nonce: n };
      },
    });
  }

  /** Hosts a run targets: named hosts, hosts of groups, hosts of bindings; each once. */
  resolveTargets(t: RunCreate['targets']): HostRow[] {
    return resolveRunTargets(this.store, t);
  }

  start(actor: string, input: RunCreate & { job_id?: string | undefined; step_id?: string | undefined }): { run_id: string; instances: Instance[] } {
    const { job_id, step_id, ...run } = input;
    return this.launch(actor, { ...run, hosts: this.resolveTargets(input.targets), trigger: 'ad_hoc', attempt: 1, slot: null, task: null, job: { job_id, step_id } });
  }

  /** Create one instance per host in one transaction, then run them. Ad-hoc runs and task runs both come here. */
  launch(actor: string, spec: LaunchSpec): { run_id: string; instances: Instance[] } {
    const { mask } = createMasker(spec.secrets);
    const now = this.clock.now();
    const commands = new Map(spec.hosts.map((h) => [h.id, typeof spec.command === 'string' ? spec.command : spec.command(h)]));
    let runId = '';
    // Inside a caller's transaction, the instances are stored only once that commits: each run checks before it starts.
    const nested = this.store.db.inTransaction;
    const rows = this.store.tx(() => {
      runId = this.tracking.open(actor, spec);
      const rows = spec.hosts.map((h) => {
        const id = this.ids.next(h.machine_id, now.getTime());
        this.store.instances.insert({
          id, run_id: runId, task_id: spec.task?.id ?? null, attempt: spec.attempt, trigger: spec.trigger, host_id: h.id,
          host_snapshot: JSON.stringify({ id: h.id, name: h.name, host: h.host }), command: mask(commands.get(h.id)!), mode: spec.mode,
          status: InstanceStatus.Running, timeout_s: spec.timeout, log_limit_bytes: spec.log_limit_bytes, log_policy: spec.log_policy,
          secrets: spec.secrets.length ? JSON.stringify(spec.secrets) : null, created_by: actor, created_time: now.toISOString(),
          task_snapshot: spec.task ? JSON.stringify(spec.task.snapshot) : null, slot: spec.slot,
        });
        return this.store.instances.get(id)!;
      });
      this.audit.record(actor, spec.task ? 'task.run' : 'run.started', spec.task ? 'task' : 'run', spec.task?.id ?? runId, {
        command: [...new Set(commands.values())].map(mask).join('\n'), hosts: spec.hosts.map((h) => h.name), mode: spec.mode, timeout: spec.timeout, trigger: spec.trigger, run_id: runId,
        // The task's name as it ran: the audit reads as a sentence without a lookup, and keeps it after a rename.
        ...(typeof spec.task?.snapshot.name === 'string' ? { task: spec.task.snapshot.name } : {}),
      });
      return rows;
    });
    this.tracking.stored(actor, spec, runId, rows);
    // The rows as the transaction read them back: nothing has changed them since.
    const instances = rows.map(toInstance);
    rows.forEach((r, i) => {
      this.events.emit('instance.changed', { instance: instances[i]! });
      this.track(this.execute(r, commands.get(spec.hosts[i]!.id)!, nested ? 'unless-rolled-back' : 'stored', spec.stdin));
    });
    return { run_id: runId, instances };
  }

  /** Cancel every running instance of a run (used by the replace overlap policy). */
  async cancelRun(actor: string, runId: string): Promise<void> {
    const { rows } = this.store.instances.list({ run_id: runId, status: InstanceStatus.Running, page: 1, per_page: 1000 });
    await Promise.all(rows.map((r) => this.cancel(actor, r.id.toString()).catch(() => undefined)));
  }

  list(q: Omit<InstanceFilter, 'task_ids'> & { task?: string; count: boolean }): { items: Instance[]; total: number | null; page: number; per_page: number } {
    const { task, ...f } = q;
    const { rows, where, vals } = this.store.instances.list({ ...f, ...(task !== undefined ? { task_ids: this.store.tasks.idsNamedLike(task) } : {}) });
    // Counting a text search reads every row: its total is left out.
    const count = f.count && f.command === undefined;
    return { items: rows.map(toInstance), total: count ? this.store.instances.count(where, vals) : null, page: f.page, per_page: f.per_page };
  }

  get(id: string): Instance {
    return toInstance(this.row(id));
  }

  log(id: string, from: number, limit: number, q?: string) {
    const row = this.row(id);
    const lines = this.store.logs.window(row.id, from, limit);
    return {
      lines,
      total_lines: row.log_lines,
      complete: row.status !== InstanceStatus.Running,
      ...(q ? { matches: this.store.logs.find(row.id, from, q, 1000) } : {}),
    };
  }

  /** The whole log as text, up to the lines stored now; an unknown instance is refused before anything is read. */
  logText(id: string): TextChunks {
    const row = this.row(id);
    return logText((from, limit) => this.store.logs.window(row.id, from, limit), row.log_lines);
  }

  /** A user's cancel: whoever the run goes on the authority of, or an admin or DBA; else 403 naming them. */
  async cancelAs(user: User, id: string): Promise<Instance> {
    const row = this.row(id);
    if (!canCancelRun(user, row)) throw new AppError('forbidden', `instance ${id} runs on the authority of ${row.created_by}: only they, an admin or a DBA may cancel it`, { created_by: row.created_by });
    return this.cancel(user.user_name, id);
  }

  /** Cancel a running instance: TERM its remote session, KILL after the grace period, verify it is gone. */
  async cancel(actor: string, id: string): Promise<Instance> {
    const row = this.row(id);
    if (row.status !== InstanceStatus.Running) throw new AppError('conflict', `instance ${id} is not running (${toInstance(row).status_name})`);
    this.store.tx(() => this.audit.record(actor, 'instance.cancelled', 'instance', id, { host: JSON.parse(row.host_snapshot).name }));
    const run = this.active.get(row.id);
    if (!run) {
      this.ends.now(row.id, { status: InstanceStatus.ManualCancellation, error: instanceErrorText('cancelledUnowned', { user: actor }) });
    } else {
      // Who cancelled is the run's recorded error (its end keeps it) unless a timeout or limit stopped it first.
      if (!run.reason) this.store.instances.update(row.id, { error: instanceErrorText('cancelledBy', { user: actor }) });
      await this.stop(row.id, 'cancel', actor);
    }
    return this.get(id);
  }

  /** At start-up: re-attach detached runs, mark tied ones that lost their console Unknown. */
  reconcile(): void {
    for (const row of this.store.instances.running()) {
      if (this.active.has(row.id)) continue;
      if (row.mode === 'detached' && row.remote_pgid) {
        this.logs.open(row.id, row, () => void this.stop(row.id, 'limit'));
        this.logs.system(row.id, 'Taskdeck restarted: re-attaching to the detached run');
        this.track(this.execute(row, null, 'resume'));
      } else {
        this.ends.now(row.id, {
          status: InstanceStatus.Unknown,
          error: row.mode === 'tied'
            ? instanceErrorText('stoppedTied')
            : instanceErrorText('stoppedBeforeStart'),
        });
      }
    }
  }

  /** A run's promise, kept for shutdown; what it throws is logged, never an unhandled rejection. */
  private track(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => this.logger('error', 'runs: a run failed outside its own error handling', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  /**
   * Run a stored instance: `stored` (its launch committed), `unless-rolled-back` (stored in a
   * caller's transaction, which may still roll back), or `resume` (re-attaching after a restart).
   */
  private async execute(row: InstanceRow, command: string | null, how: 'stored' | 'unless-rolled-back' | 'resume', stdin?: string): Promise<void> {
    const resume = how === 'resume';
    const run = new ActiveRun(row, { store: this.store, logs: this.logs, clock: this.clock, emit: (id) => this.emit(id) });
    this.active.set(row.id, run);
    if (!resume) this.logs.open(row.id, row, () => void this.stop(row.id, 'limit'));
    if (row.timeout_s > 0) {
      const startedMs = new Date(row.started_time ?? row.created_time).getTime();
      const left = Math.max(0, startedMs + row.timeout_s * 1000 - this.clock.now().getTime());
      run.timer = setTimeout(() => void this.stop(row.id, 'timeout'), left);
    }
    // The instance was created in a caller's transaction: should that roll back (a full disk at
    // commit), nothing of it may reach the host. The transaction has ended by the first await.
    await Promise.resolve();
    if (how === 'unless-rolled-back' && !this.store.instances.get(row.id)) {
      clearTimeout(run.timer);
      this.active.delete(row.id);
      this.logs.discard(row.id);
      this.logger('warn', `runs: instance ${row.id} was never stored (its transaction rolled back); it does not run`);
      return;
    }
    const outcome = await this.driver.drive({
      id: row.id.toString(), mode: row.mode, host: this.runHost(row), command, ...(stdin !== undefined ? { stdin } : {}), remotePgid: row.remote_pgid, resume,
      signal: run.abort.signal, sink: run.sink(), goesOn: () => !run.reason && !this.disposed,
      resumeOffsets: () => {
        const fresh = this.store.instances.get(row.id)!;
        return this.logs.offsetsOf(row.id) ?? { out: fresh.out_offset, err: fresh.err_offset };
      },
    }, fanOut(run.observer(), this.tracking.watch(row)));
    await run.stopping;
    clearTimeout(run.timer);
    // Hundreds of runs can end in one turn (their last output came in one read): their ends are
    // stored a slice of the loop at a time, like their output.
    await this.budget.turn();
    this.finish(row, run, outcome);
  }

  private runHost(row: InstanceRow): RunHost | null {
    const host = row.host_id ? this.store.hosts.get(row.host_id) : undefined;
    if (!host) return null;
    return { name: host.name, address: host.host, keyPin: host.host_key_pinned, enabled: host.status !== 'NotEnabled', poolKey: poolKey(host), target: () => this.hosts.target(host) };
  }

  /** Stop a run for a reason; the first reason wins. Resolves when the remote session is verified gone. */
  private stop(id: bigint, reason: StopReason, actor?: string): Promise<void> {
    const run = this.active.get(id);
    if (!run) return Promise.resolve();
    if (run.stopping) return run.stopping;
    run.reason = reason;
    const what = { cancel: `cancelled by ${actor ?? 'a user'}`, timeout: 'timeout reached', limit: 'log limit reached' }[reason];
    this.logs.system(id, `${what}: ending the remote process group (TERM, KILL after ${this.opts.graceSeconds}s)`);
    run.stopping = (async () => {
      if (run.pgid === null && run.channel) {
        // Started, but its process group is not reported yet: it is a moment away.
        await run.waitForPgid(5_000);
      }
      const row = this.store.instances.get(id);
      if (!row || run.pgid === null) {
        run.channel?.end(); // a tied run's watcher ends the session when our side closes
        run.abort.abort();
        return;
      }
      const host = this.runHost(row);
      if (!host) return;
      try {
        const gone = await this.driver.endGroup(host, run.pgid);
        this.logs.system(id, gone ? `remote process group ${run.pgid} ended; none of its processes is left` : `remote process group ${run.pgid} still has processes after KILL`);
        if (!gone) this.store.instances.update(id, { error: `processes of group ${run.pgid} survived KILL` });
      } catch (err) {
        this.logs.system(id, `could not end the remote process group: ${(err as Error).message}`);
      }
      run.abort.abort();
    })();
    return run.stopping;
  }

  private finish(row: InstanceRow, run: ActiveRun, outcome: PumpOutcome): void {
    this.active.delete(row.id);
    const e = ending({
      outcome, mode: row.mode, reason: run.reason, shuttingDown: this.disposed, timeoutSeconds: row.timeout_s,
      logLimitBytes: row.log_limit_bytes, recordedError: run.reason ? (this.store.instances.get(row.id)?.error ?? null) : null,
    });
    if (e) this.ends.later(row.id, e, run.unsaved);
    else this.logs.close(row.id); // a detached run goes on; the next start re-attaches to it
  }

  private emit(id: bigint): void {
    const row = this.store.instances.get(id);
    if (row) this.events.emit('instance.changed', { instance: toInstance(row) });
  }

  private row(id: string): InstanceRow {
    let big: bigint;
    try {
      big = BigInt(id);
    } catch {
      throw new AppError('validation', 'id must be a decimal snowflake id');
    }
    const row = this.store.instances.get(big);
    if (!row) throw notFound('instance', id);
    return row;
  }

  /** Runs in flight (for tests and shutdown). */
  get activeCount(): number {
    return this.active.size;
  }

  /** Stop owning runs: tied ones die with their connections, detached ones go on and are re-attached at the next start. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const run of this.active.values()) run.abort.abort();
    this.pool.dispose();
    await Promise.all([...this.inFlight]);
    this.ends.dispose();
    this.logs.dispose();
    this.didEndInstance.dispose();
  }
}

function poolKey(h: HostRow): string {
  return `${h.id}:${h.updated_at}:${h.host_key_pinned ?? ''}`;
}
