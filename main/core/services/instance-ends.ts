import { AppError } from '../../../shared/api/errors';
import type { Instance, InstanceStatusCode } from '../../../shared/domain/instances';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { Logger } from '../logger';
import { toInstance } from '../store/instances-repo';
import type { Store } from '../store/store';
import type { StartFields } from './active-run';
import type { LogWriter } from './log-writer';

/** How an instance ended, as its end is stored. */
export type EndFields = { status: InstanceStatusCode; exit_code?: number | null; signal?: string | null; error?: string | null };
/** An instance's end, with what of its start a full disk refused (stored in the end's transaction). */
type Ending = { id: bigint; w: EndFields; unsaved?: StartFields };

interface EndsDeps {
  readonly store: Store;
  readonly logs: LogWriter;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly logger: Logger;
  /** An end was stored: consequences inside the core (retries, change requests) before the outward event. */
  readonly ended: (instance: Instance) => void;
  /** The runs service is shutting down: an end a full disk refused is left Running, for the next start to reconcile. */
  readonly shuttingDown: () => boolean;
}

/**
 * Where the runs service records instances' ends: after each run's last lines, in one transaction with
 * them, so an ended instance's log is complete. Runs that end in one turn of the loop (a fan-out's hosts,
 * whose last output came in one read) are stored together at the end of that turn: one commit, not one
 * each. A full disk does not lose an end: it is retried until space returns.
 */
export class InstanceEnds {
  private readonly retries = new Set<NodeJS.Timeout>();
  /** Ends waiting for the end of this turn of the loop (`later`). */
  private readonly pending: Ending[] = [];
  private soon: NodeJS.Immediate | undefined;

  constructor(private readonly deps: EndsDeps) {}

  /** Store this end with the others of this turn. */
  later(id: bigint, w: EndFields, unsaved: StartFields): void {
    this.pending.push({ id, w, unsaved });
    this.soon ??= setImmediate(() => this.flush());
  }

  /** Store this end now (a cancel with no executor, a reconcile at start-up). */
  now(id: bigint, w: EndFields): void {
    this.storeAll([{ id, w }]);
  }

  /** Store what waits for the end of the turn, and stop retrying (shutdown). */
  dispose(): void {
    this.flush();
    for (const t of this.retries) clearTimeout(t);
  }

  private flush(): void {
    clearImmediate(this.soon);
    this.soon = undefined;
    if (this.pending.length) this.storeAll(this.pending.splice(0));
  }

  private storeAll(list: readonly Ending[]): void {
    const { store, logs, clock, logger } = this.deps;
    // The last lines and the end in one transaction, synchronous=NORMAL like the lines themselves
    // (DESIGN §3 asks FULL of state changes; README, "What a crash can cost"): the checkpointer syncs the WAL
    // every 250 ms, so an OS crash or power cut loses at most the ends of that window — those runs
    // come back Unknown at start-up, never falsely ended — while an fsync per end on this thread
    // made every run end ~1 ms later and a fan-out's ends queue behind one another on the disk.
    let ended: boolean[];
    try {
      const at = clock.now().toISOString();
      ended = logs.closeManyWith(list.map((e) => e.id), () =>
        list.map((e) => {
          if (e.unsaved) store.instances.update(e.id, e.unsaved);
          return store.instances.end(e.id, { ...e.w, ended_time: at });
        }),
      );
    } catch (err) {
      const ids = list.map((e) => e.id).join(', ');
      if (!(err instanceof AppError && err.code === 'unavailable')) {
        // Not the disk: the instances stay Running, and the next start reconciles them.
        logger('error', `runs: the end of instance ${ids} could not be stored`, { error: err instanceof Error ? err.message : String(err) });
        return;
      }
      if (this.deps.shuttingDown()) return; // left Running: the next start reconciles them
      // A full disk does not end the console or lose the runs' ends: they are stored once space returns
      // (until then the instances read Running; after a restart they are reconciled like any other).
      const retry = setTimeout(() => {
        this.retries.delete(retry);
        this.storeAll(list);
      }, 2_000);
      this.retries.add(retry);
      return;
    }
    list.forEach((e, i) => {
      const row = ended[i] ? store.instances.get(e.id) : undefined;
      if (!row) return;
      const instance = toInstance(row);
      // Consequences inside the core first, then the outward projection.
      this.deps.ended(instance);
      this.deps.events.emit('instance.changed', { instance });
    });
  }
}
