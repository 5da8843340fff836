import { AppError } from '../../../shared/api/errors';
import type { Logger } from '../logger';
import type { Store } from '../store/store';

/** Loop time tracking may take per turn. */
const FLUSH_SLICE_MS = 4;

/**
 * How long a run's progress (connected, started, ended, finalized) gathers before it is written.
 * Each commit writes every page it dirtied in full (the jobs table and its indexes), and a
 * one-host run's milestones fall in four or five turns: one commit per window writes those pages
 * once for many milestones and runs. A window as long as the job events' (200 ms) lets a short
 * run end before any of its milestones is written: a host that ended needs no start written, and
 * its end is written with the others', while the loop has no run to serve.
 */
const FLUSH_DELAY_MS = 200;

/**
 * The batching writer behind RunJobs: milestones written behind the runs, FLUSH_DELAY_MS' worth in
 * one transaction (the run's own record and events go first), and never failing a run.
 */
export class MilestoneWriter {
  private readonly pending: (() => void)[] = [];
  private flushLater: NodeJS.Timeout | undefined;
  /** The rest of a flush that ran out of its slice, at the next turn. */
  private flushSoon: NodeJS.Immediate | undefined;
  /** A milestone queued while a batch is written joins that batch (at its end), not a new one. */
  private writing = false;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  /** Queue a milestone: written, in order, within FLUSH_DELAY_MS. */
  later(fn: () => void): void {
    this.pending.push(fn);
    if (!this.writing && !this.flushSoon) this.flushLater ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /**
   * A refused milestone (an AppError: the tracker checks before it writes) is logged and the batch
   * goes on; anything else may have written half of it, so it undoes the batch (logged by quietly).
   */
  milestone(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.log('warn', 'run jobs: tracking a run failed; the run goes on', { error: err.message });
    }
  }

  /** Tracking must never fail a run: a refused write is logged, and the run goes on. */
  quietly(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log('warn', 'run jobs: tracking a run failed; the run goes on', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Writes what is still pending: a clean stop loses no milestone. */
  dispose(): void {
    this.unschedule();
    this.write(Infinity);
  }

  /** At most FLUSH_SLICE_MS of the loop per turn: a 200-host run ending in one turn must not stall the others' output. */
  private flush(): void {
    this.unschedule();
    this.write(performance.now() + FLUSH_SLICE_MS);
    if (this.pending.length) this.flushSoon = setImmediate(() => this.flush());
  }

  private unschedule(): void {
    clearImmediate(this.flushSoon);
    clearTimeout(this.flushLater);
    this.flushSoon = this.flushLater = undefined;
  }

  private write(until: number): void {
    if (!this.pending.length) return;
    this.writing = true;
    try {
      this.quietly(() => this.store.txLogs(() => {
        while (this.pending.length && performance.now() < until) this.milestone(this.pending.shift()!);
      }));
    } finally {
      this.writing = false;
    }
  }
}
