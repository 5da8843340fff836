import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import { permissionsOf, type Permission } from '../../../shared/domain/roles';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import { hashPassword, verifyPassword } from '../secrets/passwords';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';

const SESSION_HOURS = 12;

/** Who is calling: resolved once per request from its token. */
export interface Caller {
  readonly user: User;
  readonly permissions: ReadonlySet<Permission>;
  readonly tokenHash: string;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AuthService {
  // A fixed hash to compare against for unknown users, so timing does not reveal which names exist.
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly clock: Clock) {}

  async login(userName: string, password: string): Promise<{ token: string; user: User; expires_at: string }> {
    const rec = this.store.users.byName(userName);
    this.dummyHash ??= hashPassword(randomBytes(8).toString('hex'));
    const ok = await verifyPassword(password, rec?.passwordHash ?? (await this.dummyHash));
    if (!rec || !ok || rec.user.disabled) {
      this.store.tx(() => this.audit.record(userName, 'auth.login_failed', 'user', rec?.user.id ?? null));
      throw new AppError('unauthorized', 'user name or password is wrong, or the user is disabled');
    }
    return this.issue(rec.user);
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

  logout(caller: Caller): void {
    this.store.users.deleteSession(caller.tokenHash);
  }
}
