import type { JobNode } from '../../../shared/domain/jobs';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import type { TreeChange } from './job-tracker';

interface Pending {
  readonly nodes: Map<string, JobNode>;
  readonly removed: Set<string>;
  /** Read when the change goes out: their state then is the last one. */
  readonly touched: Set<string>;
  timer: NodeJS.Timeout;
}

/** The current state of the nodes of these ids that still exist. */
export type ReadNodes = (ids: readonly string[]) => JobNode[];

/**
 * `job.changed`, coalesced per job: the first change goes out at once, later ones at most once per
 * interval with the last state of each node, so a 200-host run cannot flood a window. Nodes a
 * change only touched (a parent its children folded into) are read as the change goes out: once
 * per interval, not once per child.
 */
export class JobEventCoalescer {
  private readonly quiet = new Map<string, Pending>();
  /** The last read failed (logged once until one succeeds). */
  private failing = false;

  constructor(
    private readonly events: EventBus,
    private readonly read: ReadNodes,
    private readonly log: Logger,
    private readonly intervalMs = 200,
  ) {}

  push(change: TreeChange): void {
    const pending = this.quiet.get(change.root_id);
    if (!pending) {
      const p: Pending = { nodes: new Map(), removed: new Set(), touched: new Set(), timer: this.arm(change.root_id) };
      this.add(p, change);
      this.send(change.root_id, p);
      this.quiet.set(change.root_id, p);
      return;
    }
    this.add(pending, change);
  }

  /** Deliver what is pending now and stop every timer. */
  dispose(): void {
    for (const [rootId, p] of this.quiet) {
      clearTimeout(p.timer);
      this.send(rootId, p);
    }
    this.quiet.clear();
  }

  private add(p: Pending, change: TreeChange): void {
    for (const n of change.nodes) {
      p.removed.delete(n.id);
      p.nodes.set(n.id, n);
    }
    for (const id of change.touched ?? []) p.touched.add(id);
    for (const id of change.removed) {
      p.nodes.delete(id);
      p.touched.delete(id);
      p.removed.add(id);
    }
  }

  /** What is pending, touched nodes read now; nothing when nothing is. A failed read is logged and tried again with the next send. */
  private send(rootId: string, p: Pending): void {
    let read = true;
    try {
      for (const n of this.read([...p.touched])) p.nodes.set(n.id, n);
      this.failing = false;
    } catch (err) {
      read = false;
      // Once per failure, not once an interval for as long as it lasts.
      if (!this.failing) this.log('warn', 'job events: the state of changed jobs could not be read; it is read again at the next interval', { root_id: rootId, error: err instanceof Error ? err.message : String(err) });
      this.failing = true;
    }
    if (p.nodes.size || p.removed.size) this.emit(rootId, [...p.nodes.values()], [...p.removed]);
    p.nodes.clear();
    p.removed.clear();
    if (read) p.touched.clear();
  }

  private arm(rootId: string): NodeJS.Timeout {
    // Not unref'd: the last state must go out; dispose() stops it.
    return setTimeout(() => this.flush(rootId), this.intervalMs);
  }

  private flush(rootId: string): void {
    const p = this.quiet.get(rootId);
    if (!p) return;
    if (!p.nodes.size && !p.removed.size && !p.touched.size) {
      this.quiet.delete(rootId); // quiet for a whole interval: the next change goes out at once
      return;
    }
    this.send(rootId, p);
    p.timer = this.arm(rootId);
  }

  private emit(rootId: string, nodes: readonly JobNode[], removed: readonly string[]): void {
    this.events.emit('job.changed', { root_id: rootId, nodes, removed });
  }
}
