/** How many failures a user or client may have within the window, and what happens past it. */
export interface ThrottleLimits {
  readonly perUser: number;
  readonly perClient: number;
  readonly windowMs: number;
  /** A user's first lock; each further failure while over the limit doubles it, up to maxLockMs. */
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  /** Past its limit a client is slowed, not locked: its attempts go one at a time, each after this delay, doubling per further failure. */
  readonly clientDelayMs: number;
  readonly maxClientDelayMs: number;
  /** Attempts a slowed client may have waiting for their turn; past it they are refused (the line holds sockets). */
  readonly maxClientWaiting: number;
  /** Keys kept at most (the least recently touched go first), so a flood of names cannot grow memory. */
  readonly maxKeys: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  perUser: 5,
  perClient: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  clientDelayMs: 100,
  maxClientDelayMs: 2_000,
  maxClientWaiting: 64,
  maxKeys: 10_000,
};

/** What an attempt waits for when others for the same user are still being checked past the limit. */
const IN_FLIGHT_WAIT_MS = 1000;

interface Bucket {
  /** Failure times within the window, oldest first. */
  failures: number[];
  lockedUntil: number;
  /** Attempts begun and not yet ended: parallel guesses count before their passwords are checked. */
  inFlight: number;
}

/** A slowed client's attempts, in the order they came: each waits for the one before it to end. */
interface Line {
  tail: Promise<void>;
  members: number;
}

/** Who is signing in: a user name always, a client (remote address) when the transport knows one. */
export interface LoginAttempt {
  readonly userName: string;
  readonly client?: string | undefined;
}

export interface ThrottleEdges {
  /** Resolves after `ms`; tests pass one that records the delay and resolves when they say. */
  readonly delay: (ms: number) => Promise<void>;
}

const realDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Failed sign-ins counted per user name (case-insensitive, as user names are) and per client within a window. Past its
 * limit a user is locked for a time that doubles with each further failure. A client is only slowed: every client may be
 * 127.0.0.1, so locking it would lock out users whose own record is clean. Keys live in a Map (never an object: names
 * like `__proto__` are just keys), capped in size. Time is passed in.
 */
export class LoginThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly lines = new Map<string, Line>();

  constructor(
    private readonly limits: ThrottleLimits = defaultThrottleLimits,
    private readonly edges: ThrottleEdges = { delay: realDelay },
  ) {}

  /**
   * Reserve an attempt for its user: 0 when it may go ahead (end it with `fail` or `succeed`), else the milliseconds the
   * user must wait. Attempts still being checked count as failures here, so 500 parallel guesses cannot all pass before
   * the first one fails.
   */
  begin(a: LoginAttempt, now: number): number {
    const b = this.touch(userKey(a.userName), now);
    // Past the limit, one attempt at a time: the others wait a moment for it to end.
    const crowded = b.inFlight > 0 && b.failures.length + b.inFlight >= this.limits.perUser;
    const wait = Math.max(b.lockedUntil - now, crowded ? IN_FLIGHT_WAIT_MS : 0);
    if (wait > 0) return wait;
    b.inFlight++;
    return 0;
  }

  /**
   * The client's turn to check a password. A client within its limit goes at once; past it, its attempts wait in line,
   * one at a time, each after a short delay that grows with the client's failures. Resolves to the function that ends
   * the turn (call it when the attempt ends, on every path), or null when too many are already waiting.
   */
  async clientTurn(a: LoginAttempt, now: () => number): Promise<(() => void) | null> {
    if (!a.client) return () => {};
    const key = clientKey(a.client);
    const b = this.touch(key, now());
    const line = this.lines.get(key);
    if (!line && b.failures.length + b.inFlight < this.limits.perClient) return this.admit(key);
    if (line && line.members >= this.limits.maxClientWaiting) return null;
    const mine = line ?? { tail: Promise.resolve(), members: 0 };
    this.lines.set(key, mine);
    mine.members++;
    const before = mine.tail;
    let ended!: () => void;
    mine.tail = new Promise<void>((resolve) => (ended = resolve));
    await before;
    const over = Math.max(0, this.touch(key, now()).failures.length - this.limits.perClient);
    await this.edges.delay(Math.min(this.limits.clientDelayMs * 2 ** Math.min(over, 30), this.limits.maxClientDelayMs));
    const release = this.admit(key);
    return once(() => {
      release();
      if (--mine.members === 0 && this.lines.get(key) === mine) this.lines.delete(key);
      ended();
    });
  }

  /** End an attempt as failed; returns how long its user is now locked (0: not locked). The client's failure is counted. */
  fail(a: LoginAttempt, now: number): number {
    if (a.client) this.recordFailure(this.touch(clientKey(a.client), now), now, this.limits.perClient);
    const b = this.touch(userKey(a.userName), now);
    b.inFlight = Math.max(0, b.inFlight - 1);
    this.recordFailure(b, now, this.limits.perUser);
    const over = b.failures.length - this.limits.perUser;
    if (over < 0) return 0;
    b.lockedUntil = now + Math.min(this.limits.baseLockMs * 2 ** Math.min(over, 30), this.limits.maxLockMs);
    return b.lockedUntil - now;
  }

  /** End an attempt whose password was never checked: it counts as nothing. */
  cancel(a: LoginAttempt): void {
    const b = this.buckets.get(userKey(a.userName));
    if (b) b.inFlight = Math.max(0, b.inFlight - 1);
  }

  /** End an attempt as a success: the user's failures are forgotten (the client's stay: one client guessing many users is still counted). */
  succeed(a: LoginAttempt): void {
    this.buckets.delete(userKey(a.userName));
  }

  get size(): number {
    return this.buckets.size;
  }

  private recordFailure(b: Bucket, now: number, limit: number): void {
    b.failures.push(now);
    if (b.failures.length > limit + 32) b.failures.shift(); // the doubling is capped long before this
  }

  /** Count an attempt of the client as being checked until the returned function ends it. */
  private admit(key: string): () => void {
    const b = this.buckets.get(key);
    if (b) b.inFlight++;
    return once(() => {
      if (b) b.inFlight = Math.max(0, b.inFlight - 1);
    });
  }

  /** The bucket for a key with failures older than the window dropped, moved to the recent end of the Map. */
  private touch(key: string, now: number): Bucket {
    const b = this.buckets.get(key) ?? { failures: [], lockedUntil: 0, inFlight: 0 };
    this.buckets.delete(key);
    b.failures = b.failures.filter((t) => now - t < this.limits.windowMs);
    this.buckets.set(key, b);
    while (this.buckets.size > this.limits.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return b;
  }
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) f();
    done = true;
  };
}

// User names are unique regardless of case (COLLATE NOCASE): `Alice` and `alice` are one user, so one bucket.
const userKey = (name: string): string => `user:${name.toLowerCase()}`;
const clientKey = (client: string): string => `client:${client}`;
