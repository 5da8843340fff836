import { AppError, notFound } from '../../../shared/api/errors';
import { type Instance, InstanceStatus } from '../../../shared/domain/instances';
import { jobText } from '../../../shared/domain/job-words';
import { compareSnowflakes } from '../../../shared/domain/snowflake-order';
import { isFinished } from '../../../shared/domain/jobs';
import { canCancelRun } from '../../../shared/domain/ownership';
import type { User } from '../../../shared/domain/users';
import { ancestors, bfs } from '../domain/job-tree';
import { createMasker } from '../domain/log-lines';
import { finalSummary, type HostAttempt, type HostEnd, hostKey, hostProgress, jobStateOf, runOutcome } from '../domain/run-summary';
import type { RunObserver } from '../executors/run-driver';
import type { Logger } from '../logger';
import type { InstanceRow } from '../store/instances-repo';
import type { JobRow } from '../store/jobs-repo';
import type { Store } from '../store/store';
import type { Caller } from './auth-service';
import type { EndState, JobTracker } from './job-tracker';
import { MilestoneWriter } from './milestone-writer';
import type { LaunchSpec, RunTracking } from './runs-service';

/** A run started inside a plug-in's job or step (POST /runs, POST /tasks/{name}/run). */
export interface RunCorrelation {
  readonly job_id?: string | undefined;
  readonly step_id?: string | undefined;
}

/** Cancels one instance on the caller's authority (the runs service's own cancel path). */
export type CancelInstance = (user: User, instanceId: string) => Promise<unknown>;

/** A host's end, written with the others of its batch. */
interface HostEndWrite {
  readonly child: string;
  readonly state: EndState;
  readonly error: string | null;
  readonly startedMs: number | undefined;
}

/** What a run's job holds while it is tracked: its steps, and which hosts have still to be validated. */
interface RunJob {
  readonly id: string;
  /** Written in the launch; null only for a run rebuilt from a store that lacks the step. */
  validating: string | null;
  executing: string | null;
  /** EXECUTING was started (by its first host), or found running after a restart. */
  executingStarted: boolean;
  /** Instances of the first launch not yet connected or failed to: VALIDATING ends when none is left. */
  readonly unvalidated: Set<string>;
  readonly unreachable: string[];
  /** Instance id → its host child. */
  readonly children: Map<string, string>;
  /** Instances a user's abort already cancelled (the run's and a host's abort handler both see them). */
  readonly cancelling: Set<string>;
  /** Instance id → its host and attempt, and whether it ended: the run's progress counts hosts by their last attempt. */
  readonly attempts: Map<string, HostAttempt>;
  /** Host ends to write at the end of the batch being written, and whether that is queued. */
  readonly endsToWrite: HostEndWrite[];
  endsQueued: boolean;
  /** Hosts that started, and when, whose start is not written yet: one that ends first never has it written. */
  readonly starts: Map<string, number>;
  startsQueued: boolean;
  /** When the first host started (EXECUTING's start, even when it is written only as EXECUTING ends). */
  firstStartMs: number | undefined;
  /** Instance id → how it ended, as its end was reported: the run's summary needs no read of its instances. */
  readonly ends: Map<string, HostEnd>;
}

const KINDS = {
  ad_hoc: { module: 'runs', type: 'ad-hoc run', words: 'adHocRun', taskWords: 'adHocTaskRun' },
  schedule: { module: 'tasks', type: 'scheduled run', words: 'scheduledRun', taskWords: 'scheduledTaskRun' },
  manual: { module: 'tasks', type: 'manual run', words: 'manualRun', taskWords: 'manualTaskRun' },
  retry: { module: 'tasks', type: 'scheduled run', words: 'scheduledRun', taskWords: 'scheduledTaskRun' },
} as const;

/** Bounds how long an abort waits for the cancelled instances to end (their processes are verified gone by then). */
const ABORT_SETTLE_MS = 30_000;

/**
 * Runs as jobs: an ad-hoc run or a task's fire is a job with a VALIDATING step (connect, host
 * keys), an EXECUTING step with one child per instance, and a FINALIZING step (exit codes, log
 * totals). The job's id is the run's id. Only the run's milestones are written (a host connected,
 * started, ended), never its output.
 */
export class RunJobs implements RunTracking {
  private readonly runs = new Map<string, RunJob>();
  private readonly writer: MilestoneWriter;

  constructor(
    private readonly store: Store,
    private readonly tracker: JobTracker,
    private readonly cancel: CancelInstance,
    log: Logger,
  ) {
    this.writer = new MilestoneWriter(store, log);
  }

  /**
   * Inside the launch's transaction, before anything is stored: the run's id (its job's id), or the run
   * a retry joins. A correlated run's job or step is checked here, so a refusal stores nothing. Writes nothing.
   */
  open(_actor: string, spec: LaunchSpec): string {
    if (spec.run_id !== undefined) return spec.run_id;
    if (spec.parent_job === undefined) this.parentOf(spec.job ?? {});
    return this.tracker.newId();
  }

  /**
   * Once the launch committed, in the same turn (before any host is reached): the run's job and its
   * steps, or the run a retry joins, and one child per instance under EXECUTING, so a host's node
   * exists, and can be aborted, as soon as its instance runs. Kept out of the launch's transaction,
   * which is synced to disk: the instances must survive a power cut before anything runs, the job
   * tree need not, and its pages made that sync a third slower. Never fails the run: a refused write
   * is logged, and the run goes on untracked.
   */
  stored(actor: string, spec: LaunchSpec, runId: string, rows: readonly InstanceRow[]): void {
    const joining = spec.run_id !== undefined;
    this.writer.quietly(() => this.store.txLogs(() => {
      const run = joining ? this.runOf(runId) : this.begin(actor, spec, runId);
      if (run) this.addHosts(run, rows, joining);
    }));
    const run = this.runs.get(runId);
    if (run && !rows.length) this.writer.later(() => this.finalize(run));
  }

  private begin(actor: string, spec: LaunchSpec, id: string): RunJob {
    const parent = spec.parent_job ?? this.parentOf(spec.job ?? {});
    const kind = KINDS[spec.trigger];
    const n = spec.hosts.length;
    const task = typeof spec.task?.snapshot.name === 'string' ? spec.task.snapshot.name : null;
    const h = this.tracker.begin({
      id, module: kind.module, type: kind.type, scope: 'run', owner: actor, user_started: spec.trigger === 'ad_hoc' || spec.trigger === 'manual',
      ...(task ? jobText(kind.taskWords, { task, count: n }) : jobText(kind.words, { count: n, command: clip(createMasker(spec.secrets).mask(firstLine(spec.command)), 80) })),
      action_type: task ? 'task.run' : 'run', is_abortable: true, internal: false, external: false, running: true, ...(parent ? { parent_id: parent } : {}),
      ...(task ? { subject: { kind: 'task', id: task } as const } : {}),
    });
    const run: RunJob = { id: h.id, validating: null, executing: null, executingStarted: false, unvalidated: new Set(), unreachable: [], children: new Map(), cancelling: new Set(), attempts: new Map(), ...unwritten() };
    [run.validating, run.executing] = this.tracker.addChildren(h.id, [
      { ...jobText('validating', { count: n }), step_type: 'VALIDATING', scope: 'run', is_abortable: false, running: true },
      { ...jobText('executing', { count: n }), step_type: 'EXECUTING', scope: 'run' },
    ]) as [string, string];
    this.runs.set(h.id, run);
    h.onAbort((caller) => this.abortRun(run, caller));
    return run;
  }

  /** One child per instance under EXECUTING (a retry's joins its run's). */
  private addHosts(run: RunJob, rows: readonly InstanceRow[], joining: boolean): void {
    if (run.executing === null) return;
    for (const row of rows) run.attempts.set(row.id.toString(), attemptOf(row));
    if (!joining) for (const row of rows) run.unvalidated.add(row.id.toString());
    // A refused step (EXECUTING already ended) is logged, and the run goes on.
    const executing = run.executing;
    this.writer.milestone(() => {
      const children = this.tracker.addChildren(executing, rows.map((row) => ({
        ...(row.attempt > 1 ? jobText('hostStepAttempt', { host: hostName(row), attempt: row.attempt }) : jobText('hostStep', { host: hostName(row) })), scope: 'host', step_type: 'EXECUTING', instance_id: row.id.toString(), is_abortable: true,
      })));
      rows.forEach((row, i) => {
        const id = row.id.toString();
        const child = children[i]!;
        run.children.set(id, child);
        this.tracker.onAbort(child, (caller) => this.abortInstances(run, caller, [id], child));
      });
      // Progress shows from the start ("0 / 3 hosts"); a retry joining leaves the count of hosts as it was.
      if (!joining) this.hostsProgress(run);
    });
  }

  /** What the run's job sees of one instance: its host connected (or failed to) and started. */
  watch(row: InstanceRow): RunObserver | undefined {
    const run = this.runOf(row.run_id);
    if (!run) return undefined;
    const id = row.id.toString();
    return {
      connected: (_host, info) => this.writer.later(() => {
        if (!info.again) this.validated(run, id, null);
      }),
      started: () => {
        const ms = this.tracker.nowMs();
        run.firstStartMs ??= ms;
        run.starts.set(id, ms);
        if (run.startsQueued) return;
        run.startsQueued = true;
        this.writer.later(() => this.writeStarts(run));
      },
      ended: (outcome) => this.writer.later(() => {
        if (run.unvalidated.has(id)) this.validated(run, id, `${hostName(row)}: ${outcome.kind === 'error' ? outcome.message : 'ended before it connected'}`);
      }),
    };
  }

  /** An instance ended (wired after the scheduler, so a retry it queued keeps the run open). */
  instanceEnded(i: Instance): void {
    // Its start, if not written yet, never will be: the end carries when it started.
    const known = this.runs.get(i.run_id);
    const startedMs = known?.starts.get(i.id);
    known?.starts.delete(i.id);
    this.writer.later(() => {
      const run = this.runOf(i.run_id);
      if (!run) return;
      run.ends.set(i.id, hostEnd({ ...i, host_name: i.host.name }));
      run.attempts.set(i.id, { host: hostKey({ host: i.host.name, host_id: i.host_id }), attempt: i.attempt, ended: true });
      const child = run.children.get(i.id);
      // Ended here (or before): finalize has nothing left to end for it.
      run.children.delete(i.id);
      if (child !== undefined) run.endsToWrite.push({ child, state: jobStateOf(i.status), error: i.error, startedMs });
      // Hosts that end in one batch are written, and move the run's progress, once, after the last of them.
      if (run.endsQueued) return;
      run.endsQueued = true;
      this.writer.later(() => this.writeEnds(run));
    });
  }

  /** The hosts that ended since the last batch: those that succeeded fold away in one statement, the rest end one by one; then the run's progress. */
  private writeEnds(run: RunJob): void {
    run.endsQueued = false;
    this.writeHostEnds(run);
    if (this.runs.get(run.id) !== run) return;
    const { completed, total } = this.hostsProgress(run);
    // Counted here, not read from the store: this runs a moment behind the runs, whose later ends are already stored.
    if (completed < total || [...run.attempts.values()].some((a) => !a.ended)) return;
    this.finalize(run);
  }

  /** A retry of the run will not run after all: the run is over if nothing of it is still going. */
  retryDropped(runId: string): void {
    this.writer.later(() => {
      const run = this.runOf(runId);
      if (run && !this.stillGoing(runId)) this.finalize(run);
    });
  }

  /**
   * At start-up, before the runs are reconciled: jobs of runs whose instances all ended while
   * Taskdeck stopped end as those instances did; the rest (a run still going on a host, one that
   * reconciling ends Unknown, or a retry to come) carry on. Returns which nodes carry on.
   */
  recoverAfterRestart(): (node: JobRow) => boolean {
    const keep = new Set<string>();
    for (const row of this.store.jobs.unfinishedOwn()) {
      if (keep.has(row.id) || !this.store.instances.list({ run_id: row.id, page: 1, per_page: 1 }).rows.length) continue;
      const run = this.runOf(row.id);
      if (!run) continue;
      if (!this.stillGoing(row.id)) {
        this.writer.quietly(() => this.store.txLogs(() => this.finalize(run)));
        continue;
      }
      const tree = this.store.jobs.tree(row.root_id);
      for (const n of bfs(row.id, tree)) keep.add(n.id);
      // The job it runs under (an approved change executing) carries on with it, and ends as it does.
      for (const n of ancestors(row, tree)) keep.add(n.id);
    }
    return (node) => keep.has(node.id);
  }

  /** Writes what is still pending (a clean stop loses no milestone), then forgets the runs. */
  dispose(): void {
    this.writer.dispose();
    this.runs.clear();
  }

  /** The node a correlated run goes under: an unfinished external job or step; 404 / 409 naming it otherwise. */
  private parentOf(c: RunCorrelation): string | undefined {
    if (c.job_id === undefined && c.step_id === undefined) return undefined;
    const job = c.job_id === undefined ? undefined : this.store.jobs.get(c.job_id);
    if (c.job_id !== undefined && (!job || job.parent_id !== null)) throw notFound('job', c.job_id);
    const node = c.step_id === undefined ? job! : this.store.jobs.get(c.step_id);
    if (!node || (job && node.root_id !== job.id)) throw new AppError('not_found', `step ${c.step_id} not found${job ? ` in job ${job.id}` : ''}`);
    const what = `${node.parent_id === null ? 'job' : 'step'} ${node.id} ("${node.description}")`;
    if (node.external !== 1) throw new AppError('conflict', `${what} is Taskdeck's own work: a run can be started only inside an external job or step`);
    if (isFinished(node.state)) throw new AppError('conflict', `${what} already ended (${node.state}); a run cannot be started inside it`);
    return node.id;
  }

  private writeHostEnds(run: RunJob): void {
    const list = run.endsToWrite.splice(0);
    const folded = run.executing === null ? new Set<string>() : this.tracker.endFoldingLeaves(run.executing, list.filter((e) => e.state === 'done').map((e) => e.child));
    for (const e of list) {
      if (!folded.has(e.child)) this.tracker.endIfUnfinished(e.child, e.state, e.error, e.startedMs === undefined ? {} : { startedMs: e.startedMs });
    }
  }

  /** The hosts that started since the last batch, and EXECUTING with the first of them; those that ended meanwhile were dropped from `starts`. */
  private writeStarts(run: RunJob): void {
    run.startsQueued = false;
    if (!run.starts.size) return;
    if (run.executing !== null && !run.executingStarted) this.tracker.startIfCreated(run.executing, run.firstStartMs);
    run.executingStarted = true;
    this.tracker.startMany([...run.starts].flatMap(([id, ms]) => {
      const child = run.children.get(id);
      return child === undefined ? [] : [[child, ms] as const];
    }));
    run.starts.clear();
  }

  private validated(run: RunJob, instanceId: string, failure: string | null): void {
    if (!run.unvalidated.delete(instanceId)) return;
    if (failure) run.unreachable.push(failure);
    if (run.unvalidated.size) return;
    const row = run.validating === null ? undefined : this.store.jobs.get(run.validating);
    if (!row || isFinished(row.state)) return;
    if (run.unreachable.length) this.tracker.end(row.id, 'failed', clip(`could not connect or verify the host key: ${run.unreachable.join('; ')}`, 2_000));
    else this.tracker.end(row.id, 'done', null);
  }

  /** The run's progress in hosts (a retried host counts once, and is complete only when no retry of it is to come), written to its job. */
  private hostsProgress(run: RunJob): { completed: number; total: number } {
    const retrying = new Set(this.store.tasks.retryHostsOfRun(run.id).map((id) => hostKey({ host: '', host_id: id })));
    const p = hostProgress(run.attempts.values(), retrying);
    this.tracker.progressIfUnfinished(run.id, p.completed, p.total, 'hosts');
    return p;
  }

  /** Instances of the run still running, or a retry of it still to come. */
  private stillGoing(runId: string): boolean {
    return this.store.instances.list({ run_id: runId, status: InstanceStatus.Running, page: 1, per_page: 1 }).rows.length > 0
      || this.store.tasks.pendingRetriesOfRun(runId) > 0;
  }

  /** Every instance ended: EXECUTING ends as the hosts' last attempts did, FINALIZING sums them up, then the job ends. */
  private finalize(run: RunJob): void {
    this.runs.delete(run.id);
    // Ends noted but not written yet (an abort finalizing ahead of the batch) are written as they were.
    this.writeHostEnds(run);
    run.starts.clear();
    const ends = this.endsOf(run);
    const outcome = runOutcome(ends);
    if (run.validating !== null) this.tracker.endIfUnfinished(run.validating, 'done', null);
    if (run.executing !== null) this.tracker.endIfUnfinished(run.executing, outcome.state, outcome.error, { force: true, ...(run.firstStartMs === undefined ? {} : { startedMs: run.firstStartMs }) });
    const finalizing = this.tracker.addChild(run.id, { ...finalSummary(ends), step_type: 'FINALIZING', scope: 'run', is_abortable: false, running: true });
    this.tracker.end(finalizing, 'done', null);
    const job = this.tracker.endIfUnfinished(run.id, outcome.state, outcome.error, { force: true }) ?? this.store.jobs.get(run.id);
    const parent = job?.parent_id == null ? undefined : this.store.jobs.get(job.parent_id);
    // Taskdeck's own job above a run exists for that run (a change request's execution): it ends as the run did.
    // A plug-in's external job or step is the plug-in's to end.
    if (parent && parent.external === 0 && !isFinished(parent.state)) this.tracker.end(parent.id, outcome.state, outcome.error, { force: true });
  }

  /**
   * How each instance of the run ended, newest first (as the store lists them): as their ends were
   * reported, or, when one was not (it ended while Taskdeck stopped), from the store, whose ended
   * instances then end their host children here.
   */
  private endsOf(run: RunJob): HostEnd[] {
    if (run.attempts.size && [...run.attempts.keys()].every((id) => run.ends.has(id))) {
      return [...run.ends].sort(([a], [b]) => compareSnowflakes(b, a)).map(([, e]) => e);
    }
    const { rows } = this.store.instances.list({ run_id: run.id, page: 1, per_page: 100_000 });
    for (const r of rows) {
      const child = run.children.get(r.id.toString());
      if (child !== undefined && r.status !== InstanceStatus.Running) this.tracker.endIfUnfinished(child, jobStateOf(r.status), r.error, { force: true });
    }
    return rows.map((r) => hostEnd({ ...r, host_name: hostName(r) }));
  }

  /** A user's abort of the whole run: refused before anything is cancelled unless they may cancel every instance. */
  private async abortRun(run: RunJob, caller: Caller): Promise<void> {
    const running = this.store.instances.list({ run_id: run.id, status: InstanceStatus.Running, page: 1, per_page: 100_000 }).rows;
    const pending = this.store.tasks.retries().filter((r) => r.run_id === run.id);
    // A pending retry runs on the authority of the run it retries, so the same check covers it.
    const refused = running.find((r) => !canCancelRun(caller.user, r)) ?? (pending.length && !canCancelRun(caller.user, { created_by: pending[0]!.actor ?? '' }) ? pending[0] : undefined);
    if (refused) throw new AppError('forbidden', `run ${run.id} runs on the authority of ${'created_by' in refused ? refused.created_by : refused.actor}: only they, an admin or a DBA may abort it`);
    // Retries are cancelled in the store: one whose row is gone never fires.
    this.store.tx(() => { for (const r of pending) this.store.tasks.deleteRetry(r.id); });
    if (!running.length) {
      if (this.runs.has(run.id)) this.finalize(run);
      return;
    }
    await this.abortInstances(run, caller, running.map((r) => r.id.toString()), run.id);
  }

  /** Cancel instances through the runs service's cancel path, then wait for `nodeId` to end as they do. */
  private async abortInstances(run: RunJob, caller: Caller, ids: readonly string[], nodeId: string): Promise<void> {
    const mine = ids.filter((id) => !run.cancelling.has(id) && this.store.instances.get(BigInt(id))?.status === InstanceStatus.Running);
    for (const id of mine) {
      const row = this.store.instances.get(BigInt(id))!;
      if (!canCancelRun(caller.user, row)) throw new AppError('forbidden', `instance ${id} runs on the authority of ${row.created_by}: only they, an admin or a DBA may cancel it`);
    }
    if (!mine.length) return;
    for (const id of mine) run.cancelling.add(id);
    const ended = this.whenEnded(nodeId);
    await Promise.all(mine.map((id) => this.cancel(caller.user, id)));
    await ended;
  }

  private whenEnded(nodeId: string): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = setTimeout(done, ABORT_SETTLE_MS);
      const sub = this.tracker.whenEnded(nodeId, done);
    });
  }

  /** The run's job, kept in memory while it runs; rebuilt from the store after a restart. */
  private runOf(runId: string): RunJob | undefined {
    const known = this.runs.get(runId);
    if (known) return known;
    const node = this.store.jobs.get(runId);
    if (!node || isFinished(node.state)) return undefined;
    const tree = bfs(runId, this.store.jobs.tree(node.root_id));
    const validating = tree.find((n) => n.parent_id === runId && n.step_type === 'VALIDATING');
    const executing = tree.find((n) => n.parent_id === runId && n.step_type === 'EXECUTING');
    if (!executing) return undefined;
    const hostsOf = tree.filter((n) => n.parent_id === executing.id && n.instance_id !== null);
    const { rows } = this.store.instances.list({ run_id: runId, page: 1, per_page: 100_000 });
    const run: RunJob = {
      id: runId, validating: validating?.id ?? null, executing: executing.id, executingStarted: executing.state !== 'created', unvalidated: new Set(), unreachable: [], cancelling: new Set(), ...unwritten(),
      children: new Map(hostsOf.map((n) => [n.instance_id!, n.id])), attempts: new Map(rows.map((r) => [r.id.toString(), attemptOf(r)])),
    };
    for (const n of hostsOf) if (!isFinished(n.state)) this.tracker.handle(n.id).onAbort((caller) => this.abortInstances(run, caller, [n.instance_id!], n.id));
    this.tracker.handle(runId).onAbort((caller) => this.abortRun(run, caller));
    this.runs.set(runId, run);
    return run;
  }

}

function attemptOf(r: InstanceRow): HostAttempt {
  return { host: hostKey({ host: hostName(r), host_id: r.host_id }), attempt: r.attempt, ended: r.status !== InstanceStatus.Running };
}

/** Nothing written behind the run yet. */
function unwritten(): Pick<RunJob, 'starts' | 'startsQueued' | 'firstStartMs' | 'ends' | 'endsToWrite' | 'endsQueued'> {
  return { starts: new Map(), startsQueued: false, firstStartMs: undefined, ends: new Map(), endsToWrite: [], endsQueued: false };
}

type EndFacts = Pick<HostEnd, 'host_id' | 'attempt' | 'status' | 'exit_code' | 'error' | 'log_lines' | 'log_bytes'> & { readonly host_name: string };

function hostEnd(r: EndFacts): HostEnd {
  return { host: r.host_name, host_id: r.host_id, attempt: r.attempt, status: r.status, exit_code: r.exit_code, error: r.error, log_lines: r.log_lines, log_bytes: r.log_bytes };
}

function hostName(row: InstanceRow): string {
  return (JSON.parse(row.host_snapshot) as { name: string }).name;
}

function firstLine(command: LaunchSpec['command']): string {
  return typeof command === 'string' ? (command.split('\n')[0] ?? '') : 'a command set per host';
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
