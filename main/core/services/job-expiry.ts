import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Clock } from '../clock';
import { expiryCutoffs } from '../domain/job-tree';
import type { Logger } from '../logger';
import type { Store } from '../store/store';

export interface ExpiryOptions {
  /** How often expiry runs; 0: only when `run()` is called. */
  readonly intervalMs: number;
  /** A batch should hold the loop for at most this long; the batch size adapts to it. */
  readonly sliceMs?: number;
}

/**
 * Removes finished jobs whose TTL has passed, in small transactions with the event loop free
 * between them. Only job rows go: the instances and logs of what ran are never touched.
 */
export class JobExpiry {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private disposed = false;
  private batch = 200;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly onRemoved: (rootIds: readonly string[]) => void,
    private readonly log: Logger,
    private readonly o: ExpiryOptions,
  ) {}

  start(): void {
    void this.run();
    if (this.o.intervalMs > 0) {
      this.timer = setInterval(() => void this.run(), this.o.intervalMs);
      this.timer.unref();
    }
  }

  /** One pass (joined if one is under way); resolves with the number of roots removed. */
  run(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Remove some roots in batches, yielding between them; `pick` chooses the next batch. */
  async removeInBatches(pick: (limit: number) => string[]): Promise<number> {
    const sliceMs = this.o.sliceMs ?? 25;
    let removed = 0;
    while (!this.disposed) {
      const t0 = performance.now();
      const ids = this.store.txLogs(() => {
        const batch = pick(this.batch);
        this.store.jobs.deleteTrees(batch);
        return batch;
      });
      const took = performance.now() - t0;
      if (!ids.length) break;
      removed += ids.length;
      this.onRemoved(ids);
      // Keep each slice short whatever the disk: halve after a slow batch, grow after a quick one.
      if (took > sliceMs) this.batch = Math.max(10, this.batch >> 1);
      else if (took < sliceMs / 4) this.batch = Math.min(1000, Math.ceil(this.batch * 1.5));
      await yieldToLoop();
    }
    return removed;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<number> {
    try {
      const c = expiryCutoffs(this.clock.now().getTime(), this.store.jobs.ttls());
      return await this.removeInBatches((limit) => this.store.jobs.expiredRoots(c.taskEndedBy, c.userEndedBy, limit));
    } catch (err) {
      // A full disk or a closed store: the next pass tries again; nothing is half-deleted (each batch is one transaction).
      this.log('warn', 'job expiry pass failed', { error: err instanceof Error ? err.message : String(err) });
      return 0;
    }
  }
}
