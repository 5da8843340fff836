import { createHash, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { permissionsOf, type Permission } from '../../../shared/domain/roles';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import { hashPassword, verifyPassword } from '../secrets/passwords';
import type { Store } from '../store/store';
import type { UserRecord } from '../store/users-repo';
import type { AuditService } from './audit-service';
import { type LoginAttempt, LoginThrottle } from './login-throttle';

const SESSION_HOURS = 12;

/** Who is calling: resolved once per request from its token. */
export interface Caller {
  readonly user: User;
  readonly permissions: ReadonlySet<Permission>;
  readonly tokenHash: string;
}

/**
 * What the audit keeps of a user name that matched no user: its length and 8 hex digits of an HMAC
 * keyed with the console's secret. Repeated guesses of one name can be told apart from others, but
 * a password typed into the name field cannot be recovered from the log by a dictionary.
 */
function unknownName(userName: string, key: Buffer): { name_length: number; name_mac: string } {
  return { name_length: [...userName].length, name_mac: createHmac('sha256', key).update(userName).digest('hex').slice(0, 8) };
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function tooMany(waitMs: number): AppError {
  const seconds = Math.ceil(waitMs / 1000);
  return new AppError('too_many_requests', `too many failed sign-ins; try again in ${seconds} s`, { retry_after_seconds: seconds });
}

export class AuthService {
  // A fixed hash to compare against for unknown users, so timing does not reveal which names exist.
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** Keys the record of unknown user names (see unknownName). */
    private readonly nameKey: Buffer,
    private readonly throttle = new LoginThrottle(),
  ) {}

  /**
   * Sign in. `client` names where the attempt comes from (the remote address over HTTP) when the transport knows it:
   * failures are counted per user name and per client. Past the limit a user waits, even with the right password (429);
   * a client past its limit is slowed (its attempts one at a time, each after a growing delay), never locked: over
   * loopback every caller is the same client, and a user whose own record is clean must still get in.
   */
  async login(userName: string, password: string, client?: string): Promise<{ token: string; user: User; expires_at: string }> {
    const attempt: LoginAttempt = { userName, client };
    const now = (): number => this.clock.now().getTime();
    const wait = this.throttle.begin(attempt, now());
    if (wait > 0) throw tooMany(wait);
    const endTurn = await this.throttle.clientTurn(attempt, now);
    if (!endTurn) {
      this.throttle.cancel(attempt); // never checked: not a failure of the user's
      throw new AppError('unavailable', 'too many sign-ins from this client are waiting; try again in a moment', { retry_after_seconds: 1 });
    }
    let rec: UserRecord | undefined;
    try {
      let ok = false;
      try {
        rec = this.store.users.byName(userName);
        this.dummyHash ??= hashPassword(randomBytes(8).toString('hex'));
        ok = await verifyPassword(password, rec?.passwordHash ?? (await this.dummyHash));
      } catch (err) {
        this.throttle.fail(attempt, now()); // the reservation is ended on every path
        throw err;
      }
      if (!rec || !ok || rec.user.disabled) {
        const lockedMs = this.throttle.fail(attempt, now());
        this.recordFailure(userName, rec?.user ?? null, client, lockedMs);
        throw new AppError('unauthorized', 'user name or password is wrong, or the user is disabled');
      }
      this.throttle.succeed(attempt);
    } finally {
      endTurn(); // the client's next attempt may go
    }
    return this.issue(rec.user);
  }

  /**
   * A failed sign-in names a known user as the actor. An unknown name is never written: it may be a password typed into
   * the name field, and the audit is kept forever. It is recorded by its length and a short hash prefix (enough to see
   * the same name tried again), and can never read as a real user's entry.
   */
  private recordFailure(userName: string, user: User | null, client: string | undefined, lockedMs: number): void {
    const name = user ? { user_name: user.user_name } : unknownName(userName, this.nameKey);
    const actor = 'user_name' in name ? name.user_name : `unknown user (${name.name_length} chars, #${name.name_mac})`;
    const details = {
      ...name,
      known: user !== null,
      ...(client ? { client } : {}),
      ...(lockedMs > 0 ? { locked_for_seconds: Math.ceil(lockedMs / 1000) } : {}),
    };
    this.store.tx(() => this.audit.record(actor, 'auth.login_failed', 'user', user?.id ?? null, details));
  }

  issue(user: User): { token: string; user: User; expires_at: string } {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
    this.store.tx(() => {
      this.store.users.purgeExpiredSessions(now.toISOString());
      this.store.users.insertSession(hashToken(token), user.id, now.toISOString(), expires);
      this.audit.record(user.user_name, 'auth.login', 'user', user.id);
    });
    return { token, user, expires_at: expires };
  }

  /** The caller behind a bearer token, or an `unauthorized` error. */
  authenticate(token: string | undefined): Caller {
    if (!token) throw new AppError('unauthorized', 'sign in first: no bearer token was sent');
    const tokenHash = hashToken(token);
    const user = this.store.users.sessionUser(tokenHash, this.clock.now().toISOString());
    if (!user) throw new AppError('unauthorized', 'the session expired or was revoked; sign in again');
    return { user, permissions: permissionsOf(user.roles), tokenHash };
  }

  /** The caller behind a token if they hold `permission`; `doing` completes "… lacks the permission p needed to …". */
  authorize(token: string | undefined, permission: Permission, doing: string): Caller {
    const caller = this.authenticate(token);
    if (!caller.permissions.has(permission)) {
      throw new AppError('forbidden', `${caller.user.user_name} lacks the permission ${permission} needed to ${doing}`);
    }
    return caller;
  }

  logout(caller: Caller): void {
    this.store.users.deleteSession(caller.tokenHash);
  }
}
