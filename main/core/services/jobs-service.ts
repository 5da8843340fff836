import type { z } from 'zod';
import { AppError, notFound } from '../../../shared/api/errors';
import {
  type ExternalJobCreate, type ExternalJobEnd, type ExternalStepCreate, type ExternalStepEnd, fromOvirtStatus, isFinished, type JobListQuery,
  type JobNode, type JobPage, type JobView, MAX_WAIT_SECONDS, statesOfOvirt, type TaskStats, type TaskStatus, toJobView, toScyllaState, toTaskStatus,
} from '../../../shared/domain/jobs';
import type { Clock } from '../clock';
import { bfs } from '../domain/job-tree';
import type { Disposable } from '../emitter';
import type { Logger } from '../logger';
import { type JobRow, toJobNode } from '../store/jobs-repo';
import type { Store } from '../store/store';
import type { Caller } from './auth-service';
import type { JobExpiry } from './job-expiry';
import type { JobTracker } from './job-tracker';

type StepEnd = z.output<typeof ExternalStepEnd>;
type JobEnd = z.output<typeof ExternalJobEnd>;

/** Why a node Taskdeck did not stop ended at start-up. */
export const RESTART_REASON = 'Taskdeck stopped while this was running; whether it finished is not known';

/**
 * The two REST views of the job tree (oVirt's /jobs and Scylla's /task_manager) over the tracker,
 * plus retention settings, drain and start-up recovery.
 */
export class JobsService {
  private readonly waits = new Set<Disposable>();

  constructor(
    private readonly store: Store,
    readonly tracker: JobTracker,
    private readonly expiry: JobExpiry,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  // ---- oVirt view ----

  list(q: JobListQuery): JobPage {
    const rows = this.store.jobs.listRoots({
      module: q.module, states: q.status ? statesOfOvirt(q.status) : undefined, external: q.external, owner: q.owner, text: q.q, internal: q.internal,
      fromMs: q.from ? Date.parse(q.from) : undefined, toMs: q.to ? Date.parse(q.to) : undefined, before: q.before, limit: q.limit,
    });
    const children = this.store.jobs.childrenIdsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => toJobView(toJobNode(r, children.get(r.id) ?? []))), next_before: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
  }

  get(id: string): JobView {
    return toJobView(this.job(id));
  }

  /** Registered steps of a job, parents before children. */
  steps(id: string): JobView[] {
    const job = this.job(id);
    const rows = bfs(job.id, this.store.jobs.tree(job.id)).slice(1);
    const children = this.store.jobs.childrenIdsOf(rows.map((r) => r.id));
    return rows.map((r) => toJobView(toJobNode(r, children.get(r.id) ?? [])));
  }

  step(id: string, stepId: string): JobView {
    return toJobView(this.stepOf(id, stepId));
  }

  createExternal(owner: string, input: ExternalJobCreate): JobView {
    const h = this.tracker.begin({
      module: input.module, type: input.type, scope: 'job', description: input.description, owner, user_started: false, is_abortable: input.is_abortable,
      internal: false, external: true, external_type: input.external_type, action_type: input.action_type, auto_cleared: input.auto_cleared, running: true,
    });
    return this.get(h.id);
  }

  /** A step, or a sub-step under `parent_step_id`; created already ended when its status says so (it then folds at once). */
  addExternalStep(input: ExternalStepCreate): JobView {
    const job = this.job(input.id);
    const parent = input.parent_step_id === undefined ? job : this.stepOf(job.id, input.parent_step_id);
    this.requireExternal(job);
    const id = this.tracker.addChild(parent.id, {
      description: input.description, step_type: input.type, scope: input.scope, external: true, external_type: input.external_type, running: true,
    });
    const state = fromOvirtStatus(input.status);
    if (isFinished(state)) return toJobView(this.tracker.end(id, state as Exclude<typeof state, 'created' | 'running'>, null));
    return toJobView(this.tracker.node(id));
  }

  endExternalStep(input: StepEnd): JobView {
    const step = this.stepOf(input.id, input.step_id);
    this.requireExternal(step);
    return toJobView(this.tracker.end(step.id, input.succeeded ? 'done' : 'failed', input.error ?? null, { force: input.force }));
  }

  endExternalJob(input: JobEnd): JobView {
    const job = this.job(input.id);
    this.requireExternal(job);
    const state = fromOvirtStatus(input.status) as Exclude<JobNode['state'], 'created' | 'running'>;
    return toJobView(this.tracker.end(job.id, state, input.error ?? null, { force: input.force }));
  }

  /** oVirt's clear: the job is handed to auto-clearing (it expires with the TTL once ended). */
  clear(id: string): JobView {
    const job = this.job(id);
    this.requireExternal(job);
    this.store.txLogs(() => this.store.jobs.setAutoCleared(job.id, this.clock.now().getTime()));
    return this.get(id);
  }

  // ---- Scylla view ----

  listModules(): string[] {
    return this.store.jobs.modules();
  }

  /** A module's tasks, newest first; `text` as the Jobs list's `q`. */
  listModuleTasks(module: string, internal: boolean, before: string | undefined, limit: number, text?: string): TaskStats[] {
    return this.store.jobs.listModule(module, internal, text, before, limit).map(taskStats);
  }

  status(id: string): TaskStatus {
    return toTaskStatus(this.tracker.node(id));
  }

  /** The node and all its descendants, breadth first. */
  statusRecursive(id: string): TaskStatus[] {
    const row = this.tracker.row(id);
    const rows = bfs(id, this.store.jobs.tree(row.root_id));
    const children = new Map<string, string[]>(rows.map((r) => [r.id, []]));
    for (const r of rows) if (r.parent_id !== null) children.get(r.parent_id)?.push(r.id);
    return rows.map((r) => toTaskStatus(toJobNode(r, children.get(r.id) ?? [])));
  }

  /**
   * Abort an abortable node and its descendants. Work registered with an abort handler decides (and
   * checks the caller may cancel it) before anything is marked; without one, an external job needs
   * jobs:external, Taskdeck's own work an admin (only the record can change).
   */
  async abort(caller: Caller, id: string): Promise<TaskStatus> {
    const row = this.tracker.row(id);
    if (isFinished(row.state)) throw new AppError('conflict', `task ${id} ("${row.description}") already ended ${toScyllaState(row.state)}; there is nothing to abort`);
    if (row.is_abortable !== 1) throw new AppError('conflict', `task ${id} ("${row.description}") is not abortable: the work it stands for cannot be stopped safely once started`);
    const subtree = bfs(id, this.store.jobs.tree(row.root_id)).filter((n) => !isFinished(n.state));
    const handlers = this.tracker.abortHandlersOf(subtree.map((n) => n.id));
    if (!handlers.length) {
      const needed = row.external === 1 ? 'jobs:external' : 'system:admin';
      if (!caller.permissions.has(needed)) throw new AppError('forbidden', `${caller.user.user_name} lacks the permission ${needed} needed to abort task ${id}`);
    }
    // Work its handlers end (a run whose instances were cancelled) shows as it ended, even if it folded away since.
    let ended: JobNode | undefined;
    const sub = this.tracker.whenEnded(id, (n) => (ended = n));
    try {
      for (const h of handlers) await h(caller);
    } finally {
      sub.dispose();
    }
    ended ??= this.tracker.end(id, 'aborted', `aborted by ${caller.user.user_name}`, { force: true });
    return toTaskStatus(ended);
  }

  /** Long-poll until the node ends or `timeoutSeconds` pass (then a 408 saying it is still running). */
  wait(id: string, timeoutSeconds: number): Promise<TaskStatus> {
    const row = this.tracker.row(id);
    if (isFinished(row.state)) return Promise.resolve(this.status(id));
    const ms = Math.min(timeoutSeconds, MAX_WAIT_SECONDS) * 1000;
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        this.waits.delete(entry);
      };
      const sub = this.tracker.whenEnded(id, (node) => {
        done();
        resolve(toTaskStatus(node));
      });
      const timer = setTimeout(() => {
        done();
        reject(new AppError('timeout', `task ${id} ("${row.description}") did not end within ${timeoutSeconds} s; it is still ${toScyllaState(this.store.jobs.get(id)?.state ?? row.state)}`));
      }, ms);
      const entry: Disposable = {
        dispose: () => {
          done();
          reject(new AppError('unavailable', 'Taskdeck is shutting down; wait again once it is back'));
        },
      };
      this.waits.add(entry);
    });
  }

  ttl(which: 'ttl' | 'user_ttl'): number {
    const t = this.store.jobs.ttls();
    return which === 'ttl' ? t.ttlSeconds : t.userTtlSeconds;
  }

  /** Set a TTL; returns the previous value. Roots already past the new TTL go at the next expiry pass, started now. */
  setTtl(which: 'ttl' | 'user_ttl', seconds: number): number {
    const previous = this.ttl(which);
    this.store.tx(() => this.store.jobs.setTtl(which, seconds));
    void this.expiry.run();
    return previous;
  }

  /** Unregister a module's finished jobs now; running ones stay. */
  drain(module: string): Promise<number> {
    return this.expiry.removeInBatches((limit) => this.store.jobs.finishedRoots(module, limit));
  }

  /**
   * At start-up: nodes Taskdeck itself tracked and left unfinished end unknown (their work stopped
   * with the process), deepest first; external ones are the plug-in's and survive restarts. `keep`
   * spares those whose work carries on (a re-attached detached run).
   */
  recoverAfterRestart(keep: (node: JobRow) => boolean = () => false): number {
    let ended = 0;
    for (const row of this.store.jobs.unfinishedOwn()) {
      const now = this.store.jobs.get(row.id);
      if (!now || isFinished(now.state) || keep(now)) continue;
      this.tracker.end(row.id, 'unknown', RESTART_REASON, { force: true, descendantsAs: 'unknown' });
      ended++;
    }
    if (ended) this.log('warn', `${ended} job(s) left running by a stop ended UNKNOWN`);
    return ended;
  }

  dispose(): void {
    for (const w of [...this.waits]) w.dispose();
  }

  private job(id: string): JobNode {
    const node = this.tracker.node(id);
    if (node.parent_id !== null) throw notFound('job', id);
    return node;
  }

  private stepOf(jobId: string, stepId: string): JobNode {
    const job = this.job(jobId);
    const step = this.store.jobs.get(stepId);
    if (!step || step.root_id !== job.id || step.parent_id === null) throw new AppError('not_found', `step ${stepId} not found in job ${jobId}`);
    return this.tracker.node(stepId);
  }

  private requireExternal(node: JobNode): void {
    if (!node.external) throw new AppError('conflict', `"${node.description}" (${node.id}) is Taskdeck's own work: it ends itself; only external jobs and steps are changed here`);
  }
}

function taskStats(r: JobRow): TaskStats {
  return {
    task_id: r.id, state: toScyllaState(r.state), tree_state: r.state, type: r.type, kind: 'node', scope: r.scope, description: r.description,
    sequence_number: r.sequence_number, internal: r.internal === 1,
    start_time: r.started_ms === null ? null : new Date(r.started_ms).toISOString(), end_time: r.ended_ms === null ? null : new Date(r.ended_ms).toISOString(),
  };
}
