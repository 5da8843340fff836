import { InstanceStatus, type Instance } from '../../../shared/domain/instances';
import type { Task } from '../../../shared/domain/tasks';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { misfire, nextSlots, slotsBetween } from '../domain/schedule';
import { Emitter, type Signal } from '../emitter';
import type { EventBus } from '../event-bus';
import type { HostRow } from '../store/hosts-repo';
import type { RetryRow, TaskRow } from '../store/tasks-repo';
import type { Store } from '../store/store';
import { isStoreUnavailable } from '../store/store-health';
import type { LaunchSpec } from '../services/runs-service';
import { boundTargets } from '../services/targets';
import { DueQueue } from './due-queue';

type Key = `slot:${number}` | `retry:${number}`;

/** What the scheduler needs of an executor: the runs service, or a fake one in the scheduler bench. */
export interface TaskLauncher {
  launch(actor: string, spec: LaunchSpec): { run_id: string };
  cancelRun(actor: string, runId: string): Promise<void>;
}

export interface SchedulerOptions {
  /** false: fire only when `tick()` is called (tests and benches with a fake clock). */
  readonly timers: boolean;
  /** Asked before every run and retry: a reason the task may not run now (its approval), or null. */
  readonly gate: (t: TaskRow) => string | null;
  /** Asked before every run and retry: a reason the user on whose authority it runs may not run it now, or null. */
  readonly authority: (userName: string, t: TaskRow, hosts: readonly HostRow[]) => string | null;
}

/** Longest single timer; longer waits re-arm (setTimeout overflows past 2^31 ms). */
const MAX_TIMER_MS = 60 * 60_000;
/** After a failed commit, what was due is tried again this much later. */
const RETRY_TICK_MS = 5_000;
const RETRYABLE = new Set<number>([InstanceStatus.AbnormalEnding, InstanceStatus.TimeoutEnding]);

/**
 * Fires task slots on time, exactly once (a slot is claimed by primary key before it runs, so a
 * restart or a clock jump cannot fire it twice), applies misfire after downtime, overlap policies,
 * countdowns, and retries of failed instances after their interval.
 */
export class TaskScheduler {
  private readonly queue = new DueQueue<Key>();
  private timer: NodeJS.Timeout | undefined;
  private readonly rr = new Map<number, Map<number, number>>(); // smooth weighted round-robin state per task
  /** Task and run of each retry in the queue (retry id →): stopping a task drops its retries. */
  private readonly queuedRetries = new Map<number, { readonly task: number; readonly run: string | null }>();
  private readonly didDropRetry: Emitter<string>;
  /** A retry of this run will not run after all (its task stopped, its approval or authority ended): the run may be over. */
  readonly onDidDropRetry: Signal<string>;
  /** Runs in flight when their task was stopped or deleted: their failure is not retried. */
  private readonly haltedRuns = new Set<string>();
  /** Slot time and fire lag (ms) of every slot fired on time by the timer (bench and diagnostics). */
  readonly lags: { slotMs: number; lagMs: number }[] = [];
  private disposed = false;
  /** Set when a tick could not commit: the timer waits until then rather than spinning on a full disk. */
  private backoffUntil = 0;

  constructor(
    private readonly store: Store,
    private readonly runs: TaskLauncher,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: SchedulerOptions,
  ) {
    this.didDropRetry = new Emitter<string>('scheduler.onDidDropRetry', log);
    this.onDidDropRetry = this.didDropRetry.event;
  }

  /** At start-up: misfire handling for every started task, pending retries, then timers. */
  start(): void {
    this.store.tx(() => {
      for (const t of this.store.tasks.started()) this.recover(t);
    });
    for (const r of this.store.tasks.retries()) this.queueRetry(r.id, r.task_id, r.run_id, Date.parse(r.due_at));
    this.arm();
  }

  /** A task was started: first slot after now (or at once for a one-off without a cron). */
  onStarted(t: TaskRow): void {
    if (!t.cron_expression) {
      this.fire(t.id, this.clock.now(), 'manual');
      return;
    }
    this.armTask(t, this.clock.now());
    this.arm();
  }

  /** A task was stopped or deleted: its next slot and its pending retries are dropped, and its runs in flight are not retried. */
  onStopped(taskId: number): void {
    this.queue.delete(`slot:${taskId}`);
    this.rr.delete(taskId);
    const dropped = new Set<string>();
    for (const [retryId, { task, run }] of this.queuedRetries) {
      if (task !== taskId) continue;
      this.queue.delete(`retry:${retryId}`);
      this.queuedRetries.delete(retryId);
      if (run) dropped.add(run);
    }
    for (const run of dropped) this.didDropRetry.fire(run);
    for (const runId of this.store.tasks.runningRuns(taskId)) this.haltedRuns.add(runId);
  }

  /** Run every due slot and retry; called by the timer, or directly by tests with a fake clock. */
  tick(): void {
    if (this.disposed) return;
    const now = this.clock.now().getTime();
    const due = this.queue.popDue(now);
    this.backoffUntil = 0;
    try {
      // One transaction for everything due now: many slots in one second cost one commit, not one each.
      this.store.tx(() => {
        for (const { key, due: at } of due) {
          const [kind, id] = key.split(':') as ['slot' | 'retry', string];
          try {
            // A nested transaction is a savepoint: one failing slot rolls back alone.
            this.store.tx(() => (kind === 'slot' ? this.onSlot(Number(id), new Date(at)) : this.onRetry(Number(id))));
          } catch (err) {
            // A disk that cannot take the write: the slot or retry is not lost, it is due again after a pause.
            if (isStoreUnavailable(err)) {
              this.queue.set(key, at);
              this.backoffUntil = now + RETRY_TICK_MS;
            }
            this.log('error', `scheduler: ${key} failed`, { error: (err as Error).message });
          }
        }
      });
    } catch (err) {
      // The commit itself failed (a full disk): nothing of it happened, so the same keys are due again.
      // Runs launched inside it never start (a run starts only once its instance is stored).
      for (const { key, due: at } of due) this.queue.set(key, at);
      this.backoffUntil = now + RETRY_TICK_MS;
      this.log('error', 'scheduler: what was due could not be stored; trying again shortly', { error: (err as Error).message });
    } finally {
      this.arm();
    }
  }

  private onSlot(taskId: number, slot: Date): void {
    const t = this.store.tasks.get(taskId);
    if (!t || t.stage !== 'Started') return;
    const now = this.clock.now();
    // A slot reached late (event loop stalled, clock jumped): the misfire rule decides which of the passed slots run.
    const late = now.getTime() - slot.getTime() > 1000 ? slotsBetween(t.cron_expression, tz(t), new Date(slot.getTime() - 1), now) : [slot];
    const decision = misfire(late.length ? late : [slot], now, Math.max(t.misfire_deadline_seconds, 1));
    for (const m of decision.missed) this.store.tx(() => this.store.tasks.claimSlot(t.id, m.toISOString(), 'missed', 'missed while Taskdeck was busy or its clock jumped', null, now.toISOString()));
    if (decision.run) {
      if (this.lags.length < 1_000_000) this.lags.push({ slotMs: decision.run.getTime(), lagMs: now.getTime() - decision.run.getTime() });
      this.fire(t.id, decision.run, 'schedule');
    }
    const fresh = this.store.tasks.get(taskId);
    if (fresh?.stage === 'Started') this.armTask(fresh, now);
  }

  /**
   * Claim the slot, apply the overlap policy, pick hosts, launch. Returns the run id or null.
   * `actor`: whose authority the run goes on; by default the task's starter, never the scheduler.
   * `within`: the job the run's job goes under: a plug-in's external job or step (`job`), or the
   * execution of the change request that approved it (`parent_job`).
   */
  fire(taskId: number, slot: Date | null, trigger: 'schedule' | 'manual', actor?: string, within: Pick<LaunchSpec, 'job' | 'parent_job'> = {}): string | null {
    const t = this.store.tasks.get(taskId);
    if (!t) return null;
    const authority = actor ?? t.started_by ?? t.owner;
    const now = this.clock.now().toISOString();
    const slotIso = slot ? slot.toISOString() : null;
    const running = this.store.tasks.runningRuns(t.id);
    const limit = t.overlap_policy === 'forbid' ? 1 : t.maximum_parallel_runnable_num;
    const hosts = this.pickHosts(t);
    const gated = this.opts.gate(t);
    const refused = gated ? null : this.opts.authority(authority, t, hosts);
    if ((gated || refused) && trigger === 'schedule' && t.stage === 'Started') {
      // The approval or the authority that let this schedule run has ended: the schedule ends with it.
      this.store.tasks.setRuntime(t.id, { stage: 'Stopped', next_run_at: null });
      this.queue.delete(`slot:${t.id}`);
    }
    const skip = gated ? `not approved: ${gated}`
      : refused ? `not authorised: ${refused}`
      : running.length >= limit && t.overlap_policy !== 'replace' ? `${running.length} run(s) still running (overlap policy ${t.overlap_policy}, limit ${limit})`
      : hosts.length === 0 ? 'no enabled host is bound to this task' : null;
    if (slotIso && trigger === 'schedule') {
      const claimed = this.store.tx(() => this.store.tasks.claimSlot(t.id, slotIso, skip ? 'skipped' : 'fired', skip, null, now));
      if (!claimed) return null;
    }
    if (skip) {
      if (trigger === 'manual' && !slotIso) throw new Error(skip);
      return null;
    }
    if (running.length >= limit) for (const r of running) void this.runs.cancelRun('scheduler (replace policy)', r);
    const { run_id } = this.runs.launch(authority, {
      hosts, ...commandOf(t), timeout: t.timeout, mode: t.run_mode, log_limit_bytes: 2 * 1024 ** 3, log_policy: 'truncate', secrets: [],
      trigger, attempt: 1, slot: slotIso, task: { id: t.id, snapshot: snapshot(t) }, ...within,
    });
    this.store.tx(() => {
      if (slotIso && trigger === 'schedule') this.store.tasks.setSlotRun(t.id, slotIso, run_id);
      const fired = t.runs_fired + 1;
      this.store.tasks.setRuntime(t.id, { runs_fired: fired, last_run_at: now });
      const freq = JSON.parse(t.frequency) as Task['frequency'];
      // A one-off ends after its run: its slot, or at once when it has no cron.
      const done = (freq.mode === 'once' && (trigger === 'schedule' || !t.cron_expression)) || (freq.mode === 'countdown' && fired >= (freq.count ?? 1));
      if (done && t.stage === 'Started') {
        this.store.tasks.setRuntime(t.id, { stage: 'Stopped', next_run_at: null });
        this.queue.delete(`slot:${t.id}`);
      }
    });
    if (this.events.listening) this.events.emit('task.changed', { task: this.store.tasks.toTask(this.store.tasks.get(t.id)!) });
    return run_id;
  }

  /**
   * An instance ended (wired to the runs' signal). Retries belong to the failed run, not to the
   * schedule: a failed run of any trigger (slot, once, countdown, "Run now", a retry) is retried
   * after its interval up to the task's retry_times, whatever the task's stage now (a once task
   * is Stopped as soon as it fires) — unless the task was stopped or deleted while the run was in flight.
   */
  instanceEnded(i: Instance): void {
    const halted = this.haltedRuns.has(i.run_id);
    if (halted && this.store.instances.list({ run_id: i.run_id, status: InstanceStatus.Running, page: 1, per_page: 1 }).rows.length === 0) this.haltedRuns.delete(i.run_id);
    if (halted || !i.task_id || !RETRYABLE.has(i.status) || i.host_id === null) return;
    const t = this.store.tasks.get(i.task_id);
    if (!t || i.attempt > t.retry_times) return;
    const due = new Date(this.clock.now().getTime() + t.retry_interval * 1000);
    this.store.tx(() => this.store.tasks.addRetry(t.id, i.host_id!, i.attempt + 1, i.slot, due.toISOString(), i.created_by, i.run_id));
    const r = this.store.tasks.retries().find((x) => x.task_id === t.id && x.host_id === i.host_id && x.attempt === i.attempt + 1 && x.slot === i.slot);
    if (r) this.queueRetry(r.id, t.id, r.run_id, due.getTime());
    this.arm();
  }

  private queueRetry(retryId: number, taskId: number, runId: string | null, due: number): void {
    this.queue.set(`retry:${retryId}`, due);
    this.queuedRetries.set(retryId, { task: taskId, run: runId });
  }

  private onRetry(retryId: number): void {
    const r = this.store.tasks.retries().find((x) => x.id === retryId);
    this.queuedRetries.delete(retryId);
    // Claimed by deleting its row: a retry cancelled in the store (task stopped or deleted) never fires.
    if (!r || !this.store.tx(() => this.store.tasks.deleteRetry(retryId))) return;
    const ran = this.runRetry(r);
    if (!ran && r.run_id) this.didDropRetry.fire(r.run_id);
  }

  /** Launch a claimed retry, unless its task, host, approval or authority is gone; false when it does not run. */
  private runRetry(r: RetryRow): boolean {
    const t = this.store.tasks.get(r.task_id);
    const host = this.store.hosts.get(r.host_id);
    if (!t || !host) return false;
    const gated = this.opts.gate(t);
    if (gated) {
      this.log('warn', `scheduler: retry ${r.attempt} of task ${t.name} on ${host.name} not run: not approved: ${gated}`);
      return false;
    }
    // A retry runs on the authority of the run it retries, if that authority still holds.
    const authority = r.actor ?? t.started_by ?? t.owner;
    const refused = this.opts.authority(authority, t, [host]);
    if (refused) {
      this.log('warn', `scheduler: retry ${r.attempt} of task ${t.name} on ${host.name} not run: ${refused}`);
      return false;
    }
    this.runs.launch(authority, {
      hosts: [host], ...commandOf(t), timeout: t.timeout, mode: t.run_mode, log_limit_bytes: 2 * 1024 ** 3, log_policy: 'truncate', secrets: [],
      trigger: 'retry', attempt: r.attempt, slot: r.slot, task: { id: t.id, snapshot: snapshot(t) }, ...(r.run_id ? { run_id: r.run_id } : {}),
    });
    return true;
  }

  /** After downtime: slots since the last one recorded go through the misfire rule, then the next slot is armed. */
  private recover(t: TaskRow): void {
    if (!t.cron_expression) return;
    const now = this.clock.now();
    const since = new Date(this.store.tasks.lastSlot(t.id) ?? t.started_at ?? now.toISOString());
    const decision = misfire(slotsBetween(t.cron_expression, tz(t), since, now), now, t.misfire_deadline_seconds);
    for (const m of decision.missed) this.store.tx(() => this.store.tasks.claimSlot(t.id, m.toISOString(), 'missed', 'missed while Taskdeck was not running', null, now.toISOString()));
    if (decision.run) this.fire(t.id, decision.run, 'schedule');
    const fresh = this.store.tasks.get(t.id);
    if (fresh?.stage === 'Started') this.armTask(fresh, now);
  }

  private armTask(t: TaskRow, after: Date): void {
    const [next] = nextSlots(t.cron_expression, tz(t), after, 1);
    this.store.tasks.setRuntime(t.id, { next_run_at: next?.toISOString() ?? null });
    if (next) this.queue.set(`slot:${t.id}`, next.getTime());
    else this.queue.delete(`slot:${t.id}`);
  }

  /** Bound hosts that are enabled: all of them, or one by smooth weighted round-robin. */
  private pickHosts(t: TaskRow): HostRow[] {
    const candidates = boundTargets(this.store, this.store.tasks.bindingIds(t.id)).filter((c) => c.host.status !== 'NotEnabled').map((c) => ({ b: c.binding, host: c.host }));
    if (t.dispatch === 'all') return [...new Map(candidates.map((c) => [c.host.id, c.host])).values()];
    if (candidates.length === 0) return [];
    const state = this.rr.get(t.id) ?? new Map<number, number>();
    this.rr.set(t.id, state);
    const total = candidates.reduce((s, c) => s + c.b.weight, 0);
    let best = candidates[0]!;
    for (const c of candidates) {
      state.set(c.b.id, (state.get(c.b.id) ?? 0) + c.b.weight);
      if (state.get(c.b.id)! > state.get(best.b.id)!) best = c;
    }
    state.set(best.b.id, state.get(best.b.id)! - total);
    return [best.host];
  }

  private arm(): void {
    if (!this.opts.timers || this.disposed) return;
    clearTimeout(this.timer);
    const due = this.queue.peek();
    if (due === undefined) return;
    const now = this.clock.now().getTime();
    const wait = Math.min(Math.max(0, due - now, this.backoffUntil - now), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.didDropRetry.dispose();
  }
}

/** What runs: a command, or a database client (the task's, else the host's) reading the task's script on stdin. */
function commandOf(t: TaskRow): Pick<LaunchSpec, 'command' | 'stdin'> {
  return t.type === 'database_change' ? { command: (h) => t.client_command || h.client_command, stdin: t.script } : { command: t.command };
}

function tz(t: TaskRow): string {
  return (JSON.parse(t.frequency) as Task['frequency']).time_zone;
}

/** What history keeps of the task, as delicate does: true after later edits. */
function snapshot(t: TaskRow): Record<string, unknown> {
  return {
    name: t.name, description: t.description, type: t.type, command: t.command, script: t.script, client_command: t.client_command, frequency: JSON.parse(t.frequency), cron_expression: t.cron_expression,
    maximum_parallel_runnable_num: t.maximum_parallel_runnable_num, tag: t.tag, timeout: t.timeout, retry_times: t.retry_times,
  };
}
