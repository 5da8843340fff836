import { randomBytes } from 'node:crypto';
import { AppError, notFound } from '../../../shared/api/errors';
import { InstanceStatus, type Instance, type InstanceStatusCode, type RunCreate } from '../../../shared/domain/instances';
import { canCancelRun } from '../../../shared/domain/ownership';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import { createMasker, type LineBlock, type Masker } from '../domain/log-lines';
import { attachScript, cleanupScript, detachedDir, detachedStartScript, fitsSpare, killScript, spareInput, spareScript, stdinUploadScript, tiedScript, withStdinFile } from '../domain/remote-script';
import type { Snowflake } from '../domain/snowflake';
import { Emitter, type Signal } from '../emitter';
import type { EventBus } from '../event-bus';
import { SshConnectError } from '../executors/ssh-connect';
import { execChannel, execCollect, type IdleSession, type SpareStarter, type SshPool } from '../executors/ssh-pool';
import { pumpChannel } from '../executors/remote-run';
import { TurnBudget } from '../executors/turn-budget';
import { ending, type PumpOutcome, type StopReason } from '../domain/run-outcome';
import type { HostRow } from '../store/hosts-repo';
import { type InstanceFilter, type InstanceRow, toInstance } from '../store/instances-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { HostsService } from './hosts-service';
import type { LogWriter } from './log-writer';
import type { Logger } from '../logger';
import { resolveRunTargets } from './targets';

export interface RunsOptions {
  /** Seconds between TERM and KILL when a run is cancelled or times out. */
  readonly graceSeconds: number;
  /** How long a detached run whose connection dropped keeps trying to re-attach. */
  readonly reattachForMs: number;
}


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
}

interface ActiveRun {
  readonly abort: AbortController;
  reason: StopReason | null;
  stopping: Promise<void> | null;
  pgid: number | null;
  /** Resolved when the remote side reports the run's process group. */
  readonly pgidKnown: Promise<number>;
  gotPgid: (pgid: number) => void;
  /** The run's open channel, once the remote command was started. */
  channel: { end(): void } | null;
  timer: NodeJS.Timeout | undefined;
}


/** Ad-hoc and task runs on remote hosts: one instance per host, owned by its remote session. */
export class RunsService {
  private readonly active = new Map<bigint, ActiveRun>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Output of all runs together gets at most this slice of each event-loop turn. */
  private readonly budget = new TurnBudget(5);
  /** Starts the session a connection keeps ready for its next tied run. */
  private readonly startSpare: SpareStarter = async (client) => {
    const nonce = randomBytes(8).toString('hex');
    return { channel: await execChannel(client, spareScript(nonce, this.opts.graceSeconds)), nonce };
  };
  private disposed = false;
  private readonly didEndInstance: Emitter<Instance>;
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
    log: Logger,
  ) {
    this.didEndInstance = new Emitter<Instance>('runs.onDidEndInstance', log);
    this.onDidEndInstance = this.didEndInstance.event;
  }

  /** Hosts a run targets: named hosts, hosts of groups, hosts of bindings; each once. */
  resolveTargets(t: RunCreate['targets']): HostRow[] {
    return resolveRunTargets(this.store, t);
  }

  start(actor: string, input: RunCreate): { run_id: string; instances: Instance[] } {
    return this.launch(actor, { ...input, hosts: this.resolveTargets(input.targets), trigger: 'ad_hoc', attempt: 1, slot: null, task: null });
  }

  /** Create one instance per host in one transaction, then run them. Ad-hoc runs and task runs both come here. */
  launch(actor: string, spec: LaunchSpec): { run_id: string; instances: Instance[] } {
    const { mask } = createMasker(spec.secrets);
    const runId = randomBytes(8).toString('hex');
    const now = this.clock.now();
    const commands = new Map(spec.hosts.map((h) => [h.id, typeof spec.command === 'string' ? spec.command : spec.command(h)]));
    const rows = this.store.tx(() => {
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
      });
      return rows;
    });
    rows.forEach((r, i) => {
      this.emit(r.id);
      this.track(this.execute(r, commands.get(spec.hosts[i]!.id)!, false, spec.stdin));
    });
    return { run_id: runId, instances: rows.map(toInstance) };
  }

  /** Cancel every running instance of a run (used by the replace overlap policy). */
  async cancelRun(actor: string, runId: string): Promise<void> {
    const { rows } = this.store.instances.list({ run_id: runId, status: InstanceStatus.Running, page: 1, per_page: 1000 });
    await Promise.all(rows.map((r) => this.cancel(actor, r.id.toString()).catch(() => undefined)));
  }

  list(f: InstanceFilter & { count: boolean }): { items: Instance[]; total: number | null; page: number; per_page: number } {
    const { rows, where, vals } = this.store.instances.list(f);
    return { items: rows.map(toInstance), total: f.count ? this.store.instances.count(where, vals) : null, page: f.page, per_page: f.per_page };
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
      this.end(row.id, { status: InstanceStatus.ManualCancellation, error: 'cancelled while no executor owned the run' });
    } else {
      await this.stop(row.id, 'cancel');
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
        this.track(this.execute(row, null, true));
      } else {
        this.end(row.id, {
          status: InstanceStatus.Unknown,
          error: row.mode === 'tied'
            ? 'Taskdeck stopped during this tied run; its remote process was ended with the connection, and its exit status is unknown'
            : 'Taskdeck stopped before the detached run had started on the host',
        });
      }
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async execute(row: InstanceRow, command: string | null, resume: boolean, stdin?: string): Promise<void> {
    let gotPgid: (pgid: number) => void = () => {};
    const pgidKnown = new Promise<number>((resolve) => (gotPgid = resolve));
    const run: ActiveRun = { abort: new AbortController(), reason: null, stopping: null, pgid: row.remote_pgid, pgidKnown, gotPgid, channel: null, timer: undefined };
    if (row.remote_pgid !== null) gotPgid(row.remote_pgid);
    this.active.set(row.id, run);
    if (!resume) this.logs.open(row.id, row, () => void this.stop(row.id, 'limit'));
    if (row.timeout_s > 0) {
      const startedMs = new Date(row.started_time ?? row.created_time).getTime();
      const left = Math.max(0, startedMs + row.timeout_s * 1000 - this.clock.now().getTime());
      run.timer = setTimeout(() => void this.stop(row.id, 'timeout'), left);
    }
    let outcome: PumpOutcome;
    try {
      outcome = await this.drive(row, command, resume, run, stdin);
    } catch (err) {
      outcome = { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    await run.stopping;
    clearTimeout(run.timer);
    // Hundreds of runs can end in one turn (their last output came in one read): their ends are
    // stored a slice of the loop at a time, like their output.
    await this.budget.turn();
    this.finish(row, run, outcome);
  }

  /** Connect, start or re-attach, and stream until the run ends or the connection goes. */
  private async drive(row: InstanceRow, command: string | null, resume: boolean, run: ActiveRun, stdin?: string): Promise<PumpOutcome> {
    const host = row.host_id ? this.store.hosts.get(row.host_id) : undefined;
    if (!host) return { kind: 'error', message: 'the host was deleted' };
    if (host.status === 'NotEnabled') return { kind: 'error', message: `${host.name} is not enabled` };
    const nonce = randomBytes(8).toString('hex');
    const deadline = this.clock.now().getTime() + (resume || row.mode === 'detached' ? this.opts.reattachForMs : 0);
    for (let attempt = 0; ; attempt++) {
      // A tied run of a short command can go to the session kept ready on the host's connection.
      const spare = row.mode === 'tied' && stdin === undefined && command !== null && fitsSpare(command) ? this.startSpare : undefined;
      // A run that has to connect opens its socket in its turn: hundreds of connects in one turn froze the loop for half a second.
      await this.budget.turn();
      const lease = await this.pool.acquire(poolKey(host), () => this.hosts.target(host), { signal: run.abort.signal, ...(spare ? { spare } : {}) }).catch((err: unknown) => err as Error);
      if (lease instanceof Error) {
        const retry = !(lease instanceof SshConnectError && lease.code !== 'ssh_connect') && !run.abort.signal.aborted && row.remote_pgid !== null && this.clock.now().getTime() < deadline;
        if (!retry) return { kind: 'error', message: lease.message };
        this.logs.system(row.id, `cannot reach ${host.name} (${lease.message}); retrying`);
        await backoff(attempt, run.abort.signal);
        continue;
      }
      let idle: IdleSession | undefined;
      try {
        if (attempt === 0 && !resume) this.logs.system(row.id, `connected to ${host.name} (${host.host}), host key ${host.host_key_pinned}${lease.spare ? '; its shell was started ahead' : ''}`);
        if (stdin !== undefined && command !== null && row.remote_pgid === null) {
          // The input goes up as a private file first: a script of any size, never on a command line.
          const up = await execCollect(lease.client, stdinUploadScript(row.id.toString()), 60_000, stdin);
          if (up.code !== 0) return { kind: 'error', message: `cannot upload the script to ${host.name}: ${up.stderr.trim() || `exit ${up.code}`}` };
          this.logs.system(row.id, `uploaded ${Buffer.byteLength(stdin)} bytes of input`);
          command = withStdinFile(command, row.id.toString());
          stdin = undefined;
        }
        if (row.mode === 'tied') {
          // Starting hundreds of runs at once is done a slice of the loop at a time, like their output.
          await this.budget.turn();
          const { spare } = lease;
          const ch = spare ? spare.channel : await execChannel(lease.client, tiedScript(command!, nonce, this.opts.graceSeconds));
          const chNonce = spare?.nonce ?? nonce;
          if (spare) ch.write(spareInput(command!, chNonce));
          run.channel = ch;
          this.markStarted(row);
          const outcome = await pumpChannel(lease.client, ch, chNonce, this.sink(row, run), this.budget);
          // The session waits for another command: the next run on this host takes it, unless this one was stopped.
          if (outcome.kind === 'exit' && outcome.reusable) idle = { channel: ch, nonce: chNonce, reuse: !run.reason && !run.abort.signal.aborted && !this.disposed };
          return outcome;
        }
        if (row.remote_pgid === null) {
          const r = await execCollect(lease.client, detachedStartScript(command!, nonce, row.id.toString()));
          const pgid = /pgid:(\d+)/.exec(r.stdout)?.[1];
          if (!pgid) return { kind: 'error', message: (/error:(.*)/.exec(r.stdout)?.[1] ?? r.stderr.trim()) || 'the detached run did not start' };
          row = { ...row, remote_pgid: Number(pgid), remote_dir: detachedDir(row.id.toString()) };
          run.pgid = row.remote_pgid;
          // Durable before anything else: after a crash this is how the run is found on the host again.
          this.store.tx(() => this.store.instances.update(row.id, { remote_pgid: row.remote_pgid, remote_dir: row.remote_dir }));
          this.markStarted(row);
        }
        // Resume after the last byte read, stored or not yet: every line read is on its way to the store.
        const fresh = this.store.instances.get(row.id)!;
        const offsets = this.logs.offsetsOf(row.id) ?? { out: fresh.out_offset, err: fresh.err_offset };
        const ch = await execChannel(lease.client, attachScript(nonce, row.id.toString(), offsets.out, offsets.err));
        const outcome = await pumpChannel(lease.client, ch, nonce, this.sink(row, run), this.budget, offsets);
        if (outcome.kind !== 'closed' || run.reason || this.disposed || this.clock.now().getTime() >= deadline) {
          if (outcome.kind === 'exit') void execCollect(lease.client, cleanupScript(row.id.toString())).catch(() => {});
          return outcome;
        }
        this.logs.system(row.id, `${outcome.message}; the detached run goes on, re-attaching`);
      } finally {
        lease.release(idle);
      }
      await backoff(attempt, run.abort.signal);
    }
  }

  private sink(row: InstanceRow, run: ActiveRun) {
    const masker = this.maskerFor(row);
    return {
      guard: masker,
      lines: (blocks: readonly LineBlock[], offsets: { out: number; err: number }) => {
        // After the run's markers are taken out; masking never changes a block's line count (secrets are masked line by line).
        const masked = row.secrets ? blocks.map((b) => ({ ...b, text: masker.mask(b.text) })) : blocks;
        this.logs.write(row.id, masked, row.mode === 'detached' ? offsets : undefined);
      },
      pgid: (pgid: number) => {
        run.pgid = pgid;
        run.gotPgid(pgid);
        // Stored for re-attaching to a detached run; a tied one is never re-attached (it ends with its connection).
        if (row.mode === 'detached' && pgid !== row.remote_pgid) this.store.instances.update(row.id, { remote_pgid: pgid });
      },
    };
  }

  private readonly maskers = new Map<bigint, Masker>();
  private maskerFor(row: InstanceRow): Masker {
    let m = this.maskers.get(row.id);
    if (!m) this.maskers.set(row.id, (m = createMasker(row.secrets ? (JSON.parse(row.secrets) as string[]) : [])));
    return m;
  }

  private markStarted(row: InstanceRow): void {
    if (row.started_time) return;
    this.store.instances.update(row.id, { started_time: this.clock.now().toISOString() });
    this.emit(row.id);
  }

  /** Stop a run for a reason; the first reason wins. Resolves when the remote session is verified gone. */
  private stop(id: bigint, reason: StopReason): Promise<void> {
    const run = this.active.get(id);
    if (!run) return Promise.resolve();
    if (run.stopping) return run.stopping;
    run.reason = reason;
    const what = { cancel: 'cancelled by a user', timeout: 'timeout reached', limit: 'log limit reached' }[reason];
    this.logs.system(id, `${what}: ending the remote process group (TERM, KILL after ${this.opts.graceSeconds}s)`);
    run.stopping = (async () => {
      if (run.pgid === null && run.channel) {
        // Started, but its process group is not reported yet: it is a moment away.
        await Promise.race([run.pgidKnown, new Promise((r) => setTimeout(r, 5_000))]);
      }
      const row = this.store.instances.get(id);
      if (!row || run.pgid === null) {
        run.channel?.end(); // a tied run's watcher ends the session when our side closes
        run.abort.abort();
        return;
      }
      const host = row.host_id ? this.store.hosts.get(row.host_id) : undefined;
      if (!host) return;
      try {
        const lease = await this.pool.acquire(poolKey(host), () => this.hosts.target(host), { control: true });
        try {
          const r = await execCollect(lease.client, killScript(run.pgid, this.opts.graceSeconds), (this.opts.graceSeconds + 10) * 1000);
          const gone = r.stdout.includes('gone');
          this.logs.system(id, gone ? `remote process group ${run.pgid} ended; none of its processes is left` : `remote process group ${run.pgid} still has processes after KILL`);
          if (!gone) this.store.instances.update(id, { error: `processes of group ${run.pgid} survived KILL` });
        } finally {
          lease.release();
        }
      } catch (err) {
        this.logs.system(id, `could not end the remote process group: ${(err as Error).message}`);
      }
      run.abort.abort();
    })();
    return run.stopping;
  }

  private finish(row: InstanceRow, run: ActiveRun, outcome: PumpOutcome): void {
    this.active.delete(row.id);
    this.maskers.delete(row.id);
    const e = ending({
      outcome, mode: row.mode, reason: run.reason, shuttingDown: this.disposed, timeoutSeconds: row.timeout_s,
      logLimitBytes: row.log_limit_bytes, recordedError: run.reason ? (this.store.instances.get(row.id)?.error ?? null) : null,
    });
    if (e) this.end(row.id, e);
    else this.logs.close(row.id); // a detached run goes on; the next start re-attaches to it
  }

  /** Record the end after the run's last lines are stored: an ended instance's log is complete. */
  private end(id: bigint, w: { status: InstanceStatusCode; exit_code?: number | null; signal?: string | null; error?: string | null }): void {
    // The last lines and the end in one transaction, synchronous=NORMAL like the lines themselves
    // (DESIGN §3 asks FULL of state changes; README, "What a crash can cost"): the checkpointer syncs the WAL
    // every 250 ms, so an OS crash or power cut loses at most the ends of that window — those runs
    // come back Unknown at start-up, never falsely ended — while an fsync per end on this thread
    // made every run end ~1 ms later and a fan-out's ends queue behind one another on the disk.
    let ended: boolean;
    try {
      ended = this.store.txLogs(() => {
        this.logs.close(id);
        return this.store.instances.end(id, { ...w, ended_time: this.clock.now().toISOString() });
      });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'unavailable')) throw err;
      if (this.disposed) return; // left Running: the next start reconciles it
      // A full disk does not end the console or lose the run's end: it is stored once space returns
      // (until then the instance reads Running; after a restart it is reconciled like any other).
      const retry = setTimeout(() => {
        this.endRetries.delete(retry);
        this.end(id, w);
      }, 2_000);
      this.endRetries.add(retry);
      return;
    }
    const row = ended ? this.store.instances.get(id) : undefined;
    if (!row) return;
    const instance = toInstance(row);
    // Consequences inside the core first, then the outward projection.
    this.didEndInstance.fire(instance);
    this.events.emit('instance.changed', { instance });
  }
  private readonly endRetries = new Set<NodeJS.Timeout>();

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
    for (const t of this.endRetries) clearTimeout(t);
    this.logs.dispose();
    this.didEndInstance.dispose();
  }
}

function poolKey(h: HostRow): string {
  return `${h.id}:${h.updated_at}:${h.host_key_pinned ?? ''}`;
}

function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  const ms = Math.min(250 * 2 ** attempt, 5_000);
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}
