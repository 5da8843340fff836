import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { splitCredential } from '../../../shared/api/request-signing';
import { permissionsOf, type Permission } from '../../../shared/domain/roles';
import { scopeFor, scopePermissions, type TokenScope } from '../../../shared/domain/tokens';
import type { PasswordChange, User } from '../../../shared/domain/users';
import { passwordRefused, requireAcceptablePassword } from '../domain/password-policy';
import type { Clock } from '../clock';
import { hashPassword, verifyPassword } from '../secrets/passwords';
import type { SecretBox } from '../secrets/secret-box';
import type { Store } from '../store/store';
import type { UserRecord } from '../store/users-repo';
import type { AuditService } from './audit-service';
import { type LoginAttempt, LoginThrottle } from './login-throttle';

const SESSION_HOURS = 12;

/** The API token a caller used, when it was one: the audit names it. */
export interface CallerToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
}

/** Who is calling: resolved once per request from its credential. */
export interface Caller {
  readonly user: User;
  readonly permissions: ReadonlySet<Permission>;
  readonly tokenHash: string;
  /** Set when the caller is a plug-in's API token rather than a signed-in session. */
  readonly token?: CallerToken;
}

/**
 * A key whose request signature the HTTP server verified: the caller proved it holds the key's secret without sending
 * it. A class, so that only code in this process makes one (what crosses IPC is cloned without its prototype).
 */
export class SignedKey {
  constructor(readonly id: string) {}
}

/** A bearer token as sent (`<id>.<secret>`, or a session token from before keys), or a verified signing key. */
export type Credential = string | SignedKey;

/** A key's secret for checking a signature, and who it belongs to. */
interface KeyHolder {
  readonly caller: Caller;
  readonly tokenHash: string;
  readonly sealedSecret: string;
}

/** A new credential: `<id>.<secret>` with 256 random bits of secret. */
export function newCredential(kind: 'tok' | 'ses'): { id: string; token: string } {
  const id = `${kind}_${randomBytes(8).toString('hex')}`;
  return { id, token: `${id}.${randomBytes(32).toString('base64url')}` };
}

/**
 * Stored: SHA-256 of the whole credential. Its secret is 256 random bits, so nobody can search for it from the hash;
 * a slow hash (bcrypt, scrypt) would only cost every request tens of milliseconds without making that any harder.
 */
export const hashCredential = (token: string): string => createHash('sha256').update(token).digest('hex');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * What the audit keeps of a user name that matched no user: its length and 8 hex digits of an HMAC
 * keyed with the console's secret. Repeated guesses of one name can be told apart from others, but
 * a password typed into the name field cannot be recovered from the log by a dictionary.
 */
function unknownName(userName: string, key: Buffer): { name_length: number; name_mac: string } {
  return { name_length: [...userName].length, name_mac: createHmac('sha256', key).update(userName).digest('hex').slice(0, 8) };
}

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
    /** Seals the secrets of credentials: the server needs them to check signatures, the .db file must not give them away. */
    private readonly secrets: SecretBox,
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
    const { id, token } = newCredential('ses');
    const now = this.clock.now();
    const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString();
    const sealedSecret = this.secrets.seal(splitCredential(token)!.secret);
    this.store.tx(() => {
      this.store.users.purgeExpiredSessions(now.toISOString());
      this.store.users.insertSession(hashCredential(token), user.id, now.toISOString(), expires, { id, sealedSecret });
      this.audit.record(user.user_name, 'auth.login', 'user', user.id);
    });
    return { token, user, expires_at: expires };
  }

  /** The caller behind a credential, or a 401 (`unauthorized`, `token_revoked`, `token_expired`). */
  authenticate(credential: Credential | undefined): Caller {
    if (credential instanceof SignedKey) return this.keyHolder(credential.id).caller;
    if (typeof credential !== 'string' || !credential) throw new AppError('unauthorized', 'sign in first: no bearer token was sent');
    const parts = splitCredential(credential);
    if (parts) {
      const holder = this.keyHolder(parts.id);
      if (!sameHash(holder.tokenHash, hashCredential(credential))) throw new AppError('unauthorized', 'the token is not valid; sign in again or use the token as it was shown');
      return holder.caller;
    }
    const tokenHash = hashCredential(credential);
    const user = this.store.users.sessionUser(tokenHash, this.clock.now().toISOString());
    if (!user) throw new AppError('unauthorized', 'the session expired or was revoked; sign in again');
    return { user, permissions: permissionsOf(user.roles), tokenHash };
  }

  /** The secret a request signed with key `id` must have used, or a 401 as for the key itself. */
  signingSecret(id: string): string {
    return this.secrets.open(this.keyHolder(id).sealedSecret);
  }

  /**
   * The caller behind a credential if they hold `permission`; `doing` completes "… lacks the permission p needed to …".
   * `personOnly`: an API token is refused whatever it holds (a plug-in never decides a change request).
   */
  authorize(credential: Credential | undefined, permission: Permission, doing: string, personOnly = false): Caller {
    const caller = this.authenticate(credential);
    if (personOnly && caller.token) throw this.tokenRefused(caller.user.user_name, caller.token, `API tokens never ${doing}: that takes a person signed in`, { person_only: true });
    if (!caller.permissions.has(permission)) throw this.refusal(caller, permission, doing);
    return caller;
  }

  /**
   * A use of an API token: its last use is kept (to the minute), and a request that may change state is audited with
   * the token's name before it runs. Reads are not audited: plug-ins poll, and a chain kept forever would fill with
   * reads that change nothing; the last use shows a token is alive.
   */
  noteTokenUse(caller: Caller, operation: string, changesState: boolean): void {
    if (!caller.token) return;
    const now = this.clock.now();
    const token = caller.token;
    const touch = (): void => this.store.tokens.touch(token.id, now.toISOString(), new Date(now.getTime() - 60_000).toISOString());
    // The audit entry is on the disk before the request acts; a last use alone is not worth waiting for the disk.
    if (changesState) {
      this.store.tx(() => {
        touch();
        this.audit.record(caller.user.user_name, 'token.used', 'token', token.id, { token: token.name, operation });
      });
    } else this.store.txLogs(touch);
  }

  /**
   * Change one's own password. The current password is checked like a sign-in (wrong ones count towards the same lock,
   * so a borrowed session cannot guess it); the user's other sessions end, this one stays. API tokens may not: a
   * plug-in never holds its owner's password.
   */
  async changePassword(caller: Caller, input: PasswordChange, client?: string): Promise<{ ended_sessions: number }> {
    if (caller.token) throw new AppError('forbidden', 'an API token cannot change its owner\'s password; sign in as the user to change it');
    const userName = caller.user.user_name;
    requireAcceptablePassword('new_password', input.new_password, userName);
    if (input.new_password === input.current_password) throw passwordRefused('new_password', 'same_as_current');
    const attempt: LoginAttempt = { userName, client };
    const wait = this.throttle.begin(attempt, this.clock.now().getTime());
    if (wait > 0) throw tooMany(wait);
    let ok = false;
    try {
      const rec = this.store.users.byName(userName);
      ok = rec !== undefined && (await verifyPassword(input.current_password, rec.passwordHash));
    } finally {
      if (ok) this.throttle.succeed(attempt);
      else this.throttle.fail(attempt, this.clock.now().getTime());
    }
    if (!ok) throw passwordRefused('current_password', 'wrong_current');
    const password_hash = await hashPassword(input.new_password);
    return this.store.tx(() => {
      this.store.users.update(caller.user.id, { password_hash }, this.clock.now().toISOString());
      const ended = this.store.users.deleteOtherSessionsOf(caller.user.id, caller.tokenHash);
      this.audit.record(userName, 'user.password_changed', 'user', caller.user.id, { ended_sessions: ended });
      return { ended_sessions: ended };
    });
  }

  logout(caller: Caller): void {
    if (caller.token) {
      const token = caller.token;
      // A plug-in signing out gives its token up: it is revoked, as an admin would.
      this.store.tx(() => {
        if (this.store.tokens.revoke(token.id, caller.user.user_name, this.clock.now().toISOString())) {
          this.audit.record(caller.user.user_name, 'token.revoked', 'token', token.id, { token: token.name, by_itself: true });
        }
      });
      return;
    }
    this.store.users.deleteSession(caller.tokenHash);
  }

  private keyHolder(id: string): KeyHolder {
    const now = this.clock.now().toISOString();
    if (id.startsWith('ses_')) {
      const s = this.store.users.sessionByKey(id, now);
      if (!s) throw new AppError('unauthorized', 'the session expired or was revoked; sign in again');
      return { caller: { user: s.user, permissions: permissionsOf(s.user.roles), tokenHash: s.tokenHash }, tokenHash: s.tokenHash, sealedSecret: s.sealedSecret };
    }
    const rec = id.startsWith('tok_') ? this.store.tokens.get(id) : undefined;
    if (!rec) throw new AppError('unauthorized', `no API token ${id.slice(0, 40)}; create one in Settings → API tokens`);
    const t = rec.token;
    if (t.revoked_at) throw new AppError('token_revoked', `the API token ${t.name} was revoked at ${t.revoked_at} by ${t.revoked_by}; create a new one`);
    if (t.expires_at <= now) throw new AppError('token_expired', `the API token ${t.name} expired at ${t.expires_at}; create a new one`);
    const owner = this.store.users.get(rec.ownerId);
    if (!owner || owner.disabled) throw new AppError('unauthorized', `the API token ${t.name} belongs to ${t.owner}, who is disabled`);
    // Never more than the owner's roles allow today, nor more than the token's scopes.
    const scoped = scopePermissions(t.scopes);
    const permissions = new Set([...permissionsOf(owner.roles)].filter((p) => scoped.has(p)));
    return { caller: { user: owner, permissions, tokenHash: rec.tokenHash, token: { id: t.id, name: t.name, scopes: t.scopes } }, tokenHash: rec.tokenHash, sealedSecret: rec.sealedSecret };
  }

  /** The 403 for a caller without `permission`: a token's names the scope it lacks (and is audited), a user's the permission. */
  private refusal(caller: Caller, permission: Permission, doing: string): AppError {
    const token = caller.token;
    if (!token) return new AppError('forbidden', `${caller.user.user_name} lacks the permission ${permission} needed to ${doing}`);
    const scope = scopeFor(permission);
    const held = scope !== undefined && token.scopes.includes(scope);
    const message = scope === undefined
      ? `API tokens never hold the permission ${permission} needed to ${doing}: that takes a person signed in`
      : held
        ? `${caller.user.user_name}, who owns the API token ${token.name}, lacks the permission ${permission} needed to ${doing}`
        : `the API token ${token.name} lacks the scope ${scope} needed to ${doing}`;
    return this.tokenRefused(caller.user.user_name, token, message, { permission, ...(scope !== undefined ? { scope } : {}) });
  }

  /** A 403 for an API token, audited: the token authenticated, so the attempt is its holder's to answer for. */
  private tokenRefused(owner: string, token: CallerToken, message: string, details: Record<string, unknown>): AppError {
    this.store.tx(() => this.audit.record(owner, 'token.refused', 'token', token.id, { token: token.name, ...details }));
    return new AppError('forbidden', message, details);
  }
}
