import { AppError, notFound } from '../../../shared/api/errors';
import type { User, UserCreate } from '../../../shared/domain/users';
import { UserPrefs, type Language, type UserPrefsPatch } from '../../../shared/domain/user-prefs';
import type { Clock } from '../clock';
import { requireAcceptablePassword } from '../domain/password-policy';
import { hashPassword } from '../secrets/passwords';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import type { EventBus } from '../event-bus';

export interface UserPatch { nick_name?: string; mobile?: string; email?: string | null; password?: string; roles?: string[]; disabled?: boolean }

export class UsersService {
  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly events: EventBus, private readonly clock: Clock) {}

  needsAdmin(): boolean {
    return this.store.users.count() === 0;
  }

  list(): User[] {
    return this.store.users.list();
  }

  async create(actor: string, input: UserCreate): Promise<User> {
    requireAcceptablePassword('password', input.password, input.user_name);
    const hash = await hashPassword(input.password);
    const user = this.store.tx(() => {
      const u = this.store.users.insert({ user_name: input.user_name, nick_name: input.nick_name, mobile: input.mobile, email: input.email ?? null, password_hash: hash, roles: input.roles }, this.now());
      this.audit.record(actor, 'user.created', 'user', u.id, { user_name: u.user_name, roles: u.roles });
      return u;
    });
    this.events.emit('users.changed', { reason: 'created' });
    return user;
  }

  /** First admin: only while no user exists, checked in the same transaction that inserts. */
  async createFirstAdmin(input: Omit<UserCreate, 'roles'>): Promise<User> {
    requireAcceptablePassword('password', input.password, input.user_name);
    const hash = await hashPassword(input.password);
    return this.store.tx(() => {
      if (this.store.users.count() > 0) throw new AppError('conflict', 'an admin already exists; sign in instead');
      const u = this.store.users.insert({ user_name: input.user_name, nick_name: input.nick_name, mobile: input.mobile, email: input.email ?? null, password_hash: hash, roles: ['admin'] }, this.now());
      this.audit.record(u.user_name, 'user.first_admin', 'user', u.id, { user_name: u.user_name });
      return u;
    });
  }

  async update(actor: User, id: number, patch: UserPatch): Promise<User> {
    if (patch.password) requireAcceptablePassword('password', patch.password, this.store.users.get(id)?.user_name ?? '');
    const password_hash = patch.password ? await hashPassword(patch.password) : undefined;
    const user = this.store.tx(() => {
      const before = this.store.users.get(id);
      if (!before) throw notFound('user', id);
      const losesAdmin = before.roles.includes('admin') && ((patch.roles && !patch.roles.includes('admin')) || patch.disabled === true);
      if (losesAdmin && this.store.users.list().filter((u) => u.roles.includes('admin') && !u.disabled).length <= 1) {
        throw new AppError('conflict', 'this is the last enabled admin; make another admin first');
      }
      const { password: _pw, ...rest } = patch;
      const u = this.store.users.update(id, { ...rest, ...(password_hash ? { password_hash } : {}) }, this.now())!;
      if (patch.disabled || password_hash) this.store.users.deleteSessionsOf(id);
      this.audit.record(actor.user_name, 'user.updated', 'user', id, { fields: Object.keys(patch).filter((k) => k !== 'password'), password_changed: Boolean(password_hash) });
      return u;
    });
    this.events.emit('users.changed', { reason: 'updated' });
    return user;
  }

  /** One's own display preferences; stored values a newer or older console wrote fall back to the defaults. */
  prefs(user: User): UserPrefs {
    return this.prefsOf(user.id);
  }

  private prefsOf(id: number): UserPrefs {
    const parsed = UserPrefs.safeParse(this.store.users.prefs(id) ?? {});
    return parsed.success ? parsed.data : UserPrefs.parse({});
  }

  /** The language a user chose to read the console in (the desktop shell's notifications follow it); null: not chosen, or no such user. */
  languageOf(userName: string): Language | null {
    const u = this.store.users.byName(userName);
    return u ? this.prefsOf(u.user.id).language : null;
  }

  /** Change one's own preferences (only the fields given); not audited: they change how the console looks, not what it does. */
  setPrefs(user: User, patch: UserPrefsPatch): UserPrefs {
    return this.store.tx(() => {
      if (!this.store.users.get(user.id)) throw notFound('user', user.id);
      const next = UserPrefs.parse({ ...this.prefs(user), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
      this.store.users.setPrefs(user.id, next);
      return next;
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
