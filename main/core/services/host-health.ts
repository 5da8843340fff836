import { probeHostKey, SshConnectError } from '../executors/ssh-connect';
import type { Store } from '../store/store';
import type { HostsService } from './hosts-service';

export interface HostHealthOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly concurrency: number;
}

/**
 * Probes enabled hosts on an interval: a handshake that checks the host key and sends no
 * credentials. Unreachable hosts and changed keys become Abnormal; recovered ones Enabled.
 */
export class HostHealth {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly store: Store, private readonly hosts: HostsService, private readonly opts: HostHealthOptions) {}

  start(): void {
    if (this.timer || this.opts.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.probeAll(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** One round over every Enabled or Abnormal host; overlapping calls share the round in flight. */
  probeAll(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    const rows = this.store.hosts.list().filter((r) => r.status !== 'NotEnabled');
    const queue = [...rows];
    const worker = async (): Promise<void> => {
      for (let row = queue.shift(); row && !this.abort.signal.aborted; row = queue.shift()) {
        try {
          const key = await probeHostKey(this.hosts.target(row), { readyTimeoutMs: this.opts.timeoutMs, signal: this.abort.signal });
          const mismatch = key.verdict === 'mismatch';
          this.hosts.recordContact(row, {
            fingerprint: key.fingerprint, keyType: key.keyType, ok: !mismatch,
            reason: mismatch ? `host key changed: expected ${row.host_key_pinned}, got ${key.fingerprint}` : null,
            ...(mismatch ? { code: 'host_key_mismatch' } : {}),
          });
        } catch (err) {
          if (this.abort.signal.aborted) return;
          const message = err instanceof Error ? err.message : String(err);
          const code = err instanceof SshConnectError ? err.code : 'ssh_connect';
          this.hosts.recordContact(row, { fingerprint: null, keyType: null, ok: false, reason: message, code });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, rows.length) }, worker));
  }

  async dispose(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort();
    await this.running;
  }
}
