/** How many failures a key may have within the window before it is locked, and for how long at first. */
export interface ThrottleLimits {
  readonly perUser: number;
  readonly perClient: number;
  readonly windowMs: number;
  /** The first lock; each further failure while over the limit doubles it, up to maxLockMs. */
  readonly baseLockMs: number;
  readonly maxLockMs: number;
  /** Keys kept at most (the least recently touched go first), so a flood of names cannot grow memory. */
  readonly maxKeys: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  perUser: 5,
  perClient: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  maxKeys: 10_000,
};

/** What an attempt waits for when others for the same user or client are still being checked past the limit. */
const IN_FLIGHT_WAIT_MS = 1000;

interface Bucket {
  /** Failure times within the window, oldest first. */
  failures: number[];
  lockedUntil: number;
  /** Attempts begun and not yet ended: parallel guesses count before their passwords are checked. */
  inFlight: number;
}

/** Who is signing in: a user name always, a client (remote address) when the transport knows one. */
export interface LoginAttempt {
  readonly userName: string;
  readonly client?: string | undefined;
}

/**
 * Failed sign-ins counted per user name and per client within a window; past the limit the key is locked for a time
 * that doubles with each further failure. Keys live in a Map (never an object: names like `__proto__` are just keys),
 * capped in size. Time is passed in.
 */
export class LoginThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: ThrottleLimits = defaultThrottleLimits) {}

  /**
   * Reserve an attempt: 0 when it may go ahead (end it with `fail` or `succeed`), else the milliseconds to wait. Attempts
   * still being checked count as failures here, so 500 parallel guesses cannot all pass before the first one fails.
   */
  begin(a: LoginAttempt, now: number): number {
    let wait = 0;
    for (const [key, limit] of this.keys(a)) {
      const b = this.touch(key, now);
      // Past the limit, one attempt at a time: the others wait a moment for it to end.
      const crowded = b.inFlight > 0 && b.failures.length + b.inFlight >= limit;
      wait = Math.max(wait, b.lockedUntil - now, crowded ? IN_FLIGHT_WAIT_MS : 0);
    }
    if (wait > 0) return wait;
    for (const [key] of this.keys(a)) this.buckets.get(key)!.inFlight++;
    return 0;
  }

  /** End an attempt as failed; returns how long its user or client is now locked (0: not locked). */
  fail(a: LoginAttempt, now: number): number {
    let wait = 0;
    for (const [key, limit] of this.keys(a)) {
      const b = this.touch(key, now);
      b.inFlight = Math.max(0, b.inFlight - 1);
      b.failures.push(now);
      if (b.failures.length > limit + 32) b.failures.shift(); // the doubling is capped long before this
      const over = b.failures.length - limit;
      if (over >= 0) {
        b.lockedUntil = now + Math.min(this.limits.baseLockMs * 2 ** Math.min(over, 30), this.limits.maxLockMs);
        wait = Math.max(wait, b.lockedUntil - now);
      }
    }
    return wait;
  }

  /** End an attempt as a success: the user's failures are forgotten (the client's stay: one client guessing many users is still counted). */
  succeed(a: LoginAttempt): void {
    this.buckets.delete(userKey(a.userName));
    const client = a.client ? this.buckets.get(clientKey(a.client)) : undefined;
    if (client) client.inFlight = Math.max(0, client.inFlight - 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private keys(a: LoginAttempt): [string, number][] {
    const out: [string, number][] = [[userKey(a.userName), this.limits.perUser]];
    if (a.client) out.push([clientKey(a.client), this.limits.perClient]);
    return out;
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

const userKey = (name: string): string => `user:${name}`;
const clientKey = (client: string): string => `client:${client}`;
