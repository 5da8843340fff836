import type { JobNode } from '../../../shared/domain/jobs';
import type { EventBus } from '../event-bus';
import type { TreeChange } from './job-tracker';

interface Pending {
  readonly nodes: Map<string, JobNode>;
  readonly removed: Set<string>;
  timer: NodeJS.Timeout;
}

/**
 * `job.changed`, coalesced per job: the first change goes out at once, later ones at most once per
 * interval with the last state of each node, so a 200-host run cannot flood a window.
 */
export class JobEventCoalescer {
  private readonly quiet = new Map<string, Pending>();

  constructor(
    private readonly events: EventBus,
    private readonly intervalMs = 200,
  ) {}

  push(change: TreeChange): void {
    const pending = this.quiet.get(change.root_id);
    if (!pending) {
      this.emit(change.root_id, change.nodes, change.removed);
      this.quiet.set(change.root_id, { nodes: new Map(), removed: new Set(), timer: this.arm(change.root_id) });
      return;
    }
    for (const n of change.nodes) {
      pending.removed.delete(n.id);
      pending.nodes.set(n.id, n);
    }
    for (const id of change.removed) {
      pending.nodes.delete(id);
      pending.removed.add(id);
    }
  }

  /** Deliver what is pending now and stop every timer. */
  dispose(): void {
    for (const [rootId, p] of this.quiet) {
      clearTimeout(p.timer);
      if (p.nodes.size || p.removed.size) this.emit(rootId, [...p.nodes.values()], [...p.removed]);
    }
    this.quiet.clear();
  }

  private arm(rootId: string): NodeJS.Timeout {
    // Not unref'd: the last state must go out; dispose() stops it.
    return setTimeout(() => this.flush(rootId), this.intervalMs);
  }

  private flush(rootId: string): void {
    const p = this.quiet.get(rootId);
    if (!p) return;
    if (!p.nodes.size && !p.removed.size) {
      this.quiet.delete(rootId); // quiet for a whole interval: the next change goes out at once
      return;
    }
    this.emit(rootId, [...p.nodes.values()], [...p.removed]);
    p.nodes.clear();
    p.removed.clear();
    p.timer = this.arm(rootId);
  }

  private emit(rootId: string, nodes: readonly JobNode[], removed: readonly string[]): void {
    this.events.emit('job.changed', { root_id: rootId, nodes, removed });
  }
}
