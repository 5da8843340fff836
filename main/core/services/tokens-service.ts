import { AppError, notFound } from '../../../shared/api/errors';
import { splitCredential } from '../../../shared/api/request-signing';
import { permissionsOf } from '../../../shared/domain/roles';
import { type ApiToken, scopePermissions, type TokenCreate } from '../../../shared/domain/tokens';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import type { SecretBox } from '../secrets/secret-box';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';
import { hashCredential, newCredential } from './auth-service';

/** API tokens for plug-ins: created by an admin for an owner, shown once, listed without their secret, revoked. */
export class TokensService {
  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly secrets: SecretBox, private readonly clock: Clock) {}

  list(): ApiToken[] {
    return this.store.tokens.list();
  }

  /** A new token for `input.owner` (default: the admin); its secret is in the answer and nowhere else in clear. */
  create(admin: User, input: TokenCreate): { token: ApiToken; secret: string } {
    const owner = input.owner === undefined ? admin : this.store.users.byName(input.owner)?.user;
    if (!owner) throw new AppError('validation', `owner: no user named ${input.owner}`, { fields: [{ field: 'owner', message: `no user named ${input.owner}` }] });
    if (owner.disabled) throw new AppError('validation', `owner: ${owner.user_name} is disabled`, { fields: [{ field: 'owner', message: `${owner.user_name} is disabled` }] });
    // A scope the owner's roles do not grant would be dead weight today and a surprise the day the roles change.
    const held = permissionsOf(owner.roles);
    const beyond = input.scopes.filter((s) => [...scopePermissions([s])].some((p) => !held.has(p)));
    if (beyond.length) {
      const message = `${owner.user_name}'s roles (${owner.roles.join(', ')}) do not grant the scope${beyond.length > 1 ? 's' : ''} ${beyond.join(', ')}`;
      throw new AppError('validation', `scopes: ${message}`, { fields: [{ field: 'scopes', message }] });
    }
    const { id, token } = newCredential('tok');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + input.expires_in_days * 86_400_000).toISOString();
    const sealedSecret = this.secrets.seal(splitCredential(token)!.secret);
    const created = this.store.tx(() => {
      const rec = this.store.tokens.insert({ id, name: input.name, ownerId: owner.id, scopes: input.scopes, tokenHash: hashCredential(token), sealedSecret, createdBy: admin.user_name, expiresAt }, now.toISOString());
      this.audit.record(admin.user_name, 'token.created', 'token', id, { token: input.name, owner: owner.user_name, scopes: input.scopes, expires_at: expiresAt });
      return rec.token;
    });
    return { token: created, secret: token };
  }

  revoke(admin: User, id: string): ApiToken {
    return this.store.tx(() => {
      const rec = this.store.tokens.get(id);
      if (!rec) throw notFound('API token', id);
      if (!this.store.tokens.revoke(id, admin.user_name, this.clock.now().toISOString())) {
        throw new AppError('conflict', `the API token ${rec.token.name} was already revoked at ${rec.token.revoked_at}`);
      }
      this.audit.record(admin.user_name, 'token.revoked', 'token', id, { token: rec.token.name });
      return this.store.tokens.get(id)!.token;
    });
  }
}
