import type { Clock } from '../clock';
import { createMasker, type LineBlock } from '../domain/log-lines';
import type { StopReason } from '../domain/run-outcome';
import type { PumpSink } from '../executors/remote-run';
import type { RunObserver } from '../executors/run-driver';
import type { InstanceRow } from '../store/instances-repo';
import { isStoreUnavailable } from '../store/store-health';
import type { Store } from '../store/store';
import type { LogWriter } from './log-writer';

/** What the run's start stores about it: where it runs on the host, and when it started. */
export type StartFields = Partial<Pick<InstanceRow, 'remote_pgid' | 'remote_dir' | 'started_time'>>;

interface RecordDeps {
  readonly store: Store;
  readonly logs: LogWriter;
  readonly clock: Clock;
  /** Tell the window the instance changed. */
  emit(id: bigint): void;
}

/**
 * An instance the runs service owns while its remote session lasts: what stopping it needs (its
 * process group, its channel, the reason), and its record of what happens — the system lines,
 * its start, its output — written as the run driver reports it.
 */
export class ActiveRun {
  readonly abort = new AbortController();
  reason: StopReason | null = null;
  stopping: Promise<void> | null = null;
  pgid: number | null;
  /** The run's open channel, once a tied run was started. */
  channel: { end(): void } | null = null;
  timer: NodeJS.Timeout | undefined;
  /** Start fields a full disk refused: stored with the run's end, in its transaction. */
  readonly unsaved: StartFields = {};
  private readonly pgidKnown: Promise<void>;
  private gotPgid: () => void = () => {};

  constructor(
    private readonly row: InstanceRow,
    private readonly deps: RecordDeps,
  ) {
    this.pgid = row.remote_pgid;
    this.pgidKnown = new Promise<void>((resolve) => (this.gotPgid = resolve));
    if (this.pgid !== null) this.gotPgid();
  }

  /** Resolves once the remote side reported the run's process group, or after `ms`. */
  async waitForPgid(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.pgidKnown, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  /** The service's own observer: the system lines it writes, the start it stores. */
  observer(): RunObserver {
    const { row, deps } = this;
    return {
      connected: (host, { fingerprint, spare, again }) => {
        if (!again) deps.logs.system(row.id, `connected to ${host.name} (${host.address}), host key ${fingerprint}${spare ? '; its shell was started ahead' : ''}`);
      },
      uploaded: (bytes) => deps.logs.system(row.id, `uploaded ${bytes} bytes of input`),
      started: (start) => {
        if (start.mode === 'tied') {
          this.channel = start.channel;
        } else {
          this.pgid = start.pgid;
          // Durable before anything else: after a crash this is how the run is found on the host again.
          this.record({ remote_pgid: start.pgid, remote_dir: start.dir }, 'durable');
        }
        this.markStarted();
      },
      retrying: (r) => deps.logs.system(row.id, r.kind === 'unreachable' ? `cannot reach ${r.host} (${r.message}); retrying` : `${r.message}; the detached run goes on, re-attaching`),
    };
  }

  /** Where the run's output goes: masked, into its log. */
  sink(): PumpSink {
    const { row, deps } = this;
    const masker = createMasker(row.secrets ? (JSON.parse(row.secrets) as string[]) : []);
    return {
      guard: masker,
      mask: (text) => masker.mask(text),
      lines: (blocks: readonly LineBlock[], offsets: { out: number; err: number }) => {
        // After the run's markers are taken out; masking never changes a block's line count (secrets are masked line by line).
        const masked = row.secrets ? blocks.map(masker.maskBlock) : blocks;
        deps.logs.write(row.id, masked, row.mode === 'detached' ? offsets : undefined);
      },
      pgid: (pgid: number) => {
        const changed = pgid !== this.pgid;
        this.pgid = pgid;
        this.gotPgid();
        // Stored for re-attaching to a detached run; a tied one is never re-attached (it ends with its connection).
        if (row.mode === 'detached' && changed) this.record({ remote_pgid: pgid });
      },
    };
  }

  private markStarted(): void {
    if (this.row.started_time) return;
    this.record({ started_time: this.deps.clock.now().toISOString() });
    this.deps.emit(this.row.id);
  }

  /**
   * Store what the run's start reports. A full disk must not fail a run that is already going on the
   * host (its process would be left unwatched): the fields are kept and stored with the run's end;
   * only a crash before then loses them, and the run is then reconciled like any other.
   */
  private record(fields: StartFields, sync: 'durable' | 'normal' = 'normal'): void {
    const { store } = this.deps;
    try {
      (sync === 'durable' ? store.tx : store.txLogs)(() => store.instances.update(this.row.id, fields));
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      if (Object.keys(this.unsaved).length === 0) this.deps.logs.system(this.row.id, 'the disk is full: where and when this run started is stored with its end');
      Object.assign(this.unsaved, fields);
    }
  }
}
