import type { Client, ClientChannel } from 'ssh2';
import { spareNext } from '../domain/remote-script';
import { connectSsh, SshConnectError, type ConnectOptions, type SshTarget } from './ssh-connect';
import { discard, shut } from './ssh-exec';

// Re-exported: the runs service, the bench and tests take them from the pool.
export { execChannel, execCollect } from './ssh-exec';

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

/** A caller whose connection closed under it while it waited connects again at most this often. */
const MAX_REOPENS = 3;
const REOPEN_BACKOFF_MS = 200;

/** Up to this many leases held across the pool, spares are started at once; above, once it is this quiet again. */
const QUIET_LEASES = 4;
const REFILLS_PER_TURN = 8;

/**
 * A session started ahead of need on a pooled connection: its remote shell is up and waits for
 * the input that tells it what to run. Whoever takes one owns its channel.
 */
export interface SpareSession {
  readonly channel: ClientChannel;
  readonly nonce: string;
  /** false once its channel has closed (the server ended it): then it cannot be used */
  readonly open: boolean;
}

/** A spare as the pool holds it. */
interface HeldSession extends SpareSession {
  open: boolean;
  /** false for a session a run left idle and that has not been told to start its next shell (`spareNext`) */
  primed: boolean;
}

/** Starts a spare session on a connection (the caller knows what it runs). */
export type SpareStarter = (client: Client) => Promise<{ channel: ClientChannel; nonce: string }>;

interface SpareSlot {
  /** null when it could not be started */
  readonly ready: Promise<SpareSession | null>;
  /** being closed to free its slot: not to be taken */
  closing: boolean;
  /** Take the pool's listeners off its channel (once taken, the channel is the lease's). */
  unwatch(): void;
  /** Once started. */
  session?: HeldSession;
}

interface Entry {
  readonly key: string;
  readonly client: Promise<Client>;
  active: number;
  closed: boolean;
  /** Why its connect failed: every caller waiting on it gets this, none connects again for it. */
  failure: Error | null;
  idleTimer: NodeJS.Timeout | undefined;
  readonly waiters: (() => void)[];
  /** The session kept ready for the next tied run; it holds a slot of its own. */
  spare: SpareSlot | null;
  /** The server refused a spare once: this connection runs without them. */
  noSpares: boolean;
}

/** A slot taken on a connection that is up. */
interface Slot {
  readonly entry: Entry;
  readonly client: Client;
  /** the spare session whose slot this is, if one was taken */
  readonly taken: SpareSlot | null;
}

/** A leased channel slot on a pooled connection; release it exactly once. */
export interface Lease {
  readonly client: Client;
  /** The spare session this lease took over (it uses the lease's slot), when one was asked for and is usable. */
  readonly spare: SpareSession | null;
  /**
   * `idle`: the session the lease ran its command in, open and waiting for another. Kept as the
   * connection's spare if `reuse` and the connection has none; else closed, and the slot is free
   * once the server has closed it.
   */
  release(idle?: IdleSession): void;
}

export interface IdleSession {
  readonly channel: ClientChannel;
  readonly nonce: string;
  readonly reuse: boolean;
}

export interface AcquireOptions {
  readonly signal?: AbortSignal;
  /** Take the connection's spare session if it has one, and keep one ready for the next caller. */
  readonly spare?: SpareStarter;
  /** A short control command (ending a run, cleaning up): it may use the slot runs leave free for it. */
  readonly control?: boolean;
}

/**
 * One authenticated connection per host, reused across runs, closed when idle. A per-host
 * semaphore keeps the number of open channels under the server's MaxSessions, one of them kept
 * for control commands. A connection that runs tied commands keeps one session ready (a spare),
 * so the next command skips the session set-up and the remote shell's start: the session a run
 * leaves idle when it ends cleanly, or else one started once few runs go on. The spare counts
 * against the cap and is closed first when its slot is needed.
 */
export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private readonly connWaiters: (() => void)[] = [];
  private disposed = false;
  /** Leases held across all hosts. */
  private leased = 0;
  /** Spares to start once few leases are held. */
  private readonly refills = new Map<Entry, () => void>();
  /** Those being started, a few per turn. */
  private refilling = false;

  constructor(private readonly opts: PoolOptions = defaultPoolOptions) {}

  /**
   * Runs use one slot less than the cap: the last is kept for control commands, so a run can be
   * cancelled even while runs fill every other slot of its host.
   */
  private get runCap(): number {
    return Math.max(1, this.opts.maxSessionsPerHost - 1);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Spare sessions open or starting (for tests). */
  get spares(): number {
    return [...this.entries.values()].filter((e) => e.spare && !e.spare.closing).length;
  }

  /** Spares that have output no command asked for waiting on their channel (for tests). */
  get strays(): number {
    return [...this.entries.values()].filter((e) => e.spare?.session && !usableNow(e.spare.session)).length;
  }

  /** Resolves once the spares put off are started and every spare is up (or failed). */
  async settled(): Promise<void> {
    while (this.refilling) await new Promise((r) => setImmediate(r));
    await Promise.all([...this.entries.values()].map((e) => e.spare?.ready));
  }

  /** A channel slot on the host's connection; `key` changes when the host's settings change. */
  async acquire(key: string, target: () => SshTarget, o: AcquireOptions = {}): Promise<Lease> {
    for (let reopened = 0; ; reopened++) {
      // Its connection closed under this caller (dropped, idle, evicted, its opener cancelled): connect again, a bounded number of times.
      if (reopened > MAX_REOPENS) throw new SshConnectError('ssh_connect', `the SSH connection closed ${MAX_REOPENS} times while waiting for a free session; giving up`, key, null);
      if (reopened) await backoff(reopened, o.signal);
      const slot = await this.slot(key, target, o);
      if (slot) return this.lease(slot, o);
    }
  }

  /**
   * Wait for a free slot on the host's connection, and for the connection. A connect that failed is
   * the answer for every caller waiting on it (reconnecting at once spun the loop when a connect
   * failed at once); null when the connection closed under this caller for another reason.
   */
  private async slot(key: string, target: () => SshTarget, o: AcquireOptions): Promise<Slot | null> {
    const { signal } = o;
    const entry = await this.entry(key, target, signal);
    let taken: SpareSlot | null = null;
    for (;;) {
      if (entry.closed) {
        if (entry.failure) throw entry.failure;
        return null;
      }
      if (o.spare && entry.spare && !entry.spare.closing) {
        // The spare's slot becomes this lease's slot.
        taken = entry.spare;
        taken.unwatch();
        entry.spare = null;
        // A start put off for it is this run's to do now.
        this.refills.delete(entry);
        break;
      }
      // A spare put off for this connection would start beside this run, for nothing: it is put off again at release.
      if (o.spare) this.refills.delete(entry);
      if (entry.active + (entry.spare ? 1 : 0) < (o.control ? this.opts.maxSessionsPerHost : this.runCap)) break;
      if (entry.spare && !entry.spare.closing) this.closeSpare(entry.spare);
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(new SshConnectError('ssh_connect', 'cancelled while waiting for a free SSH session', key, null));
        signal?.addEventListener('abort', onAbort, { once: true });
        entry.waiters.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    }
    entry.active++;
    clearTimeout(entry.idleTimer);
    try {
      return { entry, taken, client: await entry.client };
    } catch (err) {
      entry.active--;
      // Cancelled by the caller that opened it, not by this one: this one connects again.
      if (entry.failure || signal?.aborted) throw err;
      return null;
    }
  }

  private async lease({ entry: e, taken, client }: Slot, o: AcquireOptions): Promise<Lease> {
    this.leased++;
    const spare = await usable(taken ? await taken.ready : null);
    // Its next shell is started now, just before the command it is for.
    if (spare) this.prime(taken?.session);
    let released = false;
    const free = (): void => {
      this.leased--;
      e.active--;
      this.wake(e);
      // Its next shell, or a new spare, is started at once while few runs go on (one command after
      // another then never waits for a shell); else once the burst of runs is over, so that a run
      // on many hosts does not start as many shells as it ends.
      if (e.spare) this.refills.set(e, () => this.prime(e.spare?.closing ? undefined : e.spare?.session));
      else if (o.spare) this.refills.set(e, () => this.refill(e, client, o.spare!));
      if (this.leased <= QUIET_LEASES) this.startRefills();
      if (e.active === 0 && !e.closed) {
        e.idleTimer = setTimeout(() => this.close(e), this.opts.idleMs);
        e.idleTimer.unref();
      }
    };
    return {
      client,
      spare,
      release: (idle) => {
        if (released) return;
        released = true;
        // The session this run leaves idle is the next run's spare: nothing new to start.
        if (idle?.reuse && !e.closed && !e.spare && !this.disposed) this.keep(e, idle);
        else if (idle) return void shut(idle.channel).then(free);
        free();
      },
    };
  }

  /** Start the spares put off, a few per turn of the loop: hundreds at once would stall it. */
  private startRefills(): void {
    if (this.refilling) return;
    this.refilling = true;
    const step = (): void => {
      let n = 0;
      for (const [e, r] of this.refills) {
        if (n++ === REFILLS_PER_TURN) return void setImmediate(step);
        this.refills.delete(e);
        r();
      }
      this.refilling = false;
    };
    step();
  }

  private refill(e: Entry, client: Client, start: SpareStarter): void {
    if (e.closed || e.spare || e.noSpares || this.disposed) return;
    // A spare never takes the last slot runs have.
    if (e.active + 1 >= this.runCap) return;
    let unwatch = (): void => {};
    const slot: SpareSlot = {
      closing: false,
      unwatch: () => unwatch(),
      ready: start(client).then(
        (s) => {
          const w = this.watch(e, slot, s);
          unwatch = w.unwatch;
          return w.session;
        },
        () => {
          e.noSpares = true;
          this.spareGone(e, slot);
          return null;
        },
      ),
    };
    e.spare = slot;
  }

  /** Tell a spare a run left idle to start the shell for its next command. */
  private prime(s: HeldSession | undefined): void {
    if (!s?.open || s.primed) return;
    s.channel.write(spareNext(s.nonce));
    s.primed = true;
  }

  /** Keep a session a run left idle as the connection's spare (its next shell not started yet). */
  private keep(e: Entry, idle: { channel: ClientChannel; nonce: string }): void {
    idle.channel.pause();
    idle.channel.stderr.pause();
    // `w` is set below, before either function can run.
    const slot: SpareSlot = { closing: false, unwatch: () => w.unwatch(), ready: Promise.resolve().then(() => w.session) };
    const w = this.watch(e, slot, idle, false);
    e.spare = slot;
  }

  /** Follow a spare's channel while it waits: the host may end it. */
  private watch(e: Entry, slot: SpareSlot, s: { channel: ClientChannel; nonce: string }, primed = true): { session: HeldSession; unwatch(): void } {
    const { channel } = s;
    const session: HeldSession = { channel, nonce: s.nonce, open: true, primed };
    slot.session = session;
    // Ended by the host while idle: its output is nobody's, and ssh2 reports the close only once it is read.
    const onExit = (): void => {
      session.open = false;
      if (e.spare === slot) discard(channel);
    };
    const onClose = (): void => {
      session.open = false;
      this.spareGone(e, slot);
    };
    channel.once('exit', onExit);
    channel.once('close', onClose);
    return {
      session,
      unwatch: () => {
        channel.off('exit', onExit);
        channel.off('close', onClose);
      },
    };
  }

  /** Close a spare to free its slot; the slot counts as taken until the server has closed it. */
  private closeSpare(slot: SpareSlot): void {
    slot.closing = true;
    void slot.ready.then((s) => {
      if (s) void shut(s.channel);
    });
  }

  private spareGone(e: Entry, slot: SpareSlot): void {
    if (e.spare !== slot) return;
    e.spare = null;
    this.wake(e);
  }

  /** A slot came free: every waiter looks again (runs and control commands wait for different slots). */
  private wake(e: Entry): void {
    for (const w of e.waiters.splice(0)) w();
  }

  /** The host's connection, opened if there is none. */
  private async entry(key: string, target: () => SshTarget, signal: AbortSignal | undefined): Promise<Entry> {
    if (this.disposed) throw new SshConnectError('ssh_connect', 'connection pool is shut down', key, null);
    return this.entries.get(key) ?? this.open(key, target, signal);
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
        // Cancelled by the caller that opened it: the others waiting on it connect again.
        if (!signal?.aborted) entry.failure = err instanceof Error ? err : new SshConnectError('ssh_connect', String(err), key, null);
        this.close(entry);
        throw err;
      },
    );
    const entry: Entry = { key, client, active: 0, closed: false, failure: null, idleTimer: undefined, waiters: [], spare: null, noSpares: false };
    entry.client.catch(() => {});
    this.entries.set(key, entry);
    return entry;
  }

  private close(e: Entry): void {
    if (e.closed) return;
    e.closed = true;
    e.spare = null; // it ends with the connection
    this.refills.delete(e);
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

/** Wait before connecting again (200, 400, 800 ms); a cancel ends the wait. */
function backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
  const cancelled = (): SshConnectError => new SshConnectError('ssh_connect', 'cancelled while reconnecting', '', null);
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, REOPEN_BACKOFF_MS * 2 ** (attempt - 1));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A spare can take a command while its channel is open and has said nothing since its last run
 * ended: output while it waited came from a process an earlier command left behind (one that made
 * a session of its own and kept our output), and would land in the next run's log.
 */
async function usable(s: SpareSession | null): Promise<SpareSession | null> {
  if (!s) return null;
  if (usableNow(s)) return s;
  if (s.open) await shut(s.channel);
  return null;
}

function usableNow(s: SpareSession): boolean {
  return s.open && !s.channel.readableLength && !s.channel.stderr.readableLength;
}
