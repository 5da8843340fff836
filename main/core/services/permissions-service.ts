import { AppError } from '../../../shared/api/errors';
import type { User } from '../../../shared/domain/users';
import type { Clock } from '../clock';
import type { HostRow } from '../store/hosts-repo';
import type { Store } from '../store/store';
import type { AuditService } from './audit-service';

/** Roles that may run on any host without a grant. */
const UNRESTRICTED = ['admin', 'dba'];

/** Who may run on which host: admins and DBAs anywhere, others where an approved application granted it, until it expires. */
export class PermissionsService {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store, private readonly audit: AuditService, private readonly clock: Clock) {}

  start(): void {
    this.sweep();
    this.timer = setInterval(() => this.sweep(), 60_000);
    this.timer.unref();
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  /** Throws 403 naming the hosts the user may not run on. */
  requireRun(user: User, hosts: readonly Pick<HostRow, 'id' | 'name'>[]): void {
    if (user.roles.some((r) => UNRESTRICTED.includes(r))) return;
    const granted = this.store.grants.activeHosts(user.user_name, this.clock.now().toISOString());
    const missing = hosts.filter((h) => !granted.has(h.id));
    if (missing.length) {
      throw new AppError('forbidden', `${user.user_name} has no permission to run on ${missing.map((h) => h.name).join(', ')}; apply for it with an apply_permission task`, { hosts: missing.map((h) => h.id) });
    }
  }

  /** Record grants from an approved application. Runs inside the request's transaction. */
  grant(userName: string, hosts: readonly Pick<HostRow, 'id' | 'name'>[], hours: number, requestId: number): void {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + hours * 3_600_000).toISOString();
    for (const h of hosts) this.store.grants.insert(userName, h.id, requestId, now.toISOString(), expires);
    this.audit.record('system', 'permission.granted', 'user', userName, { hosts: hosts.map((h) => h.name), hours, request_id: requestId, expires_at: expires });
  }

  list(userName: string | undefined) {
    return this.store.grants.list(userName, this.clock.now().toISOString()).map((g) => ({ ...g, active: g.active === 1 }));
  }

  /** Expired grants are revoked and audited. */
  sweep(): void {
    this.store.tx(() => {
      for (const g of this.store.grants.lapse(this.clock.now().toISOString())) {
        this.audit.record('system', 'permission.expired', 'user', g.user_name, { host_id: g.host_id, request_id: g.request_id, expired_at: g.expires_at });
      }
    });
  }
}
