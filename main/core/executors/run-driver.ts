/**
 * The run driver: how one instance of a run goes through its remote session, in one place.
 *
 *   validate the host → connect (retrying while a detached run may still be reached)
 *   → upload the input, if any → start it: tied (on a fresh or a kept session) or detached
 *   → stream its output until it ends; a detached run whose connection drops is re-attached.
 *
 * It talks SSH only: what happens is reported to a {@link RunObserver} (the runs service records
 * it; a job tracker can follow it too), and whatever must be durable is the observer's to write.
 */
import type { ClientChannel } from 'ssh2';
import { attachScript, cleanupScript, detachedDir, detachedStartScript, fitsSpare, killScript, spareInput, stdinUploadScript, tiedScript, withStdinFile } from '../domain/remote-script';
import type { PumpOutcome } from '../domain/run-outcome';
import { pumpChannel, type PumpSink } from './remote-run';
import { SshConnectError, type SshTarget } from './ssh-connect';
import { execChannel, execCollect, type IdleSession, type Lease, type SpareStarter, type SshPool } from './ssh-pool';
import type { TurnBudget } from './turn-budget';

/** The host a run goes to, as the driver needs it. */
export interface RunHost {
  readonly name: string;
  /** host:port, for the record */
  readonly address: string;
  /** SHA256 fingerprint of the pinned host key; the connection is refused on any other */
  readonly keyPin: string | null;
  readonly enabled: boolean;
  /** Connections are pooled under this key (it changes when the host's settings or key do). */
  readonly poolKey: string;
  target(): SshTarget;
}

/** How a run was started on its host. */
export type RunStart =
  /** A tied run's channel: closing it ends the remote session (its process group is reported later, in its output). */
  | { readonly mode: 'tied'; readonly channel: { end(): void } }
  /** A detached run: its process group and folder, how it is found again after a crash. */
  | { readonly mode: 'detached'; readonly pgid: number; readonly dir: string };

/** Why the driver tries again. */
export type RunRetry =
  | { readonly kind: 'unreachable'; readonly host: string; readonly message: string }
  | { readonly kind: 'reattach'; readonly message: string };

/**
 * What happens to a run, reported as it happens. Calls are synchronous and in protocol order:
 * connecting → connected → (uploaded) → started → ended, with retrying between attempts; a run
 * refused before it connects (its host deleted or disabled) reports only `ended`. An observer
 * that throws before `ended` fails the run (the runs service's durable writes must).
 */
export interface RunObserver {
  connecting?(host: RunHost): void;
  /** `again`: a reconnect, or the re-attach after a restart (the run was connected before). */
  connected?(host: RunHost, info: { readonly fingerprint: string | null; readonly spare: boolean; readonly again: boolean }): void;
  uploaded?(bytes: number): void;
  started?(start: RunStart): void;
  retrying?(retry: RunRetry): void;
  /** The session's outcome, before the runs service turns it into the instance's end. Must not throw: the run is over. */
  ended?(outcome: PumpOutcome): void;
}

/** Several observers as one, called in the order given. */
export function fanOut(...observers: readonly (RunObserver | undefined)[]): RunObserver {
  const all = observers.filter((o): o is RunObserver => o !== undefined);
  return {
    connecting: (host) => all.forEach((o) => o.connecting?.(host)),
    connected: (host, info) => all.forEach((o) => o.connected?.(host, info)),
    uploaded: (bytes) => all.forEach((o) => o.uploaded?.(bytes)),
    started: (start) => all.forEach((o) => o.started?.(start)),
    retrying: (retry) => all.forEach((o) => o.retrying?.(retry)),
    ended: (outcome) => all.forEach((o) => o.ended?.(outcome)),
  };
}

/** One instance to drive. */
export interface RunRequest {
  /** The instance id: it names the run's files on the host. */
  readonly id: string;
  readonly mode: 'tied' | 'detached';
  /** null: the host was deleted */
  readonly host: RunHost | null;
  /** null when re-attaching to a detached run already going on the host */
  readonly command: string | null;
  /** Sent to the command on stdin; uploaded before it starts. */
  readonly stdin?: string;
  /** A detached run's process group, when it was started before (re-attaching). */
  readonly remotePgid: number | null;
  /** Taskdeck restarted and re-attaches to this run. */
  readonly resume: boolean;
  readonly signal: AbortSignal;
  readonly sink: PumpSink;
  /** Where a detached run's output is read from again: after the last byte read, stored or not yet. */
  resumeOffsets(): { out: number; err: number };
  /** False once the run was stopped or the service shuts down: its session is not kept, a lost detached run not re-attached. */
  goesOn(): boolean;
}

export interface RunDriverOptions {
  readonly pool: SshPool;
  /** Output of all runs together gets a slice of each event-loop turn; so do their starts. */
  readonly budget: TurnBudget;
  readonly graceSeconds: number;
  /** How long a detached run whose connection dropped keeps trying to re-attach. */
  readonly reattachForMs: number;
  readonly now: () => number;
  /** Starts the session a connection keeps ready for its next tied run. */
  readonly startSpare: SpareStarter;
  readonly nonce: () => string;
}

/** What one run's drive carries from one attempt to the next. */
interface Progress {
  command: string | null;
  stdin: string | undefined;
  pgid: number | null;
  readonly nonce: string;
  readonly deadline: number;
}

/** What one connection gave: the run's outcome, or a lost detached run to re-attach. */
type OnConnection = { readonly outcome: PumpOutcome } | { readonly again: string };

const failed = (message: string): PumpOutcome => ({ kind: 'error', message });
/** An instance's error, which its host's name would only repeat (every view of it names the host already). */
const reasonOf = (err: unknown): string => (err instanceof SshConnectError ? err.reason : err instanceof Error ? err.message : String(err));

/** What the host printed, for an error the instance stores: its secrets masked like its output. */
const fromHost = (req: RunRequest, text: string): string => {
  const trimmed = text.trim();
  return req.sink.mask ? req.sink.mask(trimmed) : trimmed;
};

export class RunDriver {
  constructor(private readonly o: RunDriverOptions) {}

  /** Drive one run to its outcome; never throws (a failure is an `error` outcome). */
  async drive(req: RunRequest, observer: RunObserver): Promise<PumpOutcome> {
    let outcome: PumpOutcome;
    try {
      outcome = await this.proceed(req, observer);
    } catch (err) {
      outcome = failed(reasonOf(err));
    }
    observer.ended?.(outcome);
    return outcome;
  }

  private async proceed(req: RunRequest, obs: RunObserver): Promise<PumpOutcome> {
    const { host } = req;
    if (!host) return failed('the host was deleted');
    if (!host.enabled) return failed('the host is not enabled');
    const p: Progress = {
      command: req.command, stdin: req.stdin, pgid: req.remotePgid, nonce: this.o.nonce(),
      deadline: this.o.now() + (req.resume || req.mode === 'detached' ? this.o.reattachForMs : 0),
    };
    for (let attempt = 0; ; attempt++) {
      obs.connecting?.(host);
      const lease = await this.connect(req, host, p);
      if (lease instanceof Error) {
        if (!this.mayRetry(lease, req, p)) return failed(reasonOf(lease));
        obs.retrying?.({ kind: 'unreachable', host: host.name, message: lease.message });
      } else {
        obs.connected?.(host, { fingerprint: host.keyPin, spare: lease.spare !== null, again: attempt > 0 || req.resume });
        const got = await this.onConnection(req, lease, p, obs);
        if ('outcome' in got) return got.outcome;
        obs.retrying?.({ kind: 'reattach', message: got.again });
      }
      await backoff(attempt, req.signal);
    }
  }

  private async connect(req: RunRequest, host: RunHost, p: Progress): Promise<Lease | Error> {
    // A tied run of a short command can go to the session kept ready on the host's connection.
    const spare = req.mode === 'tied' && p.stdin === undefined && p.command !== null && fitsSpare(p.command) ? this.o.startSpare : undefined;
    // A run that has to connect opens its socket in its turn: hundreds of connects in one turn froze the loop for half a second.
    await this.o.budget.turn();
    return this.o.pool.acquire(host.poolKey, () => host.target(), { signal: req.signal, ...(spare ? { spare } : {}) }).catch((err: unknown) => err as Error);
  }

  /** Only a detached run that was started is worth reaching again; a refused key or login never is. */
  private mayRetry(err: Error, req: RunRequest, p: Progress): boolean {
    const refused = err instanceof SshConnectError && err.code !== 'ssh_connect';
    return !refused && !req.signal.aborted && p.pgid !== null && this.o.now() < p.deadline;
  }

  private async onConnection(req: RunRequest, lease: Lease, p: Progress, obs: RunObserver): Promise<OnConnection> {
    let idle: IdleSession | undefined;
    try {
      if (p.stdin !== undefined && p.command !== null && p.pgid === null) {
        const refused = await this.upload(req, lease, p, obs);
        if (refused) return { outcome: refused };
      }
      if (req.mode === 'tied') {
        const tied = await this.runTied(req, lease, p.command!, p.nonce, obs);
        idle = tied.idle;
        return { outcome: tied.outcome };
      }
      if (p.pgid === null) {
        const refused = await this.startDetached(req, lease, p, obs);
        if (refused) return { outcome: refused };
      }
      return await this.attach(req, lease, p);
    } finally {
      lease.release(idle);
    }
  }

  /** The input goes up as a private file first: a script of any size, never on a command line. */
  private async upload(req: RunRequest, lease: Lease, p: Progress, obs: RunObserver): Promise<PumpOutcome | null> {
    const up = await execCollect(lease.client, stdinUploadScript(req.id), 60_000, p.stdin);
    if (up.code !== 0) return failed(`cannot upload the script: ${fromHost(req, up.stderr) || `exit ${up.code}`}`);
    obs.uploaded?.(Buffer.byteLength(p.stdin!));
    p.command = withStdinFile(p.command!, req.id);
    p.stdin = undefined;
    return null;
  }

  /** A tied run lives as long as its channel: on the session kept ready, or on a new one. */
  private async runTied(req: RunRequest, lease: Lease, command: string, nonce: string, obs: RunObserver): Promise<{ outcome: PumpOutcome; idle?: IdleSession }> {
    // Starting hundreds of runs at once is done a slice of the loop at a time, like their output.
    await this.o.budget.turn();
    const { spare } = lease;
    const ch: ClientChannel = spare ? spare.channel : await execChannel(lease.client, tiedScript(command, nonce, this.o.graceSeconds));
    const chNonce = spare?.nonce ?? nonce;
    if (spare) ch.write(spareInput(command, chNonce));
    obs.started?.({ mode: 'tied', channel: ch });
    const outcome = await pumpChannel(lease.client, ch, chNonce, req.sink, this.o.budget);
    // The session waits for another command: the next run on this host takes it, unless this one was stopped.
    if (outcome.kind === 'exit' && outcome.reusable) return { outcome, idle: { channel: ch, nonce: chNonce, reuse: req.goesOn() && !req.signal.aborted } };
    return { outcome };
  }

  /** Start a detached run under its own process group; it outlives the connection. */
  private async startDetached(req: RunRequest, lease: Lease, p: Progress, obs: RunObserver): Promise<PumpOutcome | null> {
    const r = await execCollect(lease.client, detachedStartScript(p.command!, p.nonce, req.id));
    const pgid = /pgid:(\d+)/.exec(r.stdout)?.[1];
    if (!pgid) return failed((/error:(.*)/.exec(r.stdout)?.[1] ?? fromHost(req, r.stderr)) || 'the detached run did not start');
    p.pgid = Number(pgid);
    // The observer stores it before anything else: after a crash this is how the run is found on the host again.
    obs.started?.({ mode: 'detached', pgid: p.pgid, dir: detachedDir(req.id) });
    return null;
  }

  /** Stream a detached run's output from where reading stopped; a dropped connection is re-attached while the run may go on. */
  private async attach(req: RunRequest, lease: Lease, p: Progress): Promise<OnConnection> {
    const offsets = req.resumeOffsets();
    const ch = await execChannel(lease.client, attachScript(p.nonce, req.id, offsets.out, offsets.err));
    const outcome = await pumpChannel(lease.client, ch, p.nonce, req.sink, this.o.budget, offsets);
    if (outcome.kind === 'closed' && req.goesOn() && this.o.now() < p.deadline) return { again: outcome.message };
    if (outcome.kind === 'exit') void execCollect(lease.client, cleanupScript(req.id)).catch(() => {});
    return { outcome };
  }

  /** TERM a run's process group, KILL it after the grace period; true once none of its processes is left. */
  async endGroup(host: RunHost, pgid: number): Promise<boolean> {
    // A control slot: ending a run never waits behind the runs that fill the host's sessions.
    const lease = await this.o.pool.acquire(host.poolKey, () => host.target(), { control: true });
    try {
      const r = await execCollect(lease.client, killScript(pgid, this.o.graceSeconds), (this.o.graceSeconds + 10) * 1000);
      return r.stdout.includes('gone');
    } finally {
      lease.release();
    }
  }
}

function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  const ms = Math.min(250 * 2 ** attempt, 5_000);
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
