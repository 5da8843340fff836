import { probeHostKey, SshConnectError } from '../executors/ssh-connect';
import type { HostRow } from '../store/hosts-repo';
import type { Store } from '../store/store';
import type { HostsService } from './hosts-service';

export interface HostHealthOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
}

type Contact = Parameters<HostsService['recordContact']>[1];

/**
 * Probes enabled hosts on an interval: a handshake that checks the host key and sends no
 * credentials. Unreachable hosts and changed keys become Abnormal; recovered ones Enabled.
 * A store that cannot be written (disk full, I/O error) loses that round's findings, said in the
 * log; probing goes on and records again once the store takes writes.
 */
export class HostHealth {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly hosts: HostsService,
    private readonly opts: HostHealthOptions,
    private readonly log: (message: string) => void,
  ) {}

  start(): void {
    if (this.timer || this.opts.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.probeAll(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** One round over every Enabled or Abnormal host; overlapping calls share the round in flight. Never rejects. */
  probeAll(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    let rows: HostRow[];
    try {
      rows = this.store.hosts.list().filter((r) => r.status !== 'NotEnabled');
    } catch (err) {
      return this.log(`host health: cannot read the hosts, round skipped: ${messageOf(err)}`);
    }
    const queue = [...rows];
    const unrecorded: string[] = [];
    const record = (row: HostRow, c: Contact): void => {
      try {
        this.hosts.recordContact(row, c);
      } catch (err) {
        unrecorded.push(`${row.name} (${messageOf(err)})`);
      }
    };
    const worker = async (): Promise<void> => {
      for (let row = queue.shift(); row && !this.abort.signal.aborted; row = queue.shift()) {
        try {
          const key = await probeHostKey(this.hosts.probeTarget(row), { readyTimeoutMs: this.opts.timeoutMs, signal: this.abort.signal });
          const mismatch = key.verdict === 'mismatch';
          record(row, {
            fingerprint: key.fingerprint, keyType: key.keyType, ok: !mismatch,
            reason: mismatch ? `host key changed: expected ${row.host_key_pinned}, got ${key.fingerprint}` : null,
            ...(mismatch ? { code: 'host_key_mismatch' } : {}),
          });
        } catch (err) {
          if (this.abort.signal.aborted) return;
          const code = err instanceof SshConnectError ? err.code : 'ssh_connect';
          record(row, { fingerprint: null, keyType: null, ok: false, reason: messageOf(err), code });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, rows.length) }, worker));
    // One line a round, not one a host: a full disk would otherwise flood the log it cannot write either.
    if (unrecorded.length) this.log(`host health: could not record the probe of ${unrecorded.length} of ${rows.length} hosts; will try again next round: ${unrecorded.slice(0, 3).join('; ')}`);
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
    await this.running;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
