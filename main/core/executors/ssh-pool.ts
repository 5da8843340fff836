import type { Client, ClientChannel } from 'ssh2';
import { connectSsh, SshConnectError, type ConnectOptions, type SshTarget } from './ssh-connect';

export interface PoolOptions {
  /** Channels open at once on one connection (sshd's MaxSessions defaults to 10). */
  readonly maxSessionsPerHost: number;
  /** Connections open at once across all hosts. */
  readonly maxConnections: number;
  /** Close a connection with no open channel after this long. */
  readonly idleMs: number;
  readonly connect: ConnectOptions;
}

export const defaultPoolOptions: PoolOptions = {
  maxSessionsPerHost: 10,
  maxConnections: 512,
  idleMs: 60_000,
  connect: { readyTimeoutMs: 10_000, keepaliveIntervalMs: 15_000, keepaliveCountMax: 3 },
};

interface Entry {
  readonly key: string;
  readonly client: Promise<Client>;
  active: number;
  closed: boolean;
  idleTimer: NodeJS.Timeout | undefined;
  readonly waiters: (() => void)[];
}

/** A leased channel slot on a pooled connection; release it exactly once. */
export interface Lease {
  readonly client: Client;
  release(): void;
}

/**
 * One authenticated connection per host, reused across runs, closed when idle. A per-host
 * semaphore keeps the number of open channels under the server's MaxSessions.
 */
export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private readonly connWaiters: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly opts: PoolOptions = defaultPoolOptions) {}

  get size(): number {
    return this.entries.size;
  }

  /** A channel slot on the host's connection; `key` changes when the host's settings change. */
  async acquire(key: string, target: () => SshTarget, signal?: AbortSignal): Promise<Lease> {
    if (this.disposed) throw new SshConnectError('ssh_connect', 'connection pool is shut down', key, null);
    let entry = this.entries.get(key);
    if (!entry) entry = await this.open(key, target, signal);
    while (entry.active >= this.opts.maxSessionsPerHost) {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(new SshConnectError('ssh_connect', 'cancelled while waiting for a free SSH session', key, null));
        signal?.addEventListener('abort', onAbort, { once: true });
        entry!.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
      if (entry.closed) return this.acquire(key, target, signal);
    }
    entry.active++;
    clearTimeout(entry.idleTimer);
    let client: Client;
    try {
      client = await entry.client;
    } catch (err) {
      entry.active--;
      throw err;
    }
    let released = false;
    const e = entry;
    return {
      client,
      release: () => {
        if (released) return;
        released = true;
        e.active--;
        e.waiters.shift()?.();
        if (e.active === 0 && !e.closed) {
          e.idleTimer = setTimeout(() => this.close(e), this.opts.idleMs);
          e.idleTimer.unref();
        }
      },
    };
  }

  private async open(key: string, target: () => SshTarget, signal?: AbortSignal): Promise<Entry> {
    while (this.entries.size >= this.opts.maxConnections) {
      const idle = [...this.entries.values()].find((e) => e.active === 0);
      if (idle) this.close(idle);
      else await new Promise<void>((r) => this.connWaiters.push(r));
      const raced = this.entries.get(key);
      if (raced) return raced;
    }
    const client = connectSsh(target(), { ...this.opts.connect, ...(signal ? { signal } : {}) }).then(
      ({ client: c }) => {
        const drop = (): void => this.close(entry);
        c.on('close', drop);
        c.on('error', drop);
        return c;
      },
      (err: unknown) => {
        this.close(entry);
        throw err;
      },
    );
    const entry: Entry = { key, client, active: 0, closed: false, idleTimer: undefined, waiters: [] };
    entry.client.catch(() => {});
    this.entries.set(key, entry);
    return entry;
  }

  private close(e: Entry): void {
    if (e.closed) return;
    e.closed = true;
    clearTimeout(e.idleTimer);
    if (this.entries.get(e.key) === e) this.entries.delete(e.key);
    e.client.then((c) => c.end(), () => {});
    for (const w of e.waiters.splice(0)) w();
    this.connWaiters.shift()?.();
  }

  /** Drop every connection of a host (its settings or key changed). */
  evict(prefix: string): void {
    for (const e of [...this.entries.values()]) if (e.key.startsWith(prefix)) this.close(e);
  }

  dispose(): void {
    this.disposed = true;
    for (const e of [...this.entries.values()]) this.close(e);
  }
}

/** Open an exec channel; rejects with a clear message when the server refuses (e.g. MaxSessions). */
export function execChannel(client: Client, command: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => (err ? reject(new SshConnectError('ssh_connect', `cannot open an SSH session: ${err.message}`, '', null)) : resolve(stream)));
  });
}

/** Run a short command and collect its output (for control scripts: kill, probe). */
export async function execCollect(client: Client, command: string, timeoutMs = 30_000, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const ch = await execChannel(client, command);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let code: number | null = null;
    const timer = setTimeout(() => {
      ch.close();
      reject(new Error(`control command did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    ch.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    ch.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    ch.on('exit', (c: number | null) => (code = c));
    ch.on('close', () => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    ch.end(input);
  });
}
